"""The demo's SocialTalent onboarding has its learner launch marked as the go-live and a task
added before it, through the plan services (so the activity shows both), once."""

import pytest

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.demo.builder import demo_build
from accord.demo.plan import ADDED_NAME, LEARNER_LAUNCH, PLAYBOOK
from accord.projects import plan_services
from accord.projects.models import Project, ProjectTask


@pytest.fixture
def build(db, django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return demo_build()

    return run


def test_the_learner_launch_is_the_go_live_and_a_task_was_added_once(build):
    build()
    project = Project.objects.get(playbook_key=PLAYBOOK)
    assert plan_services.go_live_key(project) == LEARNER_LAUNCH
    launch = ProjectTask.objects.get(project=project, key=LEARNER_LAUNCH)
    assert project.go_live_planned == launch.planned_finish
    added = ProjectTask.objects.get(project=project, name=ADDED_NAME)
    assert added.position == launch.position - 1
    verbs = set(ActivityEntry.objects.filter(project=project).values_list("verb", flat=True))
    assert {Verb.PLAN_GO_LIVE_MARKED, Verb.PLAN_TASK_ADDED} <= verbs
    version = project.version

    build()
    assert Project.objects.get(pk=project.pk).version == version
    assert ProjectTask.objects.filter(project=project, name=ADDED_NAME).count() == 1
