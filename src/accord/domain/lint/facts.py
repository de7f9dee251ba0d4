"""The one pass over the matrix that every rule reads.

Linting a big matrix (5,000 tasks x 30 roles) must take well under a tenth of a second, so the
cells are read exactly once: each cell becomes a plain ``int`` and is tested bit by bit, the
per-task holders of R, A and C are collected, and the roles that own work anywhere are
gathered in the same pass. The rules then look only at these small per-task summaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from accord.domain.playbook import Phase, Playbook, Role, Task
from accord.domain.raci import Raci

_RESPONSIBLE = Raci.R.value
_ACCOUNTABLE = Raci.A.value
_OWNERSHIP = Raci.R.value | Raci.A.value
_CONSULTED = Raci.C.value
_INFORMED = Raci.I.value
_NOT_APPLICABLE = Raci.NA.value
_LETTERS = Raci.R.value | Raci.A.value | Raci.C.value | Raci.I.value


class TaskFacts(NamedTuple):
    """What one pass learns about one task. Role keys are in the task's own order.

    ``informed_owners`` hold I together with R or A. ``applicable`` is False when no role holds
    any letter on the task and at least one cell is N/A. ``unknown_roles`` are keys of cells or
    owner alternatives that the playbook does not define.
    """

    ordinal: int
    phase: Phase
    task: Task
    responsible: tuple[str, ...]
    accountable: tuple[str, ...]
    consulted: tuple[str, ...]
    informed_owners: tuple[str, ...]
    applicable: bool
    unknown_roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LintFacts:
    """The playbook, its per-task facts in matrix order, and per-role aggregates.

    ``owners`` are the keys of roles holding R or A on at least one task.
    """

    playbook: Playbook
    tasks: tuple[TaskFacts, ...]
    roles: Mapping[str, Role]
    role_order: Mapping[str, int]
    owners: frozenset[str]
    role_labels: Mapping[str, str]

    @property
    def end_ordinal(self) -> int:
        """The ordinal given to playbook-level issues: after every task."""
        return len(self.tasks)

    def ordered(self, role_keys: Iterable[str]) -> tuple[str, ...]:
        """Role keys in the playbook's role order; keys it does not define come last."""
        last = len(self.role_order)
        return tuple(sorted(role_keys, key=lambda key: self.role_order.get(key, last)))

    def role_name(self, role_key: str) -> str:
        """A role as messages name it, e.g. "Account Manager (vendor)"."""
        return self.role_labels.get(role_key) or f'"{role_key}"'

    def role_names(self, role_keys: Iterable[str]) -> str:
        """Roles named in prose: "A", "A and B", "A, B and C"."""
        names = [self.role_name(key) for key in role_keys]
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]


def gather_facts(playbook: Playbook) -> LintFacts:
    """Read every cell of ``playbook`` once and summarise each task for the rules."""
    roles = {role.key: role for role in playbook.roles}
    known = roles.keys()
    owners: set[str] = set()
    summaries: list[TaskFacts] = []
    ordinal = 0
    for phase in playbook.phases:
        for task in phase.tasks:
            raci = task.raci
            responsible: list[str] = []
            accountable: list[str] = []
            consulted: list[str] = []
            informed_owners: list[str] = []
            # The hot loop: plain ints and bit tests, no enum object per cell (Raci's own
            # operators build one each time, several times slower).
            for role_key, cell in raci.items():
                value = int(cell)
                if value & _OWNERSHIP:
                    if value & _RESPONSIBLE:
                        responsible.append(role_key)
                    if value & _ACCOUNTABLE:
                        accountable.append(role_key)
                    if value & _INFORMED:
                        informed_owners.append(role_key)
                if value & _CONSULTED:
                    consulted.append(role_key)
            owners.update(responsible)
            owners.update(accountable)
            # Only a task with no R, A or C can be N/A throughout: look at its cells again.
            applicable = bool(responsible or accountable or consulted) or _applicable(raci.values())
            unknown_roles: tuple[str, ...] = ()
            if task.alternatives or not known >= raci.keys():
                unknown_roles = _unknown_roles(task, known)
            summaries.append(
                TaskFacts(
                    ordinal,
                    phase,
                    task,
                    tuple(responsible),
                    tuple(accountable),
                    tuple(consulted),
                    tuple(informed_owners),
                    applicable,
                    unknown_roles,
                )
            )
            ordinal += 1
    return LintFacts(
        playbook=playbook,
        tasks=tuple(summaries),
        roles=MappingProxyType(roles),
        role_order=MappingProxyType({role.key: index for index, role in enumerate(playbook.roles)}),
        owners=frozenset(owners),
        role_labels=MappingProxyType(
            {role.key: f"{role.name} ({role.side.value})" for role in playbook.roles}
        ),
    )


def _applicable(cells: Iterable[Raci]) -> bool:
    """False when no cell holds a letter and at least one is N/A."""
    union = 0
    for cell in cells:
        union |= int(cell)
    return bool(union & _LETTERS) or not union & _NOT_APPLICABLE


def _unknown_roles(task: Task, known: Iterable[str]) -> tuple[str, ...]:
    known_keys = set(known)
    named = [*task.raci, *(member for group in task.alternatives for member in group)]
    return tuple(dict.fromkeys(key for key in named if key not in known_keys))
