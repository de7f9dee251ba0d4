"""What changed between two versions of a playbook.

:func:`playbook_diff` compares two playbooks key by key: roles, phases, variants and tasks are
identified by their keys, so a key that changes reads as one item removed and another added.
For a task present in both, it lists the fields that changed and, role by role, the RACI cells
that changed. A project shows this before someone upgrades it to the newer version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from accord.domain.playbook import Handover, Phase, Playbook, Role, Task, Variant
from accord.domain.raci import Raci
from accord.domain.timing import timing_to_data


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a role, phase, variant or task: its value before and after (JSON-ready)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class CellChange:
    """The letters one role holds on one task, before and after (``Raci(0)`` is an empty cell)."""

    role: str
    before: Raci
    after: Raci


@dataclass(frozen=True, slots=True)
class Item:
    """A role, phase, variant or task added or removed. ``phase`` is set for tasks only."""

    key: str
    name: str
    phase: str = ""


@dataclass(frozen=True, slots=True)
class ItemChange:
    """A role, phase or variant kept under the same key with some fields changed."""

    key: str
    name: str  # the newer name
    fields: tuple[FieldChange, ...]

    def field(self, name: str) -> FieldChange | None:
        return next((change for change in self.fields if change.field == name), None)


@dataclass(frozen=True, slots=True)
class TaskChange:
    """A task kept under the same key, with its changed fields and RACI cells."""

    key: str
    name: str  # the newer name
    phase: str  # the newer phase key
    fields: tuple[FieldChange, ...]
    cells: tuple[CellChange, ...]

    def field(self, name: str) -> FieldChange | None:
        return next((change for change in self.fields if change.field == name), None)

    def cell(self, role: str) -> CellChange | None:
        return next((change for change in self.cells if change.role == role), None)


@dataclass(frozen=True, slots=True)
class PlaybookDiff:
    """Everything that differs between an ``old`` and a ``new`` playbook, in the newer order."""

    key: str
    version_before: str
    version_after: str
    roles_added: tuple[Item, ...] = ()
    roles_removed: tuple[Item, ...] = ()
    roles_changed: tuple[ItemChange, ...] = ()
    phases_added: tuple[Item, ...] = ()
    phases_removed: tuple[Item, ...] = ()
    phases_changed: tuple[ItemChange, ...] = ()
    variants_added: tuple[Item, ...] = ()
    variants_removed: tuple[Item, ...] = ()
    variants_changed: tuple[ItemChange, ...] = ()
    tasks_added: tuple[Item, ...] = ()
    tasks_removed: tuple[Item, ...] = ()
    tasks_changed: tuple[TaskChange, ...] = ()
    handovers_added: tuple[Handover, ...] = ()
    handovers_removed: tuple[Handover, ...] = ()

    @property
    def roles_renamed(self) -> tuple[ItemChange, ...]:
        """Roles kept under the same key whose name changed."""
        return tuple(change for change in self.roles_changed if change.field("name") is not None)

    @property
    def is_empty(self) -> bool:
        """True when nothing but (perhaps) the version number and the change log differ."""
        return not any(
            getattr(self, name)
            for name in (
                "roles_added",
                "roles_removed",
                "roles_changed",
                "phases_added",
                "phases_removed",
                "phases_changed",
                "variants_added",
                "variants_removed",
                "variants_changed",
                "tasks_added",
                "tasks_removed",
                "tasks_changed",
                "handovers_added",
                "handovers_removed",
            )
        )

    @property
    def cell_changes(self) -> int:
        """How many RACI cells of kept tasks changed."""
        return sum(len(change.cells) for change in self.tasks_changed)

    def summary(self) -> str:
        """One line, e.g. ``1.0 -> 1.1: 2 tasks added, 1 task changed (3 cells)``."""

        def counted(count: int, noun: str) -> str:
            return f"{count} {noun}{'' if count == 1 else 's'}"

        parts = []
        for noun, added, removed, changed in (
            ("role", self.roles_added, self.roles_removed, self.roles_changed),
            ("phase", self.phases_added, self.phases_removed, self.phases_changed),
            ("variant", self.variants_added, self.variants_removed, self.variants_changed),
            ("task", self.tasks_added, self.tasks_removed, self.tasks_changed),
            ("hand-over", self.handovers_added, self.handovers_removed, ()),
        ):
            if added:
                parts.append(f"{counted(len(added), noun)} added")
            if removed:
                parts.append(f"{counted(len(removed), noun)} removed")
            if changed:
                parts.append(f"{counted(len(changed), noun)} changed")
                if noun == "task":
                    parts[-1] += f" ({counted(self.cell_changes, 'cell')})"
        head = f"{self.version_before} -> {self.version_after}"
        return f"{head}: {', '.join(parts)}" if parts else f"{head}: no change"

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data (for the activity log and the API); cells spelled canonically."""

        def items(values: Iterable[Item]) -> list[dict[str, str]]:
            return [
                {"key": item.key, "name": item.name, **({"phase": item.phase} if item.phase else {})}
                for item in values
            ]

        def fields(values: Iterable[FieldChange]) -> list[dict[str, Any]]:
            return [
                {"field": change.field, "before": change.before, "after": change.after} for change in values
            ]

        def changes(values: Iterable[ItemChange]) -> list[dict[str, Any]]:
            return [
                {"key": change.key, "name": change.name, "fields": fields(change.fields)} for change in values
            ]

        def handovers(values: Iterable[Handover]) -> list[dict[str, str]]:
            return [{"role": item.role, "to": item.to, "after": item.after} for item in values]

        return {
            "key": self.key,
            "version_before": self.version_before,
            "version_after": self.version_after,
            "roles_added": items(self.roles_added),
            "roles_removed": items(self.roles_removed),
            "roles_changed": changes(self.roles_changed),
            "phases_added": items(self.phases_added),
            "phases_removed": items(self.phases_removed),
            "phases_changed": changes(self.phases_changed),
            "variants_added": items(self.variants_added),
            "variants_removed": items(self.variants_removed),
            "variants_changed": changes(self.variants_changed),
            "tasks_added": items(self.tasks_added),
            "tasks_removed": items(self.tasks_removed),
            "tasks_changed": [
                {
                    "key": change.key,
                    "name": change.name,
                    "phase": change.phase,
                    "fields": fields(change.fields),
                    "cells": [
                        {"role": cell.role, "before": cell.before.canonical, "after": cell.after.canonical}
                        for cell in change.cells
                    ],
                }
                for change in self.tasks_changed
            ],
            "handovers_added": handovers(self.handovers_added),
            "handovers_removed": handovers(self.handovers_removed),
        }


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def name(self) -> str: ...


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(field=name, before=old[name], after=new[name]) for name in new if old[name] != new[name]
    )


def _compare[Keyed: _Keyed](
    old: Sequence[Keyed], new: Sequence[Keyed], describe: Callable[[Keyed], dict[str, Any]]
) -> tuple[tuple[Item, ...], tuple[Item, ...], tuple[ItemChange, ...]]:
    old_by_key = {item.key: item for item in old}
    new_keys = {item.key for item in new}
    added = tuple(Item(item.key, item.name) for item in new if item.key not in old_by_key)
    removed = tuple(Item(item.key, item.name) for item in old if item.key not in new_keys)
    changed = []
    for item in new:
        before = old_by_key.get(item.key)
        if before is not None and (fields := _field_changes(describe(before), describe(item))):
            changed.append(ItemChange(key=item.key, name=item.name, fields=fields))
    return added, removed, tuple(changed)


def _describe_role(role: Role) -> dict[str, Any]:
    return {
        "name": role.name,
        "side": role.side.value,
        "description": role.description,
        "responsibilities": list(role.responsibilities),
        "if_applicable": role.if_applicable,
        "whole_side": role.whole_side,
    }


def _describe_phase(phase: Phase) -> dict[str, Any]:
    return {"name": phase.name, "description": phase.description}


def _describe_variant(variant: Variant) -> dict[str, Any]:
    return {"name": variant.name, "description": variant.description}


def _describe_task(task: Task, phase: str) -> dict[str, Any]:
    return {
        "name": task.name,
        "phase": phase,
        "group": task.group,
        "details": task.details,
        "timeframe": task.timeframe,
        "variants": list(task.variants),
        "milestone": task.milestone,
        "alternatives": [list(group) for group in task.alternatives],
        "deliverables": list(task.deliverables),
        "notes": list(task.notes),
        "timing": timing_to_data(task.timing) if task.timing is not None else None,
    }


def _cell_changes(old: Task, new: Task, role_order: Sequence[str]) -> tuple[CellChange, ...]:
    roles = [*role_order, *(role for role in (*new.raci, *old.raci) if role not in role_order)]
    seen: set[str] = set()
    changes = []
    for role in roles:
        if role in seen:
            continue
        seen.add(role)
        before, after = old.cell(role), new.cell(role)
        if before != after:
            changes.append(CellChange(role=role, before=before, after=after))
    return tuple(changes)


def playbook_diff(old: Playbook, new: Playbook) -> PlaybookDiff:
    """The differences from ``old`` to ``new``, listed in ``new``'s order (removals in ``old``'s).

    Version numbers and change logs are not compared: they say that something changed, the diff
    says what.
    """
    roles_added, roles_removed, roles_changed = _compare(old.roles, new.roles, _describe_role)
    phases_added, phases_removed, phases_changed = _compare(old.phases, new.phases, _describe_phase)
    variants_added, variants_removed, variants_changed = _compare(
        old.variants, new.variants, _describe_variant
    )

    old_tasks = {task.key: (phase.key, task) for phase, task in old.iter_tasks()}
    new_keys = {task.key for task in new.tasks}
    role_order = [role.key for role in new.roles] + [role.key for role in old.roles]
    tasks_changed = []
    for phase, task in new.iter_tasks():
        if task.key not in old_tasks:
            continue
        old_phase, old_task = old_tasks[task.key]
        fields = _field_changes(_describe_task(old_task, old_phase), _describe_task(task, phase.key))
        cells = _cell_changes(old_task, task, role_order)
        if fields or cells:
            tasks_changed.append(
                TaskChange(key=task.key, name=task.name, phase=phase.key, fields=fields, cells=cells)
            )

    return PlaybookDiff(
        key=new.key,
        version_before=old.version,
        version_after=new.version,
        roles_added=roles_added,
        roles_removed=roles_removed,
        roles_changed=roles_changed,
        phases_added=phases_added,
        phases_removed=phases_removed,
        phases_changed=phases_changed,
        variants_added=variants_added,
        variants_removed=variants_removed,
        variants_changed=variants_changed,
        tasks_added=tuple(
            Item(task.key, task.name, phase.key)
            for phase, task in new.iter_tasks()
            if task.key not in old_tasks
        ),
        tasks_removed=tuple(
            Item(task.key, task.name, phase.key)
            for phase, task in old.iter_tasks()
            if task.key not in new_keys
        ),
        tasks_changed=tuple(tasks_changed),
        handovers_added=tuple(item for item in new.handovers if item not in old.handovers),
        handovers_removed=tuple(item for item in old.handovers if item not in new.handovers),
    )
