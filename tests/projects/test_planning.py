import datetime as dt

import pytest

from accord.activity.models import ActivityEntry
from accord.domain.planning import Progress, plan_playbook
from accord.playbooks import builtin_playbook
from accord.projects import planning
from accord.projects.models import Project, ProjectTask, TaskStatus
from tests.projects.factories import START, TODAY, manager_of, playbook_of_size, project_made

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return project_made(manager_of(), "invoicecloud-integration", country="US")


def rows(project):
    return {row.key: row for row in ProjectTask.objects.filter(project=project)}


def test_replan_writes_the_dates_plan_playbook_gives(project):
    calendar = planning.project_calendar(project)
    playbook = builtin_playbook("invoicecloud-integration")
    plan = plan_playbook(playbook, start=START, calendar=calendar)
    stored = rows(project)
    for task in plan.tasks:
        row = stored[task.key]
        assert (row.planned_start, row.planned_finish) == (task.start, task.finish)
        assert (row.finish_earliest, row.finish_latest) == (task.finish_earliest, task.finish_latest)
        assert (row.critical, row.slack_days) == (task.critical, task.slack_days)
    forecast = plan_playbook(
        playbook, start=START, calendar=calendar, today=TODAY, samples=planning.REQUEST_PATH_SAMPLES
    ).go_live
    assert project.go_live_planned == plan.go_live.planned
    assert (project.go_live_p50, project.go_live_p80, project.go_live_p95) == (
        forecast.p50,
        forecast.p80,
        forecast.p95,
    )
    assert (project.go_live_earliest, project.go_live_latest) == (forecast.earliest, forecast.latest)


def finish(project, key, on, started=None):
    ProjectTask.objects.filter(project=project, key=key).update(
        status=TaskStatus.DONE, actual_finish=on, actual_start=started
    )


def test_a_task_that_finishes_late_moves_the_go_live(project):
    before = Project.objects.get(pk=project.pk)
    first = ProjectTask.objects.filter(project=project, critical=True).order_by("position").first()
    calendar = planning.project_calendar(project)
    late_finish = calendar.add_business_days(first.planned_finish, 10)
    finish(project, first.key, late_finish, started=first.planned_start)

    after = planning.project_replan(project=project, today=late_finish)

    assert after.go_live_planned == calendar.add_business_days(before.go_live_planned, 10)
    assert after.go_live_p80 > before.go_live_p80
    entry = ActivityEntry.objects.get(project=project, verb="forecast.moved")
    assert entry.before["go_live_planned"] == before.go_live_planned.isoformat()
    assert entry.after["go_live_planned"] == after.go_live_planned.isoformat()
    # The committed go-live stays: health can now say the project slipped.
    assert after.go_live_baseline == before.go_live_baseline


def test_due_dates_do_not_move_with_the_passing_of_time_but_the_forecast_does(project):
    before = rows(project)
    later = dt.date(2026, 12, 1)
    after_project = planning.project_replan(project=project, today=later)
    after = rows(project)
    assert {key: row.planned_finish for key, row in after.items()} == {
        key: row.planned_finish for key, row in before.items()
    }
    # Nothing is done on 1 December: the forecast can no longer go live before it.
    assert after_project.go_live_p50 >= later
    assert after_project.go_live_planned < later


def test_a_replan_with_nothing_new_writes_no_task_and_logs_nothing(project, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):  # savepoint, lock, tasks, project update, release
        planning.project_replan(project=project, today=TODAY)
    assert not ActivityEntry.objects.filter(verb="forecast.moved").exists()


def test_replan_queries_do_not_grow_with_the_number_of_tasks(django_assert_max_num_queries):
    manager = manager_of()
    for size in (20, 400):
        project = project_made(manager, playbook_of_size(size), name=f"p{size}")
        ProjectTask.objects.filter(project=project).update(planned_finish=None)
        # 6, and 3 for the "plan.changed" entry (savepoint, insert, release): every date moved.
        with django_assert_max_num_queries(9):
            planning.project_replan(project=project, today=TODAY)
        assert not ProjectTask.objects.filter(project=project, planned_finish__isnull=True).exists()


@pytest.mark.parametrize(
    ("status", "started", "finished", "expected"),
    [
        (TaskStatus.NOT_STARTED, None, None, None),
        (
            TaskStatus.DONE,
            dt.date(2026, 3, 2),
            dt.date(2026, 3, 4),
            Progress(dt.date(2026, 3, 2), dt.date(2026, 3, 4)),
        ),
        (TaskStatus.DONE, None, None, Progress(None, TODAY)),
        # A finish recorded before the start counts as the start: never before the work.
        (
            TaskStatus.DONE,
            dt.date(2026, 3, 9),
            dt.date(2026, 3, 4),
            Progress(dt.date(2026, 3, 9), dt.date(2026, 3, 9)),
        ),
        (TaskStatus.NOT_APPLICABLE, None, None, Progress(None, TODAY)),
        (TaskStatus.IN_PROGRESS, dt.date(2026, 2, 20), None, Progress(started=dt.date(2026, 2, 20))),
        (TaskStatus.AWAITING_APPROVAL, None, None, Progress(started=TODAY)),
        (TaskStatus.BLOCKED, dt.date(2026, 2, 25), None, Progress(started=dt.date(2026, 2, 25))),
    ],
)
def test_task_rows_become_progress(status, started, finished, expected):
    row = ProjectTask(status=status, actual_start=started, actual_finish=finished)
    assert planning.task_progress(row, TODAY) == expected
