"""The playbook: a versioned template of an integration or onboarding project.

A playbook names the roles on each side, its phases and tasks, a RACI cell for every role on
every task, the variants (alternative paths), the change log and the source document it was
taken from. It keeps the source's data as written, even where the RACI rules object: the
linter (:mod:`accord.domain.lint`) says where.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from accord.domain.errors import NotFound
from accord.domain.raci import Raci

if TYPE_CHECKING:
    from accord.domain.timing import Timing


class Side(StrEnum):
    VENDOR = "vendor"
    CUSTOMER = "customer"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return self.value.capitalize()


SIDE_ORDER: tuple[Side, ...] = (Side.VENDOR, Side.CUSTOMER, Side.PARTNER)


@dataclass(frozen=True, slots=True)
class Role:
    """A named responsibility holder on one side, e.g. customer · IT department.

    ``whole_side`` marks a role that stands for a whole side (seed 002's "Client").
    ``if_applicable`` marks a role that not every project has (seed 002's "IT (If Applicable)").
    ``source_name`` keeps the source's own label when it differs from ``name``.
    """

    key: str
    name: str
    side: Side
    description: str = ""
    responsibilities: tuple[str, ...] = ()
    if_applicable: bool = False
    whole_side: bool = False
    source_name: str = ""

    @property
    def label(self) -> str:
        """The matrix column title: ``<Side>: <Role>``."""
        return f"{self.side.label}: {self.name}"


@dataclass(frozen=True, slots=True)
class Variant:
    """An alternative path through a playbook, e.g. seed 000's "Internal API case"."""

    key: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class ChangeLogEntry:
    version: str
    description: str
    date: date | None = None
    author: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """The document a playbook was taken from."""

    file: str
    title: str = ""
    vendor: str = ""
    language: str = "en"
    url: str = ""


@dataclass(frozen=True, slots=True)
class Handover:
    """A role whose holder hands over to another role at a milestone.

    Seed 000: the Account Manager is the COM during onboarding and the CSM after it.
    ``after`` is the key of the task or phase whose end is the milestone.
    """

    role: str
    to: str
    after: str
    note: str = ""


def _frozen_raci(raci: Mapping[str, Raci]) -> Mapping[str, Raci]:
    return MappingProxyType(dict(raci))


@dataclass(frozen=True, slots=True)
class Task:
    """One line of the matrix.

    ``raci`` maps role keys to the letters they hold; a role absent from it has an empty cell.
    ``variants`` lists the variants this task belongs to; empty means common to all.
    ``alternatives`` lists groups of role keys of which exactly one is chosen per project
    (seed 004's "CIT or TPA"); joint owners ("CIT & PCTY") simply both hold R.
    ``notes`` record decisions taken where the source was ambiguous.
    ``go_live`` marks the milestone that is the go-live (SocialTalent's learner launch, not the
    close); without a marker the last milestone is.
    """

    key: str
    name: str
    raci: Mapping[str, Raci] = field(default_factory=dict)
    group: str = ""
    details: str = ""
    timeframe: str = ""
    deliverables: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, ...], ...] = ()
    milestone: bool = False
    notes: tuple[str, ...] = ()
    timing: Timing | None = None
    #: This milestone is the go-live (the planner's go-live; else the last milestone is).
    go_live: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.raci, MappingProxyType):
            object.__setattr__(self, "raci", _frozen_raci(self.raci))

    def __hash__(self) -> int:
        return hash((self.key, self.name))

    def cell(self, role_key: str) -> Raci:
        return self.raci.get(role_key, Raci(0))

    def holders(self, letter: Raci) -> tuple[str, ...]:
        """Role keys holding ``letter`` on this task, in the order the task lists them."""
        return tuple(role for role, cell in self.raci.items() if cell & letter)

    def applies_to(self, variant: str | None) -> bool:
        return variant is None or not self.variants or variant in self.variants


@dataclass(frozen=True, slots=True)
class Phase:
    key: str
    name: str
    tasks: tuple[Task, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class Playbook:
    key: str
    name: str
    version: str
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    source: Source | None = None
    description: str = ""
    variants: tuple[Variant, ...] = ()
    change_log: tuple[ChangeLogEntry, ...] = ()
    handovers: tuple[Handover, ...] = ()
    notes: tuple[str, ...] = ()
    language: str = "en"

    def __hash__(self) -> int:
        return hash((self.key, self.version))

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for phase in self.phases for task in phase.tasks)

    def iter_tasks(self) -> Iterator[tuple[Phase, Task]]:
        for phase in self.phases:
            for task in phase.tasks:
                yield phase, task

    def role(self, key: str) -> Role:
        for role in self.roles:
            if role.key == key:
                return role
        raise NotFound(
            f"playbook {self.key!r} has no role {key!r}",
            hint="known roles: " + ", ".join(role.key for role in self.roles),
        )

    @property
    def roles_by_side(self) -> tuple[Role, ...]:
        """Roles grouped by side (vendor, customer, partner), keeping their order within a side."""
        return tuple(role for side in SIDE_ORDER for role in self.roles if role.side is side)

    def task(self, key: str) -> Task:
        for task in self.tasks:
            if task.key == key:
                return task
        raise NotFound(f"playbook {self.key!r} has no task {key!r}")

    def variant(self, key: str) -> Variant:
        for variant in self.variants:
            if variant.key == key:
                return variant
        known = ", ".join(variant.key for variant in self.variants) or "none"
        raise NotFound(f"playbook {self.key!r} has no variant {key!r}", hint=f"known variants: {known}")

    def for_variant(self, key: str | None) -> Playbook:
        """The playbook as one project on variant ``key`` sees it.

        Keeps the tasks common to all variants plus that variant's own; a phase left with no
        task is dropped. ``None`` returns the playbook unchanged.
        """
        if key is None:
            return self
        self.variant(key)
        phases = []
        for phase in self.phases:
            tasks = tuple(task for task in phase.tasks if task.applies_to(key))
            if tasks:
                phases.append(replace(phase, tasks=tasks))
        return replace(self, phases=tuple(phases))
