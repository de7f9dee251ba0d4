"""Edit a running project's plan: add, rename, remove, put back and move tasks, change their
duration, dependencies and milestone flag, choose the go-live milestone, and save the plan as a
workspace playbook.

The plan lives in the project's copy of its playbook (``Project.playbook_data``) and in its task
rows. Every edit goes through :func:`_plan_edit`, which changes the copy, checks the planner
accepts it (a dependency cycle is refused naming the tasks), writes the rows that follow from it
(names, phases, positions, milestone flags; new rows with their RACI cells; removed rows), raises
the project's version (a stale edit changes nothing), records the activity and replans at once.

Only vendor admins and managers edit the plan (:attr:`ProjectAction.EDIT_PLAN`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.catalog.models import WorkspacePlaybook
from accord.catalog.services import playbook_save, suggest_next_version
from accord.domain.alternatives import resolve_alternatives
from accord.domain.errors import InvalidInput, NotFound, Problem
from accord.domain.lint import Finding, lint
from accord.domain.planning import compile_network
from accord.domain.planning.network import PlanningError
from accord.domain.playbook import Phase, Playbook, Task
from accord.domain.raci import Raci
from accord.domain.timing import Link, Timing, TimingError, parse_duration, timing_from_data
from accord.formats.playbook_yaml import dump_playbook, playbook_from_data, playbook_to_data
from accord.projects.access import ProjectAction, require
from accord.projects.models import Project, ProjectTask, RaciCell
from accord.projects.planning import project_playbook, project_replan
from accord.projects.services import project_locked_for_change

__all__ = [
    "Dependency",
    "PlanPlaybookPreview",
    "PlanTiming",
    "duration_read",
    "plan_as_playbook",
    "plan_go_live_mark",
    "plan_playbook_preview",
    "plan_playbook_save",
    "plan_task_add",
    "plan_task_move",
    "plan_task_put_back",
    "plan_task_remove",
    "plan_task_rename",
    "plan_task_timing_set",
    "plan_task_update",
    "removed_tasks",
]

#: The longest task name (ProjectTask.name) and key.
TASK_NAME_MAX_LENGTH = 300
TASK_KEY_MAX_LENGTH = 60
#: The longest lag, in business days, either way.
LAG_LIMIT = 250

_MIN_LIKELY_MAX = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*([a-z_ ]*)$", re.I
)


@dataclass(frozen=True, slots=True)
class Dependency:
    """This task starts ``lag`` business days after ``task`` finishes."""

    task: str
    lag: int = 0


# --- Reading what people type --------------------------------------------------------------------


def duration_read(text: str, *, where: str = "duration") -> Any:
    """The duration ``text`` as the playbook stores it: a number of business days ("10"), a range
    ("4-6 weeks", "approximately 10 business days"), or min/likely/max ("3/5/8 weeks"); None when
    empty. Read by the playbook format's own parser; InvalidInput naming ``where`` otherwise."""
    text = text.strip()
    if not text:
        return None
    value: Any = text
    if text.isdigit():
        value = int(text)
    elif match := _MIN_LIKELY_MAX.match(text):
        low, likely, high, unit = match.groups()
        value = {"min": float(low), "likely": float(likely), "max": float(high)}
        value = {name: int(number) if number.is_integer() else number for name, number in value.items()}
        if unit.strip():
            value["unit"] = unit.strip()
    try:
        return parse_duration(value).to_data()
    except TimingError:
        raise InvalidInput(
            [
                Problem(
                    "duration-invalid",
                    _("The duration “%(text)s” cannot be read.") % {"text": text},
                    hint=_(
                        "Write a number of business days (10), a range (4-6 weeks) "
                        "or min/likely/max (3/5/8 days)."
                    ),
                    where=where,
                )
            ]
        ) from None


# --- The one way an edit is made -----------------------------------------------------------------


def _task_names(playbook: Playbook) -> dict[str, str]:
    return {task.key: task.name for task in playbook.tasks}


def _planner_problems(playbook: Playbook, variant: str | None) -> list[Problem]:
    """What the planner refuses in ``playbook``: a cycle names its tasks."""
    try:
        compile_network(playbook, variant)
    except PlanningError as error:
        names = _task_names(playbook)
        if error.code == "planning-cycle":
            _head, _colon, path = error.message.partition(": ")
            keys = [key.strip() for key in path.split("->")] if "->" in path else []
            tasks = " → ".join(f"“{names.get(key, key)}”" for key in keys) or error.message
            return [
                Problem(
                    "plan-cycle",
                    _("These tasks would wait for each other in a loop: %(tasks)s.") % {"tasks": tasks},
                    hint=_("Remove one of these dependencies."),
                    where="after",
                )
            ]
        return [Problem("plan-invalid", error.message, hint=error.hint, where="after")]
    return []


def _view(project: Project, playbook: Playbook) -> Playbook:
    """The project's tasks in ``playbook``: its variant, owner alternatives resolved."""
    view, _choices = resolve_alternatives(
        playbook.for_variant(project.variant or None), project.alternative_choices
    )
    return view


def _rows_follow(project: Project, view: Playbook, cells: Mapping[str, Mapping[str, int]]) -> None:
    """Make the task rows follow the plan ``view``: rows of tasks no longer there are deleted,
    the others take their name, phase, position and milestone flag; new tasks get rows with their
    RACI cells (``cells`` by task key, else the playbook's)."""
    rows = {row.key: row for row in ProjectTask.objects.filter(project=project)}
    wanted = {task.key for task in view.tasks}
    ProjectTask.objects.filter(project=project).exclude(key__in=wanted).delete()
    kept, created = [], []
    for position, (phase, task) in enumerate(view.iter_tasks(), start=1):
        row = rows.get(task.key)
        values = {
            "name": task.name,
            "phase_key": phase.key,
            "phase_name": phase.name,
            "position": position,
            "milestone": task.milestone,
        }
        if row is None:
            created.append((ProjectTask(project=project, key=task.key, **values), task))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            kept.append(row)
    ProjectTask.objects.bulk_update(
        kept, ["name", "phase_key", "phase_name", "position", "milestone"], batch_size=500
    )
    saved = ProjectTask.objects.bulk_create([row for row, _task in created])
    RaciCell.objects.bulk_create(
        [
            RaciCell(task=row, role_key=role, letters=int(letters))
            for row, (_unsaved, task) in zip(saved, created, strict=True)
            for role, letters in (
                cells.get(task.key) or {role: int(cell) for role, cell in task.raci.items()}
            ).items()
            if int(letters)
        ]
    )


def _plan_edit(  # noqa: PLR0913 keyword-only: what one edit is made of
    # ``project`` is locked by the caller (:func:`_locked`), which read it before changing it.
    *,
    actor: User,
    project: Project,
    change: Callable[[Playbook], Playbook],
    verb: Verb,
    target_key: str,
    before: dict[str, Any],
    after: dict[str, Any],
    cells: Mapping[str, Mapping[str, int]] | None = None,
    today: dt.date | None = None,
) -> Project:
    edited = change(project_playbook(project))
    variant = project.variant or None
    if problems := _planner_problems(edited, variant):
        raise InvalidInput(problems)
    data = playbook_to_data(edited)
    playbook_from_data(data, where="plan")  # the copy stays a valid playbook
    project.playbook_data = data
    project.version += 1
    project.updated_at = timezone.now()
    project.save(update_fields=["playbook_data", "version", "updated_at"])
    _rows_follow(project, _view(project, edited), cells or {})
    activity_record(
        actor=actor,
        project=project,
        verb=verb,
        target_type="task",
        target_key=target_key,
        summary=str(after.get("name") or before.get("name") or target_key),
        before=before,
        after=after,
    )
    return project_replan(project=project, today=today)


# --- Finding things in the copy ------------------------------------------------------------------


def _task_in(playbook: Playbook, key: str, project: Project) -> tuple[Phase, Task]:
    visible = {task.key for task in _view(project, playbook).tasks}
    for phase, task in playbook.iter_tasks():
        if task.key == key and key in visible:
            return phase, task
    raise NotFound(_("The plan has no task “%(key)s”.") % {"key": key}, hint=_("Reload the plan."))


def _phase_in(playbook: Playbook, key: str) -> Phase:
    for phase in playbook.phases:
        if phase.key == key:
            return phase
    raise InvalidInput(
        [
            Problem(
                "phase-unknown",
                _("The plan has no phase “%(key)s”.") % {"key": key},
                hint=_("Known phases: %(phases)s.") % {"phases": ", ".join(p.key for p in playbook.phases)},
                where="phase",
            )
        ]
    )


def _without(playbook: Playbook, key: str) -> Playbook:
    return replace(
        playbook,
        phases=tuple(
            replace(phase, tasks=tuple(t for t in phase.tasks if t.key != key)) for phase in playbook.phases
        ),
    )


def _inserted(playbook: Playbook, task: Task, phase_key: str, before_key: str | None) -> Playbook:
    phases = []
    for phase in playbook.phases:
        if phase.key == phase_key:
            tasks = list(phase.tasks)
            index = next((i for i, item in enumerate(tasks) if item.key == before_key), len(tasks))
            tasks.insert(index, task)
            phase = replace(phase, tasks=tuple(tasks))
        phases.append(phase)
    return replace(playbook, phases=tuple(phases))


def _replaced(playbook: Playbook, task: Task) -> Playbook:
    return replace(
        playbook,
        phases=tuple(
            replace(phase, tasks=tuple(task if item.key == task.key else item for item in phase.tasks))
            for phase in playbook.phases
        ),
    )


def _name_checked(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(
            [Problem("name-required", _("Give the task a name."), hint=_("e.g. Kick-off call"), where="name")]
        )
    if len(name) > TASK_NAME_MAX_LENGTH:
        raise InvalidInput(
            [
                Problem(
                    "name-too-long",
                    _("The name is too long."),
                    hint=_("Keep it to %(count)s characters.") % {"count": TASK_NAME_MAX_LENGTH},
                    where="name",
                )
            ]
        )
    return name


def new_task_key(name: str, taken: set[str]) -> str:
    """A key for a new task: the slug of its name, unique among ``taken`` ("-2", "-3" added)."""
    base = (slugify(name)[:TASK_KEY_MAX_LENGTH].strip("-") or "task").lower()
    if not base[0].isalnum():
        base = f"task-{base}"
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def _task_data(task: Task) -> dict[str, Any]:
    phase = Phase(key="x", name="x", tasks=(task,))
    data = playbook_to_data(Playbook(key="x", name="x", version="1", roles=(), phases=(phase,)))
    task_data: dict[str, Any] = data["phases"][0]["tasks"][0]
    return task_data


# --- The edits -------------------------------------------------------------------------------------


@transaction.atomic
def plan_task_add(  # noqa: PLR0913 keyword-only: the task's fields
    *,
    actor: User,
    project: Project,
    expected_version: int,
    name: str,
    phase_key: str,
    before_key: str | None = None,
    raci: Mapping[str, Raci] | None = None,
    duration: str = "",
    milestone: bool = False,
    today: dt.date | None = None,
) -> ProjectTask:
    """Add a task named ``name`` to phase ``phase_key`` (before ``before_key``, else at its end),
    with its RACI cells; its key is the slug of its name, unique in the project."""
    project = project_locked_for_change(actor, project, expected_version, action=ProjectAction.EDIT_PLAN)
    name = _name_checked(name)
    playbook = project_playbook(project)
    _phase_in(playbook, phase_key)
    known_roles = {role.key for role in playbook.roles}
    if unknown := sorted(set(raci or {}) - known_roles):
        raise InvalidInput(
            [
                Problem(
                    "unknown-role",
                    _("The project has no role “%(role)s”.") % {"role": unknown[0]},
                    hint=_("Known roles: %(roles)s.") % {"roles": ", ".join(sorted(known_roles))},
                    where="raci",
                )
            ]
        )
    stored = duration_read(duration)
    key = new_task_key(name, {task.key for task in playbook.tasks})
    timing = Timing(duration=parse_duration(stored)) if stored is not None else None
    task = Task(
        key=key,
        name=name,
        raci={role: letters for role, letters in (raci or {}).items() if not Raci(int(letters)).is_empty},
        variants=(project.variant,) if project.variant else (),
        milestone=milestone,
        timing=timing,
    )
    _plan_edit(
        actor=actor,
        project=project,
        change=lambda book: _inserted(book, task, phase_key, before_key),
        verb=Verb.PLAN_TASK_ADDED,
        target_key=key,
        before={},
        after={"name": name, "phase": phase_key, "task": _task_data(task)},
        today=today,
    )
    return ProjectTask.objects.get(project=project, key=key)


@transaction.atomic
def plan_task_rename(
    *,
    actor: User,
    project: Project,
    expected_version: int,
    task_key: str,
    name: str,
    today: dt.date | None = None,
) -> Project:
    """Give the task ``task_key`` a new name (its key stays)."""
    project = project_locked_for_change(actor, project, expected_version, action=ProjectAction.EDIT_PLAN)
    name = _name_checked(name)
    _phase, task = _task_in(project_playbook(project), task_key, project)
    return _plan_edit(
        actor=actor,
        project=project,
        change=lambda book: _replaced(book, replace(_task_in(book, task_key, project)[1], name=name)),
        verb=Verb.PLAN_TASK_RENAMED,
        target_key=task_key,
        before={"name": task.name},
        after={"name": name},
        today=today,
    )


def _links_to(playbook: Playbook, key: str) -> list[dict[str, Any]]:
    """The links other tasks have to ``key`` ("starts after" with its own lag, "finishes
    before"), as a removal keeps them for putting the task back."""
    links = []
    for task in playbook.tasks:
        timing = task.timing
        if task.key == key or timing is None:
            continue
        after = next((link for link in timing.after if link.task == key), None)
        if after is not None or key in timing.before:
            links.append(
                {
                    "task": task.key,
                    "after": after is not None,
                    "lag": after.lag if after is not None else None,
                    "before": key in timing.before,
                }
            )
    return links


def _links_restored(playbook: Playbook, key: str, links: Sequence[Mapping[str, Any]]) -> Playbook:
    """``playbook`` with the links of :func:`_links_to` given back to ``key`` (on the tasks that
    are still there)."""
    wanted = {str(item.get("task")): item for item in links}

    def restored(task: Task) -> Task:
        item = wanted.get(task.key)
        if item is None:
            return task
        timing = task.timing or Timing()
        after, before = timing.after, timing.before
        if item.get("after") and all(link.task != key for link in after):
            lag = item.get("lag")
            after = (*after, Link(task=key, lag=lag if isinstance(lag, int) else None))
        if item.get("before") and key not in before:
            before = (*before, key)
        return replace(task, timing=replace(timing, after=after, before=before))

    return replace(
        playbook,
        phases=tuple(
            replace(phase, tasks=tuple(restored(task) for task in phase.tasks)) for phase in playbook.phases
        ),
    )


def _links_dropped(task: Task, key: str) -> Task:
    """``task`` without its links to ``key`` (a removed task)."""
    timing = task.timing
    if timing is None:
        return task
    when = timing.when
    if when is not None and key in when.satisfied_by:
        kept = tuple(item for item in when.satisfied_by if item != key)
        when = replace(when, satisfied_by=kept) if kept else None
    return replace(
        task,
        timing=replace(
            timing,
            after=tuple(link for link in timing.after if link.task != key),
            before=tuple(item for item in timing.before if item != key),
            around=None if timing.around is not None and timing.around.task == key else timing.around,
            when=when,
        ),
    )


@transaction.atomic
def plan_task_remove(
    *, actor: User, project: Project, expected_version: int, task_key: str, today: dt.date | None = None
) -> Project:
    """Remove the task ``task_key`` from the plan, with its row, RACI cells and comments; the
    tasks that waited for it follow the previous task instead. The activity entry keeps the task,
    its place and its cells, so that :func:`plan_task_put_back` can put it back."""
    project = project_locked_for_change(actor, project, expected_version, action=ProjectAction.EDIT_PLAN)
    playbook = project_playbook(project)
    phase, task = _task_in(playbook, task_key, project)
    if len(_view(project, playbook).tasks) == 1:
        raise InvalidInput(
            [
                Problem(
                    "plan-last-task",
                    _("A plan keeps at least one task."),
                    hint=_("Add another task first."),
                    where="task",
                )
            ]
        )
    if any(handover.after == task_key for handover in playbook.handovers):
        raise InvalidInput(
            [
                Problem(
                    "plan-task-hands-over",
                    _("A role hands over when “%(task)s” ends; it cannot be removed.") % {"task": task.name},
                    hint=_("Rename or move the task instead."),
                    where="task",
                )
            ]
        )
    following = [item.key for item in phase.tasks]
    next_key = (
        following[following.index(task_key) + 1] if following.index(task_key) + 1 < len(following) else None
    )
    row = ProjectTask.objects.filter(project=project, key=task_key).first()
    cells = dict(RaciCell.objects.filter(task=row).values_list("role_key", "letters")) if row else {}
    links = _links_to(playbook, task_key)

    def change(book: Playbook) -> Playbook:
        book = _without(book, task_key)
        return replace(
            book,
            phases=tuple(
                replace(item, tasks=tuple(_links_dropped(other, task_key) for other in item.tasks))
                for item in book.phases
            ),
        )

    return _plan_edit(
        actor=actor,
        project=project,
        change=change,
        verb=Verb.PLAN_TASK_REMOVED,
        target_key=task_key,
        before={
            "name": task.name,
            "phase": phase.key,
            "before_key": next_key,
            "task": _task_data(task),
            "cells": cells,
            "status": row.status if row else "",
            "links": links,
        },
        after={},
        today=today,
    )


def removed_tasks(project: Project) -> list[ActivityEntry]:
    """The removals of tasks that are still out of the plan, latest first (one per task)."""
    present = set(ProjectTask.objects.filter(project=project).values_list("key", flat=True))
    entries = ActivityEntry.objects.filter(project=project, verb=Verb.PLAN_TASK_REMOVED).order_by("-pk")
    seen: set[str] = set()
    removed = []
    for entry in entries:
        if entry.target_key in present or entry.target_key in seen:
            continue
        seen.add(entry.target_key)
        removed.append(entry)
    return removed


@transaction.atomic
def plan_task_put_back(
    *, actor: User, project: Project, expected_version: int, removal_id: int, today: dt.date | None = None
) -> ProjectTask:
    """Put a removed task back where it was (its phase, before the task that followed it), with
    its RACI cells and the links other tasks had to it ("starts after", "finishes before"; a loop
    they would make now is refused); it starts again as not started."""
    project = project_locked_for_change(actor, project, expected_version, action=ProjectAction.EDIT_PLAN)
    entry = ActivityEntry.objects.filter(pk=removal_id, project=project, verb=Verb.PLAN_TASK_REMOVED).first()
    if entry is None or entry.target_key not in {item.target_key for item in removed_tasks(project)}:
        raise NotFound(_("No such removed task."), hint=_("Pick a task from the removed tasks of the plan."))
    before = entry.before or {}
    playbook = project_playbook(project)
    task_data = dict(before["task"])
    known = {task.key for task in playbook.tasks}
    if task_data["key"] in known:
        raise InvalidInput(
            [
                Problem(
                    "plan-key-taken",
                    _("Another task now has the key “%(key)s”.") % {"key": task_data["key"]},
                    hint=_("Rename or remove that task first."),
                    where="task",
                )
            ]
        )
    # Links to tasks removed since are dropped; the task's other fields are as they were.
    roles = {role.key for role in playbook.roles}
    phase_keys = [phase.key for phase in playbook.phases]
    stored_phase = str(before.get("phase") or "")
    phase_key = stored_phase if stored_phase in phase_keys else phase_keys[-1]
    timing_data = task_data.pop("timing", None)
    task_data["raci"] = {role: cell for role, cell in (task_data.get("raci") or {}).items() if role in roles}
    probe = {key: value for key, value in playbook_to_data(playbook).items() if key != "handovers"}
    restored = playbook_from_data(
        {**probe, "phases": [{"key": "restored", "name": "restored", "tasks": [task_data]}]},
        where="removed task",
    ).tasks[0]
    if timing_data:
        restored = replace(restored, timing=timing_from_data(timing_data))
        for other in _task_references(restored) - known:
            restored = _links_dropped(restored, other)
    cells = {key: value for key, value in (before.get("cells") or {}).items() if key in roles}
    links = [item for item in before.get("links") or [] if item.get("task") in known]
    _plan_edit(
        actor=actor,
        project=project,
        change=lambda book: _links_restored(
            _inserted(book, restored, phase_key, before.get("before_key")), restored.key, links
        ),
        verb=Verb.PLAN_TASK_PUT_BACK,
        target_key=restored.key,
        before={},
        after={"name": restored.name, "phase": phase_key, "removal": entry.pk},
        cells={restored.key: cells},
        today=today,
    )
    return ProjectTask.objects.get(project=project, key=restored.key)


def _task_references(task: Task) -> set[str]:
    timing = task.timing
    if timing is None:
        return set()
    keys = {link.task for link in timing.after} | set(timing.before)
    if timing.around is not None:
        keys.add(timing.around.task)
    if timing.when is not None:
        keys |= set(timing.when.satisfied_by)
    return keys


@transaction.atomic
def plan_task_move(
    *,
    actor: User,
    project: Project,
    expected_version: int,
    task_key: str,
    phase_key: str,
    before_key: str | None = None,
    today: dt.date | None = None,
) -> Project:
    """Move the task ``task_key`` to phase ``phase_key``, before ``before_key`` (else at the end)."""
    project = project_locked_for_change(actor, project, expected_version, action=ProjectAction.EDIT_PLAN)
    playbook = project_playbook(project)
    phase, task = _task_in(playbook, task_key, project)
    _phase_in(playbook, phase_key)
    if before_key == task_key:
        before_key = None
    position_before = (
        ProjectTask.objects.filter(project=project, key=task_key).values_list("position", flat=True).first()
    )
    return _plan_edit(
        actor=actor,
        project=project,
        change=lambda book: _inserted(_without(book, task_key), task, phase_key, before_key),
        verb=Verb.PLAN_TASK_MOVED,
        target_key=task_key,
        before={"name": task.name, "phase": phase.key, "position": position_before},
        after={"name": task.name, "phase": phase_key, "before_key": before_key},
        today=today,
    )


def _dependency_problems(playbook: Playbook, task_key: str, keys: Sequence[str], field: str) -> list[Problem]:
    known = {task.key for task in playbook.tasks}
    problems = []
    for key in keys:
        if key == task_key:
            problems.append(
                Problem(
                    "plan-self-dependency",
                    _("A task cannot wait for itself."),
                    hint=_("Choose another task."),
                    where=field,
                )
            )
        elif key not in known:
            problems.append(
                Problem(
                    "plan-unknown-task",
                    _("The plan has no task “%(key)s”.") % {"key": key},
                    hint=_("Choose a task of this plan."),
                    where=field,
                )
            )
    return problems


@transaction.atomic
def plan_task_timing_set(  # noqa: PLR0913 keyword-only: the timing's fields
    *,
    actor: User,
    project: Project,
    expected_version: int,
    task_key: str,
    duration: str = "",
    after: Sequence[Dependency] = (),
    before: Sequence[str] = (),
    milestone: bool = False,
    today: dt.date | None = None,
) -> Project:
    """Set the task's duration (empty: the default, one day or none for a milestone), the tasks
    it starts after (each with a lag in business days), the tasks that wait for it, and whether it
    is a milestone. Its other timing (start with the project, alongside, conditions, sessions)
    stays. A dependency that would make tasks wait for each other in a loop is refused."""
    project = project_locked_for_change(actor, project, expected_version, action=ProjectAction.EDIT_PLAN)
    playbook = project_playbook(project)
    _phase, task = _task_in(playbook, task_key, project)
    stored = duration_read(duration)
    problems = _dependency_problems(playbook, task_key, [item.task for item in after], "after")
    problems += _dependency_problems(playbook, task_key, list(before), "before")
    problems += [
        Problem(
            "lag-out-of-range",
            _("A lag must lie between 0 and %(limit)s business days.") % {"limit": LAG_LIMIT},
            hint=_("Write a whole number of business days."),
            where="after",
        )
        for item in after
        if not 0 <= item.lag <= LAG_LIMIT
    ]
    if problems:
        raise InvalidInput(problems)
    old = task.timing or Timing()
    unique = {item.task: item for item in after}.values()
    links = tuple(Link(task=item.task, lag=None if item.lag == old.lag else item.lag) for item in unique)
    timing = replace(
        old,
        after=links,
        before=tuple(dict.fromkeys(before)),
        from_project_start=old.from_project_start and not links and old.around is None and old.when is None,
        duration=parse_duration(stored) if stored is not None else None,
    )
    edited = replace(task, timing=timing if timing != Timing() else None, milestone=milestone)
    if not milestone and task.go_live:
        edited = replace(edited, go_live=False)

    def summary(item: Task) -> dict[str, Any]:
        data = _task_data(item)
        return {"name": item.name, "timing": data.get("timing", {}), "milestone": item.milestone}

    return _plan_edit(
        actor=actor,
        project=project,
        change=lambda book: _replaced(book, edited),
        verb=Verb.PLAN_TASK_TIMING_SET,
        target_key=task_key,
        before=summary(task),
        after=summary(edited),
        today=today,
    )


@dataclass(frozen=True, slots=True)
class PlanTiming:
    """A task's whole timing as :func:`plan_task_timing_set` takes it."""

    duration: str = ""
    after: tuple[Dependency, ...] = ()
    before: tuple[str, ...] = ()
    milestone: bool = False


@transaction.atomic
def plan_task_update(
    *,
    actor: User,
    project: Project,
    expected_version: int,
    task_key: str,
    name: str | None = None,
    timing: PlanTiming | None = None,
    today: dt.date | None = None,
) -> Project:
    """Rename and/or re-time the task ``task_key`` at once, or neither: each change is its own
    edit (logged, the version raised), all in one transaction."""
    if name is None and timing is None:
        raise InvalidInput(
            [
                Problem(
                    "plan-nothing-to-change",
                    _("Nothing to change was sent."),
                    hint=_("Send a name, a timing or both."),
                    where="name",
                )
            ]
        )
    version = expected_version
    if name is not None:
        project = plan_task_rename(
            actor=actor, project=project, expected_version=version, task_key=task_key, name=name, today=today
        )
        version = project.version
    if timing is not None:
        project = plan_task_timing_set(
            actor=actor,
            project=project,
            expected_version=version,
            task_key=task_key,
            duration=timing.duration,
            after=timing.after,
            before=timing.before,
            milestone=timing.milestone,
            today=today,
        )
    return project


@transaction.atomic
def plan_go_live_mark(
    *, actor: User, project: Project, expected_version: int, task_key: str, today: dt.date | None = None
) -> Project:
    """Make the milestone ``task_key`` the project's go-live (the planner's go-live date; without
    a choice the last milestone is)."""
    project = project_locked_for_change(actor, project, expected_version, action=ProjectAction.EDIT_PLAN)
    playbook = project_playbook(project)
    _phase, task = _task_in(playbook, task_key, project)
    if not task.milestone:
        raise InvalidInput(
            [
                Problem(
                    "go-live-not-milestone",
                    _("“%(task)s” is not a milestone.") % {"task": task.name},
                    hint=_("Mark it as a milestone first, or choose a milestone."),
                    where="task",
                )
            ]
        )
    previous = next((item for item in playbook.tasks if item.go_live), None)

    def change(book: Playbook) -> Playbook:
        return replace(
            book,
            phases=tuple(
                replace(
                    phase, tasks=tuple(replace(item, go_live=item.key == task_key) for item in phase.tasks)
                )
                for phase in book.phases
            ),
        )

    return _plan_edit(
        actor=actor,
        project=project,
        change=change,
        verb=Verb.PLAN_GO_LIVE_MARKED,
        target_key=task_key,
        before={"go_live": previous.key if previous else None},
        after={"name": task.name, "go_live": task_key},
        today=today,
    )


def go_live_key(project: Project) -> str | None:
    """The key of the project's go-live milestone: the marked one, else the last milestone."""
    view = _view(project, project_playbook(project))
    marked = [task.key for task in view.tasks if task.go_live]
    milestones = [task.key for task in view.tasks if task.milestone]
    return marked[0] if marked else milestones[-1] if milestones else None


# --- Save as a workspace playbook ----------------------------------------------------------------


def plan_as_playbook(project: Project, *, key: str, name: str, version: str) -> Playbook:
    """The project's plan as a playbook: its copy, with the RACI letters the project holds now
    (edited on the board) on each of its tasks, under ``key``, ``name`` and ``version``."""
    playbook = project_playbook(project)
    cells: dict[str, dict[str, Raci]] = {}
    for task_key, role, letters in RaciCell.objects.filter(task__project=project).values_list(
        "task__key", "role_key", "letters"
    ):
        cells.setdefault(task_key, {})[role] = Raci(letters)
    present = set(ProjectTask.objects.filter(project=project).values_list("key", flat=True))
    phases = tuple(
        replace(
            phase,
            tasks=tuple(
                replace(task, raci=cells.get(task.key, {}), alternatives=()) if task.key in present else task
                for task in phase.tasks
            ),
        )
        for phase in playbook.phases
    )
    return replace(playbook, key=key, name=name, version=version, phases=phases)


@dataclass(frozen=True, slots=True)
class PlanPlaybookPreview:
    """What saving the plan would add to the catalogue, and what the linter says about it."""

    playbook: Playbook
    findings: tuple[Finding, ...]


def _identity(project: Project, key: str, name: str, version: str) -> tuple[str, str, str]:
    key, name, version = key.strip(), name.strip() or project.playbook_name, version.strip()
    problems = []
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
        problems.append(
            Problem(
                "playbook-key-invalid",
                _("The key “%(key)s” is not valid.") % {"key": key},
                hint=_("Use lower-case letters, digits and hyphens, e.g. acme-onboarding."),
                where="key",
            )
        )
    if not version:
        problems.append(
            Problem(
                "playbook-version-required",
                _("Give the playbook a version."),
                hint=_("e.g. 1.0"),
                where="version",
            )
        )
    if problems:
        raise InvalidInput(problems)
    return key, name, version


def plan_playbook_defaults(project: Project) -> dict[str, str]:
    """The key, name and version a save proposes: the project's playbook, its next free version."""
    taken = set(
        WorkspacePlaybook.objects.filter(
            workspace_id=project.workspace_id, key=project.playbook_key
        ).values_list("version", flat=True)
    )
    version = suggest_next_version(project.playbook_version)
    while version in taken:
        version = suggest_next_version(version)
    return {"key": project.playbook_key, "name": project.playbook_name, "version": version}


def plan_playbook_preview(
    *, actor: User, project: Project, key: str, name: str, version: str
) -> PlanPlaybookPreview:
    """The plan as the playbook it would be saved as, with the linter's findings; saves nothing."""
    require(actor, ProjectAction.EDIT_PLAN, project)
    key, name, version = _identity(project, key, name, version)
    playbook = plan_as_playbook(project, key=key, name=name, version=version)
    return PlanPlaybookPreview(playbook=playbook, findings=lint(playbook))


@transaction.atomic
def plan_playbook_save(
    *, actor: User, project: Project, key: str, name: str, version: str
) -> WorkspacePlaybook:
    """Save the plan as a new version in the workspace's catalogue (refused when the key and
    version exist), and record it on the project."""
    require(actor, ProjectAction.EDIT_PLAN, project)
    key, name, version = _identity(project, key, name, version)
    playbook = plan_as_playbook(project, key=key, name=name, version=version)
    try:
        saved = playbook_save(
            actor=actor,
            workspace=project.workspace,
            filename=f"{key}-{version}.yaml",
            data=dump_playbook(playbook).encode("utf-8"),
            expected_key=key,
        )
    except InvalidInput as error:
        raise InvalidInput([replace(problem, where="version") for problem in error.problems]) from None
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.PLAN_SAVED_AS_PLAYBOOK,
        target_type="playbook",
        target_key=f"{saved.key}@{saved.version}",
        summary=f"{saved.key} {saved.version}",
        after={"key": saved.key, "name": saved.name, "version": saved.version, "catalogue_id": saved.pk},
    )
    return saved
