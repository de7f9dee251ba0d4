"""The discovery sessions of an integration as an iCalendar invitation (seed 003: three 90-minute
sessions, ideally on consecutive days).

:func:`session_days` puts the sessions on consecutive business days of a working calendar;
:func:`series_to_ics` writes one timed event per session, in the project's time zone, with the
organiser and the attendees (``METHOD:REQUEST``, so that a calendar offers to accept it). UIDs
come from :func:`accord.formats.plan.to_ics.event_uid` and never contain a date: sending the
series again after a change moves the events already accepted instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event, vCalAddress, vText

from accord.domain.calendar import WorkingCalendar
from accord.domain.time_zones import zone_or_utc
from accord.formats.plan.to_ics import PRODUCT_ID, event_uid, sequence_for

#: Seed 003's discovery: three sessions of ninety minutes.
DEFAULT_COUNT = 3
DEFAULT_MINUTES = 90
DEFAULT_AT = dt.time(10, 0)

#: How each session's summary reads, by language.
SESSION_TITLES: dict[str, str] = {
    "en": "{title} (session {index} of {count})",
    "fr": "{title} (séance {index} sur {count})",
}


@dataclass(frozen=True, slots=True)
class Attendee:
    """Someone invited; ``required`` is False for the Informed (an optional participant)."""

    name: str
    email: str
    required: bool = True


@dataclass(frozen=True, slots=True)
class MeetingSeries:
    """What the invitation says: ``days`` are the sessions' days, each at ``at`` for ``minutes``
    in ``time_zone``; ``identity`` tells this series apart from others in one calendar."""

    identity: str
    title: str
    days: tuple[dt.date, ...]
    at: dt.time
    minutes: int
    time_zone: str
    description: str = ""
    organiser: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()


def session_days(calendar: WorkingCalendar, first_day: dt.date, count: int) -> tuple[dt.date, ...]:
    """``count`` consecutive business days of ``calendar``, from ``first_day`` (or the next
    business day when it is a day off)."""
    day = calendar.roll_forward(first_day)
    days = [day]
    while len(days) < count:
        day = calendar.next_business_day_after(day)
        days.append(day)
    return tuple(days[:count])


def session_times(series: MeetingSeries) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """Each session's start and end, aware, in the series' time zone."""
    zone = zone_or_utc(series.time_zone)
    starts = [dt.datetime.combine(day, series.at, tzinfo=zone) for day in series.days]
    return tuple((start, start + dt.timedelta(minutes=series.minutes)) for start in starts)


def _address(person: Attendee, *, attendee: bool) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = vText(person.name or person.email)
    if attendee:
        address.params["role"] = vText("REQ-PARTICIPANT" if person.required else "OPT-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        address.params["rsvp"] = vText("TRUE")
    return address


def series_to_calendar(
    series: MeetingSeries, *, language: str = "en", now: dt.datetime | None = None
) -> Calendar:
    """The series as an :class:`icalendar.Calendar` invitation (see the module's notes)."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "REQUEST")
    count = len(series.days)
    template = SESSION_TITLES.get(language, SESSION_TITLES["en"])
    for index, (start, end) in enumerate(session_times(series), start=1):
        event = Event()
        event.add("uid", event_uid(series.identity, "discovery", "session", "discovery", index))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence_for(stamp))
        event.add("summary", template.format(title=series.title, index=index, count=count))
        if series.description:
            event.add("description", series.description)
        event.add("dtstart", start)
        event.add("dtend", end)
        if series.organiser is not None:
            event.add("organizer", _address(series.organiser, attendee=False))
        for person in series.attendees:
            event.add("attendee", _address(person, attendee=True), encode=False)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def series_to_ics(series: MeetingSeries, *, language: str = "en", now: dt.datetime | None = None) -> bytes:
    """The series as an RFC 5545 ``.ics`` invitation (bytes, CRLF line ends)."""
    content: bytes = series_to_calendar(series, language=language, now=now).to_ical()
    return content
