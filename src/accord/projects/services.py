"""Every write to a project except its tasks' workflow: creation from a playbook, upgrades to a
newer playbook version, the committed go-live, and (re-exported from their modules) replanning
and staffing.

Each function takes the acting person, checks they may act (vendor admins and managers of the
workspace; others get NotFound or NotAllowed), changes everything or nothing, writes the
activity log, and returns what it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.alternatives import Choice, resolve_alternatives
from accord.domain.calendar import CalendarError, Closure, WorkingCalendar
from accord.domain.diff import PlaybookDiff, playbook_diff
from accord.domain.errors import InvalidInput, Problem, StaleWrite
from accord.domain.playbook import Playbook
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import playbook_to_data
from accord.projects.access import (
    NotAllowed,
    NotFound,
    ProjectAction,
    require,
    require_manager,
    require_workspace_manager,
)
from accord.projects.models import Project, ProjectPartner, ProjectTask, RaciCell
from accord.projects.people import (
    handover_apply_if_due,
    participant_add,
    participant_remove,
    partner_add,
    role_assign,
    role_lead_set,
    role_unassign,
)
from accord.projects.planning import commit_task_baselines, project_playbook, project_replan
from accord.workspaces.models import Customer, Partner, Workspace

__all__ = [
    "NotAllowed",
    "NotFound",
    "ProjectCreation",
    "handover_apply_if_due",
    "participant_add",
    "participant_remove",
    "partner_add",
    "project_baseline_set",
    "project_create",
    "project_replan",
    "project_upgrade",
    "project_upgrade_preview",
    "role_assign",
    "role_lead_set",
    "role_unassign",
]

#: Which field a calendar error is about.
_CALENDAR_FIELDS = {
    "calendar-unknown-country": "country",
    "calendar-unknown-subdivision": "subdivision",
    "calendar-unknown-timezone": "time_zone",
    "calendar-invalid-closure": "closures",
}

#: The longest project name (Project.name).
NAME_MAX_LENGTH = 200

ClosureInput = Closure | Mapping[str, Any] | tuple[Any, ...]


def _closure_tuples(closures: Iterable[ClosureInput]) -> list[tuple[Any, ...]]:
    tuples = []
    for item in closures:
        if isinstance(item, Mapping):
            tuples.append((item["start"], item["end"], item.get("label", item.get("reason", ""))))
        elif isinstance(item, Closure):
            tuples.append((item.start, item.end, item.reason))
        else:
            tuples.append(tuple(item))
    return tuples


def _calendar(
    country: str, subdivision: str, time_zone: str | None, closures: Iterable[ClosureInput]
) -> tuple[WorkingCalendar | None, list[Problem]]:
    try:
        calendar = WorkingCalendar.create(
            country, subdivision or None, closures=_closure_tuples(closures), timezone=time_zone or None
        )
    except CalendarError as error:
        field = _CALENDAR_FIELDS.get(error.code, "country")
        return None, [Problem(error.code, error.message, hint=error.hint, where=field)]
    except (KeyError, TypeError, ValueError) as error:
        return None, [
            Problem(
                "calendar-invalid-closure",
                _("A closure is not a pair of dates: %(error)s") % {"error": error},
                hint=_("Give each closure a first and a last day as YYYY-MM-DD."),
                where="closures",
            )
        ]
    return calendar, []


def _variant_problems(playbook: Playbook, variant: str | None) -> list[Problem]:
    known = [item.key for item in playbook.variants]
    if variant and variant not in known:
        hint = (
            _("Known variants: %(variants)s") % {"variants": ", ".join(known)}
            if known
            else _("This playbook has no variants; leave it empty.")
        )
        return [
            Problem(
                "variant-unknown", _("Unknown variant %(variant)s.") % {"variant": variant}, hint, "variant"
            )
        ]
    if not variant and known:
        return [
            Problem(
                "variant-required",
                _("This playbook has several paths; choose one."),
                hint=_("Known variants: %(variants)s") % {"variants": ", ".join(known)},
                where="variant",
            )
        ]
    return []


def _cell_problems(playbook: Playbook) -> list[Problem]:
    """Cells a project cannot hold: N/A together with letters (a file cannot say so, code can)."""
    return [
        Problem(
            "playbook-cell-invalid",
            _("Task %(task)s: role %(role)s is both not applicable and %(letters)s.")
            % {"task": task.key, "role": role, "letters": (cell & ~Raci.NA).canonical},
            hint=_("A cell holds letters or N/A, not both."),
            where=f"playbook.{task.key}.{role}",
        )
        for task in playbook.tasks
        for role, cell in task.raci.items()
        if cell & Raci.NA and cell != Raci.NA
    ]


def cells_for(task_rows: Sequence[ProjectTask], playbook: Playbook) -> list[RaciCell]:
    """The RACI cell rows of ``playbook``'s tasks, one per non-empty cell, for ``task_rows`` saved
    in the playbook's task order (unsaved: the caller bulk-creates them)."""
    return [
        RaciCell(task=row, role_key=role, letters=int(cell))
        for row, task in zip(task_rows, playbook.tasks, strict=True)
        for role, cell in task.raci.items()
        if not cell.is_empty
    ]


def task_rows_for(project: Project, playbook: Playbook) -> list[ProjectTask]:
    """One unsaved task row of ``project`` per task of ``playbook``, in order (the caller
    bulk-creates them, and may set planned dates or statuses first)."""
    return [
        ProjectTask(
            project=project,
            key=task.key,
            name=task.name,
            phase_key=phase.key,
            phase_name=phase.name,
            position=position,
            milestone=task.milestone,
        )
        for position, (phase, task) in enumerate(playbook.iter_tasks(), start=1)
    ]


@dataclass(frozen=True, kw_only=True)
class ProjectCreation:
    """What a new project is made of: everything :func:`project_create` needs besides who acts.

    ``playbook`` is built-in or from the catalogue (``playbook_source`` says which, e.g.
    "builtin"); ``variant`` is required when the playbook has variants; ``alternative_choices``
    maps a task key to the role(s) owning it (a group without a choice takes its first role).
    Nothing here is checked yet: :func:`project_create` is the one place that decides.
    """

    workspace: Workspace
    customer: Customer
    name: str
    playbook: Playbook
    start_date: dt.date
    country: str
    playbook_source: str = ""
    variant: str | None = None
    subdivision: str = ""
    time_zone: str | None = None
    closures: Sequence[ClosureInput] = ()
    partners: Sequence[Partner] = ()
    alternative_choices: Mapping[str, Choice] | None = None


@dataclass(frozen=True, slots=True)
class _CheckedCreation:
    """A creation that passed every check, with what the checks built on the way."""

    name: str
    calendar: WorkingCalendar
    #: The variant's view of the playbook, owner alternatives resolved: the project's tasks.
    resolved: Playbook
    choices: dict[str, Choice]
    #: The partners, each once, in the order given.
    partners: list[Partner]


def _name_problems(name: str) -> list[Problem]:
    if not name:
        return [
            Problem(
                "name-required",
                _("Give the project a name."),
                hint=_("e.g. the customer's name"),
                where="name",
            )
        ]
    if len(name) > NAME_MAX_LENGTH:
        return [
            Problem(
                "name-too-long",
                _("The name is too long."),
                hint=_("Keep it to %(count)s characters.") % {"count": NAME_MAX_LENGTH},
                where="name",
            )
        ]
    return []


def _workspace_problems(
    workspace: Workspace, customer: Customer, partners: Sequence[Partner]
) -> list[Problem]:
    """The customer and the partners must belong to the project's workspace."""
    problems = []
    if customer.workspace_id != workspace.pk:
        problems.append(
            Problem(
                "customer-other-workspace",
                _("This customer belongs to another workspace."),
                hint=_("Choose a customer of this workspace."),
                where="customer",
            )
        )
    if any(partner.workspace_id != workspace.pk for partner in partners):
        problems.append(
            Problem(
                "partner-other-workspace",
                _("A partner belongs to another workspace."),
                hint=_("Choose partners of this workspace."),
                where="partners",
            )
        )
    return problems


def _start_date_problems(start_date: object, calendar: WorkingCalendar | None) -> list[Problem]:
    if not isinstance(start_date, dt.date):
        return [
            Problem(
                "start-date-invalid",
                _("The start date is not a date."),
                hint=_("Use YYYY-MM-DD."),
                where="start_date",
            )
        ]
    if calendar is not None and not calendar.first_year <= start_date.year <= calendar.last_year:
        return [
            Problem(
                "start-date-out-of-range",
                _("The start date must fall between %(first)s and %(last)s.")
                % {"first": calendar.first_year, "last": calendar.last_year},
                hint=_("Check the year."),
                where="start_date",
            )
        ]
    return []


def _resolved_playbook(
    playbook: Playbook, variant: str | None, alternative_choices: Mapping[str, Choice] | None
) -> tuple[Playbook | None, dict[str, Choice], list[Problem]]:
    """The view of ``playbook`` for a known ``variant`` with its owner alternatives resolved, the
    choices made, and what is wrong with them (no view when anything is)."""
    try:
        resolved, choices = resolve_alternatives(playbook.for_variant(variant or None), alternative_choices)
    except InvalidInput as error:
        return None, {}, list(error.problems)
    if problems := _cell_problems(resolved):
        return None, {}, problems
    return resolved, choices, []


def _creation_checked(creation: ProjectCreation) -> _CheckedCreation:
    """Every check of a new project, each problem naming its field; raises InvalidInput with all
    of them at once (name, customer, partners, variant, country, subdivision, time_zone,
    closures, start_date, alternative_choices.<task>, playbook.<task>.<role>)."""
    name = creation.name.strip()
    partners = list(dict.fromkeys(creation.partners))
    calendar, calendar_problems = _calendar(
        creation.country, creation.subdivision, creation.time_zone, creation.closures
    )
    variant_problems = _variant_problems(creation.playbook, creation.variant)
    # Owner choices only make sense on a known path.
    resolved, choices, playbook_problems = (
        (None, {}, [])
        if variant_problems
        else _resolved_playbook(creation.playbook, creation.variant, creation.alternative_choices)
    )
    problems = [
        *_name_problems(name),
        *_workspace_problems(creation.workspace, creation.customer, partners),
        *variant_problems,
        *calendar_problems,
        *_start_date_problems(creation.start_date, calendar),
        *playbook_problems,
    ]
    if problems:
        raise InvalidInput(problems)
    # No problem means both were built.
    assert calendar is not None
    assert resolved is not None
    return _CheckedCreation(
        name=name, calendar=calendar, resolved=resolved, choices=choices, partners=partners
    )


def _project_saved(actor: User, creation: ProjectCreation, checked: _CheckedCreation) -> Project:
    """The project row, with its own copy of the playbook and its calendar."""
    playbook, calendar = creation.playbook, checked.calendar
    now = timezone.now()
    return Project.objects.create(
        workspace=creation.workspace,
        customer=creation.customer,
        name=checked.name,
        playbook_key=playbook.key,
        playbook_version=playbook.version,
        playbook_name=playbook.name,
        playbook_data=playbook_to_data(playbook),
        playbook_source=creation.playbook_source,
        variant=creation.variant or "",
        alternative_choices=checked.choices,
        start_date=creation.start_date,
        calendar_country=calendar.country,
        calendar_subdivision=calendar.subdivision or "",
        time_zone=calendar.timezone,
        closures=[
            {"start": item.start.isoformat(), "end": item.end.isoformat(), "label": item.reason}
            for item in calendar.closures
        ],
        created_by=actor,
        created_at=now,
        updated_at=now,
    )


def _rows_saved(project: Project, checked: _CheckedCreation) -> list[ProjectTask]:
    """The project's partners, its task rows and their RACI cells; returns the task rows."""
    ProjectPartner.objects.bulk_create(
        [ProjectPartner(project=project, partner=partner) for partner in checked.partners]
    )
    rows = ProjectTask.objects.bulk_create(task_rows_for(project, checked.resolved))
    RaciCell.objects.bulk_create(cells_for(rows, checked.resolved))
    return rows


def _creation_recorded(
    actor: User, project: Project, creation: ProjectCreation, checked: _CheckedCreation, *, tasks: int
) -> None:
    """The activity log of a creation: what was chosen, and the owner choices when there were any."""
    playbook, calendar = creation.playbook, checked.calendar
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.PROJECT_CREATED,
        target_type="project",
        target_key=str(project.pk),
        summary=f"{checked.name} ({playbook.key} {playbook.version})",
        after={
            "name": checked.name,
            "customer": creation.customer.pk,
            "playbook": playbook.key,
            "playbook_version": playbook.version,
            "playbook_source": creation.playbook_source,
            "variant": creation.variant or "",
            "start_date": creation.start_date.isoformat(),
            "calendar": {"country": calendar.country, "subdivision": calendar.subdivision or ""},
            "time_zone": calendar.timezone,
            "partners": [partner.pk for partner in checked.partners],
            "tasks": tasks,
        },
    )
    if checked.choices:
        activity_record(
            actor=actor,
            project=project,
            verb=Verb.ALTERNATIVES_CHOSEN,
            target_type="project",
            target_key=str(project.pk),
            summary=", ".join(f"{task}: {choice}" for task, choice in checked.choices.items()),
            after=checked.choices,
        )


@transaction.atomic
def project_create(*, actor: User, creation: ProjectCreation, today: dt.date | None = None) -> Project:
    """Start the project ``creation`` describes, on behalf of ``actor`` (vendor admins and
    managers of its workspace only).

    The project keeps its own copy of the playbook, gets one task row per task of its variant
    with its RACI cells and the owner alternatives resolved, and is planned at once (``today``:
    the planning day, for tests). Every problem is reported at once in one InvalidInput, each
    naming its field (see :func:`_creation_checked`); then nothing is created.
    """
    require_workspace_manager(actor, creation.workspace)
    checked = _creation_checked(creation)
    project = _project_saved(actor, creation, checked)
    rows = _rows_saved(project, checked)
    _creation_recorded(actor, project, creation, checked, tasks=len(rows))
    return project_replan(project=project, today=today)


def project_locked_for_change(
    actor: User,
    project: Project,
    expected_version: int,
    *,
    action: ProjectAction = ProjectAction.MANAGE,
    even_if_closed: bool = False,
) -> Project:
    """``project`` locked for the rest of the transaction, once ``actor`` may do ``action`` on it
    and nobody changed it since ``expected_version`` (else StaleWrite): how every versioned change
    of a project (settings, plan, upgrade) starts."""
    require(actor, action, project, even_if_closed=even_if_closed)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.version != expected_version:
        raise StaleWrite(
            _(
                "Someone changed this project meanwhile (version %(stored)s, not %(expected)s); "
                "nothing was changed."
            )
            % {"stored": locked.version, "expected": expected_version},
            hint=_("Reload the project and make your change again."),
        )
    return locked


def _kept_choices(project: Project, playbook: Playbook) -> dict[str, Choice]:
    """The project's owner choices that still make sense in ``playbook`` (its variant view)."""
    kept: dict[str, Choice] = {}
    for task in playbook.tasks:
        choice = project.alternative_choices.get(task.key)
        wanted = [choice] if isinstance(choice, str) else list(choice or ())
        members = {role for group in task.alternatives for role in group}
        still = [role for role in wanted if role in members]
        if still:
            kept[task.key] = still[0] if len(still) == 1 else still
    return kept


def _upgrade_views(project: Project, playbook: Playbook) -> tuple[Playbook, Playbook, dict[str, Choice]]:
    """The project as it is and as it would be on ``playbook``: variant views with the owner
    alternatives resolved, plus the choices the upgraded project keeps."""
    problems = []
    if playbook.key != project.playbook_key:
        problems.append(
            Problem(
                "upgrade-other-playbook",
                _("This is another playbook (%(key)s), not a version of %(project_key)s.")
                % {"key": playbook.key, "project_key": project.playbook_key},
                hint=_("Choose a version of the project's own playbook."),
                where="playbook",
            )
        )
    variant = project.variant or None
    if variant and variant not in {item.key for item in playbook.variants}:
        problems.append(
            Problem(
                "upgrade-variant-gone",
                _("The new version has no variant %(variant)s, which this project follows.")
                % {"variant": variant},
                hint=_("Keep the project on its version, or ask for the variant to be restored."),
                where="variant",
            )
        )
    if problems:
        raise InvalidInput(problems)
    current, _choices = resolve_alternatives(
        project_playbook(project).for_variant(variant), project.alternative_choices
    )
    target_view = playbook.for_variant(variant)
    target, choices = resolve_alternatives(target_view, _kept_choices(project, target_view))
    if problems := _cell_problems(target):
        raise InvalidInput(problems)
    return current, target, choices


def project_upgrade_preview(*, actor: User, project: Project, playbook: Playbook) -> PlaybookDiff:
    """What upgrading ``project`` to ``playbook`` would change in it (its variant, its owner
    choices applied); changes nothing."""
    require_manager(actor, project)
    current, target, _choices = _upgrade_views(project, playbook)
    return playbook_diff(current, target)


def _apply_cells(project: Project, current: Playbook, target: Playbook, rows: dict[str, ProjectTask]) -> None:
    """Write the RACI cells that differ between the two views; cells the playbooks agree on keep
    whatever the project holds (an edit made on the project survives an upgrade)."""
    stored = {(cell.task_id, cell.role_key): cell for cell in RaciCell.objects.filter(task__project=project)}
    current_tasks = {task.key: task for task in current.tasks}
    to_create, to_update, to_delete = [], [], []
    for task in target.tasks:
        row = rows[task.key]
        before = current_tasks.get(task.key)
        roles = dict.fromkeys([*task.raci, *(before.raci if before else ())])
        for role in roles:
            after_cell = task.cell(role)
            if before is not None and before.cell(role) == after_cell:
                continue
            cell = stored.get((row.pk, role))
            if after_cell.is_empty:
                if cell is not None:
                    to_delete.append(cell.pk)
            elif cell is None:
                to_create.append(RaciCell(task=row, role_key=role, letters=int(after_cell)))
            elif cell.letters != int(after_cell):
                cell.letters = int(after_cell)
                to_update.append(cell)
    RaciCell.objects.filter(pk__in=to_delete).delete()
    RaciCell.objects.bulk_update(to_update, ["letters"], batch_size=500)
    RaciCell.objects.bulk_create(to_create)


@transaction.atomic
def project_upgrade(
    *,
    actor: User,
    project: Project,
    playbook: Playbook,
    expected_version: int,
    playbook_source: str | None = None,
    today: dt.date | None = None,
) -> Project:
    """Move ``project`` to a newer version of its playbook.

    Tasks the new version drops are deleted; new tasks start not started; tasks that remain keep
    their status, reason and actual dates, and take the new name, phase, position and RACI cells.
    Roles the new version drops lose their people. Owner choices are kept where they still apply.
    The project's version goes up by one; ``expected_version`` must be the version the person
    saw, or StaleWrite is raised and nothing changes. Then the project is replanned.
    """
    project = project_locked_for_change(actor, project, expected_version)
    current, target, choices = _upgrade_views(project, playbook)
    difference = playbook_diff(current, target)

    rows = {row.key: row for row in ProjectTask.objects.filter(project=project)}
    target_keys = {task.key for task in target.tasks}
    ProjectTask.objects.filter(project=project).exclude(key__in=target_keys).delete()
    new_rows = []
    kept = []
    for fresh in task_rows_for(project, target):
        row = rows.get(fresh.key)
        if row is None:
            new_rows.append(fresh)
            continue
        row.name, row.phase_key, row.phase_name = fresh.name, fresh.phase_key, fresh.phase_name
        row.position, row.milestone = fresh.position, fresh.milestone
        kept.append(row)
    ProjectTask.objects.bulk_update(
        kept, ["name", "phase_key", "phase_name", "position", "milestone"], batch_size=500
    )
    for row in ProjectTask.objects.bulk_create(new_rows):
        rows[row.key] = row
    _apply_cells(project, current, target, rows)

    removed_roles = [item.key for item in difference.roles_removed]
    project.assignments.filter(role_key__in=removed_roles).delete()

    before = {"playbook_version": project.playbook_version, "version": project.version}
    project.playbook_data = playbook_to_data(playbook)
    project.playbook_version = playbook.version
    project.playbook_name = playbook.name
    if playbook_source is not None:
        project.playbook_source = playbook_source
    project.alternative_choices = choices
    project.version += 1
    project.updated_at = timezone.now()
    project.save()
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.PROJECT_UPGRADED,
        target_type="project",
        target_key=str(project.pk),
        summary=difference.summary(),
        before=before,
        after={
            "playbook_version": playbook.version,
            "version": project.version,
            "diff": difference.to_data(),
        },
    )
    return project_replan(project=project, today=today)


@transaction.atomic
def project_baseline_set(
    *, actor: User, project: Project, expected_version: int, go_live: dt.date | None = None
) -> Project:
    """Set the committed go-live that health compares the forecast with: ``go_live``, or the
    latest P80 forecast when not given (re-baselining, e.g. after an upgrade)."""
    project = project_locked_for_change(actor, project, expected_version)
    before = project.go_live_baseline
    project.go_live_baseline = go_live or project.go_live_p80
    commit_task_baselines(project)
    project.version += 1
    project.updated_at = timezone.now()
    project.save(update_fields=["go_live_baseline", "version", "updated_at"])
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.PROJECT_BASELINE_SET,
        target_type="project",
        target_key=str(project.pk),
        summary=f"{before} -> {project.go_live_baseline}",
        before={"go_live_baseline": before.isoformat() if before else None},
        after={
            "go_live_baseline": project.go_live_baseline.isoformat() if project.go_live_baseline else None
        },
    )
    return project
