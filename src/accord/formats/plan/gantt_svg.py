"""The plan as a Gantt chart in SVG, drawn on the server: no script, no web font, no external file.

How to read it (also in docs/planning.md, "Outputs"): one row per task under its phase's band;
a bar runs from the task's start to the end of its finish day; a diamond is a milestone; the
critical path is red, hatched and outlined in a heavy stroke (readable without colour); the thin
line with end caps under a bar runs from the earliest to the latest finish; vertical lines mark
today, the planned go-live and the P50/P80/P95 forecast.

The tree is built with :mod:`xml.etree.ElementTree`, which escapes every text and attribute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from accord.domain.planning.model import Plan, PlannedTask
from accord.formats.plan.common import PhaseSpan, phase_spans
from accord.formats.plan.gantt_layout import (
    MONTH_NAMES,
    DateScale,
    assign_lanes,
    date_scale,
    month_label,
    number,
    truncate,
    xml_text,
)

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
MARGIN = 12.0
LABEL_WIDTH = 280.0
LABEL_CHARACTERS = 38
ROW_HEIGHT = 22.0
BAR_TOP = 4.0
BAR_HEIGHT = 11.0
WHISKER_Y = 18.0
TITLE_HEIGHT = 26.0
LANE_HEIGHT = 14.0
AXIS_ROW_HEIGHT = 18.0
LEGEND_ROW_HEIGHT = 22.0
LEGEND_ITEM_WIDTH = 170.0
MARKER_LABEL_CHARACTER_WIDTH = 6.5

STYLE = """
text { fill: #1f2933; stroke: none; }
.heading { font-size: 15px; font-weight: 600; }
rect.axis-month { fill: #e4e7eb; stroke: #9aa5b1; stroke-width: 0.5; }
.axis-text, .marker-text { font-size: 11px; }
rect.weekend { fill: #f5f7fa; }
line.grid { stroke: #d9dee5; stroke-width: 0.5; }
rect.phase-band { fill: #e9eef5; }
.phase-name { font-weight: 600; }
rect.phase-bar { fill: #52606d; }
rect.bar { fill: #7fa7e3; stroke: #2f5597; stroke-width: 1; }
rect.bar.critical { fill: url(#critical-hatch); stroke: #7a1010; stroke-width: 2.2; }
rect.bar.done { fill: #c3ccd6; stroke: #7b8794; }
polygon.milestone { fill: #3e4c59; stroke: #1f2933; stroke-width: 1; }
polygon.milestone.critical { fill: url(#critical-hatch); stroke: #7a1010; stroke-width: 2.2; }
g.whisker line { stroke: #1f2933; stroke-width: 1.2; }
line.today { stroke: #0b7285; stroke-width: 1.5; stroke-dasharray: 2 3; }
line.go-live-planned { stroke: #2b8a3e; stroke-width: 2; }
line.go-live-p50 { stroke: #5f3dc4; stroke-width: 1.5; stroke-dasharray: 8 3; }
line.go-live-p80 { stroke: #5f3dc4; stroke-width: 1.5; stroke-dasharray: 4 3; }
line.go-live-p95 { stroke: #5f3dc4; stroke-width: 1.5; stroke-dasharray: 1.5 3; }
rect.baseline { fill: #9aa5b1; stroke: #52606d; stroke-width: 0.5; }
"""

#: A row's extra height when baselines are drawn (the baseline runs under the bar).
BASELINE_EXTRA = 6.0
BASELINE_TOP = 16.5
BASELINE_HEIGHT = 3.0


def _iso(day: date) -> str:
    return day.isoformat()


def _english_tasks(count: int) -> str:
    return f"{count} task" if count == 1 else f"{count} tasks"


@dataclass(frozen=True, slots=True)
class GanttWords:
    """Every word the chart shows, in English unless the caller (who knows the reader's language:
    this package has no Django) passes its translations; ``date_text`` writes a day."""

    title: str = "Gantt chart of {name}"
    heading: str = "{name} — from {date}"
    variant: str = "variant {variant}"
    today: str = "today"
    go_live: str = "go-live"
    baseline: str = "baseline (committed)"
    months: tuple[str, ...] = MONTH_NAMES
    legend: Mapping[str, str] = field(default_factory=dict)
    date_text: Callable[[date], str] = _iso
    # A bar's and a phase band's tooltip (the reader's language, like the rest).
    finish_range: str = "finish earliest–latest: {range}"
    slack: str = "slack: {days} business days"
    critical_path: str = "critical path"
    # "N tasks" in the reader's language, plural forms included (the caller's ngettext).
    phase_tasks: Callable[[int], str] = _english_tasks
    # The chart's description for screen readers; every date through ``date_text``.
    description: str = (
        "{tasks} tasks in {phases} phases from {start} to {finish}. Planned go-live {planned} "
        "(earliest {earliest}, latest {latest}); forecast P50 {p50}, P80 {p80}, P95 {p95}. "
        "{critical} tasks on the critical path, drawn hatched."
    )

    def range_text(self, first: date, last: date) -> str:
        """``first – last`` in the reader's date format, or one date when both ends agree."""
        if first == last:
            return self.date_text(first)
        return f"{self.date_text(first)} – {self.date_text(last)}"

    def legend_label(self, kind: str, english: str) -> str:
        defaults = {"today": self.today, "baseline": self.baseline}
        return self.legend.get(kind) or defaults.get(kind, english)


ENGLISH = GanttWords()


@dataclass(frozen=True, slots=True)
class _Marker:
    css_class: str
    name: str
    day: date

    @property
    def label(self) -> str:
        return f"{self.name} {self.day.isoformat()}"


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


def _title(parent: ET.Element, content: str) -> None:
    ET.SubElement(parent, "title").text = xml_text(content)


def _definitions(svg: ET.Element) -> None:
    definitions = _element(svg, "defs")
    ET.SubElement(definitions, "style").text = STYLE
    pattern = _element(
        definitions,
        "pattern",
        id="critical-hatch",
        patternUnits="userSpaceOnUse",
        width=6.0,
        height=6.0,
        patternTransform="rotate(45)",
    )
    _element(pattern, "rect", width=6.0, height=6.0, fill="#e03131")
    _element(pattern, "line", x1=0.0, y1=0.0, x2=0.0, y2=6.0, stroke="#ffffff", stroke_width=2.0)


def _description(plan: Plan, words: GanttWords = ENGLISH) -> str:
    go_live = plan.go_live
    last = max((task.finish for task in plan.tasks), default=plan.start)
    day = words.date_text
    return words.description.format(
        tasks=len(plan.tasks),
        phases=len(phase_spans(plan)),
        start=day(plan.start),
        finish=day(last),
        planned=day(go_live.planned),
        earliest=day(go_live.earliest),
        latest=day(go_live.latest),
        p50=day(go_live.p50),
        p80=day(go_live.p80),
        p95=day(go_live.p95),
        critical=len(plan.critical_path),
    )


def _markers(plan: Plan, scale: DateScale, today: date | None, words: GanttWords = ENGLISH) -> list[_Marker]:
    go_live = plan.go_live
    markers = [
        _Marker("go-live-planned", words.go_live, go_live.planned),
        _Marker("go-live-p50", "P50", go_live.p50),
        _Marker("go-live-p80", "P80", go_live.p80),
        _Marker("go-live-p95", "P95", go_live.p95),
    ]
    if today is not None and scale.contains(today):
        markers.append(_Marker("today", words.today, today))
    return sorted(markers, key=lambda marker: marker.day)


def _axis(
    svg: ET.Element,
    scale: DateScale,
    top: float,
    chart_bottom: float,
    words: GanttWords = ENGLISH,
    unit: str = "fit",
) -> None:
    axis = _element(svg, "g", class_="axis")
    for first, end in scale.months():
        x, width = scale.x_start(first), (end - first).days * scale.day_width
        _element(axis, "rect", class_="axis-month", x=x, y=top, width=width, height=AXIS_ROW_HEIGHT)
        label = month_label(first, width, words.months)
        if label:
            _text(axis, x + 4, top + 13, label, class_="axis-text")
        if unit == "month":
            _element(axis, "line", class_="grid", x1=x, y1=top + AXIS_ROW_HEIGHT, x2=x, y2=chart_bottom)
    if unit == "month":
        return
    step = scale.week_label_step()
    week_top = top + AXIS_ROW_HEIGHT
    for index, monday in enumerate(scale.mondays()):
        x = scale.x_start(monday)
        if scale.day_width >= 6:
            weekend = scale.x_start(monday) + 5 * scale.day_width
            _element(
                axis,
                "rect",
                class_="weekend",
                x=weekend,
                y=week_top,
                width=2 * scale.day_width,
                height=chart_bottom - week_top,
            )
        _element(axis, "line", class_="grid", x1=x, y1=week_top, x2=x, y2=chart_bottom)
        if index % step == 0:
            _text(axis, x + 2, week_top + 13, str(monday.day), class_="axis-text")


def _whisker(group: ET.Element, x1: float, x2: float, y: float) -> None:
    whisker = _element(group, "g", class_="whisker")
    _element(whisker, "line", x1=x1, y1=y, x2=x2, y2=y)
    for x in (x1, x2):
        _element(whisker, "line", x1=x, y1=y - 3, x2=x, y2=y + 3)


def _task_row(
    rows: ET.Element,
    task: PlannedTask,
    scale: DateScale,
    y: float,
    *,
    baseline: tuple[date, date] | None = None,
    whisker_y: float = WHISKER_Y,
    part: str = "whole",
    words: GanttWords = ENGLISH,
) -> None:
    names, bars = part in {"whole", "names"}, part in {"whole", "timeline"}
    classes = " ".join(
        name
        for name, present in (
            ("task", True),
            ("critical", task.critical),
            ("milestone", task.milestone),
            ("done", task.done),
        )
        if present
    )
    group = _element(rows, "g", class_=classes, data_key=task.key)
    facts = [
        f"{task.name} ({task.key})",
        f"{words.date_text(task.start)} → {words.date_text(task.finish)}",
        words.finish_range.format(range=words.range_text(task.finish_earliest, task.finish_latest)),
        words.slack.format(days=task.slack_days) + (f", {words.critical_path}" if task.critical else ""),
    ]
    if baseline is not None:
        facts.append(f"{words.baseline}: {words.date_text(baseline[0])} → {words.date_text(baseline[1])}")
    _title(group, "\n".join(facts))
    if names:
        _text(group, MARGIN + 14, y + 15, truncate(task.name, LABEL_CHARACTERS), class_="label")
    if not bars:
        return
    if baseline is not None:
        x = scale.x_start(baseline[0])
        _element(
            group,
            "rect",
            class_="baseline",
            x=x,
            y=y + BASELINE_TOP,
            width=max(scale.x_end(baseline[1]) - x, 2.0),
            height=BASELINE_HEIGHT,
        )
    state = " ".join(
        part for part in ("critical" if task.critical else "", "done" if task.done else "") if part
    )
    if task.milestone:
        middle_x, middle_y, half = scale.x_middle(task.finish), y + BAR_TOP + BAR_HEIGHT / 2, 6.5
        points = [
            (middle_x, middle_y - half),
            (middle_x + half, middle_y),
            (middle_x, middle_y + half),
            (middle_x - half, middle_y),
        ]
        _element(
            group,
            "polygon",
            class_=f"milestone {state}".strip(),
            points=" ".join(f"{number(px)},{number(py)}" for px, py in points),
        )
        earliest, latest = scale.x_middle(task.finish_earliest), scale.x_middle(task.finish_latest)
    else:
        x = scale.x_start(task.start)
        _element(
            group,
            "rect",
            class_=f"bar {state}".strip(),
            x=x,
            y=y + BAR_TOP,
            width=max(scale.x_end(task.finish) - x, 2.0),
            height=BAR_HEIGHT,
            rx=2.0,
        )
        earliest, latest = scale.x_end(task.finish_earliest), scale.x_end(task.finish_latest)
    if task.finish_earliest != task.finish_latest:
        _whisker(group, earliest, latest, y + whisker_y)


def _phase_row(  # noqa: PLR0913 keyword-only: how the row is drawn
    rows: ET.Element,
    phase: PhaseSpan,
    scale: DateScale,
    y: float,
    width: float,
    *,
    height: float = ROW_HEIGHT,
    names: bool = True,
    bars: bool = True,
    words: GanttWords = ENGLISH,
) -> None:
    group = _element(rows, "g", class_="phase", data_key=phase.key)
    _title(
        group,
        f"{phase.name}: {words.range_text(phase.start, phase.finish)}, {words.phase_tasks(len(phase.tasks))}",
    )
    band_left = MARGIN if names else 0.0
    band_right = width if not bars else width - MARGIN  # the names column meets the timeline
    _element(
        group, "rect", class_="phase-band", x=band_left, y=y, width=band_right - band_left, height=height
    )
    if names:
        _text(group, MARGIN + 4, y + 15, truncate(phase.name, LABEL_CHARACTERS + 2), class_="phase-name")
    if not bars:
        return
    x = scale.x_start(phase.start)
    _element(group, "rect", class_="phase-bar", x=x, y=y + 8, width=scale.x_end(phase.finish) - x, height=5.0)


def _marker_labels(markers: list[_Marker], words: GanttWords = ENGLISH) -> dict[date, str]:
    """One label per marked day: markers on the same day share it ("go-live, P50 2026-11-18")."""
    names: dict[date, list[str]] = {}
    for marker in markers:
        names.setdefault(marker.day, []).append(marker.name)
    return {day: f"{', '.join(day_names)} {words.date_text(day)}" for day, day_names in names.items()}


def _label_lanes(labels: dict[date, str], scale: DateScale) -> dict[date, int]:
    """The lane of each day's label, so that labels never overlap (assumes days in order)."""
    positions = [
        (scale.x_middle(day), len(label) * MARKER_LABEL_CHARACTER_WIDTH + 6) for day, label in labels.items()
    ]
    return dict(zip(labels, assign_lanes(positions), strict=True))


def _marker_lines(
    svg: ET.Element,
    markers: list[_Marker],
    scale: DateScale,
    top: float,
    bottom: float,
    lanes: dict[date, int],
    words: GanttWords = ENGLISH,
) -> None:
    labels = _marker_labels(markers, words)
    layer = _element(svg, "g", class_="markers")
    for marker in markers:
        x = scale.x_middle(marker.day)
        group = _element(layer, "g", class_=f"marker marker-{marker.css_class}")
        _title(group, f"{marker.name} {words.date_text(marker.day)}")
        label_y = top + (lanes[marker.day] + 1) * LANE_HEIGHT - 3
        _element(group, "line", class_=marker.css_class, x1=x, y1=label_y + 3, x2=x, y2=bottom)
        label = labels.pop(marker.day, None)  # drawn once, by the first marker of the day
        if label is not None:
            _text(group, x + 3, label_y, label, class_="marker-text")


LEGEND_ITEMS = (
    ("task", "task"),
    ("critical", "critical-path task"),
    ("milestone", "milestone"),
    ("critical-milestone", "critical milestone"),
    ("whisker", "earliest–latest finish"),
    ("today", "today"),
    ("go-live-planned", "planned go-live"),
    ("go-live-p50", "P50 go-live"),
    ("go-live-p80", "P80 go-live"),
    ("go-live-p95", "P95 go-live"),
)


def _legend_per_row(width: float) -> int:
    return max(1, int((width - 2 * MARGIN) // LEGEND_ITEM_WIDTH))


def _legend_height(width: float, *, baselines: bool = False) -> float:
    per_row = _legend_per_row(width)
    count = len(LEGEND_ITEMS) + (1 if baselines else 0)
    return (count + per_row - 1) // per_row * LEGEND_ROW_HEIGHT


def _legend(
    svg: ET.Element, top: float, width: float, words: GanttWords = ENGLISH, *, baselines: bool = False
) -> None:
    legend = _element(svg, "g", class_="legend")
    per_row = _legend_per_row(width)
    items = [*LEGEND_ITEMS, *((("baseline", "baseline (committed)"),) if baselines else ())]
    for index, (kind, english) in enumerate(items):
        label = words.legend_label(kind, english)
        x = MARGIN + (index % per_row) * LEGEND_ITEM_WIDTH
        y = top + (index // per_row) * LEGEND_ROW_HEIGHT
        item = _element(legend, "g", class_=f"legend-item legend-{kind}")
        if kind in {"task", "critical"}:
            css = "bar critical" if kind == "critical" else "bar"
            _element(item, "rect", class_=css, x=x, y=y + 4, width=26.0, height=BAR_HEIGHT, rx=2.0)
        elif kind in {"milestone", "critical-milestone"}:
            css = "milestone critical" if kind == "critical-milestone" else "milestone"
            points = f"{number(x + 13)},{number(y + 3)} {number(x + 19.5)},{number(y + 9.5)} "
            points += f"{number(x + 13)},{number(y + 16)} {number(x + 6.5)},{number(y + 9.5)}"
            _element(item, "polygon", class_=css, points=points)
        elif kind == "whisker":
            _whisker(item, x + 2, x + 24, y + 10)
        elif kind == "baseline":
            _element(item, "rect", class_="baseline", x=x, y=y + 8, width=26.0, height=BASELINE_HEIGHT)
        else:
            _element(item, "line", class_=kind, x1=x + 13, y1=y + 2, x2=x + 13, y2=y + 18)
        _text(item, x + 32, y + 14, label, class_="legend-text")


def plan_to_svg(
    plan: Plan,
    *,
    today: date | None = None,
    unit: str = "fit",
    baselines: Mapping[str, tuple[date, date]] | None = None,
    part: str = "whole",
    words: GanttWords = ENGLISH,
) -> str:
    """The plan as a standalone SVG Gantt chart (see the module's notes on how to read it).

    The chart grows with the plan: one row per task and per phase, and a width proportional
    to the span of dates (within bounds per day), from the plan's start to its latest finish.
    ``today`` draws a today line when given. ``unit``: "fit" the span in about 1,100 px,
    "week" (each week readable, the chart scrolls) or "month" (month lines, no week numbers).
    ``baselines`` ({task key: (start, finish)}) draws each task's committed dates under its bar.
    ``part``: the "whole" chart, or the task "names" column alone, or the "timeline" without it
    (a page shows the two side by side, the names staying in view while the timeline scrolls).
    ``words``: the chart's words in the reader's language.
    """
    baselines = baselines or {}
    names, bars = part in {"whole", "names"}, part in {"whole", "timeline"}
    left = MARGIN + LABEL_WIDTH if part == "whole" else 0.0
    scale = date_scale(plan, left=left, today=today, unit=unit)
    width = scale.right + MARGIN if bars else MARGIN + LABEL_WIDTH
    phases = phase_spans(plan)
    markers = _markers(plan, scale, today, words)
    lanes = _label_lanes(_marker_labels(markers, words), scale)
    lanes_top = MARGIN + TITLE_HEIGHT
    axis_top = lanes_top + (max(lanes.values(), default=0) + 1) * LANE_HEIGHT + 4
    rows_top = axis_top + 2 * AXIS_ROW_HEIGHT
    row_height = ROW_HEIGHT + (BASELINE_EXTRA if baselines else 0.0)
    whisker_y = WHISKER_Y + (BASELINE_EXTRA if baselines else 0.0)
    rows_bottom = rows_top + (len(phases) + len(plan.tasks)) * row_height
    legend_top = rows_bottom + 16
    height = legend_top + _legend_height(width, baselines=bool(baselines)) + MARGIN if bars else rows_bottom

    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "width": number(width),
            "height": number(height),
            "viewBox": f"0 0 {number(width)} {number(height)}",
            "role": "img",
            "aria-labelledby": "gantt-title gantt-desc",
            "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "font-size": "12",
            "class": "gantt" if part == "whole" else f"gantt gantt-{part}",
        },
    )
    if part == "names":  # the names column repeats the chart's rows: hidden from screen readers
        svg.set("aria-hidden", "true")
        del svg.attrib["role"], svg.attrib["aria-labelledby"]
    else:
        title = words.title.format(name=plan.playbook_name)
        _element(svg, "title", id="gantt-title").text = xml_text(title)
        _element(svg, "desc", id="gantt-desc").text = xml_text(_description(plan, words))
    _definitions(svg)
    _element(svg, "rect", x=0.0, y=0.0, width=width, height=height, fill="#ffffff")
    if part == "whole":  # a page shows the parts under its own heading
        heading = words.heading.format(name=plan.playbook_name, date=words.date_text(plan.start))
        if plan.variant:
            heading += " · " + words.variant.format(variant=plan.variant)
        _text(svg, MARGIN, MARGIN + 16, heading, class_="heading")
    if bars:
        _axis(svg, scale, axis_top, rows_bottom, words, unit)

    rows = _element(svg, "g", class_="rows")
    y = rows_top
    for phase in phases:
        _phase_row(rows, phase, scale, y, width, height=row_height, names=names, bars=bars, words=words)
        y += row_height
        for task in phase.tasks:
            _task_row(
                rows,
                task,
                scale,
                y,
                baseline=baselines.get(task.key),
                whisker_y=whisker_y,
                part=part,
                words=words,
            )
            y += row_height
    if bars:
        _marker_lines(svg, markers, scale, lanes_top, rows_bottom, lanes, words)
        _legend(svg, legend_top, width, words, baselines=bool(baselines))
    return ET.tostring(svg, encoding="unicode")
