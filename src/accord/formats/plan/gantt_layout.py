"""Where things go on the Gantt chart: the date scale, the time axis and the label lanes.

Kept apart from the drawing so the arithmetic (which day is which x, which week gets a label)
can be read and tested on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from accord.domain.planning.model import Plan

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: The chart aims at this many pixels for the whole span, within the day-width bounds below.
TARGET_CHART_WIDTH = 1100.0
MIN_DAY_WIDTH = 3.0
MAX_DAY_WIDTH = 24.0
#: Characters XML 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: A today line this many days outside the plan's span widens the chart; farther, it is left out.
TODAY_REACH_DAYS = 90


@dataclass(frozen=True, slots=True)
class DateScale:
    """Maps calendar days to x positions: day ``first`` starts at ``left``, each day ``day_width`` wide."""

    first: date  # a Monday
    end: date  # exclusive, a Monday
    left: float
    day_width: float

    @property
    def days(self) -> int:
        return (self.end - self.first).days

    @property
    def right(self) -> float:
        return self.left + self.days * self.day_width

    def x_start(self, day: date) -> float:
        """The left edge of ``day``."""
        return self.left + (day - self.first).days * self.day_width

    def x_end(self, day: date) -> float:
        """The right edge of ``day`` (a finish date is inclusive: the bar covers that day)."""
        return self.x_start(day) + self.day_width

    def x_middle(self, day: date) -> float:
        return self.x_start(day) + self.day_width / 2

    def contains(self, day: date) -> bool:
        return self.first <= day < self.end

    def mondays(self) -> Iterator[date]:
        day = self.first
        while day < self.end:
            yield day
            day += timedelta(days=7)

    def months(self) -> Iterator[tuple[date, date]]:
        """Each month the scale touches, clipped to it: (first day shown, day after the last shown)."""
        day = self.first
        while day < self.end:
            following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            yield day, min(following, self.end)
            day = following

    def week_label_step(self) -> int:
        """Label every n-th week so that day-number labels never touch (at least 24 px apart)."""
        return max(1, math.ceil(24 / (7 * self.day_width)))


def _monday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def plan_span(plan: Plan) -> tuple[date, date]:
    """The first and last day the chart must show: every bar, whisker and go-live marker."""
    go_live = plan.go_live
    firsts = [plan.start, *(task.start for task in plan.tasks)]
    lasts = [
        go_live.planned,
        go_live.latest,
        go_live.p95,
        *(max(task.finish, task.finish_latest) for task in plan.tasks),
    ]
    return min(firsts), max(lasts)


#: Day width of the week scale: a week is 84 px wide, readable; a long plan scrolls sideways.
WEEK_SCALE_DAY_WIDTH = 12.0


def date_scale(plan: Plan, *, left: float, today: date | None, unit: str = "fit") -> DateScale:
    """The scale of the chart: whole weeks from the Monday before the plan to the Monday after it.

    ``unit`` "fit" (the default) fits the span in about TARGET_CHART_WIDTH pixels; "week" gives
    each week the same readable width (the chart may scroll); "month" fits the span like "fit"
    down to a narrower day, for long plans seen whole."""
    first, last = plan_span(plan)
    if today is not None and first - timedelta(days=TODAY_REACH_DAYS) <= today < first:
        first = today
    if today is not None and last < today <= last + timedelta(days=TODAY_REACH_DAYS):
        last = today
    start = _monday_on_or_before(first)
    # A few spare days after the last date leave room for the marker labels drawn beside it.
    end = _monday_on_or_before(last + timedelta(days=3)) + timedelta(days=7)
    days = (end - start).days
    if unit == "week":
        day_width = WEEK_SCALE_DAY_WIDTH
    elif unit == "month":
        day_width = min(MAX_DAY_WIDTH, max(1.5, TARGET_CHART_WIDTH / days))
    else:
        day_width = min(MAX_DAY_WIDTH, max(MIN_DAY_WIDTH, TARGET_CHART_WIDTH / days))
    return DateScale(first=start, end=end, left=left, day_width=day_width)


def month_label(first_shown: date, width: float, names: tuple[str, ...] = MONTH_NAMES) -> str:
    """``Dec 2026`` when it fits, ``Dec`` when less does, nothing in a sliver (``names``: the
    twelve month abbreviations, in the reader's language)."""
    name = names[first_shown.month - 1]
    if width >= 64:
        return f"{name} {first_shown.year}"
    return name if width >= 28 else ""


def assign_lanes(positions: list[tuple[float, float]]) -> list[int]:
    """For labels given as (x, width), the lowest lane where each one overlaps no earlier label."""
    lane_ends: list[float] = []
    lanes = []
    for x, width in positions:
        for lane, end in enumerate(lane_ends):
            if x >= end + 4:
                lane_ends[lane] = x + width
                lanes.append(lane)
                break
        else:
            lane_ends.append(x + width)
            lanes.append(len(lane_ends) - 1)
    return lanes


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def number(value: float) -> str:
    """A coordinate as short SVG text: at most one decimal, no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry (a stray control character in a task
    name must not make the whole chart unreadable); escaping is left to the XML writer."""
    return _NOT_XML.sub("", text)
