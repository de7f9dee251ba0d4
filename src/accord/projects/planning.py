"""Plan and re-forecast a project from its playbook copy, its calendar and its tasks' progress.

Two answers come out of one replan (docs/projects.md, "Dates and forecast"):

- **the plan** — each task's planned start and finish (its due date), earliest and latest finish,
  slack and critical path, and the planned go-live. It moves only with what really happened
  (actual starts and finishes), never with the passing of time, so a task whose due date has
  passed without it being done is *late*;
- **the forecast** — go-live P50, P80, P95 and the earliest/latest go-live, re-forecast from
  today: work not done yet can no longer happen in the past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.calendar import WorkingCalendar
from accord.domain.planning import Progress, forecast, plan_from_schedule, schedule
from accord.domain.planning.model import Plan
from accord.domain.time_zones import today_in
from accord.domain.workflow import CLOSED_STATUSES, Status
from accord.projects.models import Project, ProjectTask
from accord.projects.playbook_copy import project_playbook as project_playbook  # its home; kept here too

#: Monte Carlo samples of a replan on the request path. On every built-in playbook and variant
#: the P80 and P95 equal those of 10,000 samples, in a quarter of the time (about 4 ms against
#: 17 ms); a 1,000-task playbook takes 0.3 s against 1.6 s.
REQUEST_PATH_SAMPLES = 2_000
#: A fixed seed: the same project state always gives the same forecast.
FORECAST_SEED = 0
#: Tasks with new dates a "plan.changed" entry lists (it counts them all).
PLAN_CHANGES_LOGGED = 50

#: Statuses of a task someone has started on (the finished ones are the workflow's CLOSED_STATUSES).
STARTED_STATUSES = frozenset({Status.IN_PROGRESS, Status.AWAITING_APPROVAL, Status.BLOCKED})

_PLANNED_FIELDS = (
    "planned_start",
    "planned_finish",
    "finish_earliest",
    "finish_latest",
    "critical",
    "slack_days",
)


def project_today(project: Project) -> dt.date:
    """Today in the project's time zone (UTC when the zone is unknown:
    :func:`accord.domain.time_zones.today_in`). What decides lateness, and the actual dates."""
    return today_in(project.time_zone, timezone.now())


def closures_as_tuples(closures: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, str]]:
    """The stored closures (``{"start", "end", "label"}``) as the calendar takes them."""
    return [(item["start"], item["end"], item.get("label", "")) for item in closures]


def project_calendar(project: Project) -> WorkingCalendar:
    """The working calendar of the project's customer."""
    return WorkingCalendar.create(
        project.calendar_country,
        project.calendar_subdivision or None,
        closures=closures_as_tuples(project.closures),
        timezone=project.time_zone,
    )


def task_progress(task: ProjectTask, today: dt.date) -> Progress | None:
    """What the planner needs to know about one task row, or None for a task not started.

    Done tasks finish on their actual finish (today when it was not recorded). A task marked not
    applicable counts as over on its recorded dates, or today: nothing waits for it any more.
    Started tasks (in progress, awaiting approval, blocked) keep their actual start.
    """
    if task.status in CLOSED_STATUSES:
        finished = task.actual_finish or today
        if task.actual_start is not None and task.actual_start > finished:
            finished = task.actual_start  # never finished before the work started
        return Progress(started=task.actual_start, finished=finished)
    if task.status in STARTED_STATUSES:
        return Progress(started=task.actual_start or today)
    return None


def _plans(project: Project, tasks: list[ProjectTask], today: dt.date, samples: int) -> tuple[Plan, Plan]:
    playbook = project_playbook(project)
    calendar = project_calendar(project)
    actuals = {task.key: progress for task in tasks if (progress := task_progress(task, today)) is not None}
    variant = project.variant or None
    due = schedule(playbook, start=project.start_date, calendar=calendar, variant=variant, actuals=actuals)
    # The plan's percentiles are not used: the forecast below is the one that counts.
    plan = plan_from_schedule(due, (due.go_live,) * 3)
    realistic = schedule(
        due.network, start=project.start_date, calendar=calendar, actuals=actuals, today=today
    )
    outlook = plan_from_schedule(realistic, forecast(realistic, samples=samples, seed=FORECAST_SEED))
    return plan, outlook


def _task_dates(start: dt.date | None, finish: dt.date | None) -> dict[str, str | None]:
    return {
        "planned_start": start.isoformat() if start else None,
        "planned_finish": finish.isoformat() if finish else None,
    }


def _dates(project: Project) -> dict[str, str | None]:
    return {
        name: value.isoformat() if value else None
        for name in ("go_live_planned", "go_live_p50", "go_live_p80", "go_live_p95")
        for value in [getattr(project, name)]
    }


def commit_task_baselines(project: Project) -> int:
    """Keep each task's planned dates as its baseline: what the committed go-live was made of
    (the Gantt draws it under the plan). Returns how many tasks it wrote; one query."""
    return ProjectTask.objects.filter(project=project).update(
        baseline_start=F("planned_start"), baseline_finish=F("planned_finish")
    )


@transaction.atomic
def project_replan(
    *, project: Project, today: dt.date | None = None, samples: int = REQUEST_PATH_SAMPLES
) -> Project:
    """Plan ``project`` again from its tasks' progress and write the dates back.

    Writes each task's planned dates, earliest/latest finish, critical flag and slack (only rows
    that changed, in one bulk update), and the project's planned go-live and forecast. Sets the
    committed go-live (baseline) to the P80 forecast the first time. Records "forecast.moved" in
    the activity log when the planned go-live or the P80 moves, and "plan.changed" when a planned
    project's tasks get new planned dates. ``today`` defaults to today in
    the project's time zone. Task versions do not change: dates are derived, not edited.
    """
    # Lock the project: two replans of one project run one after the other, never interleaved.
    project = Project.objects.select_for_update().get(pk=project.pk)
    tasks = list(ProjectTask.objects.filter(project=project).order_by("position"))
    today = today or project_today(project)
    plan, outlook = _plans(project, tasks, today, samples)

    planned = {task.key: task for task in plan.tasks}
    changed = []
    # Tasks whose planned start or finish moved: {key: (before, after)}, for "plan.changed".
    moved_dates: dict[str, tuple[dict[str, str | None], dict[str, str | None]]] = {}
    for task in tasks:
        dates = planned[task.key]
        if (task.planned_start, task.planned_finish) != (dates.start, dates.finish):
            moved_dates[task.key] = (
                _task_dates(task.planned_start, task.planned_finish),
                _task_dates(dates.start, dates.finish),
            )
        values = {
            "planned_start": dates.start,
            "planned_finish": dates.finish,
            "finish_earliest": dates.finish_earliest,
            "finish_latest": dates.finish_latest,
            "critical": dates.critical,
            "slack_days": dates.slack_days,
        }
        if any(getattr(task, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(task, name, value)
            changed.append(task)
    if changed:
        ProjectTask.objects.bulk_update(changed, _PLANNED_FIELDS, batch_size=500)

    before = _dates(project)
    go_live = outlook.go_live
    project.go_live_planned = plan.go_live.planned
    project.go_live_earliest = go_live.earliest
    project.go_live_latest = go_live.latest
    project.go_live_p50 = go_live.p50
    project.go_live_p80 = go_live.p80
    project.go_live_p95 = go_live.p95
    project.forecast_at = timezone.now()
    if project.go_live_baseline is None:
        project.go_live_baseline = go_live.p80
        commit_task_baselines(project)
    project.save(
        update_fields=[
            "go_live_planned",
            "go_live_earliest",
            "go_live_latest",
            "go_live_p50",
            "go_live_p80",
            "go_live_p95",
            "forecast_at",
            "go_live_baseline",
        ]
    )
    after = _dates(project)
    moved = before["go_live_p80"] is not None and (
        before["go_live_planned"] != after["go_live_planned"] or before["go_live_p80"] != after["go_live_p80"]
    )
    if moved_dates and before["go_live_planned"] is not None:
        # The first plan (at creation) is no change; later ones with new dates are.
        listed = list(moved_dates.items())[:PLAN_CHANGES_LOGGED]
        activity_record(
            actor=None,
            project=project,
            verb=Verb.PLAN_CHANGED,
            target_type="project",
            target_key=str(project.pk),
            summary=f"{len(moved_dates)} tasks with new dates",
            before={"go_live_planned": before["go_live_planned"], "tasks": {k: v[0] for k, v in listed}},
            after={
                "go_live_planned": after["go_live_planned"],
                "tasks": {k: v[1] for k, v in listed},
                "count": len(moved_dates),
            },
        )
    if moved:
        activity_record(
            actor=None,
            project=project,
            verb=Verb.FORECAST_MOVED,
            target_type="project",
            target_key=str(project.pk),
            summary=f"go-live P80 {before['go_live_p80']} -> {after['go_live_p80']}",
            before=before,
            after=after,
        )
    return project
