import pytest

from accord.activity import selectors, services
from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.domain.errors import NotFound
from accord.projects.selectors import project_for
from tests.accounts.factories import UserFactory


def test_activity_record_writes_one_entry_in_the_projects_workspace(crew):
    entry = services.activity_record(
        actor=crew.pm,
        project=crew.project,
        verb=Verb.TASK_STARTED,
        target_type="task",
        target_key="kickoff",
        summary="x" * 600,
        before={"status": "not_started"},
        after={"status": "in_progress"},
    )
    stored = ActivityEntry.objects.get()
    assert stored == entry
    assert (stored.workspace_id, stored.project, stored.actor) == (
        crew.project.workspace_id,
        crew.project,
        crew.pm,
    )
    assert (stored.before, stored.after) == ({"status": "not_started"}, {"status": "in_progress"})
    assert len(stored.summary) == 500


def test_the_system_may_act_without_a_person(crew):
    assert services.activity_record(actor=None, project=crew.project, verb=Verb.FORECAST_MOVED).actor is None


def test_a_verb_that_is_not_a_verb_is_refused(crew):
    with pytest.raises(ValueError, match=r"project\.replanned"):
        services.activity_record(actor=None, project=crew.project, verb="project.replanned")
    assert not ActivityEntry.objects.exists()


def test_a_change_outside_any_project_is_recorded_in_its_workspace(crew):
    entry = services.activity_record(
        actor=crew.manager, workspace_id=crew.project.workspace_id, verb=Verb.PLAYBOOK_UPLOADED
    )
    assert (entry.workspace_id, entry.project_id, entry.verb) == (
        crew.project.workspace_id,
        None,
        "playbook.uploaded",
    )


def test_project_activity_is_newest_first_limited_and_scoped(crew, django_assert_max_num_queries):
    verbs = list(Verb)[:5]
    for verb in verbs:
        services.activity_record(actor=crew.pm, project=crew.project, verb=verb)
    with django_assert_max_num_queries(3):
        entries = selectors.project_activity(project_for(crew.tpa, crew.project.pk), limit=3)
        names = [entry.actor.get_full_name() for entry in entries]
    assert [entry.verb for entry in entries] == verbs[:1:-1]
    assert names == [crew.pm.get_full_name()] * 3
    # The access rule is the projects app's: someone who may not see the project never gets it.
    with pytest.raises(NotFound):
        project_for(UserFactory(), crew.project.pk)


def test_project_activity_takes_a_fixed_number_of_queries(crew, django_assert_max_num_queries):
    for round_size in (3, 40):
        ActivityEntry.objects.bulk_create(
            ActivityEntry(
                workspace=crew.project.workspace, project=crew.project, actor=crew.pm, verb=Verb.COMMENT_ADDED
            )
            for _ in range(round_size)
        )
        with django_assert_max_num_queries(3):
            entries = selectors.project_activity(crew.project)
            [entry.actor.email for entry in entries]
    assert len(entries) == 43
