"""Structured timeframes: when a task starts and how long it lasts.

The source's own words stay in ``Task.timeframe``; the ``timing`` mapping beside them is the
structured reading the planner uses. Its YAML shape (docs/planning.md gives every rule)::

    timing:
      start: project                 # anchored on the project start ("ASAP from the contract start")
      after: [intro-call, {task: design, lag: 2}]   # finish-to-start, optional lag in business days
      before: [learner-launch]       # this task must finish before those start
      around: learner-launch         # runs alongside that task (start-to-start, lag may be negative)
      when: {condition: "the customer has set up the users", satisfied_by: [customer-setup]}
      lag: 0                         # default lag for every anchor, in business days
      duration: "4-6 weeks"          # or 10, "approximately 10 business days", {min:, likely:, max:, unit:}
      sessions: {count: 3, minutes: 90, at: "10:00"}   # a meeting series on consecutive business days

Units convert to whole business days: a week is 5; calendar days count 5 per 7, rounded up;
hours count 8 per business day, rounded up. "approximately N" spans N ± 20 % (at least one
business day), rounded to whole business days.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from accord.domain.errors import AccordError

TimingPath = tuple[str | int, ...]

#: Spread of "approximately N": N ± this share of N, at least one business day.
APPROXIMATE_SPREAD = 0.20
BUSINESS_DAYS_PER_WEEK = 5
HOURS_PER_BUSINESS_DAY = 8
#: Default time of day of a meeting series, in the project's time zone.
DEFAULT_SESSION_TIME = dt.time(10, 0)

TIMING_KEYS = ("start", "after", "before", "around", "when", "lag", "duration", "sessions")


class TimingError(AccordError):
    """A structured timeframe is malformed. ``path`` locates it inside the task's ``timing``."""

    code = "timing-invalid"

    def __init__(self, message: str, *, hint: str = "", path: TimingPath = ()) -> None:
        super().__init__(message, hint=hint)
        self.path = path


class Unit(StrEnum):
    BUSINESS_DAYS = "business_days"
    WEEKS = "weeks"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")

    def to_business_days(self, amount: float) -> int:
        """``amount`` of this unit in whole business days, rounded up."""
        per_unit = {
            Unit.BUSINESS_DAYS: 1.0,
            Unit.WEEKS: float(BUSINESS_DAYS_PER_WEEK),
            Unit.CALENDAR_DAYS: BUSINESS_DAYS_PER_WEEK / 7,
            Unit.HOURS: 1 / HOURS_PER_BUSINESS_DAY,
        }[self]
        # round() first so that 0.1 * 3 style float noise does not add a whole day
        return math.ceil(round(amount * per_unit, 9))


_UNIT_WORDS: dict[str, Unit] = {
    "business day": Unit.BUSINESS_DAYS,
    "business days": Unit.BUSINESS_DAYS,
    "business_days": Unit.BUSINESS_DAYS,
    "working day": Unit.BUSINESS_DAYS,
    "working days": Unit.BUSINESS_DAYS,
    "bd": Unit.BUSINESS_DAYS,
    "week": Unit.WEEKS,
    "weeks": Unit.WEEKS,
    "calendar day": Unit.CALENDAR_DAYS,
    "calendar days": Unit.CALENDAR_DAYS,
    "calendar_days": Unit.CALENDAR_DAYS,
    "hour": Unit.HOURS,
    "hours": Unit.HOURS,
    "h": Unit.HOURS,
}

_UNIT_HINT = "use business days, weeks, calendar days or hours, e.g. '10 business days' or '4-6 weeks'"
_NUMBER = r"\d+(?:\.\d+)?"
_DURATION_PATTERN = re.compile(
    rf"""^\s*
    (?P<approximately>approximately|approx\.?|about|around|roughly|circa|ca\.|~)?\s*
    (?P<low>{_NUMBER})\s*
    (?:(?:-|–|—|to)\s*(?P<high>{_NUMBER})\s*)?
    (?P<unit>[a-z_ ]+?)\s*
    (?:[,;(]\s*(?:most\s+)?likely\s+(?P<likely>{_NUMBER})\s*\)?\s*)?
    $""",
    re.IGNORECASE | re.VERBOSE,
)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True, slots=True)
class Duration:
    """How long a task lasts, in the author's unit: one value, a range, or "approximately N".

    ``likely`` is the most likely value of a range when the author gives one.
    """

    minimum: float
    maximum: float
    likely: float | None = None
    unit: Unit = Unit.BUSINESS_DAYS
    approximate: bool = False

    @property
    def business_days(self) -> tuple[int, int, int]:
        """(minimum, most likely, maximum) in whole business days.

        A range without a most likely value plans on its midpoint, rounded up.
        """
        if self.approximate:
            centre = self.unit.to_business_days(self.likely if self.likely is not None else self.minimum)
            spread = max(1, math.floor(centre * APPROXIMATE_SPREAD + 0.5)) if centre else 0
            return max(min(centre, 1), centre - spread), centre, centre + spread
        low = self.unit.to_business_days(self.minimum)
        high = self.unit.to_business_days(self.maximum)
        likely = self.unit.to_business_days(self.likely) if self.likely is not None else -(-(low + high) // 2)
        return low, likely, high

    def to_data(self) -> Any:
        """The canonical YAML form: an integer of business days, a string, or a mapping."""
        if self.approximate:
            return f"approximately {_number_text(self.minimum)} {self.unit.words}"
        if self.likely is not None:
            return {
                "min": _plain_number(self.minimum),
                "likely": _plain_number(self.likely),
                "max": _plain_number(self.maximum),
                "unit": self.unit.value,
            }
        if self.minimum == self.maximum:
            if self.unit is Unit.BUSINESS_DAYS and float(self.minimum).is_integer():
                return int(self.minimum)
            return f"{_number_text(self.minimum)} {self.unit.words}"
        return f"{_number_text(self.minimum)}-{_number_text(self.maximum)} {self.unit.words}"


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True, slots=True)
class Link:
    """A reference to another task, with a lag in business days (``None``: the timing's lag)."""

    task: str
    lag: int | None = None

    def to_data(self) -> Any:
        return self.task if self.lag is None else {"task": self.task, "lag": self.lag}


@dataclass(frozen=True, slots=True)
class Condition:
    """A start condition in words, and the tasks whose finish satisfies it."""

    text: str
    satisfied_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingSeries:
    """``count`` meetings of ``minutes`` each, on consecutive business days, at ``at`` local time."""

    count: int
    minutes: int
    at: dt.time = DEFAULT_SESSION_TIME


@dataclass(frozen=True, slots=True)
class Timing:
    """The structured timeframe of one task (see the module docstring for the YAML)."""

    from_project_start: bool = False
    after: tuple[Link, ...] = ()
    before: tuple[str, ...] = ()
    around: Link | None = None
    when: Condition | None = None
    lag: int = 0
    duration: Duration | None = None
    sessions: MeetingSeries | None = None

    @property
    def anchored(self) -> bool:
        """True when the timing says where the task starts (else the planner's default applies)."""
        return self.from_project_start or bool(self.after) or self.around is not None or self.when is not None

    def lag_of(self, link: Link) -> int:
        return self.lag if link.lag is None else link.lag

    def business_days(self, milestone: bool = False) -> tuple[int, int, int]:
        """(minimum, most likely, maximum) business days; see docs/planning.md for defaults."""
        if self.duration is not None:
            return self.duration.business_days
        if self.sessions is not None:
            return (self.sessions.count,) * 3
        return default_business_days(milestone)


def default_business_days(milestone: bool) -> tuple[int, int, int]:
    """A task without a duration lasts one business day; a milestone takes its day (zero)."""
    return (0, 0, 0) if milestone else (1, 1, 1)


# -- reading --------------------------------------------------------------------------------------


def _fail(message: str, hint: str, path: TimingPath) -> TimingError:
    return TimingError(message, hint=hint, path=path)


def _task_key(value: Any, path: TimingPath) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise _fail(f"{value!r} is not a task key", "name a task by its key, e.g. intro-call", path)
    return value


def _integer(value: Any, path: TimingPath, what: str, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(f"{what} must be a whole number, not {value!r}", "write a number of business days", path)
    if minimum is not None and value < minimum:
        raise _fail(f"{what} must be at least {minimum}, not {value}", f"use {minimum} or more", path)
    return value


def _number(value: Any, path: TimingPath, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or math.isnan(value):
        raise _fail(f"{what} must be a number of zero or more, not {value!r}", _UNIT_HINT, path)
    return value


def _link(value: Any, path: TimingPath) -> Link:
    if isinstance(value, Mapping):
        unknown = set(value) - {"task", "lag"}
        if unknown:
            raise _fail(f"unknown field {sorted(map(str, unknown))[0]!r}", "a link has task and lag", path)
        if "task" not in value:
            raise _fail("a link needs a task", "write {task: some-task, lag: 2}", path)
        lag = _integer(value["lag"], (*path, "lag"), "lag") if "lag" in value else None
        return Link(task=_task_key(value["task"], (*path, "task")), lag=lag)
    return Link(task=_task_key(value, path))


def _keys(value: Any, path: TimingPath) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise _fail("the list is empty", "name at least one task, or remove the field", path)
    return tuple(
        _task_key(item, (*path, index) if isinstance(value, list) else path)
        for index, item in enumerate(items)
    )


def _unit(value: Any, path: TimingPath) -> Unit:
    unit = _UNIT_WORDS.get(str(value).strip().lower()) if isinstance(value, str) else None
    if unit is None:
        if isinstance(value, str) and value.strip().lower() in {"day", "days"}:
            raise _fail("'days' is ambiguous", "write business days or calendar days", path)
        raise _fail(f"unknown unit {value!r}", _UNIT_HINT, path)
    return unit


def parse_duration(value: Any, path: TimingPath = ("duration",)) -> Duration:
    """Read a duration: a number of business days, a string such as ``"4-6 weeks"``,
    ``"approximately 10 business days"``, ``"3 hours"``, or a mapping ``{min, likely, max, unit}``
    / ``{approximately, unit}``."""
    if isinstance(value, bool):
        raise _fail(f"{value!r} is not a duration", _UNIT_HINT, path)
    if isinstance(value, int | float):
        amount = _number(value, path, "duration")
        return Duration(minimum=amount, maximum=amount)
    if isinstance(value, str):
        return _duration_from_text(value, path)
    if isinstance(value, Mapping):
        return _duration_from_mapping(value, path)
    raise _fail(f"{value!r} is not a duration", _UNIT_HINT, path)


def _duration_from_text(text: str, path: TimingPath) -> Duration:
    match = _DURATION_PATTERN.match(text)
    if match is None:
        raise _fail(f"cannot read the duration {text!r}", _UNIT_HINT + ", or 'approximately 4 weeks'", path)
    unit = _unit(match["unit"], path)
    low = float(match["low"])
    high = float(match["high"]) if match["high"] else low
    likely = float(match["likely"]) if match["likely"] else None
    if match["approximately"]:
        if match["high"] or likely is not None:
            raise _fail(
                "'approximately' takes one value", "write 'approximately 4 weeks' or '3-5 weeks'", path
            )
        return Duration(minimum=low, maximum=low, likely=None, unit=unit, approximate=True)
    return _checked(Duration(minimum=low, maximum=high, likely=likely, unit=unit), path)


def _duration_from_mapping(value: Mapping[str, Any], path: TimingPath) -> Duration:
    allowed = {"min", "max", "likely", "approximately", "unit"}
    unknown = sorted(str(key) for key in set(value) - allowed)
    if unknown:
        raise _fail(
            f"unknown field {unknown[0]!r}",
            "allowed here: " + ", ".join(sorted(allowed)),
            (*path, unknown[0]),
        )
    unit = _unit(value["unit"], (*path, "unit")) if "unit" in value else Unit.BUSINESS_DAYS
    if "approximately" in value:
        if {"min", "max", "likely"} & set(value):
            raise _fail("'approximately' goes alone", "give either approximately, or min and max", path)
        amount = _number(value["approximately"], (*path, "approximately"), "approximately")
        return Duration(minimum=amount, maximum=amount, unit=unit, approximate=True)
    for required in ("min", "max"):
        if required not in value:
            raise _fail(f"{required} is missing", "give min and max (and optionally likely)", path)
    duration = Duration(
        minimum=_number(value["min"], (*path, "min"), "min"),
        maximum=_number(value["max"], (*path, "max"), "max"),
        likely=_number(value["likely"], (*path, "likely"), "likely") if "likely" in value else None,
        unit=unit,
    )
    return _checked(duration, path)


def _checked(duration: Duration, path: TimingPath) -> Duration:
    if duration.minimum > duration.maximum:
        raise _fail(
            f"the range {_number_text(duration.minimum)}-{_number_text(duration.maximum)} goes backwards",
            "write the shorter value first",
            path,
        )
    if duration.likely is not None and not duration.minimum <= duration.likely <= duration.maximum:
        raise _fail("the most likely value lies outside the range", "keep min <= likely <= max", path)
    return duration


def _time_of_day(value: Any, path: TimingPath) -> dt.time:
    # YAML 1.1 reads an unquoted 10:30 as the base-60 integer 630, i.e. minutes after midnight
    if isinstance(value, int) and not isinstance(value, bool) and 60 <= value < 24 * 60:
        return dt.time(value // 60, value % 60)
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value.strip().rjust(5, "0"))
        except ValueError:
            pass
    raise _fail(f"{value!r} is not a time of day", "write it as HH:MM in quotes, e.g. at: '10:00'", path)


def _sessions(value: Any, path: TimingPath) -> MeetingSeries:
    if not isinstance(value, Mapping):
        raise _fail("sessions must be a mapping", "write {count: 3, minutes: 90, at: '10:00'}", path)
    unknown = sorted(str(key) for key in set(value) - {"count", "minutes", "at"})
    if unknown:
        raise _fail(f"unknown field {unknown[0]!r}", "allowed here: at, count, minutes", (*path, unknown[0]))
    for required in ("count", "minutes"):
        if required not in value:
            raise _fail(f"{required} is missing", "write {count: 3, minutes: 90}", path)
    minutes = _integer(value["minutes"], (*path, "minutes"), "minutes", minimum=1)
    if minutes > 24 * 60:
        raise _fail("a session lasts at most a day", "give minutes up to 1440", (*path, "minutes"))
    return MeetingSeries(
        count=_integer(value["count"], (*path, "count"), "count", minimum=1),
        minutes=minutes,
        at=_time_of_day(value["at"], (*path, "at")) if "at" in value else DEFAULT_SESSION_TIME,
    )


def _condition(value: Any, path: TimingPath) -> Condition:
    if not isinstance(value, Mapping):
        raise _fail(
            "when must be a mapping",
            "write {condition: 'the customer has set up the users', satisfied_by: [task-key]}",
            path,
        )
    unknown = sorted(str(key) for key in set(value) - {"condition", "satisfied_by"})
    if unknown:
        raise _fail(
            f"unknown field {unknown[0]!r}", "allowed here: condition, satisfied_by", (*path, unknown[0])
        )
    if "satisfied_by" not in value:
        raise _fail(
            "the condition does not say which tasks satisfy it",
            "add satisfied_by: [task-key], the tasks whose finish makes the condition true",
            path,
        )
    text = value.get("condition", "")
    if not isinstance(text, str):
        raise _fail("condition must be text", "write the condition in words", (*path, "condition"))
    return Condition(text=text, satisfied_by=_keys(value["satisfied_by"], (*path, "satisfied_by")))


def timing_from_data(data: Mapping[str, Any]) -> Timing:
    """Read the ``timing`` mapping of a task, or raise :class:`TimingError` locating the problem."""
    if not isinstance(data, Mapping):
        raise _fail("timing must be a mapping", "write e.g. timing: {after: [intro-call], duration: 5}", ())
    unknown = sorted(str(key) for key in set(data) - set(TIMING_KEYS))
    if unknown:
        raise _fail(
            f"unknown timing field {unknown[0]!r}", "allowed here: " + ", ".join(TIMING_KEYS), (unknown[0],)
        )
    start = data.get("start")
    if start is not None and start != "project":
        raise _fail(
            f"start must be 'project', not {start!r}", "use after: [task] to start after a task", ("start",)
        )
    after: tuple[Link, ...] = ()
    if "after" in data:
        raw = data["after"]
        items = raw if isinstance(raw, list) else [raw]
        if not items:
            raise _fail("the list is empty", "name at least one task, or remove the field", ("after",))
        after = tuple(
            _link(item, ("after", index) if isinstance(raw, list) else ("after",))
            for index, item in enumerate(items)
        )
        for link, index in zip(after, range(len(after)), strict=True):
            if link.lag is not None and link.lag < 0:
                raise _fail(
                    "an after lag cannot be negative", "use around for tasks that overlap", ("after", index)
                )
    if start == "project" and (after or "around" in data or "when" in data):
        raise _fail(
            "start: project contradicts after, around and when",
            "keep start: project for tasks that start with the project, or anchor on tasks",
            ("start",),
        )
    lag = _integer(data["lag"], ("lag",), "lag", minimum=0) if "lag" in data else 0
    return Timing(
        from_project_start=start == "project",
        after=after,
        before=_keys(data["before"], ("before",)) if "before" in data else (),
        around=_link(data["around"], ("around",)) if "around" in data else None,
        when=_condition(data["when"], ("when",)) if "when" in data else None,
        lag=lag,
        duration=parse_duration(data["duration"], ("duration",)) if "duration" in data else None,
        sessions=_sessions(data["sessions"], ("sessions",)) if "sessions" in data else None,
    )


def timing_to_data(timing: Timing) -> dict[str, Any]:
    """The canonical YAML mapping of a timing; ``timing_from_data`` reads it back equal."""
    data: dict[str, Any] = {}
    if timing.from_project_start:
        data["start"] = "project"
    if timing.after:
        data["after"] = [link.to_data() for link in timing.after]
    if timing.before:
        data["before"] = list(timing.before)
    if timing.around is not None:
        data["around"] = timing.around.to_data()
    if timing.when is not None:
        data["when"] = {"condition": timing.when.text, "satisfied_by": list(timing.when.satisfied_by)}
    if timing.lag:
        data["lag"] = timing.lag
    if timing.duration is not None:
        data["duration"] = timing.duration.to_data()
    if timing.sessions is not None:
        data["sessions"] = {
            "count": timing.sessions.count,
            "minutes": timing.sessions.minutes,
            "at": timing.sessions.at.strftime("%H:%M"),
        }
    return data
