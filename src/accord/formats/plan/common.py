"""What every plan output shares: phase spans, time zones and date wording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from accord.domain.errors import AccordError
from accord.domain.planning.model import Plan, PlannedTask
from accord.domain.time_zones import known_zone


@dataclass(frozen=True, slots=True)
class PhaseSpan:
    """A phase as the plan sees it: its tasks in plan order, from its first start to its last finish."""

    key: str
    name: str
    tasks: tuple[PlannedTask, ...]

    @property
    def start(self) -> date:
        return min(task.start for task in self.tasks)

    @property
    def finish(self) -> date:
        return max(task.finish for task in self.tasks)

    @property
    def finish_latest(self) -> date:
        return max(task.finish_latest for task in self.tasks)


def phase_spans(plan: Plan) -> tuple[PhaseSpan, ...]:
    """The plan's phases in the order their first task appears, each with its tasks."""
    order: list[str] = []
    names: dict[str, str] = {}
    members: dict[str, list[PlannedTask]] = {}
    for task in plan.tasks:
        if task.phase not in members:
            order.append(task.phase)
            names[task.phase] = task.phase_name
            members[task.phase] = []
        members[task.phase].append(task)
    return tuple(PhaseSpan(key, names[key], tuple(members[key])) for key in order)


def plan_timezone(plan: Plan) -> ZoneInfo:
    """The plan's time zone; a name the system does not know is a typed error, not a traceback."""
    zone = known_zone(plan.calendar.timezone)
    if zone is None:
        raise AccordError(
            f"unknown time zone {plan.calendar.timezone!r}",
            hint="use an IANA time zone name such as America/New_York or Europe/Paris",
            code="timezone-unknown",
        )
    return zone


def aware(moment: datetime, plan: Plan) -> datetime:
    """``moment`` with a time zone: a naive time is read as the plan's local time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=plan_timezone(plan))
    return moment


def date_range_text(first: date, last: date) -> str:
    """``2026-11-20 – 2026-12-04``, or the single date when both ends agree."""
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} – {last.isoformat()}"


def go_live_summary(plan: Plan) -> str:
    """One line: the planned go-live, its earliest–latest range and the forecast percentiles."""
    go_live = plan.go_live
    return (
        f"Go-live: planned {go_live.planned.isoformat()} "
        f"(earliest–latest {date_range_text(go_live.earliest, go_live.latest)}); "
        f"forecast P50 {go_live.p50.isoformat()}, P80 {go_live.p80.isoformat()}, "
        f"P95 {go_live.p95.isoformat()}"
    )


def day_after(day: date) -> date:
    """The exclusive end of an all-day span that ends on ``day``."""
    return day + timedelta(days=1)
