"""Working calendars: known answers on real national calendars, errors, and general rules."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.calendar import CalendarError, Closure, WorkingCalendar, default_timezone

US = WorkingCalendar.create("US")
FR = WorkingCalendar.create("FR")
GB = WorkingCalendar.create("GB", "ENG")

D = dt.date


# -- known answers, counted by hand on a wall calendar ---------------------------------------------


def test_thanksgiving_is_skipped_in_the_us():
    # Mon 23, Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27, (weekend), Mon 30 = 5 business days
    assert US.finish_of(D(2026, 11, 23), 5) == D(2026, 11, 30)
    assert US.day_off_reason(D(2026, 11, 26)) == "Thanksgiving Day"
    assert US.next_business_day_after(D(2026, 11, 25)) == D(2026, 11, 27)


def test_independence_day_on_a_saturday_is_observed_on_the_friday():
    # 4 July 2026 is a Saturday: Friday 3 July is off. Wed 1, Thu 2, (Fri 3, Sat 4, Sun 5), Mon 6
    assert not US.is_business_day(D(2026, 7, 3))
    assert US.finish_of(D(2026, 7, 1), 3) == D(2026, 7, 6)


def test_bastille_day_in_france():
    # 14 juillet 2026 is a Tuesday: Mon 13, (Tue 14), Wed 15, Thu 16
    assert FR.finish_of(D(2026, 7, 13), 3) == D(2026, 7, 16)
    assert FR.business_days_between(D(2026, 7, 13), D(2026, 7, 20)) == 4  # 13, 15, 16, 17


def test_easter_monday_in_france_and_good_friday_only_in_alsace_moselle():
    # Easter 2026 is 5 April. France: Good Friday (3 April) is worked, Easter Monday (6) is off.
    assert FR.finish_of(D(2026, 4, 3), 2) == D(2026, 4, 7)
    moselle = WorkingCalendar.create("FR", "57")
    # Moselle also stops on Good Friday: the start rolls to Tue 7, then Wed 8
    assert moselle.roll_forward(D(2026, 4, 3)) == D(2026, 4, 7)
    assert moselle.finish_of(D(2026, 4, 3), 2) == D(2026, 4, 8)


def test_christmas_and_boxing_day_substitute_in_england():
    # 25 Dec 2026 is a Friday, Boxing Day a Saturday: substitute bank holiday Monday 28.
    # Thu 24, (Fri 25, Sat 26, Sun 27, Mon 28), Tue 29, Wed 30
    assert GB.finish_of(D(2026, 12, 24), 3) == D(2026, 12, 30)
    assert "Boxing Day" in GB.day_off_reason(D(2026, 12, 28))
    assert GB.day_off_reason(D(2026, 12, 27)) == "weekend"


def test_easter_monday_is_a_bank_holiday_in_england_but_not_in_scotland():
    scotland = WorkingCalendar.create("GB", "SCT")
    # Thu 2 April 2026, (Good Friday 3, weekend, Easter Monday 6 in England), then Tue 7
    assert GB.finish_of(D(2026, 4, 2), 2) == D(2026, 4, 7)
    assert scotland.finish_of(D(2026, 4, 2), 2) == D(2026, 4, 6)


def test_subdivision_names_are_accepted_as_aliases():
    assert WorkingCalendar.create("gb", "England").subdivision == "ENG"


def test_closures_are_days_off_with_their_reason():
    freeze = WorkingCalendar.create("FR", closures=[(D(2026, 8, 3), D(2026, 8, 14), "summer shutdown")])
    assert not freeze.is_business_day(D(2026, 8, 10))
    assert freeze.day_off_reason(D(2026, 8, 10)) == "summer shutdown"
    # Fri 31 July, then the shutdown (3-14 August, 15 is a Saturday and a holiday), then Mon 17
    assert freeze.finish_of(D(2026, 7, 31), 2) == D(2026, 8, 17)
    assert FR.finish_of(D(2026, 7, 31), 2) == D(2026, 8, 3)


def test_weekends_follow_the_country():
    saudi = WorkingCalendar.create("SA")
    assert saudi.weekmask == "1111001"  # Friday and Saturday off
    assert US.weekmask == "1111100"


def test_a_milestone_of_zero_days_takes_its_day():
    assert US.finish_of(D(2026, 11, 26), 0) == D(2026, 11, 27)
    assert US.finish_of(D(2026, 11, 27), 0) == D(2026, 11, 27)


def test_default_time_zones():
    assert US.timezone == "America/New_York"
    assert FR.timezone == "Europe/Paris"
    assert GB.timezone == "Europe/London"
    assert default_timezone("JP") == "Asia/Tokyo"  # from the tz database's zone.tab
    assert (
        WorkingCalendar.create("US", "CA", timezone="America/Los_Angeles").timezone == "America/Los_Angeles"
    )


def test_calendars_are_cached_and_compare_by_definition():
    again = WorkingCalendar.create("US")
    assert again == US
    assert again.numpy_calendar is US.numpy_calendar
    assert WorkingCalendar.create("US", closures=[(D(2026, 1, 5), D(2026, 1, 6))]) != US


# -- errors ----------------------------------------------------------------------------------------


def test_unknown_country_lists_the_valid_codes():
    with pytest.raises(CalendarError) as caught:
        WorkingCalendar.create("XX")
    assert caught.value.code == "calendar-unknown-country"
    assert "FR" in caught.value.hint
    assert "GB" in caught.value.hint


def test_unknown_subdivision_lists_the_countrys_subdivisions():
    with pytest.raises(CalendarError) as caught:
        WorkingCalendar.create("GB", "ZZ")
    assert caught.value.code == "calendar-unknown-subdivision"
    assert "ENG" in caught.value.hint
    assert "SCT" in caught.value.hint


def test_unknown_time_zone_and_reversed_closure_are_refused():
    with pytest.raises(CalendarError, match="time zone"):
        WorkingCalendar.create("FR", timezone="Europe/Atlantis")
    with pytest.raises(CalendarError, match="ends before it starts"):
        WorkingCalendar.create("FR", closures=[Closure(D(2026, 8, 14), D(2026, 8, 3))])


def test_dates_outside_the_years_are_refused_not_guessed():
    short = WorkingCalendar.create("FR", years=range(2025, 2028))
    with pytest.raises(CalendarError) as caught:
        short.finish_of(D(2027, 12, 1), 60)
    assert caught.value.code == "calendar-out-of-range"
    with pytest.raises(CalendarError):
        short.is_business_day(D(2030, 1, 2))


# -- general rules ---------------------------------------------------------------------------------

days = st.dates(min_value=D(2001, 1, 1), max_value=D(2058, 12, 31))
calendars = st.sampled_from([US, FR, GB])


@settings(max_examples=80, deadline=None)
@given(calendar=calendars, start=days, count=st.integers(min_value=0, max_value=300))
def test_a_finish_is_a_business_day_and_counts_its_start(calendar, start, count):
    finish = calendar.finish_of(start, count)
    assert calendar.is_business_day(finish)
    first = calendar.roll_forward(start)
    # [first, finish] holds exactly max(count, 1) business days
    assert calendar.business_days_between(first, finish + dt.timedelta(days=1)) == max(count, 1)


@settings(max_examples=80, deadline=None)
@given(calendar=calendars, day=days)
def test_next_business_day_is_strictly_after_and_nothing_between_is_worked(calendar, day):
    following = calendar.next_business_day_after(day)
    assert following > day
    assert calendar.is_business_day(following)
    assert calendar.business_days_between(day + dt.timedelta(days=1), following) == 0


@settings(max_examples=60, deadline=None)
@given(calendar=calendars, dates=st.lists(days, min_size=1, max_size=20))
def test_indices_and_dates_convert_both_ways(calendar, dates):
    indices = calendar.to_index(dates)
    rolled = [calendar.roll_forward(day) for day in dates]
    assert list(calendar.from_index(indices).astype(object)) == rolled
    finishes = calendar.from_index(calendar.index_of_finish(dates)).astype(object)
    assert list(finishes) == [calendar.roll_backward(day) for day in dates]
    assert np.array_equal(calendar.to_index(calendar.from_index(indices)), indices)


@settings(max_examples=60, deadline=None)
@given(start=days, count=st.integers(min_value=1, max_value=120), closed=days)
def test_a_closure_never_moves_a_finish_earlier(start, count, closed):
    closing = WorkingCalendar.create("FR", closures=[(closed, closed)])
    assert closing.finish_of(start, count) >= FR.finish_of(start, count)
