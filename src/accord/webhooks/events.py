"""Which webhook events a committed activity entry makes, and what each one says.

Every event is read from the entry and from the rows it names, so that reading one entry twice
(the consumer after commit, then the sweep catching up) gives the same events: see
docs/webhooks.md for the catalogue and the payloads. Payloads name people by id and name only,
never by e-mail address, and carry absolute links to Accord's pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.urls import reverse

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.domain.workflow import CLOSED_STATUSES, Status
from accord.projects.models import Project, ProjectTask
from accord.webhooks.models import EventType

#: Every verb of the task workflow (one per action of accord.domain.workflow).
WORKFLOW_VERBS = frozenset(
    {
        Verb.TASK_STARTED,
        Verb.TASK_SUBMITTED,
        Verb.TASK_APPROVED,
        Verb.TASK_SENT_BACK,
        Verb.TASK_BLOCKED,
        Verb.TASK_UNBLOCKED,
        Verb.TASK_REOPENED,
        Verb.TASK_NOT_APPLICABLE,
        Verb.TASK_RESTORED,
    }
)
#: Verbs that can make an event at all (anything else is skipped without a query).
EVENT_VERBS = WORKFLOW_VERBS | {Verb.PROJECT_CREATED, Verb.PLAN_CHANGED, Verb.FORECAST_MOVED}
#: Changed tasks listed in a plan.changed payload (the count says how many there were in all).
PLAN_TASKS_LISTED = 50


def possible_types(entry: ActivityEntry) -> set[EventType]:
    """The event types ``entry`` may make, read from its verb alone (no query)."""
    verb = entry.verb
    if verb == Verb.PROJECT_CREATED:
        return {EventType.PROJECT_CREATED}
    if verb == Verb.PLAN_CHANGED:
        return {EventType.PLAN_CHANGED}
    if verb == Verb.FORECAST_MOVED:
        return {EventType.GO_LIVE_MOVED}
    if verb in WORKFLOW_VERBS:
        types = {EventType.TASK_STATUS_CHANGED, EventType.PHASE_COMPLETED}
        if verb == Verb.TASK_APPROVED:
            types.add(EventType.TASK_APPROVED)
        if verb == Verb.TASK_SENT_BACK:
            types.add(EventType.TASK_SENT_BACK)
        return types
    return set()


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _link(name: str, **kwargs: int) -> str:
    return f"{settings.ACCORD_BASE_URL}{reverse(name, kwargs=kwargs)}"


def _actor(entry: ActivityEntry) -> dict[str, Any] | None:
    actor = entry.actor
    if actor is None:
        return None
    return {"id": actor.pk, "name": actor.get_full_name()}


def _project(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "name": project.name,
        "status": project.status,
        "customer": {"id": project.customer_id, "name": project.customer.name},
    }


def _go_live(project: Project) -> dict[str, str | None]:
    return {
        "planned": _iso(project.go_live_planned),
        "p50": _iso(project.go_live_p50),
        "p80": _iso(project.go_live_p80),
        "p95": _iso(project.go_live_p95),
        "committed": _iso(project.go_live_baseline),
    }


def _task(task: ProjectTask) -> dict[str, Any]:
    return {
        "id": task.pk,
        "key": task.key,
        "name": task.name,
        "phase": {"key": task.phase_key, "name": task.phase_name},
        "milestone": task.milestone,
        "status": task.status,
        "planned_start": _iso(task.planned_start),
        "planned_finish": _iso(task.planned_finish),
        "actual_start": _iso(task.actual_start),
        "actual_finish": _iso(task.actual_finish),
    }


def _common(entry: ActivityEntry, project: Project) -> dict[str, Any]:
    return {
        "workspace": {"id": project.workspace_id},
        "project": _project(project),
        "actor": _actor(entry),
        "activity": {"id": entry.pk, "verb": entry.verb},
        "links": {
            "project": _link("projects:overview", project_id=project.pk),
            "board": _link("work:board", project_id=project.pk),
        },
    }


def _status_at_entry(entry: ActivityEntry, project_id: int, tasks: list[ProjectTask]) -> dict[str, str]:
    """Each task's status just after ``entry``: a later move of the same task (committed with it
    or after it) says in its ``before`` what the status was then; otherwise it is today's."""
    statuses = {task.key: task.status for task in tasks}
    later = (
        ActivityEntry.objects.filter(
            project_id=project_id,
            pk__gt=entry.pk,
            target_type="task",
            target_key__in=list(statuses),
            verb__in=[verb.value for verb in WORKFLOW_VERBS],
        )
        .order_by("pk")
        .values_list("target_key", "before")
    )
    seen: set[str] = set()
    for key, before in later:
        if key not in seen:
            seen.add(key)
            statuses[key] = str(_dict(before).get("status") or statuses[key])
    statuses[entry.target_key] = str(_dict(entry.after).get("status") or statuses.get(entry.target_key))
    return statuses


def _phase_completed(entry: ActivityEntry, task: ProjectTask) -> dict[str, Any] | None:
    """The phase.completed data when this move finished the task's phase, else None: after it
    every task of the phase is done or not applicable, and before it the moved task was not."""
    before_status = _dict(entry.before).get("status")
    after_status = _dict(entry.after).get("status")
    if after_status not in CLOSED_STATUSES or before_status in CLOSED_STATUSES:
        return None
    phase_tasks = list(ProjectTask.objects.filter(project_id=task.project_id, phase_key=task.phase_key))
    statuses = _status_at_entry(entry, task.project_id, phase_tasks)
    if any(status not in CLOSED_STATUSES for status in statuses.values()):
        return None
    counted = list(statuses.values())
    return {
        "phase": {
            "key": task.phase_key,
            "name": task.phase_name,
            "task_count": len(counted),
            "done_count": counted.count(Status.DONE.value),
            "not_applicable_count": counted.count(Status.NOT_APPLICABLE.value),
        },
        "completed_by": {"id": task.pk, "key": task.key, "name": task.name},
    }


def _task_events(
    entry: ActivityEntry, project: Project, wanted: set[EventType]
) -> dict[EventType, dict[str, Any]]:
    task = ProjectTask.objects.filter(project=project, key=entry.target_key).first()
    if task is None:
        return {}
    before, after = _dict(entry.before), _dict(entry.after)
    common = _common(entry, project)
    common["links"]["task"] = _link("work:task", project_id=project.pk, task_id=task.pk)
    moved = {
        **common,
        "task": _task(task) | {"status": after.get("status") or task.status},
        "status": {"from": before.get("status"), "to": after.get("status")},
        "action": entry.verb.removeprefix("task."),
        "reason": str(after.get("reason") or ""),
    }
    events: dict[EventType, dict[str, Any]] = {}
    if EventType.TASK_STATUS_CHANGED in wanted:
        events[EventType.TASK_STATUS_CHANGED] = moved
    if entry.verb == Verb.TASK_APPROVED and EventType.TASK_APPROVED in wanted:
        events[EventType.TASK_APPROVED] = moved
    if entry.verb == Verb.TASK_SENT_BACK and EventType.TASK_SENT_BACK in wanted:
        events[EventType.TASK_SENT_BACK] = moved
    if EventType.PHASE_COMPLETED in wanted and (phase := _phase_completed(entry, task)) is not None:
        events[EventType.PHASE_COMPLETED] = common | phase
    return events


def _plan_changed(entry: ActivityEntry, project: Project) -> dict[str, Any]:
    before, after = _dict(entry.before), _dict(entry.after)
    before_tasks, after_tasks = _dict(before.get("tasks")), _dict(after.get("tasks"))
    keys = list(after_tasks)[:PLAN_TASKS_LISTED]
    rows = {
        task.key: task
        for task in ProjectTask.objects.filter(project=project, key__in=keys).only("pk", "key", "name")
    }
    listed = []
    for key in keys:
        old, new = _dict(before_tasks.get(key)), _dict(after_tasks.get(key))
        row = rows.get(key)
        listed.append(
            {
                "id": row.pk if row else None,
                "key": key,
                "name": row.name if row else key,
                "planned_start": {"before": old.get("planned_start"), "after": new.get("planned_start")},
                "planned_finish": {"before": old.get("planned_finish"), "after": new.get("planned_finish")},
            }
        )
    return _common(entry, project) | {
        "go_live_planned": {"before": before.get("go_live_planned"), "after": after.get("go_live_planned")},
        "tasks_changed": int(after.get("count") or len(after_tasks)),
        "tasks": listed,
    }


def _go_live_moved(entry: ActivityEntry, project: Project) -> dict[str, Any]:
    before, after = _dict(entry.before), _dict(entry.after)

    def dates(values: Mapping[str, Any]) -> dict[str, Any]:
        return {name: values.get(f"go_live_{name}") for name in ("planned", "p50", "p80", "p95")}

    return _common(entry, project) | {
        "go_live": {
            "before": dates(before),
            "after": dates(after),
            "committed": _iso(project.go_live_baseline),
        }
    }


def events_for_entry(entry: ActivityEntry, wanted: set[EventType]) -> dict[EventType, dict[str, Any]]:
    """The ``data`` of each event of ``wanted`` that ``entry`` makes (none for an entry without a
    project, or whose project or task is gone)."""
    types = possible_types(entry) & wanted
    if not types or entry.project_id is None:
        return {}
    project = Project.objects.select_related("customer").filter(pk=entry.project_id).first()
    if project is None:
        return {}
    if entry.verb in WORKFLOW_VERBS:
        return _task_events(entry, project, types)
    if entry.verb == Verb.PROJECT_CREATED:
        created = _common(entry, project)
        created["project"] |= {
            "playbook": {
                "key": project.playbook_key,
                "name": project.playbook_name,
                "version": project.playbook_version,
            },
            "variant": project.variant,
            "start_date": _iso(project.start_date),
            "go_live": _go_live(project),
        }
        return {EventType.PROJECT_CREATED: created}
    if entry.verb == Verb.PLAN_CHANGED:
        return {EventType.PLAN_CHANGED: _plan_changed(entry, project)}
    return {EventType.GO_LIVE_MOVED: _go_live_moved(entry, project)}


def envelope(event_type: EventType | str, timestamp: dt.datetime, data: dict[str, Any]) -> dict[str, Any]:
    """The body of a message: its type, when it happened (ISO 8601, UTC) and its data."""
    return {
        "type": str(event_type),
        "timestamp": timestamp.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "data": data,
    }
