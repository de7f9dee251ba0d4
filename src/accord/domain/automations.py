"""Automation rules, the pure core: read a value out of an incoming event, decide whether a field's
transition fires a rule, map the event's fields, and check a rule before it goes live (seed 001).

An incoming event is a JSON object in the Standard Webhooks shape ``{"type", "timestamp",
"data"}``; its id is the ``webhook-id`` header. A rule listens to one event ``type`` and fires on a
**transition** of one field: the value at ``field_path`` moves from ``from_value`` to
``to_value``. The previous value comes from ``old_value_path`` when the platform sends it, else
from the last value Accord stored for the record (``record_id_path``), else it is unknown and the
rule does not fire: a state is not a change.

Paths are a tiny JSON-path subset: dotted keys and ``[index]``, e.g. ``data.deal.stage`` or
``data.contacts[0].email`` (a leading ``$.`` is allowed).

Usage::

    transition = Transition(field_path="data.deal.stage", from_value="prospect", to_value="client",
                            old_value_path="data.previous.stage")
    evaluation = transition_evaluate(transition, payload, stored=NOTHING_STORED)
    evaluation.fires                # True when the stage moved from prospect to client
    mapping = mapping_parse("data.deal.company -> customer_name")
    values, missing = mapping_apply(mapping, payload)
    checks = golive_checks(...)      # each GoLiveCheck says whether it holds, and why not

Texts are English templates marked for translation; the shell translates them by code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


def mark_for_translation(text: str) -> str:
    """Return ``text`` unchanged; marks it for the message catalogue (like gettext_noop)."""
    return text


_ = mark_for_translation

PathPart = str | int

_PATH_TOKEN = re.compile(r"\.?([^.\[\]]+)|\[([0-9]{1,6})\]")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,49}")
#: What separates a path from a field name on a line of a mapping.
_ARROWS = ("->", "→", "=>")
#: The longest path, in characters.
PATH_MAX_LENGTH = 300


class _Missing:
    """Nothing at a path (distinct from a JSON null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class PathError(Exception):
    """A path that is not ``key.key[index]``; ``code`` and ``message`` say what is wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def path_parse(text: str) -> tuple[PathPart, ...]:
    """The parts of a path: ``"data.items[0].id"`` → ``("data", "items", 0, "id")``.

    Raises :class:`PathError` for an empty path, a path too long, or one that is not dotted keys
    and ``[index]`` (``a..b``, ``a[x]``, ``[0`` …).
    """
    path = text.strip()
    if path.startswith("$"):
        path = path[1:].removeprefix(".")
    if not path:
        raise PathError("path-empty", _("The path is empty."))
    if len(path) > PATH_MAX_LENGTH:
        raise PathError("path-too-long", _("The path is too long (300 characters at most)."))
    parts: list[PathPart] = []
    position = 0
    while position < len(path):
        match = _PATH_TOKEN.match(path, position)
        if match is None or (match.group(0).startswith(".") and position == 0):
            raise PathError(
                "path-invalid", _("Write the path as dotted keys and [index], e.g. data.deal.stage.")
            )
        key, index = match.group(1), match.group(2)
        if key is not None:
            if position > 0 and not match.group(0).startswith("."):
                raise PathError(
                    "path-invalid", _("Write the path as dotted keys and [index], e.g. data.deal.stage.")
                )
            if key != key.strip():
                raise PathError("path-invalid", _("A key of the path starts or ends with a space."))
            parts.append(key)
        else:
            parts.append(int(index))
        position = match.end()
    return tuple(parts)


def path_value(data: Any, path: str | Sequence[PathPart]) -> Any:
    """The value at ``path`` in ``data``, or :data:`MISSING` when there is none (a JSON null
    is ``None``). A path that does not parse finds nothing."""
    try:
        parts = path_parse(path) if isinstance(path, str) else tuple(path)
    except PathError:
        return MISSING
    current = data
    for part in parts:
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return MISSING
            current = current[part]
        else:
            if not isinstance(current, Mapping) or part not in current:
                return MISSING
            current = current[part]
    return current


def value_text(value: Any) -> str:
    """A value as conditions compare it and pages show it: ``"prospect"``, ``"42"``, ``"true"``;
    a JSON null and nothing at all read as ``""``; objects and lists as compact JSON."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_type_of(payload: Any) -> str:
    """The event's type: its top-level ``type`` (the Standard Webhooks payload shape)."""
    return value_text(path_value(payload, ("type",))) if isinstance(payload, Mapping) else ""


# --- Conditions -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Transition:
    """A rule's condition: the field at ``field_path`` moves from ``from_value`` to ``to_value``.

    Without ``from_value`` it is a *state* (the field is ``to_value``), which a rule may be tested
    with but never goes live with.
    """

    field_path: str
    to_value: str
    from_value: str = ""
    old_value_path: str = ""

    @property
    def is_transition(self) -> bool:
        """A real change: a field, a value it moves from and a different one it moves to."""
        return bool(
            self.field_path.strip()
            and self.from_value.strip()
            and self.to_value.strip()
            and self.from_value.strip() != self.to_value.strip()
        )


#: Where the previous value came from.
PREVIOUS_FROM_PAYLOAD = "payload"
PREVIOUS_STORED = "stored"
PREVIOUS_UNKNOWN = "unknown"

#: Why a condition fired or not: code → English sentence (the shell translates it).
REASONS: dict[str, str] = {
    "fired": _("The field moved from “%(from)s” to “%(to)s”."),
    "state-holds": _("The field is “%(to)s” (a state, not a transition)."),
    "field-missing": _("The event has no value at %(path)s."),
    "previous-unknown": _(
        "The previous value is unknown: the event has no old value and Accord has seen no earlier "
        "event for this record."
    ),
    "not-to": _("The field is “%(current)s”, not “%(to)s”."),
    "not-from": _("The field was “%(previous)s”, not “%(from)s”."),
}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What a condition made of one event: whether it fires, the values it compared, and why."""

    fires: bool
    current: Any
    previous: Any
    previous_source: str
    reason: str
    params: dict[str, str] = field(default_factory=dict)


#: The store had nothing for the record.
NOTHING_STORED: tuple[bool, Any] = (False, None)


def transition_evaluate(transition: Transition, payload: Any, *, stored: tuple[bool, Any]) -> Evaluation:
    """Whether ``payload`` fires ``transition``. ``stored`` is ``(found, value)``: the last value
    Accord stored for this record (:data:`NOTHING_STORED` when none), used when the payload has no
    old value."""
    current = path_value(payload, transition.field_path)
    to_value, from_value = transition.to_value.strip(), transition.from_value.strip()
    params = {"from": from_value, "to": to_value, "path": transition.field_path, "current": ""}
    previous: Any = None
    source = PREVIOUS_UNKNOWN
    if transition.old_value_path.strip():
        old = path_value(payload, transition.old_value_path)
        if old is not MISSING:
            previous, source = old, PREVIOUS_FROM_PAYLOAD
    if source == PREVIOUS_UNKNOWN and stored[0]:
        previous, source = stored[1], PREVIOUS_STORED
    params["previous"] = value_text(previous)

    def result(fires: bool, reason: str) -> Evaluation:
        return Evaluation(
            fires=fires,
            current=None if current is MISSING else current,
            previous=previous,
            previous_source=source,
            reason=reason,
            params=params,
        )

    if current is MISSING:
        return result(False, "field-missing")
    params["current"] = value_text(current)
    if value_text(current) != to_value:
        return result(False, "not-to")
    if not from_value:
        return result(True, "state-holds")
    if source == PREVIOUS_UNKNOWN:
        return result(False, "previous-unknown")
    if value_text(previous) != from_value:
        return result(False, "not-from")
    return result(True, "fired")


# --- Mapping ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MappingLine:
    """One field of the data exchanged: the value at ``path`` becomes Accord's ``field``."""

    path: str
    field: str


@dataclass(frozen=True, slots=True)
class MappingProblem:
    """What is wrong with one line of a mapping (1-based ``line``)."""

    code: str
    message: str
    line: int


def mapping_parse(text: str) -> tuple[tuple[MappingLine, ...], tuple[MappingProblem, ...]]:
    """The lines of a mapping written one per line as ``path -> field`` (``→`` works too), and
    what is wrong with them. Blank lines and lines starting with ``#`` are skipped."""
    lines: list[MappingLine] = []
    problems: list[MappingProblem] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        arrow = next((item for item in _ARROWS if item in line), None)
        if arrow is None:
            problems.append(
                MappingProblem("mapping-no-arrow", _("Write each line as “path -> field”."), number)
            )
            continue
        path, _sep, name = line.partition(arrow)
        name = name.strip()
        try:
            path_parse(path)
        except PathError as error:
            problems.append(MappingProblem(error.code, error.message, number))
            continue
        if not _FIELD_NAME.fullmatch(name):
            problems.append(
                MappingProblem(
                    "mapping-field-invalid",
                    _("A field name is lower-case letters, digits and _, e.g. customer_name."),
                    number,
                )
            )
            continue
        if name in seen:
            problems.append(MappingProblem("mapping-field-twice", _("This field is mapped twice."), number))
            continue
        seen.add(name)
        lines.append(MappingLine(path=path.strip(), field=name))
    return tuple(lines), tuple(problems)


def mapping_text(lines: Sequence[MappingLine]) -> str:
    """A mapping written back as the text :func:`mapping_parse` reads."""
    return "\n".join(f"{line.path} -> {line.field}" for line in lines)


def mapping_apply(lines: Sequence[MappingLine], payload: Any) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The mapped values of ``payload`` (field → JSON value) and the fields whose path found
    nothing."""
    values: dict[str, Any] = {}
    missing: list[str] = []
    for line in lines:
        value = path_value(payload, line.path)
        if value is MISSING:
            missing.append(line.field)
        else:
            values[line.field] = value
    return values, tuple(missing)


def template_fill(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with each ``{field}`` replaced by its mapped value (unknown ones stay as they
    are): no format language, so a payload can never reach anything but its own values."""
    return re.sub(
        r"\{([a-z][a-z0-9_]{0,49})\}",
        lambda match: value_text(values[match.group(1)]) if match.group(1) in values else match.group(0),
        template,
    )


# --- Going live -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoLiveCheck:
    """One check before a rule goes live: whether it holds, and the values its sentence names."""

    code: str
    passed: bool
    params: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return CHECKS[self.code][0]

    @property
    def failure(self) -> str:
        return CHECKS[self.code][1]

    @property
    def hint(self) -> str:
        return CHECKS[self.code][2]


#: code → (what is checked, why it fails, what to do): English, translated by the shell.
CHECKS: dict[str, tuple[str, str, str]] = {
    "transition": (
        _("The trigger is a transition, not a state"),
        _("The condition is a state: it would fire on every event where the field holds the value."),
        _("Give the value the field moves from, different from the value it moves to."),
    ),
    "event-seen": (
        _("The event type occurs in the recorded test payloads"),
        _("No test event of type “%(type)s” was received."),
        _("Send a test event of this type to the trigger's address while the rule is in test mode."),
    ),
    "record-id-found": (
        _("The record's id path occurs in the recorded test payloads"),
        _("No recorded test payload has a value at %(path)s."),
        _("Check the id path against a test event on the rule's page, then send another test event."),
    ),
    "tested": (
        _("A test run succeeded"),
        _("No run of this rule succeeded in test mode yet."),
        _("Send a test event that makes the field move, and check the run in the test target."),
    ),
    "one-live-rule": (
        _("No other live rule fires on the same event"),
        _("These live rules fire on the same event: %(rules)s."),
        _("Put them back in test mode, or change this rule's condition."),
    ),
    "no-special-cases": (
        _("The owner confirmed the trigger has no special cases"),
        _("The rule's owner (%(owner)s) has not confirmed that the trigger has no special cases."),
        _("The owner ticks “No special cases” when putting the rule live."),
    ),
    "live-target": (
        _("The live configuration points at the real target"),
        _("The rule has no real target yet: %(missing)s."),
        _("Edit the rule and choose it."),
    ),
}


def golive_checks(  # noqa: PLR0913 one argument per check
    *,
    transition: Transition,
    event_type: str,
    record_id_path: str,
    test_payloads: Sequence[Any],
    test_succeeded: bool,
    other_live_rules: Sequence[str],
    owner: str,
    owner_confirmed: bool,
    live_target_missing: str,
) -> tuple[GoLiveCheck, ...]:
    """Every check of seed 001 before a rule goes live, in the order people read them.

    ``test_payloads`` are the events the rule met in test mode; ``other_live_rules`` names the live
    rules that would fire on the same event; ``live_target_missing`` says what real target is not
    chosen yet ("" when it is).
    """
    typed = [payload for payload in test_payloads if event_type_of(payload) == event_type.strip()]
    with_id = [payload for payload in typed if value_text(path_value(payload, record_id_path))]
    return (
        GoLiveCheck("transition", transition.is_transition),
        GoLiveCheck("event-seen", bool(typed), {"type": event_type}),
        GoLiveCheck("record-id-found", bool(with_id), {"path": record_id_path}),
        GoLiveCheck("tested", test_succeeded),
        GoLiveCheck("one-live-rule", not other_live_rules, {"rules": ", ".join(other_live_rules)}),
        GoLiveCheck("no-special-cases", owner_confirmed, {"owner": owner}),
        GoLiveCheck("live-target", not live_target_missing, {"missing": live_target_missing}),
    )


def same_event(first: Transition, second: Transition) -> bool:
    """Whether two conditions on the same event type fire on the same events: the same field
    moving between the same values."""
    return (
        path_value_key(first.field_path) == path_value_key(second.field_path)
        and first.from_value.strip() == second.from_value.strip()
        and first.to_value.strip() == second.to_value.strip()
    )


def path_value_key(path: str) -> tuple[PathPart, ...]:
    """A path's parts, to compare two spellings (``$.a.b`` and ``a.b``); ``()`` when invalid."""
    try:
        return path_parse(path)
    except PathError:
        return ()
