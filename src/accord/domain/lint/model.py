"""What the linter reports and what its rules are made of.

A :class:`Rule` is data: a stable code, a slug name, a default severity, a description, the
parameters a workspace may tune, and a check function. A check reads the facts gathered in one
pass over the matrix (:mod:`accord.domain.lint.facts`) and yields :class:`Issue` objects; the
engine stamps them with the rule's code and the severity in force, and returns
:class:`Finding` objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accord.domain.lint.facts import LintFacts


class Severity(StrEnum):
    """How much a finding matters: an error breaks a RACI rule of the sources."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for information: sorts the worst first."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One linter result, located on a task (or on the playbook when ``task`` is None).

    ``roles`` are the keys of the roles concerned, in the playbook's role order. ``name`` is the
    rule's slug (e.g. ``one-accountable``); ``code`` (e.g. ``RACI001``) never changes.
    """

    code: str
    name: str
    severity: Severity
    playbook: str
    phase: str | None
    task: str | None
    roles: tuple[str, ...]
    message: str
    hint: str

    def as_dict(self) -> dict[str, object]:
        """The finding as the CLI's and the API's JSON shows it."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "playbook": self.playbook,
            "phase": self.phase,
            "task": self.task,
            "roles": list(self.roles),
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True, slots=True)
class Issue:
    """What a check reports before the engine turns it into a :class:`Finding`.

    ``ordinal`` is the task's position in the matrix (the number of tasks for a playbook-level
    issue) and orders the findings.
    """

    ordinal: int
    phase: str | None
    task: str | None
    roles: tuple[str, ...]
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class Parameter:
    """A number a workspace may tune on one rule, e.g. the Consulted threshold."""

    name: str
    default: int
    description: str
    minimum: int = 0


#: A check reads the facts and the parameters in force and yields what is wrong.
Check = Callable[["LintFacts", Mapping[str, int]], Iterable[Issue]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of the rule table.

    ``source`` quotes the source document the rule comes from (empty for general RACI
    practice); ``docs/linter.md`` explains each rule at length.
    """

    code: str
    name: str
    severity: Severity
    description: str
    check: Check
    parameters: tuple[Parameter, ...] = ()
    source: str = ""

    def parameter(self, name: str) -> Parameter | None:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        return None

    @property
    def default_parameters(self) -> Mapping[str, int]:
        return MappingProxyType({parameter.name: parameter.default for parameter in self.parameters})


def _empty_parameters() -> Mapping[str, int]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """A workspace's choice for one rule: on or off, its severity, its parameters.

    ``severity`` None keeps the rule's default; ``parameters`` override the defaults by name.
    """

    enabled: bool = True
    severity: Severity | None = None
    parameters: Mapping[str, int] = field(default_factory=_empty_parameters)

    def __post_init__(self) -> None:
        if not isinstance(self.parameters, MappingProxyType):
            object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))
