"""The demo's project settings: on the stalled Invoice Cloud integration the manager committed
again to the latest forecast (with the reason), then Globex announced a billing freeze, a closure
that moved the plan past that commitment, so the Gantt shows each task's baseline apart from its
bar; and the finished design review was given its real dates after the fact ("it finished last
Tuesday"). Made through the real services (accord.projects.settings_services), each once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.projects import settings_services
from accord.projects.models import Project, ProjectTask

PLAYBOOK = "invoicecloud-integration"
RESET_REASON = (
    "The design review waits for Globex's fee model: we commit to the latest forecast rather than "
    "keep a date nobody believes."
)
FREEZE_LABEL = "Globex billing freeze (quarter-end close)"
FINISHED_TASK = "design-review-participation"


def project_settings_demo(projects: Iterable[Project], *, manager: User, today: dt.date) -> bool:
    """Make the demo's go-live reset, closure and actual dates, each once; True when something
    was made."""
    made = False
    for project in projects:
        if project.playbook_key != PLAYBOOK:
            continue
        made |= _go_live_reset(project, manager=manager, today=today)
        made |= _freeze(project, manager=manager, today=today)
        made |= _actual_dates(project, manager=manager, today=today)
    return made


def _go_live_reset(project: Project, *, manager: User, today: dt.date) -> bool:
    if ActivityEntry.objects.filter(project=project, verb=Verb.PROJECT_BASELINE_SET).exists():
        return False
    project = Project.objects.get(pk=project.pk)
    settings_services.project_go_live_reset(
        actor=manager, project=project, expected_version=project.version, reason=RESET_REASON, today=today
    )
    return True


def _freeze(project: Project, *, manager: User, today: dt.date) -> bool:
    project = Project.objects.get(pk=project.pk)
    if any(closure.get("label") == FREEZE_LABEL for closure in project.closures):
        return False
    # Monday to Sunday, the week after next: always ahead of the remaining work, whatever today.
    start = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=2)
    settings_services.project_closure_add(
        actor=manager,
        project=project,
        expected_version=project.version,
        start=start,
        end=start + dt.timedelta(days=6),
        label=FREEZE_LABEL,
        today=today,
    )
    return True


def _actual_dates(project: Project, *, manager: User, today: dt.date) -> bool:
    task = ProjectTask.objects.filter(project=project, key=FINISHED_TASK, status="done").first()
    if (
        task is None
        or ActivityEntry.objects.filter(
            project=project, verb=Verb.TASK_ACTUAL_DATES_SET, target_key=task.key
        ).exists()
    ):
        return False
    last_tuesday = today - dt.timedelta(days=today.weekday() + 6)
    finish = max(last_tuesday, project.start_date)
    start = max(finish - dt.timedelta(days=6), project.start_date)
    settings_services.task_actual_dates_set(
        actor=manager,
        task=task,
        expected_version=task.version,
        actual_start=start,
        actual_finish=finish,
        today=today,
    )
    return True
