"""Switching a project to another variant of its playbook (e.g. from the internal API case to the
no-code case, once the decision tree says so).

The preview lists the tasks the switch adds and removes; the switch is refused once a task it
would remove has started (anything but "not started"), so no work done is thrown away. Tasks
both variants share keep their status, dates, comments and RACI cells; new tasks start not
started with the playbook's cells, as at creation (:func:`task_rows_for`, :func:`cells_for`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.alternatives import Choice, resolve_alternatives
from accord.domain.errors import InvalidInput, Problem, StaleWrite
from accord.domain.playbook import Playbook, Task
from accord.projects.access import require_manager
from accord.projects.models import Project, ProjectTask, RaciCell, TaskStatus
from accord.projects.planning import project_playbook, project_replan
from accord.projects.services import cells_for, task_rows_for

__all__ = ["TaskLine", "VariantSwitch", "project_variant_preview", "project_variant_switch"]


@dataclass(frozen=True, slots=True)
class TaskLine:
    key: str
    name: str
    status: str = TaskStatus.NOT_STARTED.value

    @property
    def started(self) -> bool:
        return self.status != TaskStatus.NOT_STARTED.value


@dataclass(frozen=True, slots=True)
class VariantSwitch:
    """What switching ``project`` from ``variant_before`` to ``variant_after`` changes."""

    variant_before: str
    variant_after: str
    variant_name: str
    added: tuple[TaskLine, ...]
    removed: tuple[TaskLine, ...]

    @property
    def started_removed(self) -> tuple[TaskLine, ...]:
        """The tasks the switch would remove that have started: any one refuses the switch."""
        return tuple(line for line in self.removed if line.started)

    @property
    def allowed(self) -> bool:
        return not self.started_removed and self.variant_before != self.variant_after


def _target_view(project: Project, variant: str) -> tuple[Playbook, Playbook, dict[str, Choice]]:
    playbook = project_playbook(project)
    known = {item.key: item.name for item in playbook.variants}
    if variant not in known:
        raise InvalidInput(
            [
                Problem(
                    "variant-unknown",
                    _("Unknown variant %(variant)s.") % {"variant": variant},
                    hint=_("Known variants: %(variants)s") % {"variants": ", ".join(known)}
                    if known
                    else _("This playbook has no variants."),
                    where="variant",
                )
            ]
        )
    view = playbook.for_variant(variant)
    keys = {task.key for task in view.tasks}
    kept = {key: choice for key, choice in project.alternative_choices.items() if key in keys}
    resolved, choices = resolve_alternatives(view, kept)
    return playbook, resolved, choices


def _switch(project: Project, variant: str) -> tuple[VariantSwitch, Playbook, dict[str, Choice]]:
    playbook, target, choices = _target_view(project, variant)
    rows = list(ProjectTask.objects.filter(project=project).order_by("position"))
    target_keys = {task.key for task in target.tasks}
    present = {row.key for row in rows}
    switch = VariantSwitch(
        variant_before=project.variant,
        variant_after=variant,
        variant_name=next(item.name for item in playbook.variants if item.key == variant),
        added=tuple(TaskLine(task.key, task.name) for task in target.tasks if task.key not in present),
        removed=tuple(TaskLine(row.key, row.name, row.status) for row in rows if row.key not in target_keys),
    )
    return switch, target, choices


def project_variant_preview(*, actor: User, project: Project, variant: str) -> VariantSwitch:
    """What switching ``project`` to ``variant`` would add and remove; changes nothing."""
    require_manager(actor, project)
    return _switch(project, variant)[0]


def _refusal(switch: VariantSwitch) -> InvalidInput | None:
    if switch.variant_before == switch.variant_after:
        return InvalidInput(
            [
                Problem(
                    "variant-same",
                    _("The project already follows this variant."),
                    hint=_("Nothing to switch."),
                    where="variant",
                )
            ]
        )
    if switch.started_removed:
        names = ", ".join(f"“{line.name}”" for line in switch.started_removed)
        return InvalidInput(
            [
                Problem(
                    "variant-switch-started",
                    _("The switch would remove tasks that have started: %(tasks)s.") % {"tasks": names},
                    hint=_("Finish the switch before work starts on them, or keep the project's variant."),
                    where="variant",
                )
            ]
        )
    return None


@transaction.atomic
def project_variant_switch(
    *, actor: User, project: Project, variant: str, expected_version: int, today: dt.date | None = None
) -> Project:
    """Move ``project`` to ``variant`` of its playbook (vendor admins and managers).

    Refused (InvalidInput, nothing changed) when a task it would remove has started or the
    project already follows ``variant``; StaleWrite when the project changed meanwhile. The
    project's version goes up by one, and it is replanned.
    """
    require_manager(actor, project)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.version != expected_version:
        raise StaleWrite(
            _("Someone changed this project meanwhile; nothing was changed."),
            hint=_("Reload the page and look at the switch again."),
        )
    switch, target, choices = _switch(locked, variant)
    refusal = _refusal(switch)
    if refusal is not None:
        raise refusal
    ProjectTask.objects.filter(project=locked, key__in=[line.key for line in switch.removed]).delete()
    rows = {row.key: row for row in ProjectTask.objects.filter(project=locked)}
    fresh = task_rows_for(locked, target)
    new_rows, kept = [], []
    for row in fresh:
        existing = rows.get(row.key)
        if existing is None:
            new_rows.append(row)
        else:
            existing.position, existing.phase_key, existing.phase_name = (
                row.position,
                row.phase_key,
                row.phase_name,
            )
            kept.append(existing)
    ProjectTask.objects.bulk_update(kept, ["position", "phase_key", "phase_name"], batch_size=500)
    created = {row.key: row for row in ProjectTask.objects.bulk_create(new_rows)}
    if created:
        added_view = [task for task in target.tasks if task.key in created]
        RaciCell.objects.bulk_create(
            cells_for([created[task.key] for task in added_view], _only(target, added_view))
        )
    before = {"variant": locked.variant, "version": locked.version}
    locked.variant = variant
    locked.alternative_choices = choices
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save(update_fields=["variant", "alternative_choices", "version", "updated_at"])
    activity_record(
        actor=actor,
        project=locked,
        verb=Verb.PROJECT_VARIANT_SWITCHED,
        target_type="project",
        target_key=str(locked.pk),
        summary=f"{before['variant']} -> {variant}",
        before=before,
        after={
            "variant": variant,
            "name": switch.variant_name,
            "version": locked.version,
            "added": [line.key for line in switch.added],
            "removed": [line.key for line in switch.removed],
        },
    )
    return project_replan(project=locked, today=today)


def _only(playbook: Playbook, tasks: list[Task]) -> Playbook:
    """``playbook`` with only ``tasks`` (in its order), for :func:`cells_for`."""
    wanted = {id(task) for task in tasks}
    phases = tuple(
        replace(phase, tasks=tuple(task for task in phase.tasks if id(task) in wanted))
        for phase in playbook.phases
    )
    return replace(playbook, phases=tuple(phase for phase in phases if phase.tasks))
