"""Every write to tasks: workflow moves, RACI cell edits (and their undo), comments and requests
for input.

Each function takes the acting person, finds the task through the one access rule (someone who
may not see the project gets NotFound), checks the version the person saw (a stale write changes
nothing and says who changed the task and when), changes everything or nothing, records the
change in the activity log with before and after, and tells the people concerned after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.errors import AccordError, InvalidInput, NotFound, Problem
from accord.domain.lint import lint
from accord.domain.lint.fixes import safe_fix
from accord.domain.raci import Raci
from accord.domain.time_zones import zone_or_utc
from accord.domain.workflow import (
    Action,
    ChangedMeanwhile,
    Status,
    WorkflowError,
    actions_leading_to,
    allowed_actions,
    move,
)
from accord.projects import services as project_services
from accord.projects import task_selectors
from accord.projects.access import ProjectAction, allowed, refuse_if_closed, visible_projects
from accord.projects.models import Project, ProjectTask, RaciCell, TaskComment
from accord.projects.playbook_copy import role_name
from accord.work import selectors
from accord.work.selectors import RACI_VERBS

#: The activity verb of each workflow action.
VERBS: dict[Action, Verb] = {
    Action.START: Verb.TASK_STARTED,
    Action.SUBMIT: Verb.TASK_SUBMITTED,
    Action.APPROVE: Verb.TASK_APPROVED,
    Action.SEND_BACK: Verb.TASK_SENT_BACK,
    Action.BLOCK: Verb.TASK_BLOCKED,
    Action.UNBLOCK: Verb.TASK_UNBLOCKED,
    Action.REOPEN: Verb.TASK_REOPENED,
    Action.MARK_NOT_APPLICABLE: Verb.TASK_NOT_APPLICABLE,
    Action.RESTORE: Verb.TASK_RESTORED,
}


class RaciNotAllowed(AccordError):
    """Only vendor admins and managers edit a project's RACI."""

    code = "raci-not-allowed"


class UndoImpossible(AccordError):
    """The change to undo was overtaken by a later one."""

    code = "undo-impossible"


# --- Shared steps ------------------------------------------------------------------------------


def _locked_task(actor: User, task: ProjectTask) -> ProjectTask:
    """The task, locked for this transaction, if the actor may see its project."""
    locked = (
        ProjectTask.objects.select_for_update(of=("self",))
        .select_related("project")
        .filter(pk=task.pk, project__in=visible_projects(actor).values("pk"))
        .first()
    )
    if locked is None:
        raise NotFound(
            _("No such task."), hint=_("It may have been removed, or you may no longer see its project.")
        )
    refuse_if_closed(locked.project)
    return locked


def _visible_task(actor: User, task: ProjectTask) -> ProjectTask:
    found = (
        ProjectTask.objects.select_related("project")
        .filter(pk=task.pk, project__in=visible_projects(actor).values("pk"))
        .first()
    )
    if found is None:
        raise NotFound(
            _("No such task."), hint=_("It may have been removed, or you may no longer see its project.")
        )
    return found


def _task_history(task: ProjectTask) -> Q:
    return Q(project_id=task.project_id) & (Q(target_key=task.key) | Q(target_key__startswith=f"{task.key}/"))


def _check_version(task: ProjectTask, expected_version: int) -> None:
    if task.version == expected_version:
        return
    latest = ActivityEntry.objects.filter(_task_history(task)).select_related("actor").first()
    who = latest.actor.get_full_name() if latest is not None and latest.actor is not None else ""
    when = latest.created_at if latest is not None else task.updated_at
    local = timezone.localtime(when, zone_or_utc(task.project.time_zone))
    when_text = f"{formats.date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"
    values = {"task": task.name, "who": who, "when": when_text}
    message = (
        _("“%(task)s” was changed by %(who)s at %(when)s while you were looking at it; nothing was changed.")
        if who
        else _("“%(task)s” was changed at %(when)s while you were looking at it; nothing was changed.")
    ) % values
    raise ChangedMeanwhile(
        message,
        hint=_("Reload the task to see the change, then try again."),
        current_version=task.version,
        changed_by=who,
        changed_at=when,
    )


def _bump(task: ProjectTask, *fields: str) -> None:
    task.version += 1
    task.updated_at = timezone.now()
    task.save(update_fields=[*fields, "version", "updated_at"])


def _task_state(task: ProjectTask) -> dict[str, Any]:
    return {
        "status": task.status,
        "reason": task.status_reason,
        "actual_start": task.actual_start.isoformat() if task.actual_start else None,
        "actual_finish": task.actual_finish.isoformat() if task.actual_finish else None,
        "version": task.version,
    }


# --- Workflow ----------------------------------------------------------------------------------


def _status_before_block(task: ProjectTask) -> Status | None:
    """Where unblocking returns to: the status the task was blocked from (its own column)."""
    try:
        return Status(task.status_before_block)
    except ValueError:
        return None


def _parse_action(action: Action | str) -> Action:
    try:
        return Action(action)
    except ValueError:
        raise InvalidInput(
            [
                Problem(
                    "unknown-action",
                    _("“%(action)s” is not a task action.") % {"action": action},
                    where="action",
                    hint=_("Use one of: %(actions)s.")
                    % {"actions": ", ".join(item.value for item in Action)},
                )
            ]
        ) from None


@transaction.atomic
def task_transition(
    *, actor: User, task: ProjectTask, action: Action | str, expected_version: int, reason: str = ""
) -> ProjectTask:
    """Move a task through the workflow (see :mod:`accord.domain.workflow`) and return it.

    Records the actual start and finish on the project's calendar, logs the move, tells the
    Accountable (submitted), the Informed (done) or the Responsible (sent back) after commit, and
    re-plans the project.
    """
    chosen = _parse_action(action)
    task = _locked_task(actor, task)
    _check_version(task, expected_version)
    status = Status(task.status)
    has_accountable = RaciCell.objects.filter(
        task_id=task.pk, letters__in=task_selectors.letters_including(Raci.A)
    ).exists()
    try:
        outcome = move(
            status,
            chosen,
            capabilities=selectors.capabilities(actor, task),
            has_accountable=has_accountable,
            reason=reason,
            status_before_block=_status_before_block(task) if status is Status.BLOCKED else None,
        )
    except WorkflowError as error:
        raise error.translated(_) from None

    before = _task_state(task)
    today = selectors.project_today(task.project)
    # Remember where to return on unblock while the task is blocked, and only then.
    task.status_before_block = outcome.before.value if outcome.after is Status.BLOCKED else ""
    task.status = outcome.after.value
    task.status_reason = outcome.reason
    if outcome.starts_work and task.actual_start is None:
        task.actual_start = today
    if outcome.finishes_work:
        task.actual_start = task.actual_start or today
        task.actual_finish = today
    if outcome.reopens_work:
        task.actual_finish = None
    if outcome.resets_work:
        task.actual_start = task.actual_finish = None
    _bump(task, "status", "status_reason", "status_before_block", "actual_start", "actual_finish")
    activity_record(
        actor=actor,
        project=task.project,
        verb=VERBS[chosen],
        target_type="task",
        target_key=task.key,
        summary=f"{task.name}: {outcome.before.label} → {outcome.after.label}",
        before=before,
        after=_task_state(task),
    )

    project_services.project_replan(project=task.project)
    project_services.handover_apply_if_due(project=task.project, task=task, actor=actor)
    task.refresh_from_db()
    return task


# --- RACI cells --------------------------------------------------------------------------------


def _require_manager(actor: User, project: Project) -> None:
    if not allowed(actor, ProjectAction.EDIT_RACI, project):
        raise RaciNotAllowed(
            _("You cannot change the RACI of this project."),
            hint=_("Only a vendor manager or admin can; ask one of them."),
        )


def _letters_data(letters: Raci) -> dict[str, Any]:
    return {"letters": int(letters), "raci": letters.canonical}


def _write_cell(task: ProjectTask, role_key: str, letters: Raci) -> RaciCell | None:
    if letters.is_empty:
        RaciCell.objects.filter(task=task, role_key=role_key).delete()
        return None
    cell, _created = RaciCell.objects.update_or_create(
        task=task, role_key=role_key, defaults={"letters": int(letters)}
    )
    return cell


def _current_letters(task: ProjectTask, role_key: str) -> Raci:
    value = RaciCell.objects.filter(task=task, role_key=role_key).values_list("letters", flat=True).first()
    return Raci(value or 0)


def _check_cell(project: Project, role_key: str, value: int) -> None:
    problems = []
    if role_key not in task_selectors.role_order(project):
        known = ", ".join(task_selectors.role_order(project))
        problems.append(
            Problem(
                "unknown-role",
                _("The project has no role “%(role)s”.") % {"role": role_key},
                where="role",
                hint=_("Known roles: %(roles)s.") % {"roles": known},
            )
        )
    if not (0 <= value < int(Raci.NA) or value == int(Raci.NA)):
        problems.append(
            Problem(
                "raci-invalid-letter",
                _("A cell is either N/A or any of R, A, C, I."),
                where="letters",
                hint=_("Choose letters among R, A, C and I, or N/A alone, or leave the cell empty."),
            )
        )
    if problems:
        raise InvalidInput(problems)


def _record_cell_change(
    *, actor: User, task: ProjectTask, role_key: str, before: Raci, after: Raci, verb: Verb
) -> ActivityEntry:
    return activity_record(
        actor=actor,
        project=task.project,
        verb=verb,
        target_type="raci",
        target_key=f"{task.key}/{role_key}",
        summary=f"{task.name} · {role_name(task.project, role_key)}: {before.canonical or '—'} → "
        f"{after.canonical or '—'}",
        before=_letters_data(before),
        after=_letters_data(after),
    )


@transaction.atomic
def raci_cell_set(
    *, actor: User, task: ProjectTask, role_key: str, letters: Raci, expected_version: int
) -> RaciCell | None:
    """Set the letters a role holds on a task (vendor admins and managers); empty letters clear
    the cell. Returns the cell, or None when it is now empty. Setting the value it already holds
    changes nothing."""
    task = _locked_task(actor, task)
    _require_manager(actor, task.project)
    _check_version(task, expected_version)
    _check_cell(task.project, role_key, int(letters))
    letters = Raci(int(letters))
    before = _current_letters(task, role_key)
    if before == letters:
        return RaciCell.objects.filter(task=task, role_key=role_key).first()
    cell = _write_cell(task, role_key, letters)
    _bump(task)
    _record_cell_change(
        actor=actor, task=task, role_key=role_key, before=before, after=letters, verb=Verb.RACI_CHANGED
    )
    return cell


@transaction.atomic
def raci_cell_undo(*, actor: User, activity_entry_id: int) -> RaciCell | None:
    """Put a RACI cell back as it was before a logged change, if nobody changed it since.

    The undo is itself logged (and can be undone in turn). Returns the cell, or None when the
    restored value is empty.
    """
    entry = (
        ActivityEntry.objects.select_related("project")
        .filter(pk=activity_entry_id, verb__in=RACI_VERBS, project__in=visible_projects(actor).values("pk"))
        .first()
    )
    if entry is None or entry.project is None:
        raise NotFound(_("No such RACI change."), hint=_("Pick a RACI change from the project's activity."))
    refuse_if_closed(entry.project)
    _require_manager(actor, entry.project)
    task_key, _separator, role_key = entry.target_key.rpartition("/")
    task = (
        ProjectTask.objects.select_for_update(of=("self",))
        .select_related("project")
        .filter(project=entry.project, key=task_key)
        .first()
    )
    if task is None:
        raise NotFound(_("The task of this change no longer exists."))
    before = Raci(int((entry.before or {}).get("letters", 0)))
    changed_to = Raci(int((entry.after or {}).get("letters", 0)))
    current = _current_letters(task, role_key)
    if current != changed_to:
        raise UndoImpossible(
            _("This change cannot be undone: the cell now holds “%(now)s”, set by a later change.")
            % {"now": current.canonical or "—"},
            hint=_("Undo the later change first, or set the cell by hand."),
        )
    cell = _write_cell(task, role_key, before)
    _bump(task)
    _record_cell_change(
        actor=actor, task=task, role_key=role_key, before=current, after=before, verb=Verb.RACI_UNDONE
    )
    return cell


# --- Comments and requests for input -----------------------------------------------------------


def _clean_body(body: str, field: str) -> str:
    text = body.strip()
    if not text:
        raise InvalidInput([Problem("text-required", _("Write something first."), where=field)])
    return text


def _comment(
    *, actor: User, task: ProjectTask, body: str, kind: str, verb: Verb
) -> tuple[TaskComment, ActivityEntry]:
    internal = verb is Verb.COMMENT_INTERNAL_ADDED
    comment = TaskComment.objects.create(task=task, author=actor, kind=kind, body=body, internal=internal)
    if internal:
        # The log is read by every side (activity, webhooks, inbox): an internal comment's text
        # stays in the comment, which only vendor staff are shown.
        entry = activity_record(
            actor=actor,
            project=task.project,
            verb=verb,
            target_type="task",
            target_key=task.key,
            summary=f"{task.name}: internal comment",
            after={"kind": kind, "comment": comment.pk, "internal": True},
        )
        return comment, entry
    entry = activity_record(
        actor=actor,
        project=task.project,
        verb=verb,
        target_type="task",
        target_key=task.key,
        summary=f"{task.name}: {body[:200]}",
        after={"kind": kind, "body": body[:1000], "comment": comment.pk},
    )
    return comment, entry


@transaction.atomic
def input_request(*, actor: User, task: ProjectTask, question: str) -> TaskComment:
    """Ask the task's Consulted people for input: a question they are notified of after commit."""
    task = _visible_task(actor, task)
    question = _clean_body(question, "question")
    consulted = task_selectors.task_people(task)["C"]
    if not consulted:
        raise InvalidInput(
            [
                Problem(
                    "nobody-consulted",
                    _("Nobody is Consulted on “%(task)s”.") % {"task": task.name},
                    where="question",
                    hint=_(
                        "A vendor manager can mark a role C on this task and staff it; or leave a comment."
                    ),
                )
            ]
        )
    # The inbox tells the Consulted once this commits (it reacts to the activity entry).
    comment, _entry = _comment(
        actor=actor, task=task, body=question, kind=TaskComment.Kind.QUESTION, verb=Verb.INPUT_REQUESTED
    )
    return comment


def _internal_comment(*, actor: User, task: ProjectTask, body: str, kind: str) -> TaskComment:
    task = _visible_task(actor, task)
    if not allowed(actor, ProjectAction.SEE_INTERNAL, task.project):
        raise InvalidInput(
            [
                Problem(
                    "internal-not-allowed",
                    _("Only the vendor's staff can write internal comments."),
                    where="internal",
                    hint=_("Untick “internal” to write a comment everyone on the project reads."),
                )
            ]
        )
    if kind != TaskComment.Kind.COMMENT:
        raise InvalidInput(
            [
                Problem(
                    "internal-kind",
                    _("Questions and answers cannot be internal."),
                    where="internal",
                    hint=_("Untick “internal”, or write a plain comment."),
                )
            ]
        )
    body = _clean_body(body, "body")
    comment, _entry = _comment(actor=actor, task=task, body=body, kind=kind, verb=Verb.COMMENT_INTERNAL_ADDED)
    return comment


@transaction.atomic
def comment_add(
    *, actor: User, task: ProjectTask, body: str, kind: str = TaskComment.Kind.COMMENT, internal: bool = False
) -> TaskComment:
    """Comment on a task. An answer (kind ANSWER) gives the input asked for: it closes the open
    requests and notifies their askers; a question (kind QUESTION) is :func:`input_request`.
    An ``internal`` comment (vendor staff only, a plain comment) is never shown to contacts and
    notifies nobody."""
    if internal:
        return _internal_comment(actor=actor, task=task, body=body, kind=kind)
    if kind == TaskComment.Kind.QUESTION:
        return input_request(actor=actor, task=task, question=body)
    if kind not in TaskComment.Kind.values:
        raise InvalidInput(
            [
                Problem(
                    "unknown-kind",
                    _("Unknown kind of comment."),
                    where="kind",
                    hint=", ".join(TaskComment.Kind.values),
                )
            ]
        )
    task = _visible_task(actor, task)
    body = _clean_body(body, "body")
    if kind != TaskComment.Kind.ANSWER:
        comment, _entry = _comment(actor=actor, task=task, body=body, kind=kind, verb=Verb.COMMENT_ADDED)
        return comment
    # The inbox tells the askers of the requests this answers once it commits.
    comment, _entry = _comment(actor=actor, task=task, body=body, kind=kind, verb=Verb.INPUT_GIVEN)
    return comment


@transaction.atomic
def task_status_set(
    *, actor: User, task: ProjectTask, status: Status | str, expected_version: int, reason: str = ""
) -> ProjectTask:
    """Move a task to ``status`` with the workflow action that leads there from its current
    status (for an API given a status, not an action): the first such action ``actor`` may take,
    else the first such action (whose refusal says whom to ask). No action leads there: the
    workflow's "wrong status" refusal. The same status again changes nothing (the version is
    still checked)."""
    target = Status(status)
    task = _locked_task(actor, task)
    _check_version(task, expected_version)
    current = Status(task.status)
    if target is current:
        return task
    has_accountable = RaciCell.objects.filter(
        task_id=task.pk, letters__in=task_selectors.letters_including(Raci.A)
    ).exists()
    candidates = actions_leading_to(
        current,
        target,
        has_accountable=has_accountable,
        status_before_block=_status_before_block(task) if current is Status.BLOCKED else None,
    )
    if not candidates:
        refusal = WorkflowError(
            code="workflow-wrong-status",
            action=Action.START,
            status=current,
            message_template="",
            hint_template="",
        )
        refusal.message = _("No workflow step moves a task that is %(status)s to %(target)s.") % {
            "status": _(current.label),
            "target": _(target.label),
        }
        refusal.hint = _("Move it one step at a time: start, submit, approve; block, unblock; reopen.")
        refusal.args = (refusal.message,)
        raise refusal
    may = set(allowed_actions(current, capabilities=selectors.capabilities(actor, task)))
    chosen = next((action for action in candidates if action in may), candidates[0])
    return task_transition(
        actor=actor, task=task, action=chosen, expected_version=expected_version, reason=reason
    )


# --- Several cells at once: bulk edits, safe fixes, and their undo ------------------------------


@dataclass(frozen=True, slots=True)
class CellChange:
    """The letters one role should hold on one task (a cell of a bulk edit)."""

    task_id: int
    role_key: str
    letters: Raci


def _bulk_cells(entries: list[tuple[ProjectTask, str, Raci, Raci]]) -> tuple[dict[str, Any], dict[str, Any]]:
    before = {
        "cells": [{"task": task.key, "role": role, **_letters_data(old)} for task, role, old, _new in entries]
    }
    after = {
        "cells": [{"task": task.key, "role": role, **_letters_data(new)} for task, role, _old, new in entries]
    }
    return before, after


def _bulk_summary(project: Project, entries: list[tuple[ProjectTask, str, Raci, Raci]]) -> str:
    return "; ".join(
        f"{task.name} · {role_name(project, role)}: {old.canonical or '—'} → {new.canonical or '—'}"
        for task, role, old, new in entries
    )


def _bulk_write(
    *, actor: User, project: Project, tasks: dict[int, ProjectTask], changes: list[CellChange], verb: Verb
) -> ActivityEntry | None:
    """Write ``changes`` to the locked ``tasks``, bump each changed task once, log one entry."""
    entries: list[tuple[ProjectTask, str, Raci, Raci]] = []
    seen: set[tuple[int, str]] = set()
    for change in changes:
        if (change.task_id, change.role_key) in seen:
            continue
        seen.add((change.task_id, change.role_key))
        task = tasks[change.task_id]
        before = _current_letters(task, change.role_key)
        if before != change.letters:
            entries.append((task, change.role_key, before, change.letters))
    if not entries:
        return None
    for task, role, _old, new in entries:
        _write_cell(task, role, new)
    for task in {task.pk: task for task, _role, _old, _new in entries}.values():
        _bump(task)
    logged_before, logged_after = _bulk_cells(entries)
    return activity_record(
        actor=actor,
        project=project,
        verb=verb,
        target_type="raci",
        target_key="",
        summary=_bulk_summary(project, entries),
        before=logged_before,
        after=logged_after,
    )


def _locked_tasks(actor: User, project: Project, task_ids: set[int]) -> dict[int, ProjectTask]:
    found = {
        task.pk: task
        for task in ProjectTask.objects.select_for_update(of=("self",))
        .select_related("project")
        .filter(pk__in=task_ids, project=project, project__in=visible_projects(actor).values("pk"))
    }
    if set(found) != task_ids:
        raise NotFound(
            _("No such task."), hint=_("It may have been removed, or you may no longer see its project.")
        )
    return found


@transaction.atomic
def raci_cells_set(
    *,
    actor: User,
    project: Project,
    changes: list[CellChange],
    expected_versions: dict[int, int] | None = None,
) -> ActivityEntry | None:
    """Set several cells of a project at once (vendor admins and managers): everything or
    nothing, one activity entry that the board's undo reverses as a whole. ``expected_versions``
    maps each task id to the version the person saw (a stale one refuses the whole edit). Returns
    the entry, or None when nothing changed."""
    if not changes:
        raise InvalidInput(
            [
                Problem(
                    "no-cells",
                    _("No cell was selected."),
                    where="cells",
                    hint=_("Tick the cells of a row or a column first, then choose their letters."),
                )
            ]
        )
    _visible_project = visible_projects(actor).filter(pk=project.pk).first()
    if _visible_project is None:
        raise NotFound(_("No such project."))
    refuse_if_closed(_visible_project)
    _require_manager(actor, _visible_project)
    tasks = _locked_tasks(actor, _visible_project, {change.task_id for change in changes})
    for task_id, version in (expected_versions or {}).items():
        if task_id in tasks:
            _check_version(tasks[task_id], version)
    for change in changes:
        _check_cell(_visible_project, change.role_key, int(change.letters))
    return _bulk_write(
        actor=actor, project=_visible_project, tasks=tasks, changes=changes, verb=Verb.RACI_BULK_CHANGED
    )


@transaction.atomic
def raci_fix_apply(
    *, actor: User, task: ProjectTask, code: str, expected_version: int
) -> ActivityEntry | None:
    """Apply the one safe fix of the linter's finding ``code`` on ``task`` (see
    :mod:`accord.domain.lint.fixes`) as one bulk edit, undoable as a whole."""
    task = _locked_task(actor, task)
    _require_manager(actor, task.project)
    _check_version(task, expected_version)
    tasks = list(
        ProjectTask.objects.filter(project=task.project).order_by("position").prefetch_related("cells")
    )
    playbook = selectors.current_playbook(task.project, tasks)
    finding = next((item for item in lint(playbook) if item.task == task.key and item.code == code), None)
    fix = safe_fix(playbook, finding) if finding is not None else None
    if fix is None:
        raise InvalidInput(
            [
                Problem(
                    "no-safe-fix",
                    _("“%(task)s” has no finding %(code)s with a safe fix.")
                    % {"task": task.name, "code": code},
                    where="code",
                    hint=_("Reload the board: the cells may have changed meanwhile."),
                )
            ]
        )
    changes = [CellChange(task.pk, cell.role, cell.after) for cell in fix.cells]
    return _bulk_write(
        actor=actor, project=task.project, tasks={task.pk: task}, changes=changes, verb=Verb.RACI_BULK_CHANGED
    )


@transaction.atomic
def raci_bulk_undo(*, actor: User, activity_entry_id: int) -> ActivityEntry | None:
    """Put back every cell of a change of several cells, if none was changed since; the undo is
    itself one logged change (and can be undone in turn)."""
    entry = (
        ActivityEntry.objects.select_related("project")
        .filter(
            pk=activity_entry_id,
            verb__in=(Verb.RACI_BULK_CHANGED, Verb.RACI_BULK_UNDONE),
            project__in=visible_projects(actor).values("pk"),
        )
        .first()
    )
    if entry is None or entry.project is None:
        raise NotFound(_("No such RACI change."), hint=_("Pick a RACI change from the project's activity."))
    project = entry.project
    refuse_if_closed(project)
    _require_manager(actor, project)
    before_cells = list((entry.before or {}).get("cells", []))
    after_cells = list((entry.after or {}).get("cells", []))
    keys = {cell["task"] for cell in after_cells}
    tasks_by_key = {
        task.key: task
        for task in ProjectTask.objects.select_for_update(of=("self",))
        .select_related("project")
        .filter(project=project, key__in=keys)
    }
    if set(tasks_by_key) != keys:
        raise NotFound(_("The task of this change no longer exists."))
    for cell in after_cells:
        current = _current_letters(tasks_by_key[cell["task"]], cell["role"])
        if current != Raci(int(cell["letters"])):
            raise UndoImpossible(
                _("This change cannot be undone: the cell now holds “%(now)s”, set by a later change.")
                % {"now": current.canonical or "—"},
                hint=_("Undo the later change first, or set the cell by hand."),
            )
    changes = [
        CellChange(tasks_by_key[cell["task"]].pk, cell["role"], Raci(int(cell["letters"])))
        for cell in before_cells
    ]
    tasks = {task.pk: task for task in tasks_by_key.values()}
    return _bulk_write(actor=actor, project=project, tasks=tasks, changes=changes, verb=Verb.RACI_BULK_UNDONE)
