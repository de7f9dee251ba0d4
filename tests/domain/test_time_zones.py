"""A zone name and "today" in it: one rule, and an unknown zone is UTC (never an error)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.domain.calendar import CalendarError, WorkingCalendar
from accord.domain.time_zones import UTC_ZONE, known_zone, today_in, zone_or_utc

KNOWN = sorted(available_timezones())
UNKNOWN = [
    "",
    "Mars/Olympus_Mons",
    "America",
    "Europe/Paris/",
    " Europe/Paris",
    "utc",
    "/etc/passwd",
    "../x",
    "a\x00b",
]

instants = st.datetimes(
    min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2199, 12, 30), timezones=st.just(dt.UTC)
)


@given(name=st.text(max_size=40), now=instants)
def test_today_in_any_zone_name_is_the_date_at_that_instant_there_and_never_raises(name, now):
    assert today_in(name, now) == now.astimezone(zone_or_utc(name)).date()


@given(name=st.sampled_from(KNOWN), now=instants)
def test_today_in_a_known_zone_is_the_tz_databases_date(name, now):
    assert known_zone(name) == ZoneInfo(name)
    assert today_in(name, now) == now.astimezone(ZoneInfo(name)).date()


@given(now=instants, shift=st.sampled_from(KNOWN))
def test_the_instant_counts_not_the_zone_it_is_written_in(now, shift):
    assert today_in("Asia/Tokyo", now.astimezone(ZoneInfo(shift))) == today_in("Asia/Tokyo", now)


@pytest.mark.parametrize("name", UNKNOWN)
def test_an_unknown_zone_is_utc(name):
    late_evening = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    assert known_zone(name) is None
    assert zone_or_utc(name) is UTC_ZONE
    assert today_in(name, late_evening) == dt.date(2026, 3, 1)


def test_today_is_where_the_project_lives():
    late_evening = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    assert today_in("Europe/Paris", late_evening) == dt.date(2026, 3, 2)
    assert today_in("Pacific/Honolulu", late_evening) == dt.date(2026, 3, 1)


def test_a_naive_time_names_no_instant():
    with pytest.raises(ValueError, match="aware"):
        today_in("Europe/Paris", dt.datetime(2026, 3, 1, 12, 0))


def test_a_calendar_refuses_a_folder_of_zones_as_a_typed_error():
    # "America" is a folder of the tz database: it used to escape as IsADirectoryError.
    with pytest.raises(CalendarError) as refused:
        WorkingCalendar.create("US", timezone="America")
    assert refused.value.code == "calendar-unknown-timezone"
