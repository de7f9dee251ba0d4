"""Design records of an integration: what the business and technical design reviews settle (seed 003).

The business design review (BDR) covers the data flows, the mapping of fields, business rules
and compliance requirements; the technical design review (TDR) the integration method (real
time or batch), data formats, security protocols and compatibility. Decisions taken and
questions still open are kept beside them.

Each record is a frozen dataclass; ``*_problems`` functions return every problem with
``where`` naming the field (``name``, ``mappings[2].target``), and :func:`validate_flows`
(and the other ``validate_*``) raise :class:`InvalidInput` with them. The flows, in order, are
what the sequence diagram (:mod:`accord.formats.design.sequence`) and the overview slide draw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from accord.domain.errors import InvalidInput, Problem


class FlowMode(StrEnum):
    REALTIME = "realtime"
    BATCH = "batch"


#: How each mode reads in a diagram label, by language.
MODE_LABELS: dict[str, dict[FlowMode, str]] = {
    "en": {FlowMode.REALTIME: "real time", FlowMode.BATCH: "batch"},
    "fr": {FlowMode.REALTIME: "temps réel", FlowMode.BATCH: "par lots"},
}


def mode_label(mode: FlowMode, language: str = "en") -> str:
    """``real time`` / ``batch`` (English) or ``temps réel`` / ``par lots`` (French)."""
    return MODE_LABELS.get(language, MODE_LABELS["en"])[mode]


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """One field carried by a flow: ``source`` field → ``target`` field, with the ``rule``
    applied on the way (a format, a lookup, a default; empty when copied as is)."""

    source: str
    target: str
    rule: str = ""


@dataclass(frozen=True, slots=True)
class DataFlow:
    """Data moving from one system to another, e.g. the biller's CIS sending the daily bill file."""

    name: str
    source_system: str
    target_system: str
    trigger: str = ""
    mode: FlowMode = FlowMode.REALTIME
    format: str = ""
    security: str = ""
    mappings: tuple[FieldMapping, ...] = ()


@dataclass(frozen=True, slots=True)
class BusinessRule:
    """A rule the integration must follow, e.g. "a payment posted after 8 pm counts the next day"."""

    text: str
    flow: str = ""  # the name of the flow it applies to, or empty for all


@dataclass(frozen=True, slots=True)
class ComplianceRequirement:
    """A legal or contractual requirement, e.g. PCI DSS for card data."""

    text: str
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """A design decision: what was decided, why, when and by whom (a role key)."""

    text: str
    rationale: str = ""
    decided_on: date | None = None
    owner: str = ""


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """A question the design still needs answered, by whom (``owner``, a role key) and by when."""

    text: str
    owner: str = ""
    due: date | None = None


def _empty(value: str, where: str, message: str, hint: str) -> list[Problem]:
    return (
        [] if value.strip() else [Problem(code="design-field-empty", message=message, hint=hint, where=where)]
    )


def flow_problems(flow: DataFlow, prefix: str = "") -> tuple[Problem, ...]:
    """Every problem of one flow; ``where`` is ``prefix`` + the field name (e.g. ``flows[0].name``)."""
    problems = [
        *_empty(flow.name, f"{prefix}name", "The flow has no name.", "Name it, e.g. “daily bill file”."),
        *_empty(
            flow.source_system,
            f"{prefix}source_system",
            "The flow has no source system.",
            "Name the system the data comes from.",
        ),
        *_empty(
            flow.target_system,
            f"{prefix}target_system",
            "The flow has no target system.",
            "Name the system the data goes to.",
        ),
    ]
    if not isinstance(flow.mode, FlowMode):
        problems.append(
            Problem(
                code="design-mode-unknown",
                message=f"Unknown mode {flow.mode!r}.",
                hint="Use one of: " + ", ".join(mode.value for mode in FlowMode),
                where=f"{prefix}mode",
            )
        )
    targets: dict[str, int] = {}
    for index, mapping in enumerate(flow.mappings):
        where = f"{prefix}mappings[{index}]"
        problems += _empty(mapping.source, f"{where}.source", "The mapping has no source field.", "Name it.")
        problems += _empty(mapping.target, f"{where}.target", "The mapping has no target field.", "Name it.")
        if mapping.target.strip() and mapping.target in targets:
            problems.append(
                Problem(
                    code="design-mapping-duplicate-target",
                    message=f"The target field {mapping.target!r} is filled twice "
                    f"(also by mapping {targets[mapping.target] + 1}).",
                    hint="Map each target field once; put the combination in the rule.",
                    where=f"{where}.target",
                )
            )
        targets.setdefault(mapping.target, index)
    return tuple(problems)


def flows_problems(flows: Sequence[DataFlow]) -> tuple[Problem, ...]:
    """Every problem of a list of flows: each flow's, and names used twice."""
    problems: list[Problem] = []
    names: set[str] = set()
    for index, flow in enumerate(flows):
        prefix = f"flows[{index}]."
        problems += flow_problems(flow, prefix)
        if flow.name.strip() and flow.name.strip() in names:
            problems.append(
                Problem(
                    code="design-flow-duplicate",
                    message=f"Two flows are named {flow.name!r}.",
                    hint="Give each flow its own name.",
                    where=f"{prefix}name",
                )
            )
        names.add(flow.name.strip())
    return tuple(problems)


def _raise(problems: Iterable[Problem]) -> None:
    found = tuple(problems)
    if found:
        raise InvalidInput(found)


def validate_flow(flow: DataFlow) -> DataFlow:
    """Return ``flow`` or raise :class:`InvalidInput` whose problems name the fields."""
    _raise(flow_problems(flow))
    return flow


def validate_flows(flows: Sequence[DataFlow]) -> tuple[DataFlow, ...]:
    """Return ``flows`` as a tuple or raise :class:`InvalidInput` (``where`` like ``flows[1].name``)."""
    _raise(flows_problems(flows))
    return tuple(flows)


def text_problems(
    record: BusinessRule | ComplianceRequirement | Decision | OpenQuestion,
) -> tuple[Problem, ...]:
    """The problems of a rule, requirement, decision or open question: its text must be there."""
    return tuple(_empty(record.text, "text", "The text is empty.", "Write what it says."))


def open_question_problems(question: OpenQuestion, *, owners: Iterable[str] = ()) -> tuple[Problem, ...]:
    """The problems of an open question; ``owners`` (role keys), when given, are the allowed owners."""
    problems = list(text_problems(question))
    known = tuple(owners)
    if question.owner and known and question.owner not in known:
        problems.append(
            Problem(
                code="design-owner-unknown",
                message=f"There is no role {question.owner!r} in this project.",
                hint="Use one of: " + ", ".join(known),
                where="owner",
            )
        )
    return tuple(problems)


def validate_record[R: (BusinessRule, ComplianceRequirement, Decision, OpenQuestion)](record: R) -> R:
    """Return a rule, requirement, decision or open question, or raise :class:`InvalidInput`."""
    _raise(text_problems(record))
    return record


def systems(flows: Iterable[DataFlow]) -> tuple[str, ...]:
    """The systems the flows connect, in order of first appearance (source before target)."""
    seen: dict[str, None] = {}
    for flow in flows:
        seen.setdefault(flow.source_system.strip(), None)
        seen.setdefault(flow.target_system.strip(), None)
    return tuple(seen)


def overdue_questions(questions: Iterable[OpenQuestion], today: date) -> tuple[OpenQuestion, ...]:
    """The open questions whose due date has passed."""
    return tuple(question for question in questions if question.due is not None and question.due < today)
