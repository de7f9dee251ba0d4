"""One-click fixes: the findings that have exactly one safe correction, and that correction.

A fix changes the letters of some cells of one task and nothing else. Only rules whose hint
names a single, unambiguous change get one:

- RACI001 with several Accountables: keep the first (in the playbook's role order), the others
  become Consulted;
- RACI002 with several Responsibles: keep the first, the others become Consulted;
- RACI005 (a role Informed and also Responsible or Accountable): drop the I.

A missing Accountable or Responsible has no safe fix: someone must choose who. Applying a fix
removes its finding and adds no finding of the same rule (tests/domain/test_lint_fixes.py).
Pure code: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from accord.domain.lint.model import Finding
from accord.domain.playbook import Playbook, Task
from accord.domain.raci import Raci

#: The rules a fix exists for (when their finding names the roles concerned).
FIXABLE_RULES = frozenset({"RACI001", "RACI002", "RACI005"})


@dataclass(frozen=True, slots=True)
class CellFix:
    """One cell a fix changes: the role's letters on the task, before and after."""

    role: str
    before: Raci
    after: Raci


@dataclass(frozen=True, slots=True)
class Fix:
    """The safe correction of one finding: the cells of ``task`` it changes."""

    code: str
    task: str
    cells: tuple[CellFix, ...]


def _task(playbook: Playbook, key: str) -> Task | None:
    return next((task for task in playbook.tasks if task.key == key), None)


def _demote(task: Task, roles: tuple[str, ...], letter: Raci) -> tuple[CellFix, ...]:
    """Every role but the first loses ``letter`` and becomes Consulted."""
    changes = []
    for role in roles[1:]:
        before = task.cell(role)
        if before & letter:
            changes.append(CellFix(role, before, Raci((before & ~letter) | Raci.C)))
    return tuple(changes)


def _drop_informed(task: Task, roles: tuple[str, ...]) -> tuple[CellFix, ...]:
    changes = []
    for role in roles:
        before = task.cell(role)
        if before & Raci.I:
            changes.append(CellFix(role, before, Raci(before & ~Raci.I)))
    return tuple(changes)


def safe_fix(playbook: Playbook, finding: Finding) -> Fix | None:
    """The one safe fix of ``finding`` in ``playbook``, or None when it has none."""
    if finding.code not in FIXABLE_RULES or finding.task is None or not finding.roles:
        return None
    task = _task(playbook, finding.task)
    if task is None:
        return None
    if finding.code == "RACI001":
        cells = _demote(task, finding.roles, Raci.A)
    elif finding.code == "RACI002":
        cells = _demote(task, finding.roles, Raci.R)
    else:
        cells = _drop_informed(task, finding.roles)
    return Fix(finding.code, task.key, cells) if cells else None


def fix_cells(fix: Fix) -> Mapping[str, Raci]:
    """The letters each changed role holds after ``fix``."""
    return {cell.role: cell.after for cell in fix.cells}


def apply_fix(playbook: Playbook, fix: Fix) -> Playbook:
    """``playbook`` with ``fix`` applied (for previews and tests; the project applies it through
    its RACI service)."""
    phases = []
    for phase in playbook.phases:
        tasks = tuple(
            replace(task, raci={**task.raci, **fix_cells(fix)}) if task.key == fix.task else task
            for task in phase.tasks
        )
        phases.append(replace(phase, tasks=tasks))
    return replace(playbook, phases=tuple(phases))
