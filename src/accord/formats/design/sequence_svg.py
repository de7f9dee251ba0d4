"""The sequence diagram in SVG, drawn on the server: no script, no web font, no external file.

How to read it: one box and a dashed lifeline per system, in order of first appearance (the
boxes repeat at the bottom so a long diagram stays readable); one arrow per data flow, top to
bottom in the flows' order, numbered in a circle at its start and labelled above; a solid arrow
is a real-time flow, a dashed one a batch flow; a flow from a system to itself is a loop.
Labels too long for the space between two lifelines wrap on two lines and are then shortened;
each arrow's tooltip (``<title>``) holds the whole label.

Draws the same :class:`~accord.formats.design.sequence.SequenceDiagram` the Mermaid text is
written from, so the two always agree. Every message group carries ``data-number``,
``data-source`` and ``data-target``, and its title reads ``1. CRM → Tomorro: label``.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET

from accord.domain.design import FlowMode
from accord.formats.design.sequence import Message, SequenceDiagram
from accord.formats.plan.gantt_layout import number, truncate, xml_text

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
MARGIN = 16.0
TITLE_HEIGHT = 30.0
COLUMN_WIDTH = 210.0
BOX_WIDTH = 180.0
BOX_HEIGHT = 38.0
BOX_CHARACTERS = 26
FIRST_ROW_GAP = 40.0
ROW_HEIGHT = 50.0
CHARACTER_WIDTH = 6.6
SELF_LOOP_WIDTH = 36.0
LEGEND_HEIGHT = 30.0
BADGE_RADIUS = 9.0

#: Texts of the drawing, by language.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Sequence diagram",
        "realtime": "real-time flow",
        "batch": "batch flow",
        "empty": "No data flows yet.",
        "summary": "{flows} data flows between {systems} systems, in order:",
    },
    "fr": {
        "title": "Diagramme de séquence",
        "realtime": "flux en temps réel",
        "batch": "flux par lots",
        "empty": "Aucun flux de données pour l’instant.",
        "summary": "{flows} flux de données entre {systems} systèmes, dans l’ordre :",
    },
}

STYLE = """
text { fill: #1f2933; stroke: none; }
.heading { font-size: 15px; font-weight: 600; }
rect.system { fill: #e9eef5; stroke: #2f5597; stroke-width: 1.2; }
.system-name { font-weight: 600; text-anchor: middle; }
line.lifeline { stroke: #7b8794; stroke-width: 1; stroke-dasharray: 4 4; }
.arrow { fill: none; stroke: #1f2933; stroke-width: 1.6; }
.batch .arrow { stroke-dasharray: 7 4; }
circle.badge { fill: #2f5597; }
text.badge-number { fill: #ffffff; font-size: 10px; font-weight: 700; text-anchor: middle; }
.message-label { font-size: 12px; }
.legend-text { font-size: 11px; }
"""


def _texts(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["en"])


def _element(parent: ET.Element, tag: str, **attributes: str | float) -> ET.Element:
    values = {
        name.rstrip("_").replace("_", "-"): number(value)
        if isinstance(value, float)
        else xml_text(str(value))
        for name, value in attributes.items()
    }
    return ET.SubElement(parent, tag, values)


def _text(parent: ET.Element, x: float, y: float, content: str, **attributes: str | float) -> ET.Element:
    element = _element(parent, "text", x=x, y=y, **attributes)
    element.text = xml_text(content)
    return element


def message_title(message: Message) -> str:
    """``1. CRM → Tomorro: label``: the tooltip of a message, and its line in the description."""
    return f"{message.number}. {message.source} → {message.target}: {message.label}"


def label_lines(label: str, width: float) -> list[str]:
    """``label`` wrapped to ``width`` pixels on at most two lines, the second cut if need be."""
    characters = max(8, int(width / CHARACTER_WIDTH))
    lines = textwrap.wrap(label, characters, break_long_words=True) or [""]
    if len(lines) <= 2:
        return lines
    return [lines[0], truncate(" ".join(lines[1:]), characters)]


def _marker(svg: ET.Element) -> None:
    definitions = _element(svg, "defs")
    ET.SubElement(definitions, "style").text = STYLE
    marker = _element(
        definitions,
        "marker",
        id="sequence-arrowhead",
        viewBox="0 0 10 10",
        refX=9.0,
        refY=5.0,
        markerWidth=8.0,
        markerHeight=8.0,
        orient="auto-start-reverse",
    )
    _element(marker, "path", d="M 0 0 L 10 5 L 0 10 z", fill="#1f2933")


def _systems(svg: ET.Element, names: tuple[str, ...], top: float, bottom: float) -> dict[str, float]:
    """Draw each system's boxes and lifeline; return each system's x."""
    layer = _element(svg, "g", class_="participants")
    centres: dict[str, float] = {}
    for index, name in enumerate(names):
        x = MARGIN + index * COLUMN_WIDTH + COLUMN_WIDTH / 2
        centres[name] = x
        group = _element(layer, "g", class_="participant", data_name=name)
        ET.SubElement(group, "title").text = xml_text(name)
        _element(group, "line", class_="lifeline", x1=x, y1=top + BOX_HEIGHT, x2=x, y2=bottom)
        for box_top in (top, bottom):
            _element(
                group,
                "rect",
                class_="system",
                x=x - BOX_WIDTH / 2,
                y=box_top,
                width=BOX_WIDTH,
                height=BOX_HEIGHT,
                rx=4.0,
            )
            _text(
                group, x, box_top + BOX_HEIGHT / 2 + 4, truncate(name, BOX_CHARACTERS), class_="system-name"
            )
    return centres


def _badge(group: ET.Element, x: float, y: float, value: int) -> None:
    _element(group, "circle", class_="badge", cx=x, cy=y, r=BADGE_RADIUS)
    _text(group, x, y + 3.5, str(value), class_="badge-number")


def _message(layer: ET.Element, message: Message, centres: dict[str, float], y: float) -> None:
    group = _element(
        layer,
        "g",
        class_=f"message {message.mode.value}",
        data_number=str(message.number),
        data_source=message.source,
        data_target=message.target,
    )
    ET.SubElement(group, "title").text = xml_text(message_title(message))
    x1, x2 = centres[message.source], centres[message.target]
    if x1 == x2:
        right = x1 + SELF_LOOP_WIDTH
        path = f"M {number(x1)} {number(y - 12)} H {number(right)} V {number(y)} H {number(x1 + 2)}"
        _element(group, "path", class_="arrow", d=path, marker_end="url(#sequence-arrowhead)")
        _badge(group, x1 - BADGE_RADIUS - 3, y - 12, message.number)
        lines = label_lines(message.label, COLUMN_WIDTH - SELF_LOOP_WIDTH - 12)
        for index, line in enumerate(lines):
            _text(group, right + 6, y - 12 + 4 + index * 14, line, class_="message-label")
        return
    direction = 1.0 if x2 > x1 else -1.0
    _element(
        group,
        "line",
        class_="arrow",
        x1=x1 + direction * 2,
        y1=y,
        x2=x2 - direction * 2,
        y2=y,
        marker_end="url(#sequence-arrowhead)",
    )
    _badge(group, x1 + direction * (BADGE_RADIUS + 4), y, message.number)
    span = abs(x2 - x1) - 2 * BADGE_RADIUS - 12
    lines = label_lines(message.label, span)
    middle = (x1 + x2) / 2
    for index, line in enumerate(lines):
        _text(
            group,
            middle,
            y - 6 - (len(lines) - 1 - index) * 14,
            line,
            class_="message-label",
            text_anchor="middle",
        )


def _legend(svg: ET.Element, top: float, texts: dict[str, str]) -> None:
    legend = _element(svg, "g", class_="legend")
    for index, mode in enumerate(FlowMode):
        x = MARGIN + index * 190.0
        item = _element(legend, "g", class_=f"legend-item {mode.value}")
        _element(item, "line", class_="arrow", x1=x, y1=top + 10, x2=x + 36, y2=top + 10)
        _text(item, x + 44, top + 14, texts[mode.value], class_="legend-text")


def _description(diagram: SequenceDiagram, texts: dict[str, str]) -> str:
    if not diagram.messages:
        return texts["empty"]
    summary = texts["summary"].format(flows=len(diagram.messages), systems=len(diagram.participants))
    return " ".join([summary, *(message_title(message) + ";" for message in diagram.messages)])


def sequence_to_svg(diagram: SequenceDiagram, *, language: str = "en") -> str:
    """The diagram as a standalone, accessible SVG (see the module's notes on how to read it).

    It grows with the diagram: one column per system, one row per flow.
    """
    texts = _texts(language)
    columns = max(len(diagram.participants), 2)
    # A loop's label sits right of its lifeline: room for it beyond the last column.
    loops = any(message.source == message.target for message in diagram.messages)
    width = 2 * MARGIN + columns * COLUMN_WIDTH + (COLUMN_WIDTH / 2 if loops else 0.0)
    boxes_top = MARGIN + TITLE_HEIGHT
    rows = max(len(diagram.messages), 1)
    bottom = boxes_top + BOX_HEIGHT + FIRST_ROW_GAP + (rows - 1) * ROW_HEIGHT + FIRST_ROW_GAP
    legend_top = bottom + BOX_HEIGHT + 14
    height = legend_top + LEGEND_HEIGHT + MARGIN
    title = diagram.title or texts["title"]
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "width": number(width),
            "height": number(height),
            "viewBox": f"0 0 {number(width)} {number(height)}",
            "role": "img",
            "aria-labelledby": "sequence-title sequence-desc",
            "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "font-size": "12",
            "class": "sequence-diagram",
        },
    )
    _element(svg, "title", id="sequence-title").text = xml_text(title)
    _element(svg, "desc", id="sequence-desc").text = xml_text(_description(diagram, texts))
    _marker(svg)
    _element(svg, "rect", x=0.0, y=0.0, width=width, height=height, fill="#ffffff")
    _text(svg, MARGIN, MARGIN + 16, title, class_="heading")
    if not diagram.messages:
        _text(svg, MARGIN, boxes_top + 20, texts["empty"], class_="empty")
    centres = _systems(svg, diagram.participants, boxes_top, bottom)
    layer = _element(svg, "g", class_="messages")
    for index, message in enumerate(diagram.messages):
        _message(layer, message, centres, boxes_top + BOX_HEIGHT + FIRST_ROW_GAP + index * ROW_HEIGHT)
    _legend(svg, legend_top, texts)
    return ET.tostring(svg, encoding="unicode")
