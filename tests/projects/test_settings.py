"""Project settings (issue 8 items 2, 3 and the country/zone suggestion of item 8): rename, the
calendar, closures, the committed go-live with each task's baseline, closing and reopening, and
a task's actual dates."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.domain.errors import InvalidInput, StaleWrite
from accord.projects import selectors, settings_services
from accord.projects.access import NotAllowed, ProjectClosed
from accord.projects.models import Project, ProjectTask
from accord.work import services as work_services
from tests.projects.factories import START, TODAY, manager_of, project_made
from tests.work.factories import task

pytestmark = pytest.mark.django_db


@pytest.fixture
def made():
    manager = manager_of()
    return manager.user, project_made(manager)


def _verbs(project: Project) -> list[str]:
    return list(ActivityEntry.objects.filter(project=project).values_list("verb", flat=True))


def _update(actor, project, **values):
    data = {
        "name": project.name,
        "country": project.calendar_country,
        "subdivision": project.calendar_subdivision,
        "time_zone": project.time_zone,
    } | values
    return settings_services.project_settings_update(
        actor=actor, project=project, expected_version=project.version, today=TODAY, **data
    )


def test_rename_and_a_country_by_name_are_saved_and_logged(made):
    actor, project = made
    changed = _update(
        actor, project, name="Acme rollout", country="United States", time_zone="america/new_york"
    )
    changed.refresh_from_db()
    assert (changed.name, changed.calendar_country, changed.time_zone) == (
        "Acme rollout",
        "US",
        "America/New_York",
    )
    assert changed.version == project.version + 1
    assert {Verb.PROJECT_RENAMED, Verb.PROJECT_CALENDAR_CHANGED} <= set(_verbs(project))


def test_an_unknown_country_and_zone_name_their_field_and_the_closest_value(made):
    actor, project = made
    with pytest.raises(InvalidInput) as raised:
        _update(actor, project, country="Untied States", time_zone="Europe/Pariss")
    by_field = {problem.where: problem for problem in raised.value.problems}
    assert "United States (US)" in by_field["country"].message
    assert "Europe/Paris" in by_field["time_zone"].message
    project.refresh_from_db()
    assert project.calendar_country == "FR"


def test_usa_is_understood_as_the_united_states(made):
    actor, project = made
    assert _update(actor, project, country="USA", time_zone="America/Chicago").calendar_country == "US"


def test_a_stale_settings_change_is_refused(made):
    actor, project = made
    with pytest.raises(StaleWrite):
        settings_services.project_settings_update(
            actor=actor, project=project, expected_version=project.version + 5, name="X", country="FR"
        )


def test_a_closure_moves_the_plan_and_can_be_removed(made):
    actor, project = made
    before = ProjectTask.objects.filter(project=project).order_by("-planned_finish").first().planned_finish
    project = settings_services.project_closure_add(
        actor=actor,
        project=project,
        expected_version=project.version,
        start=START,
        end=START + dt.timedelta(days=13),
        label="Freeze",
        today=TODAY,
    )
    after = ProjectTask.objects.filter(project=project).order_by("-planned_finish").first().planned_finish
    assert after > before
    assert project.closures == [{"start": "2026-03-02", "end": "2026-03-15", "label": "Freeze"}]
    project = settings_services.project_closure_remove(
        actor=actor, project=project, expected_version=project.version, index=0, today=TODAY
    )
    assert project.closures == []
    assert sorted(verb for verb in _verbs(project) if verb.startswith("closure.")) == [
        Verb.CLOSURE_ADDED,
        Verb.CLOSURE_REMOVED,
    ]


def test_a_closure_ending_before_it_starts_names_the_last_day(made):
    actor, project = made
    with pytest.raises(InvalidInput) as raised:
        settings_services.project_closure_add(
            actor=actor,
            project=project,
            expected_version=project.version,
            start=START,
            end=START - dt.timedelta(days=1),
        )
    assert raised.value.problems[0].where == "end"


def test_creation_commits_each_tasks_baseline(made):
    _actor, project = made
    rows = list(ProjectTask.objects.filter(project=project))
    assert rows
    assert all(
        (row.baseline_start, row.baseline_finish) == (row.planned_start, row.planned_finish) for row in rows
    )


def test_resetting_the_go_live_needs_a_reason_and_commits_todays_plan(made):
    actor, project = made
    with pytest.raises(InvalidInput) as raised:
        settings_services.project_go_live_reset(
            actor=actor, project=project, expected_version=project.version, reason=" ", today=TODAY
        )
    assert raised.value.problems[0].where == "reason"
    ProjectTask.objects.filter(project=project).update(baseline_start=None, baseline_finish=None)
    project = settings_services.project_go_live_reset(
        actor=actor, project=project, expected_version=project.version, reason="Freeze moved", today=TODAY
    )
    assert project.go_live_baseline == project.go_live_p80
    assert not ProjectTask.objects.filter(project=project, baseline_finish=None).exists()
    entry = ActivityEntry.objects.filter(project=project, verb=Verb.PROJECT_BASELINE_SET).latest("pk")
    assert entry.after["reason"] == "Freeze moved"


def test_a_closed_project_refuses_every_write_until_reopened(made, crew):
    actor, project = made
    closed = settings_services.project_close(
        actor=actor, project=project, expected_version=project.version, reason="Done"
    )
    with pytest.raises(ProjectClosed):
        _update(actor, closed, name="Renamed")
    # The task workflow goes through the same refusal.
    crew_project = crew.project
    settings_services.project_close(
        actor=crew.manager, project=crew_project, expected_version=crew_project.version
    )
    kickoff = task(crew_project, "kickoff")
    with pytest.raises(ProjectClosed):
        work_services.task_transition(
            actor=crew.pm, task=kickoff, action="start", expected_version=kickoff.version
        )
    reopened = settings_services.project_reopen(actor=actor, project=closed, expected_version=closed.version)
    assert reopened.status == Project.Status.ACTIVE
    assert _update(actor, reopened, name="Renamed").name == "Renamed"
    assert Verb.PROJECT_CLOSED in _verbs(project)
    assert Verb.PROJECT_REOPENED in _verbs(project)


def test_closed_projects_leave_the_portfolios_default_list(made):
    actor, project = made
    settings_services.project_close(actor=actor, project=project, expected_version=project.version)
    assert project.pk not in [row.project.pk for row in selectors.portfolio(actor, status="active")]
    response_default = _portfolio_names(actor, "")
    response_all = _portfolio_names(actor, "all")
    assert project.name not in response_default
    assert project.name in response_all


def _portfolio_names(user, status: str) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.get("/projects/", {"status": status} if status else {})
    assert response.status_code == 200
    return response.content.decode()


# -- actual dates -----------------------------------------------------------------------------


def _actual(actor, row, today, **dates):
    return settings_services.task_actual_dates_set(
        actor=actor, task=row, expected_version=row.version, today=today, **dates
    )


def test_the_responsible_gives_an_actual_finish_and_the_plan_follows(crew):
    kickoff = task(crew.project, "kickoff")
    today = crew.project.start_date + dt.timedelta(days=10)
    started = crew.project.start_date + dt.timedelta(days=1)
    changed = _actual(
        crew.pm, kickoff, today, actual_start=started, actual_finish=started + dt.timedelta(days=2)
    )
    changed.refresh_from_db()
    assert (changed.actual_start, changed.actual_finish) == (started, started + dt.timedelta(days=2))
    assert changed.version == kickoff.version + 1
    assert Verb.TASK_ACTUAL_DATES_SET in _verbs(crew.project)


def test_actual_dates_in_the_future_or_before_the_start_are_refused(crew):
    kickoff = task(crew.project, "kickoff")
    today = crew.project.start_date + dt.timedelta(days=10)
    with pytest.raises(InvalidInput) as future:
        _actual(crew.manager, kickoff, today, actual_finish=today + dt.timedelta(days=1))
    assert future.value.problems[0].where == "actual_finish"
    with pytest.raises(InvalidInput) as early:
        _actual(crew.manager, kickoff, today, actual_start=crew.project.start_date - dt.timedelta(days=1))
    assert early.value.problems[0].where == "actual_start"
    kickoff.refresh_from_db()
    assert kickoff.actual_start is None


def test_someone_else_than_the_responsible_or_a_manager_may_not_give_actual_dates(crew):
    kickoff = task(crew.project, "kickoff")  # the customer's IT is Consulted here, not Responsible
    with pytest.raises(NotAllowed):
        _actual(
            crew.it,
            kickoff,
            crew.project.start_date + dt.timedelta(days=3),
            actual_start=crew.project.start_date,
        )


def test_a_task_approved_on_a_sunday_is_never_dated_before_its_work(made):
    _actor, project = made
    sunday = dt.date(2026, 3, 29)
    first = ProjectTask.objects.filter(project=project).order_by("position").first()
    ProjectTask.objects.filter(pk=first.pk).update(status="done", actual_start=sunday, actual_finish=sunday)
    from accord.projects.planning import project_replan

    project_replan(project=project, today=sunday)
    first.refresh_from_db()
    assert first.planned_start >= sunday
    assert first.planned_finish >= sunday
