"""Working calendars: which days a project can make progress on.

A calendar knows a country's weekend and public holidays (from the ``holidays`` package, by
country and optional subdivision), the customer's own closures (a shutdown, a freeze period)
and the project's time zone. It is precomputed once into a numpy ``busdaycalendar`` over a
range of years and cached, so business-day arithmetic is a numpy call that also works on whole
arrays of dates (see :meth:`WorkingCalendar.to_index` and :meth:`WorkingCalendar.from_index`).

Conventions (docs/planning.md):
- ``finish_of(start, n)`` is the n-th business day counting ``start`` (rolled forward) as the first;
- ``business_days_between(a, b)`` counts the business days in ``[a, b)``;
- a *business-day index* numbers the business days from the first one of the calendar's range;
  converting between indices and dates is a lookup in the precomputed table of business days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import holidays as holidays_package
import numpy as np
import numpy.typing as npt

from accord.domain.errors import AccordError
from accord.domain.time_zones import known_zone

#: Years a calendar covers unless told otherwise; holidays outside them would be unknown.
DEFAULT_FIRST_YEAR = 2000
DEFAULT_LAST_YEAR = 2060

#: Time zone of a country's capital or business centre, where the tz database lists several
#: zones for it or where its first listed zone would surprise. Other countries take the first
#: zone the tz database (zone.tab) lists for them, and UTC when it lists none.
DEFAULT_TIMEZONES: Mapping[str, str] = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "ID": "Asia/Jakarta",
    "IN": "Asia/Kolkata",
    "KZ": "Asia/Almaty",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",
}

DateArray = npt.NDArray[np.datetime64]
IndexArray = npt.NDArray[np.int64]


class CalendarError(AccordError):
    """A calendar cannot be built or asked about a date it does not cover."""

    code = "calendar-invalid"


@dataclass(frozen=True, slots=True)
class Closure:
    """Days the customer or vendor does not work, both ends included (a shutdown, a freeze)."""

    start: dt.date
    end: dt.date
    reason: str = ""

    def days(self) -> Iterable[dt.date]:
        day = self.start
        while day <= self.end:
            yield day
            day += dt.timedelta(days=1)


def _alpha2_countries() -> dict[str, list[str]]:
    return {code: subdivisions for code, subdivisions in _supported().items() if len(code) == 2}


@cache
def _supported() -> dict[str, list[str]]:
    supported: dict[str, list[str]] = holidays_package.list_supported_countries()
    return supported


@cache
def _zone_tab() -> dict[str, str]:
    """First zone the tz database lists per country (from the tzdata package or the system)."""
    text = ""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - tzdata comes with icalendar
        for directory in ("/usr/share/zoneinfo", "/usr/lib/zoneinfo"):
            try:
                with open(f"{directory}/zone.tab", encoding="utf-8") as handle:
                    text = handle.read()
                break
            except OSError:
                continue
    zones: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            zones.setdefault(parts[0], parts[2])
    return zones


def default_timezone(country: str) -> str:
    """The time zone a project in ``country`` uses when none is given (see DEFAULT_TIMEZONES)."""
    code = country.upper()
    return DEFAULT_TIMEZONES.get(code) or _zone_tab().get(code, "UTC")


def _check_country(country: str, subdivision: str | None) -> tuple[str, str | None]:
    code = country.strip().upper()
    countries = _alpha2_countries()
    if code not in countries:
        raise CalendarError(
            f"unknown country {country!r} for public holidays",
            hint="use an ISO 3166 alpha-2 code, one of: " + ", ".join(sorted(countries)),
            code="calendar-unknown-country",
        )
    if subdivision is None or subdivision == "":
        return code, None
    known = countries[code]
    wanted = subdivision.strip()
    for candidate in (wanted, wanted.upper()):
        if candidate in known:
            return code, candidate
    aliases: dict[str, str] = getattr(
        holidays_package.country_holidays(code), "subdivisions_aliases", {}
    )  # e.g. "England" -> "ENG"
    for alias, target in aliases.items():
        if alias.casefold() == wanted.casefold():
            return code, target
    raise CalendarError(
        f"country {code} has no subdivision {subdivision!r}",
        hint=("use one of: " + ", ".join(known)) if known else f"{code} has no subdivisions; leave it empty",
        code="calendar-unknown-subdivision",
    )


def _check_timezone(timezone: str) -> str:
    if known_zone(timezone) is None:
        raise CalendarError(
            f"unknown time zone {timezone!r}",
            hint="use a tz database name such as Europe/Paris or America/New_York",
            code="calendar-unknown-timezone",
        )
    return timezone


def _weekmask(weekend: Iterable[int]) -> str:
    days_off = set(weekend)
    return "".join("0" if day in days_off else "1" for day in range(7))


@cache
def _precomputed(
    country: str, subdivision: str | None, closures: tuple[Closure, ...], first_year: int, last_year: int
) -> tuple[str, Mapping[dt.date, str], np.busdaycalendar, DateArray]:
    """Weekmask, named days off, the numpy calendar and every business day of the range, in
    order (index -> date is a lookup, date -> index a binary search); cached per definition."""
    public = holidays_package.country_holidays(
        country, subdiv=subdivision, years=range(first_year, last_year + 1)
    )
    weekmask = _weekmask(public.weekend)
    days_off: dict[dt.date, str] = {day: str(name) for day, name in public.items()}
    for closure in closures:
        for day in closure.days():
            if first_year <= day.year <= last_year:
                days_off.setdefault(day, closure.reason or "closure")
    holiday_array = np.array(sorted(days_off), dtype="datetime64[D]")
    numpy_calendar = np.busdaycalendar(weekmask=weekmask, holidays=holiday_array)
    every_day = np.arange(f"{first_year:04d}-01-01", f"{last_year + 1:04d}-01-01", dtype="datetime64[D]")
    business_days = every_day[np.is_busday(every_day, busdaycal=numpy_calendar)]
    business_days.setflags(write=False)
    return weekmask, MappingProxyType(days_off), numpy_calendar, business_days


def _as_closure(value: Closure | tuple[Any, ...]) -> Closure:
    if isinstance(value, Closure):
        closure = value
    else:
        start, end, *rest = value
        closure = Closure(
            start=dt.date.fromisoformat(start) if isinstance(start, str) else start,
            end=dt.date.fromisoformat(end) if isinstance(end, str) else end,
            reason=str(rest[0]) if rest else "",
        )
    if closure.end < closure.start:
        raise CalendarError(
            f"closure {closure.start}..{closure.end} ends before it starts",
            hint="give the first day, then the last day of the closure",
            code="calendar-invalid-closure",
        )
    return closure


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Business days of one country (and subdivision), with closures, in one time zone."""

    country: str
    subdivision: str | None
    timezone: str
    closures: tuple[Closure, ...]
    first_year: int
    last_year: int
    weekmask: str = field(compare=False)
    days_off: Mapping[dt.date, str] = field(compare=False, repr=False)
    numpy_calendar: np.busdaycalendar = field(compare=False, repr=False)
    business_days: DateArray = field(compare=False, repr=False)

    @classmethod
    def create(
        cls,
        country: str,
        subdivision: str | None = None,
        closures: Iterable[Closure | tuple[Any, ...]] = (),
        timezone: str | None = None,
        years: range | None = None,
    ) -> WorkingCalendar:
        """Build (or fetch from cache) the calendar of ``country``.

        ``closures`` are :class:`Closure` objects or ``(start, end[, reason])`` tuples with both
        ends included. ``timezone`` defaults to :func:`default_timezone`. ``years`` bounds the
        dates the calendar can answer about (2000-2060 by default).
        """
        code, subdivision_code = _check_country(country, subdivision)
        zone = _check_timezone(timezone) if timezone else default_timezone(code)
        span = years if years is not None else range(DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR + 1)
        if len(span) == 0:
            raise CalendarError(
                "the calendar must cover at least one year", hint="e.g. years=range(2024, 2031)"
            )
        closure_tuple = tuple(
            sorted({_as_closure(item) for item in closures}, key=lambda c: (c.start, c.end))
        )
        weekmask, days_off, numpy_calendar, business_days = _precomputed(
            code, subdivision_code, closure_tuple, span[0], span[-1]
        )
        return cls(
            country=code,
            subdivision=subdivision_code,
            timezone=zone,
            closures=closure_tuple,
            first_year=span[0],
            last_year=span[-1],
            weekmask=weekmask,
            days_off=days_off,
            numpy_calendar=numpy_calendar,
            business_days=business_days,
        )

    # -- single dates -------------------------------------------------------------------------

    def _check(self, day: dt.date) -> np.datetime64:
        if not self.first_year <= day.year <= self.last_year:
            raise CalendarError(
                f"{day.isoformat()} is outside the calendar's years {self.first_year}-{self.last_year}",
                hint=f"choose dates between {self.first_year} and {self.last_year}, "
                "e.g. another start date or shorter durations",
                code="calendar-out-of-range",
            )
        return np.datetime64(day, "D")

    def _to_date(self, value: np.datetime64) -> dt.date:
        result: dt.date = value.astype("datetime64[D]").astype(object)
        if not self.first_year <= result.year <= self.last_year:
            self._check(result)
        return result

    def is_business_day(self, day: dt.date) -> bool:
        """True when ``day`` is neither a weekend day, a public holiday nor a closure."""
        return bool(np.is_busday(self._check(day), busdaycal=self.numpy_calendar))

    def day_off_reason(self, day: dt.date) -> str:
        """The holiday or closure on ``day``, ``"weekend"``, or ``""`` on a business day."""
        if day in self.days_off:
            return self.days_off[day]
        return "weekend" if self.weekmask[day.weekday()] == "0" else ""

    def roll_forward(self, day: dt.date) -> dt.date:
        """``day`` if it is a business day, else the next business day."""
        return self._to_date(
            np.busday_offset(self._check(day), 0, roll="forward", busdaycal=self.numpy_calendar)
        )

    def roll_backward(self, day: dt.date) -> dt.date:
        """``day`` if it is a business day, else the previous business day."""
        return self._to_date(
            np.busday_offset(self._check(day), 0, roll="backward", busdaycal=self.numpy_calendar)
        )

    def add_business_days(self, day: dt.date, count: int) -> dt.date:
        """``count`` business days after ``day`` rolled forward (before it, when negative)."""
        return self._to_date(
            np.busday_offset(self._check(day), count, roll="forward", busdaycal=self.numpy_calendar)
        )

    def finish_of(self, start: dt.date, business_days: int) -> dt.date:
        """The ``business_days``-th business day counting ``start`` (rolled forward) as the first.

        Zero business days (a milestone) falls on ``start`` rolled forward: it takes its day.
        """
        return self.add_business_days(start, max(business_days, 1) - 1)

    def next_business_day_after(self, day: dt.date) -> dt.date:
        """The first business day strictly after ``day``."""
        return self._to_date(
            np.busday_offset(self._check(day), 1, roll="backward", busdaycal=self.numpy_calendar)
        )

    def business_days_between(self, start: dt.date, end: dt.date) -> int:
        """Business days in ``[start, end)``; negative when ``end`` is before ``start``."""
        return int(np.busday_count(self._check(start), self._check(end), busdaycal=self.numpy_calendar))

    # -- business-day indices (vectorised) -----------------------------------------------------

    def to_index(self, days: dt.date | DateArray | Iterable[dt.date]) -> IndexArray:
        """Index of the first business day on or after each date (0 = the calendar's first)."""
        array = np.asarray(np.array(days, dtype="datetime64[D]"))
        self._check_array(array)
        indices = np.searchsorted(self.business_days, array, side="left").astype(np.int64)
        if indices.size and int(indices.max()) >= len(self.business_days):
            self._out_of_range(self.last_year + 1)
        return indices

    def index_of_finish(self, days: dt.date | DateArray | Iterable[dt.date]) -> IndexArray:
        """Index of the last business day on or before each date (a finish on a Saturday counts
        as the Friday's)."""
        array = np.asarray(np.array(days, dtype="datetime64[D]"))
        self._check_array(array)
        return np.searchsorted(self.business_days, array, side="right").astype(np.int64) - 1

    def from_index(self, indices: int | IndexArray | Iterable[int]) -> DateArray:
        """The business days at ``indices`` as ``datetime64[D]`` (works on whole arrays)."""
        array = np.asarray(indices, dtype=np.int64)
        if array.size and (int(array.min()) < 0 or int(array.max()) >= len(self.business_days)):
            self._out_of_range(self.first_year - 1 if int(array.min()) < 0 else self.last_year + 1)
        result: DateArray = self.business_days[array]
        return result

    def date_at(self, index: int) -> dt.date:
        """The business day at ``index`` as a ``date``."""
        return self._to_date(self.from_index([index])[0])

    def _out_of_range(self, year: int) -> None:
        raise CalendarError(
            f"a date in {year} is outside the calendar's years {self.first_year}-{self.last_year}",
            hint=f"the plan must start and end between {self.first_year} and {self.last_year}: "
            "choose another start date or shorten the durations",
            code="calendar-out-of-range",
        )

    def _check_array(self, array: DateArray) -> None:
        if array.size == 0:
            return
        years = array.astype("datetime64[Y]").astype(np.int64) + 1970
        low, high = int(years.min()), int(years.max())
        if low < self.first_year or high > self.last_year:
            self._out_of_range(low if low < self.first_year else high)
