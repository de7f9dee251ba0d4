"""The demo's Invoice Cloud integration shows the project settings: a go-live reset with its
reason, then a freeze (a closure) that moved the plan past that commitment, so baseline and plan
differ on the Gantt; and a finished task given its actual dates after the fact. Each once."""

import pytest

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.demo.builder import demo_build
from accord.demo.project_settings import FINISHED_TASK, FREEZE_LABEL, PLAYBOOK, RESET_REASON
from accord.projects.gantt import task_baselines
from accord.projects.models import Project, ProjectTask


@pytest.fixture
def build(db, django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return demo_build()

    return run


def test_the_demo_shows_a_reset_a_freeze_and_actual_dates_once(build):
    build()
    project = Project.objects.get(playbook_key=PLAYBOOK)
    reset = ActivityEntry.objects.get(project=project, verb=Verb.PROJECT_BASELINE_SET)
    assert reset.after["reason"] == RESET_REASON
    assert [closure["label"] for closure in project.closures] == [FREEZE_LABEL]
    # The freeze came after the commitment: the plan now finishes later than its baseline.
    assert project.go_live_planned > project.go_live_baseline
    baselines = task_baselines(project)
    moved = [
        row
        for row in ProjectTask.objects.filter(project=project)
        if row.key in baselines and row.planned_finish != baselines[row.key][1]
    ]
    assert moved
    finished = ProjectTask.objects.get(project=project, key=FINISHED_TASK)
    assert finished.status == "done"
    assert finished.actual_finish < finished.updated_at.date()
    assert finished.actual_start <= finished.actual_finish
    version = project.version

    build()
    assert Project.objects.get(pk=project.pk).version == version
    assert ActivityEntry.objects.filter(project=project, verb=Verb.PROJECT_BASELINE_SET).count() == 1
    assert ActivityEntry.objects.filter(project=project, verb=Verb.TASK_ACTUAL_DATES_SET).count() == 1
