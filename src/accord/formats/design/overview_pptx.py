"""The integration overview slide (seed 003): one 16:9 PowerPoint slide the vendor shows the customer.

What is on it: the project's and the customer's names; the systems as boxes and the data flows
as arrows between them, each arrow labelled with the numbers of its flows, and the numbered
list of flows beside them; a timeline with the project's milestones, the planned go-live and
its P80; the key contacts by role (name, role, e-mail).

The input is a plain :class:`IntegrationOverview` that the shell fills from a project;
:func:`overview_to_pptx` returns the file's bytes. Every shape has a ``name`` that says what it
is (``system: CRM``, ``flow: CRM → Tomorro``, ``timeline: go-live P80``…), so a person editing
the slide, and a test, can find it. Labels are English or French (:data:`LABELS`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.xmlchemy import OxmlElement
from pptx.shapes.autoshape import Shape
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Emu, Inches, Pt

from accord.domain.design import DataFlow, mode_label, systems

#: Writes a date for the slide, e.g. "18 novembre 2026": the caller's own date format.
DayText = Callable[[date], str]

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)

#: Texts of the slide, by language.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "overview": "Integration overview",
        "customer": "Customer: {customer}",
        "systems": "Systems and data flows",
        "flows": "Data flows",
        "timeline": "Timeline",
        "contacts": "Key contacts",
        "name": "Name",
        "role": "Role",
        "email": "E-mail",
        "start": "Start",
        "planned": "Go-live (planned)",
        "p80": "Go-live P80",
        "no-flows": "No data flows yet.",
        "no-dates": "No dates planned yet.",
        "no-contacts": "No contacts yet.",
        "more": "… and {count} more",
        "itself": "to itself",
    },
    "fr": {
        "overview": "Vue d’ensemble de l’intégration",
        "customer": "Client : {customer}",
        "systems": "Systèmes et flux de données",
        "flows": "Flux de données",
        "timeline": "Calendrier",
        "contacts": "Contacts clés",
        "name": "Nom",
        "role": "Rôle",
        "email": "E-mail",
        "start": "Début",
        "planned": "Mise en production (prévue)",
        "p80": "Mise en production P80",
        "no-flows": "Aucun flux de données pour l’instant.",
        "no-dates": "Aucune date planifiée pour l’instant.",
        "no-contacts": "Aucun contact pour l’instant.",
        "more": "… et {count} de plus",
        "itself": "vers lui-même",
    },
}
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}


def _colour(hex_code: str) -> RGBColor:
    # RGBColor has no type annotations (python-pptx 1.0.2); called through Any on purpose.
    untyped: Any = RGBColor
    colour: RGBColor = untyped.from_string(hex_code)
    return colour


INK = _colour("1F2933")
MUTED = _colour("52606D")
ACCENT = _colour("2F5597")
SYSTEM_FILL = _colour("E9EEF5")
GO_LIVE = _colour("2B8A3E")
P80 = _colour("5F3DC4")
WHITE = _colour("FFFFFF")
MAX_FLOWS_LISTED = 14
MAX_CONTACTS = 5
#: A row of the contacts table (header, five contacts and "… and N more" fit in 1.5 inches).
ROW_HEIGHT = Inches(0.22)


@dataclass(frozen=True, slots=True)
class Contact:
    """A key contact: ``role`` as the project names it ("Customer · IT department")."""

    name: str
    role: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class Milestone:
    name: str
    day: date


@dataclass(frozen=True, slots=True)
class IntegrationOverview:
    """What the slide shows; the shell fills it from a project. Flows are drawn in order."""

    project_name: str
    customer_name: str
    flows: tuple[DataFlow, ...] = ()
    contacts: tuple[Contact, ...] = ()
    planned_go_live: date | None = None
    go_live_p80: date | None = None
    start: date | None = None
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True, slots=True)
class _Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


def format_day(day: date, language: str = "en") -> str:
    """``18 Nov 2026`` (English) or ``18 nov. 2026`` (French)."""
    months = MONTHS.get(language, MONTHS["en"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["en"])


def _textbox(
    shapes: SlideShapes,
    box: _Box,
    text: str,
    *,
    name: str,
    size: float = 12,
    bold: bool = False,
    colour: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
) -> Shape:
    shape = shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    return shape


def _system_boxes(names: Sequence[str], area: _Box) -> list[_Box]:
    """Systems on an ellipse, the first on the left, so every pair can be joined by a straight line."""
    count = len(names)
    small = count > 6
    width, height = (Inches(1.5), Inches(0.55)) if small else (Inches(1.9), Inches(0.75))
    cx, cy = area.left + area.width / 2, area.top + area.height / 2
    if count == 1:
        return [_Box(int(cx - width / 2), int(cy - height / 2), width, height)]
    rx, ry = (area.width - width) / 2, (area.height - height) / 2
    boxes = []
    for index in range(count):
        angle = math.pi + 2 * math.pi * index / count
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        boxes.append(_Box(int(x - width / 2), int(y - height / 2), width, height))
    return boxes


def _connection_point(box: _Box, towards: tuple[float, float]) -> int:
    """The side of ``box`` facing ``towards``: 0 top, 1 left, 2 bottom, 3 right (a rectangle's points)."""
    cx, cy = box.centre
    dx, dy = towards[0] - cx, towards[1] - cy
    if abs(dx) * box.height >= abs(dy) * box.width:
        return 3 if dx > 0 else 1
    return 2 if dy > 0 else 0


def _arrowheads(connector: Any, *, at_begin: bool, at_end: bool) -> None:
    # python-pptx has no API for line ends; they are <a:headEnd>/<a:tailEnd> in the line's XML.
    line_properties = connector.line._get_or_add_ln()
    for tag, wanted in (("a:headEnd", at_begin), ("a:tailEnd", at_end)):
        if wanted:
            end = OxmlElement(tag)
            for name, value in (("type", "triangle"), ("w", "med"), ("len", "med")):
                end.set(name, value)
            line_properties.append(end)


def _diagram(shapes: SlideShapes, flows: Sequence[DataFlow], area: _Box, labels: dict[str, str]) -> None:
    names = systems(flows)
    if not names:
        _textbox(shapes, area, labels["no-flows"], name="systems: none", colour=MUTED)
        return
    boxes = dict(zip(names, _system_boxes(names, area), strict=True))
    pairs: dict[tuple[str, str], list[int]] = {}
    loops: dict[str, list[int]] = {}
    for number, flow in enumerate(flows, start=1):
        source, target = flow.source_system.strip(), flow.target_system.strip()
        if source == target:
            loops.setdefault(source, []).append(number)
            continue
        key = (source, target) if names.index(source) < names.index(target) else (target, source)
        pairs.setdefault(key, []).append(number)
    shown: dict[str, Shape] = {}
    for name, box in boxes.items():
        shape = shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        shape.name = f"system: {name}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = SYSTEM_FILL
        shape.line.color.rgb = ACCENT
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = name + (f" (↻ {', '.join(map(str, loops[name]))})" if name in loops else "")
        run.font.size = Pt(12 if len(boxes) <= 6 else 10)
        run.font.bold = True
        run.font.color.rgb = INK
        shown[name] = shape
    for (first, second), numbers in pairs.items():
        begin, end = boxes[first], boxes[second]
        connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(0), Emu(0), Emu(1), Emu(1))
        # begin_connect/end_connect glue the ends to the boxes, so the arrows follow a moved box.
        glue: Any = connector
        glue.begin_connect(shown[first], _connection_point(begin, end.centre))
        glue.end_connect(shown[second], _connection_point(end, begin.centre))
        connector.name = f"flow: {first} → {second}"
        connector.line.color.rgb = INK
        connector.line.width = Pt(1.5)
        forward = [n for n in numbers if flows[n - 1].source_system.strip() == first]
        _arrowheads(connector, at_begin=len(forward) < len(numbers), at_end=bool(forward))
        (bx, by), (ex, ey) = begin.centre, end.centre
        label_width, label_height = Inches(0.2 + 0.22 * len(numbers)), Inches(0.3)
        label = _textbox(
            shapes,
            _Box(
                int((bx + ex - label_width) / 2), int((by + ey - label_height) / 2), label_width, label_height
            ),
            ", ".join(map(str, numbers)),
            name=f"flow numbers: {first} → {second}",
            size=10,
            bold=True,
            colour=ACCENT,
            align=PP_ALIGN.CENTER,
        )
        label.fill.solid()
        label.fill.fore_color.rgb = WHITE


def flow_line(number: int, flow: DataFlow, language: str = "en") -> str:
    """``1. Daily bill file: CIS → Invoice Cloud (batch, CSV, SFTP)``: a flow as the slide lists it."""
    details = ", ".join(
        part for part in (mode_label(flow.mode, language), flow.format, flow.security) if part
    )
    route = f"{flow.source_system.strip()} → {flow.target_system.strip()}"
    return f"{number}. {flow.name.strip()}: {route} ({details})"


def _flow_list(
    shapes: SlideShapes, flows: Sequence[DataFlow], area: _Box, labels: dict[str, str], language: str
) -> None:
    lines = [flow_line(number, flow, language) for number, flow in enumerate(flows, start=1)]
    if len(lines) > MAX_FLOWS_LISTED:
        lines = [
            *lines[: MAX_FLOWS_LISTED - 1],
            labels["more"].format(count=len(lines) - MAX_FLOWS_LISTED + 1),
        ]
    _textbox(
        shapes,
        area,
        "\n".join(lines) or labels["no-flows"],
        name="flows: list",
        size=11 if len(lines) <= 8 else 9,
        colour=INK if lines else MUTED,
    )


def _timeline(
    shapes: SlideShapes, overview: IntegrationOverview, area: _Box, labels: dict[str, str], day_text: DayText
) -> None:
    events: list[tuple[str, str, date, RGBColor]] = []
    if overview.start:
        events.append(("start", labels["start"], overview.start, MUTED))
    events += [("milestone", milestone.name, milestone.day, ACCENT) for milestone in overview.milestones]
    if overview.planned_go_live:
        events.append(("go-live planned", labels["planned"], overview.planned_go_live, GO_LIVE))
    if overview.go_live_p80:
        events.append(("go-live P80", labels["p80"], overview.go_live_p80, P80))
    if not events:
        _textbox(shapes, area, labels["no-dates"], name="timeline: none", colour=MUTED)
        return
    events.sort(key=lambda event: event[2])
    first, last = events[0][2], events[-1][2]
    span = max((last - first).days, 1)
    inner_left, inner_width = area.left + Inches(0.6), area.width - Inches(1.2)
    axis_y = area.top + area.height // 2
    axis = shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, Emu(area.left), Emu(axis_y), Emu(area.left + area.width), Emu(axis_y)
    )
    axis.name = "timeline: axis"
    axis.line.color.rgb = MUTED
    axis.line.width = Pt(2)
    marker_size, label_width, label_height = Inches(0.18), Inches(1.5), Inches(0.5)
    for index, (kind, name, day, colour) in enumerate(events):
        x = (
            inner_left + inner_width * (day - first).days / span
            if len(events) > 1
            else area.left + area.width / 2
        )
        marker = shapes.add_shape(
            MSO_SHAPE.DIAMOND if kind.startswith("go-live") else MSO_SHAPE.OVAL,
            Emu(int(x - marker_size / 2)),
            Emu(int(axis_y - marker_size / 2)),
            Emu(marker_size),
            Emu(marker_size),
        )
        marker.name = f"timeline: {kind}: {name}"
        marker.fill.solid()
        marker.fill.fore_color.rgb = colour
        marker.line.color.rgb = colour
        above = index % 2 == 0  # alternate so that neighbouring labels do not overlap
        top = axis_y - marker_size - label_height if above else axis_y + marker_size
        left = min(max(int(x - label_width / 2), area.left), area.left + area.width - label_width)
        _textbox(
            shapes,
            _Box(left, int(top), label_width, label_height),
            f"{name}\n{day_text(day)}",
            name=f"timeline label: {kind}: {name}",
            size=9,
            bold=kind.startswith("go-live"),
            colour=colour,
            align=PP_ALIGN.CENTER,
        )


def _contacts(shapes: SlideShapes, contacts: Sequence[Contact], area: _Box, labels: dict[str, str]) -> None:
    if not contacts:
        _textbox(shapes, area, labels["no-contacts"], name="contacts: none", colour=MUTED)
        return
    shown = list(contacts[:MAX_CONTACTS])
    extra = len(contacts) - len(shown)
    rows = len(shown) + 1 + (1 if extra else 0)
    graphic = shapes.add_table(
        rows, 3, Emu(area.left), Emu(area.top), Emu(area.width), Emu(min(area.height, ROW_HEIGHT * rows))
    )
    graphic.name = "contacts: table"
    table = graphic.table
    widths = (0.3, 0.32, 0.38)
    for column, share in enumerate(widths):
        table.columns[column].width = Emu(int(area.width * share))
    cells = [
        (labels["name"], labels["role"], labels["email"]),
        *((contact.name, contact.role, contact.email) for contact in shown),
    ]
    if extra:
        cells.append((labels["more"].format(count=extra), "", ""))
    for row, values in enumerate(cells):
        table.rows[row].height = Emu(ROW_HEIGHT)
        for column, value in enumerate(values):
            cell = table.cell(row, column)
            cell.text = value
            # Tight margins and 8 pt: six rows must fit the 1.5-inch area below the heading.
            cell.margin_top = cell.margin_bottom = Emu(Inches(0.02))
            cell.margin_left = cell.margin_right = Emu(Inches(0.04))
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
                    run.font.bold = row == 0


def overview_to_pptx(
    overview: IntegrationOverview, *, language: str = "en", day_text: DayText | None = None
) -> bytes:
    """The overview as a one-slide 16:9 PowerPoint file, in ``language`` ("en" or "fr").

    ``day_text`` writes a date as the caller's pages do (one format per language everywhere);
    without it, :func:`format_day`.
    """
    labels = _labels(language)
    if day_text is None:
        day_text = partial(format_day, language=language)
    presentation = Presentation()
    presentation.slide_width = SLIDE_WIDTH
    presentation.slide_height = SLIDE_HEIGHT
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])  # the blank layout
    shapes = slide.shapes
    inch = Inches(1)
    left, right_column, full = int(0.5 * inch), int(8.6 * inch), int(12.33 * inch)
    _textbox(
        shapes,
        _Box(left, int(0.3 * inch), full, int(0.6 * inch)),
        overview.project_name.strip(),
        name="title",
        size=26,
        bold=True,
    )
    subtitle = f"{labels['overview']} · {labels['customer'].format(customer=overview.customer_name.strip())}"
    _textbox(
        shapes, _Box(left, int(0.9 * inch), full, int(0.4 * inch)), subtitle, name="subtitle", colour=MUTED
    )
    headings = (
        ("heading: systems", labels["systems"], left, 1.4),
        ("heading: flows", labels["flows"], right_column, 1.4),
        ("heading: timeline", labels["timeline"], left, 5.35),
        ("heading: contacts", labels["contacts"], right_column, 5.35),
    )
    for name, text, x, y in headings:
        _textbox(
            shapes,
            _Box(x, int(y * inch), int(4 * inch), int(0.35 * inch)),
            text,
            name=name,
            size=13,
            bold=True,
            colour=ACCENT,
        )
    flows = overview.flows
    _diagram(shapes, flows, _Box(left, int(1.8 * inch), int(7.7 * inch), int(3.4 * inch)), labels)
    _flow_list(
        shapes,
        flows,
        _Box(right_column, int(1.8 * inch), int(4.25 * inch), int(3.4 * inch)),
        labels,
        language,
    )
    _timeline(
        shapes, overview, _Box(left, int(5.75 * inch), int(7.7 * inch), int(1.5 * inch)), labels, day_text
    )
    _contacts(
        shapes,
        overview.contacts,
        _Box(right_column, int(5.75 * inch), int(4.25 * inch), int(1.5 * inch)),
        labels,
    )
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
