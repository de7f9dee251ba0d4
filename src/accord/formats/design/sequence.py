"""The sequence diagram of an integration, as one model that both outputs draw (seed 000).

:func:`sequence_from_flows` turns the data flows, in order, into a :class:`SequenceDiagram`:
the participants (systems) in order of first appearance, and one numbered message per flow,
labelled with the flow's name, its trigger and its mode. :func:`sequence_to_mermaid` and
:func:`accord.formats.design.sequence_svg.sequence_to_svg` both draw that model, so the Mermaid
text and the SVG always agree; :func:`parse_mermaid_sequence` reads the Mermaid text back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from accord.domain.design import DataFlow, FlowMode, mode_label

_SPACES = re.compile(r"\s+")


def one_line(text: str) -> str:
    """``text`` on one line, runs of white space (new lines too) as one space."""
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Message:
    """Message ``number`` (from 1) goes from participant ``source`` to ``target`` (system names)."""

    number: int
    source: str
    target: str
    label: str
    mode: FlowMode = FlowMode.REALTIME


@dataclass(frozen=True, slots=True)
class SequenceDiagram:
    title: str
    participants: tuple[str, ...]
    messages: tuple[Message, ...]


def flow_label(flow: DataFlow, language: str = "en") -> str:
    """``Daily bill file — end of day (batch)``; without the dash part when the flow has no trigger."""
    name, trigger = one_line(flow.name), one_line(flow.trigger)
    mode = mode_label(flow.mode, language)
    return f"{name} — {trigger} ({mode})" if trigger else f"{name} ({mode})"


def sequence_from_flows(
    flows: Iterable[DataFlow], *, title: str = "", language: str = "en"
) -> SequenceDiagram:
    """The diagram of ``flows`` in order: one message per flow, numbered from 1."""
    participants: dict[str, None] = {}
    messages = []
    for number, flow in enumerate(flows, start=1):
        source, target = one_line(flow.source_system), one_line(flow.target_system)
        participants.setdefault(source, None)
        participants.setdefault(target, None)
        messages.append(Message(number, source, target, flow_label(flow, language), flow.mode))
    return SequenceDiagram(title=one_line(title), participants=tuple(participants), messages=tuple(messages))


# Mermaid reads "#code;" as a character (its entity syntax); these characters would otherwise end
# a statement (;), start an entity or a comment (#, %), become HTML (<, >, &, ") or split a
# message from its label (:).
_MERMAID_SPECIAL = {char: f"#{ord(char)};" for char in '#;%<>&":{}'}
_MERMAID_ENTITY = re.compile(r"#(\d+);")
_ARROWS = {FlowMode.REALTIME: "->>", FlowMode.BATCH: "-->>"}


def mermaid_escape(text: str) -> str:
    """``text`` safe in a Mermaid sequence diagram: one line, special characters as ``#code;``."""
    return "".join(_MERMAID_SPECIAL.get(char, char) for char in one_line(text))


def mermaid_unescape(text: str) -> str:
    """The inverse of :func:`mermaid_escape` (for the characters it escapes)."""
    return _MERMAID_ENTITY.sub(lambda match: chr(int(match.group(1))), text)


def participant_id(index: int) -> str:
    """The Mermaid id of the ``index``-th participant (0-based): ``S1``, ``S2``…"""
    return f"S{index + 1}"


def sequence_to_mermaid(diagram: SequenceDiagram) -> str:
    """The diagram as Mermaid ``sequenceDiagram`` text; Mermaid numbers the messages (``autonumber``)."""
    ids = {name: participant_id(index) for index, name in enumerate(diagram.participants)}
    lines = ["sequenceDiagram"]
    if diagram.title:
        lines.append(f"    title {mermaid_escape(diagram.title)}")
    lines.append("    autonumber")
    lines += [f"    participant {ids[name]} as {mermaid_escape(name)}" for name in diagram.participants]
    for message in diagram.messages:
        arrow = f"{ids[message.source]}{_ARROWS[message.mode]}{ids[message.target]}"
        lines.append(f"    {arrow}: {mermaid_escape(message.label)}")
    return "\n".join(lines) + "\n"


def flows_to_mermaid(flows: Iterable[DataFlow], *, title: str = "", language: str = "en") -> str:
    """Shortcut: :func:`sequence_to_mermaid` of :func:`sequence_from_flows`."""
    return sequence_to_mermaid(sequence_from_flows(flows, title=title, language=language))


_PARTICIPANT = re.compile(r"^participant (\S+) as (.*)$")
_MESSAGE = re.compile(r"^(\S+?)(-->>|->>)(\S+?): (.*)$")


def parse_mermaid_sequence(text: str) -> SequenceDiagram:
    """Read back what :func:`sequence_to_mermaid` writes (not Mermaid in general).

    Raises ``ValueError`` on a line it does not understand.
    """
    title = ""
    names: dict[str, str] = {}
    messages: list[Message] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line in {"", "sequenceDiagram", "autonumber"}:
            continue
        if line.startswith("title "):
            title = mermaid_unescape(line.removeprefix("title "))
        elif match := _PARTICIPANT.match(line):
            names[match.group(1)] = mermaid_unescape(match.group(2))
        elif match := _MESSAGE.match(line):
            source, arrow, target, label = match.groups()
            mode = FlowMode.BATCH if arrow == "-->>" else FlowMode.REALTIME
            messages.append(
                Message(len(messages) + 1, names[source], names[target], mermaid_unescape(label), mode)
            )
        else:
            raise ValueError(f"not a line of an Accord sequence diagram: {line!r}")
    return SequenceDiagram(title=title, participants=tuple(names.values()), messages=tuple(messages))
