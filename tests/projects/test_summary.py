"""The portfolio's per-project summary (accord.projects.summary): kept up to date by every change,
equal to a recount, and read by the portfolio whatever the number of tasks."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.domain.workflow import CLOSED_STATUSES, WorkflowError
from accord.projects.models import ProjectSummary, ProjectTask
from accord.projects.selectors import portfolio
from accord.projects.summary import summaries_refresh
from accord.work import services as work_services
from tests.projects.factories import manager_of, playbook_of_size, project_made

ACTIONS = (
    "start",
    "submit",
    "approve",
    "send_back",
    "block",
    "unblock",
    "reopen",
    "mark_not_applicable",
    "restore",
)


def recount(project, today):
    """The figures counted by hand from the project's tasks: what the summary must equal."""
    tasks = list(ProjectTask.objects.filter(project=project).order_by("position"))
    open_tasks = [task for task in tasks if task.status not in CLOSED_STATUSES]
    late = [task for task in open_tasks if task.planned_finish and task.planned_finish < today]
    return {
        "total_tasks": len(tasks),
        "finished_tasks": len(tasks) - len(open_tasks),
        "current_phase": open_tasks[0].phase_name if open_tasks else "",
        "late_tasks": len(late),
        "late_critical_tasks": sum(task.critical for task in late),
    }


def stored(project):
    summary = ProjectSummary.objects.get(project=project)
    return {name: getattr(summary, name) for name in recount(project, timezone.localdate())}


def shown(user, project, today):
    [row] = [row for row in portfolio(user, today=today) if row.project.pk == project.pk]
    return {
        "total_tasks": row.total_tasks,
        "finished_tasks": row.finished_tasks,
        "current_phase": row.current_phase,
        "late_tasks": row.late_tasks,
    }


def test_a_change_to_a_task_refreshes_the_summary_after_commit(db, django_capture_on_commit_callbacks):
    manager = manager_of()
    with django_capture_on_commit_callbacks(execute=True):
        project = project_made(manager, playbook_of_size(12))
    assert stored(project) == recount(project, timezone.localdate())
    first = ProjectTask.objects.filter(project=project).order_by("position").first()
    with django_capture_on_commit_callbacks(execute=True):
        work_services.task_transition(
            actor=manager.user, task=first, action="mark_not_applicable", expected_version=first.version
        )
    assert stored(project)["finished_tasks"] == 1
    assert stored(project) == recount(project, timezone.localdate())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    moves=st.lists(st.tuples(st.integers(0, 11), st.sampled_from(ACTIONS)), max_size=12),
    shift=st.integers(-40, 80),
)
def test_the_summary_equals_a_recount_after_any_changes(db, django_capture_on_commit_callbacks, moves, shift):
    manager = manager_of()
    with django_capture_on_commit_callbacks(execute=True):
        project = project_made(manager, playbook_of_size(12))
        tasks = list(ProjectTask.objects.filter(project=project).order_by("position"))
        ProjectTask.objects.filter(pk=tasks[3].pk).update(critical=True)
    for index, action in moves:
        task = ProjectTask.objects.get(pk=tasks[index].pk)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                work_services.task_transition(
                    actor=manager.user, task=task, action=action, expected_version=task.version, reason="why"
                )
        except WorkflowError:
            continue  # a move the workflow refuses changes nothing
    today = timezone.localdate()
    assert stored(project) == recount(project, today)
    # On any other day the portfolio shows the counts of that day (late tasks move with the days).
    other_day = today + dt.timedelta(days=shift)
    expected = recount(project, other_day)
    del expected["late_critical_tasks"]
    assert shown(manager.user, project, other_day) == expected


@pytest.mark.parametrize("size", [5, 60])
def test_the_portfolio_reads_summaries_not_tasks(db, size, django_assert_max_num_queries):
    manager = manager_of()
    projects = [project_made(manager, playbook_of_size(size), name=f"P{number}") for number in range(3)]
    summaries_refresh([project.pk for project in projects])
    with django_assert_max_num_queries(2) as captured:
        rows = portfolio(manager.user)
    assert [row.total_tasks for row in rows] == [size] * 3
    assert not any("work_projecttask" in query["sql"] for query in captured.captured_queries)


def test_the_portfolio_counts_projects_without_a_summary(db):
    manager = manager_of()
    project = project_made(manager, playbook_of_size(7))
    ProjectSummary.objects.filter(project=project).delete()
    [row] = portfolio(manager.user)
    assert (row.total_tasks, row.finished_tasks) == (7, 0)
