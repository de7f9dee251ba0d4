"""Time zones by name, and "today" in one: the one rule for a zone name, everywhere.

A project, a plan and a person each name their time zone (a tz database name such as
``Europe/Paris``). A name the tz database does not know is never an error at the moment of use:

- :func:`known_zone` answers None (an unknown name, a blank, a path, a folder of zones such as
  ``America``);
- the zone of a project or a plan is then **UTC** (:func:`zone_or_utc`), so "today" on an unknown
  zone (:func:`today_in`) is the date in UTC: the same on every server whatever its own
  ``TIME_ZONE``, and never a traceback on a page.

Names are checked when they are stored (a calendar refuses them:
:meth:`accord.domain.calendar.WorkingCalendar.create`), so an unknown zone is met only when the tz
database drops a name or with data imported around the checks. This module imports nothing
heavy: the accounts app asks it about people's zones at start-up.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: The zone of a project or plan whose zone name is unknown (:func:`zone_or_utc`).
UTC_ZONE = ZoneInfo("UTC")


def known_zone(name: str) -> ZoneInfo | None:
    """The time zone called ``name``, or None when the tz database has no such zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America" is a folder of zones
        return None


def zone_or_utc(name: str) -> ZoneInfo:
    """The time zone called ``name``, UTC when there is none (see :func:`known_zone`)."""
    return known_zone(name) or UTC_ZONE


def today_in(zone_name: str, now: dt.datetime) -> dt.date:
    """The date it is at the instant ``now`` in the zone called ``zone_name`` (UTC when there is
    no such zone). ``now`` must be aware: a naive time names no instant (ValueError)."""
    if now.utcoffset() is None:
        raise ValueError(f"today_in needs an aware instant, got the naive {now.isoformat()}")
    return now.astimezone(zone_or_utc(zone_name)).date()
