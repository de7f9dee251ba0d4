"""A plan as an iCalendar file (RFC 5545) that calendar applications can import again and again.

What goes in:

- one timed event per meeting session, in the plan's time zone (with its VTIMEZONE), or in UTC;
- one all-day event per milestone, on its date;
- one all-day event per phase, from its first start to its last finish (DTEND is exclusive, so
  it is the day after the last day, as RFC 5545 says).

Why the UIDs never contain a date: a re-plan (new start date, a slipped task) must *update* the
events already in someone's calendar, never add copies beside them. A UID is derived only from
identities: the project identifier, the playbook key, the kind of event, the task or phase key and,
for sessions, the session's position in its series. SEQUENCE and DTSTAMP tell the calendar which
copy is newer: SEQUENCE defaults to the number of minutes since 2000-01-01 UTC at export time, so a
later export always carries a higher one; a caller that keeps its own revision number passes it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from accord.domain.planning.model import Plan, PlannedTask
from accord.formats.plan.common import (
    PhaseSpan,
    aware,
    date_range_text,
    day_after,
    phase_spans,
    plan_timezone,
)

#: The namespace of Accord's event UIDs (a fixed UUID, so UIDs are the same on every machine).
UID_NAMESPACE = uuid.UUID("6f1d3c52-8d0e-5b7a-9c41-2a7e0b5d9f13")
UID_DOMAIN = "accord"
PRODUCT_ID = "-//Accord//Accord plan//EN"
_SEQUENCE_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_UNIT_SEPARATOR = "\x1f"  # cannot occur in a key, so ("a-b", "c") and ("a", "b-c") differ


def event_uid(project_id: str, playbook: str, kind: str, key: str, index: int | None = None) -> str:
    """The stable UID of one event: the same identities give the same UID, whatever the dates.

    ``kind`` is ``session``, ``milestone`` or ``phase``; ``index`` numbers the sessions of a
    series from 1.
    """
    parts = [project_id, playbook, kind, key] + ([] if index is None else [str(index)])
    # Keys may hold any character a playbook author typed; a name-based UUID keeps the UID safe.
    name = _UNIT_SEPARATOR.join(parts)
    return f"{uuid.uuid5(UID_NAMESPACE, name)}@{UID_DOMAIN}"


def sequence_for(moment: datetime) -> int:
    """A SEQUENCE that grows with export time: whole minutes since 2000-01-01 UTC."""
    return max(0, int((moment - _SEQUENCE_EPOCH).total_seconds() // 60))


def _event(uid: str, summary: str, *, stamp: datetime, sequence: int, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def _all_day(event: Event, first: date, last: date) -> Event:
    event.add("dtstart", first)
    event.add("dtend", day_after(last))
    # A phase or a milestone is a marker in the calendar, not time its owner is busy.
    event.add("transp", "TRANSPARENT")
    return event


def _session_events(
    task: PlannedTask, plan: Plan, zone: ZoneInfo, project_id: str, stamp: datetime, sequence: int
) -> list[Event]:
    events = []
    count = len(task.sessions)
    for index, session in enumerate(task.sessions, start=1):
        summary = task.name if count == 1 else f"{task.name} (session {index} of {count})"
        event = _event(
            event_uid(project_id, plan.playbook, "session", task.key, index),
            summary,
            stamp=stamp,
            sequence=sequence,
            description=f"{plan.playbook_name} · {task.phase_name}",
        )
        event.add("dtstart", aware(session.start, plan).astimezone(zone))
        event.add("dtend", aware(session.end, plan).astimezone(zone))
        events.append(event)
    return events


def _milestone_event(task: PlannedTask, plan: Plan, project_id: str, stamp: datetime, sequence: int) -> Event:
    description = f"{plan.playbook_name} · {task.phase_name}"
    if task.finish_earliest != task.finish_latest:
        description += f"\nEarliest–latest: {date_range_text(task.finish_earliest, task.finish_latest)}"
    event = _event(
        event_uid(project_id, plan.playbook, "milestone", task.key),
        f"◆ {task.name}",
        stamp=stamp,
        sequence=sequence,
        description=description,
    )
    return _all_day(event, task.finish, task.finish)


def _phase_event(phase: PhaseSpan, plan: Plan, project_id: str, stamp: datetime, sequence: int) -> Event:
    event = _event(
        event_uid(project_id, plan.playbook, "phase", phase.key),
        f"{plan.playbook_name}: {phase.name}",
        stamp=stamp,
        sequence=sequence,
        description=f"{len(phase.tasks)} task{'' if len(phase.tasks) == 1 else 's'}, "
        f"{date_range_text(phase.start, phase.finish)}",
    )
    return _all_day(event, phase.start, phase.finish)


def plan_to_calendar(
    plan: Plan, *, project_id: str | None = None, now: datetime | None = None, sequence: int | None = None
) -> Calendar:
    """The plan as an :class:`icalendar.Calendar` (see the module's notes on UIDs and SEQUENCE).

    ``project_id`` tells projects on the same playbook apart in one calendar; it defaults to the
    playbook key. ``now`` is the export time (DTSTAMP); ``sequence`` overrides the SEQUENCE.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    revision = sequence_for(stamp) if sequence is None else sequence
    identity = project_id or plan.playbook
    zone = plan_timezone(plan)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", plan.playbook_name)
    calendar.add("x-wr-timezone", plan.calendar.timezone)
    for phase in phase_spans(plan):
        calendar.add_component(_phase_event(phase, plan, identity, stamp, revision))
    for task in plan.tasks:
        if task.milestone:
            calendar.add_component(_milestone_event(task, plan, identity, stamp, revision))
        for event in _session_events(task, plan, zone, identity, stamp, revision):
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def plan_to_ics(
    plan: Plan, *, project_id: str | None = None, now: datetime | None = None, sequence: int | None = None
) -> bytes:
    """The plan as an RFC 5545 ``.ics`` file (bytes, CRLF line ends); see :func:`plan_to_calendar`."""
    calendar = plan_to_calendar(plan, project_id=project_id, now=now, sequence=sequence)
    content: bytes = calendar.to_ical()
    return content


def milestone_to_ics(
    *, project_id: str, playbook: str, key: str, summary: str, day: date, now: datetime | None = None
) -> bytes:
    """One milestone as an all-day ``.ics`` (a project home's "Add to my calendar"): the same UID
    as in :func:`plan_to_ics`, so importing either again updates the one event."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = _event(
        event_uid(project_id, playbook, "milestone", key),
        summary,
        stamp=stamp,
        sequence=sequence_for(stamp),
        description="",
    )
    calendar.add_component(_all_day(event, day, day))
    content: bytes = calendar.to_ical()
    return content
