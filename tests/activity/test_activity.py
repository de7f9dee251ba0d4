import pytest
from django.http import Http404

from accord.activity import selectors, services
from accord.activity.models import ActivityEntry
from tests.accounts.factories import UserFactory


def test_activity_record_writes_one_entry_in_the_projects_workspace(crew):
    entry = services.activity_record(
        actor=crew.pm,
        project=crew.project,
        verb="task.started",
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
    assert services.activity_record(actor=None, project=crew.project, verb="project.replanned").actor is None


def test_project_activity_is_newest_first_limited_and_scoped(crew, django_assert_max_num_queries):
    for number in range(5):
        services.activity_record(actor=crew.pm, project=crew.project, verb=f"v{number}")
    with django_assert_max_num_queries(3):
        entries = selectors.project_activity(crew.tpa, crew.project.pk, limit=3)
        names = [entry.actor.get_full_name() for entry in entries]
    assert [entry.verb for entry in entries] == ["v4", "v3", "v2"]
    assert names == [crew.pm.get_full_name()] * 3
    with pytest.raises(Http404):
        selectors.project_activity(UserFactory(), crew.project.pk)


def test_project_activity_takes_a_fixed_number_of_queries(crew, django_assert_max_num_queries):
    for round_size in (3, 40):
        ActivityEntry.objects.bulk_create(
            ActivityEntry(workspace=crew.project.workspace, project=crew.project, actor=crew.pm, verb="v")
            for _ in range(round_size)
        )
        with django_assert_max_num_queries(3):
            entries = selectors.project_activity(crew.manager, crew.project.pk)
            [entry.actor.email for entry in entries]
    assert len(entries) == 43
