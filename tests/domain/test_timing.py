"""Structured timeframes: reading, canonical writing, and errors located inside ``timing``."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.errors import InvalidInput
from accord.domain.timing import (
    Condition,
    Duration,
    Link,
    MeetingSeries,
    Timing,
    TimingError,
    Unit,
    parse_duration,
    timing_from_data,
    timing_to_data,
)
from accord.formats.playbook_yaml import dump_playbook, loads_playbook


@pytest.mark.parametrize(
    ("text", "business_days"),
    [
        (10, (10, 10, 10)),
        ("10 business days", (10, 10, 10)),
        ("1 week", (5, 5, 5)),
        ("4-6 weeks", (20, 25, 30)),  # midpoint of 20..30
        ("4–6 weeks", (20, 25, 30)),  # the source's en dash
        ("4 to 6 weeks", (20, 25, 30)),
        ("3-4 weeks", (15, 18, 20)),  # midpoint 17.5 rounded up
        ("4-6 weeks, likely 5", (20, 25, 30)),
        ("2-8 business days (most likely 3)", (2, 3, 8)),
        ("approximately 10 business days", (8, 10, 12)),  # ± 20 %
        ("Approximately 4 weeks", (16, 20, 24)),
        ("about 2 business days", (1, 2, 3)),  # ± 20 % is less than a day: one day
        ("~1 business day", (1, 1, 2)),  # never shorter than one day
        ("10 calendar days", (8, 8, 8)),  # 10 × 5 / 7 = 7.14, rounded up
        ("7 calendar days", (5, 5, 5)),
        ("3 hours", (1, 1, 1)),  # 8 hours a business day, rounded up
        ("12 hours", (2, 2, 2)),
        ("16 hours", (2, 2, 2)),
        ("0.5 weeks", (3, 3, 3)),
        ({"min": 2, "likely": 3, "max": 8, "unit": "weeks"}, (10, 15, 40)),
        ({"approximately": 10}, (8, 10, 12)),
        (0, (0, 0, 0)),
    ],
)
def test_durations_in_every_spelling(text, business_days):
    assert parse_duration(text).business_days == business_days


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("10 days", "ambiguous"),
        ("10 fortnights", "unknown unit"),
        ("six weeks", "cannot read"),
        ("6-4 weeks", "backwards"),
        ({"min": 2, "likely": 9, "max": 8}, "outside the range"),
        ({"min": 2}, "max is missing"),
        ({"approximately": 3, "min": 1}, "alone"),
        ("approximately 3-5 weeks", "one value"),
        (True, "not a duration"),
        (-1, "zero or more"),
    ],
)
def test_bad_durations_say_why_with_a_hint(value, fragment):
    with pytest.raises(TimingError) as caught:
        parse_duration(value)
    assert fragment in caught.value.message
    assert caught.value.hint
    assert caught.value.path[0] == "duration"


def test_every_anchor_is_read():
    timing = timing_from_data(
        {
            "after": ["intro-call", {"task": "design", "lag": 2}],
            "before": "launch",
            "around": {"task": "learner-launch", "lag": -2},
            "when": {"condition": "the customer has set up the users", "satisfied_by": "customer-setup"},
            "lag": 1,
            "duration": "4-6 weeks",
            "sessions": {"count": 3, "minutes": 90, "at": "09:30"},
        }
    )
    assert timing.after == (Link("intro-call"), Link("design", 2))
    assert [timing.lag_of(link) for link in timing.after] == [1, 2]
    assert timing.before == ("launch",)
    assert timing.around == Link("learner-launch", -2)
    assert timing.when == Condition("the customer has set up the users", ("customer-setup",))
    assert timing.sessions == MeetingSeries(count=3, minutes=90, at=dt.time(9, 30))
    assert timing.anchored


def test_a_meeting_series_lasts_one_business_day_per_meeting_and_defaults_to_ten_oclock():
    timing = timing_from_data({"sessions": {"count": 3, "minutes": 90}})
    assert timing.sessions is not None
    assert timing.sessions.at == dt.time(10, 0)
    assert timing.business_days() == (3, 3, 3)
    assert not timing.anchored


def test_defaults_without_a_duration():
    assert Timing().business_days() == (1, 1, 1)
    assert Timing().business_days(milestone=True) == (0, 0, 0)


def test_unquoted_yaml_times_are_read_as_yaml_1_1_base_60():
    # YAML 1.1 reads at: 10:30 as 630 (minutes after midnight)
    timing = timing_from_data({"sessions": {"count": 1, "minutes": 30, "at": 630}})
    assert timing.sessions is not None
    assert timing.sessions.at == dt.time(10, 30)


@pytest.mark.parametrize(
    ("data", "path", "fragment"),
    [
        ({"afterwards": ["a"]}, ("afterwards",), "unknown timing field"),
        ({"start": "contract"}, ("start",), "must be 'project'"),
        ({"start": "project", "after": ["a"]}, ("start",), "contradicts"),
        ({"after": []}, ("after",), "empty"),
        ({"after": ["a", "Not A Key"]}, ("after", 1), "not a task key"),
        ({"after": [{"task": "a", "lag": -1}]}, ("after", 0), "cannot be negative"),
        ({"after": [{"task": "a", "lag": "two"}]}, ("after", 0, "lag"), "whole number"),
        ({"when": {"condition": "users are ready"}}, ("when",), "which tasks satisfy"),
        ({"when": "users are ready"}, ("when",), "mapping"),
        ({"duration": {"min": 1, "max": 2, "unit": "days"}}, ("duration", "unit"), "ambiguous"),
        ({"sessions": {"count": 0, "minutes": 90}}, ("sessions", "count"), "at least 1"),
        ({"sessions": {"count": 3, "minutes": 90, "at": "noonish"}}, ("sessions", "at"), "time of day"),
        ({"lag": -3}, ("lag",), "at least 0"),
    ],
)
def test_errors_point_inside_the_timing_mapping(data, path, fragment):
    with pytest.raises(TimingError) as caught:
        timing_from_data(data)
    assert caught.value.path == path
    assert fragment in caught.value.message
    assert caught.value.hint


PLAYBOOK = """\
key: demo
name: Demo
version: 1
roles:
  - {key: pm, name: Project Manager, side: customer}
phases:
  - key: p1
    name: Phase 1
    tasks:
      - key: design
        name: Design
        timeframe: Approximately 10 business days.
        timing:
          start: project
          duration: approximately 10 business days
      - key: coding
        name: Coding
        timing:
          after: [design]
          duration: 4-6 fortnights
"""


def test_the_playbook_loader_locates_timing_errors_on_their_line():
    with pytest.raises(InvalidInput) as caught:
        loads_playbook(PLAYBOOK, "demo.yaml")
    [problem] = caught.value.problems
    assert problem.code == "timing-invalid"
    assert problem.line == 20  # the duration line
    assert "coding" in problem.message
    assert "unknown unit" in problem.message
    assert problem.hint


def test_the_schema_refuses_unknown_timing_fields_with_their_line():
    with pytest.raises(InvalidInput) as caught:
        loads_playbook(
            PLAYBOOK.replace("4-6 fortnights", "4-6 weeks").replace("after: [design]", "afer: [design]")
        )
    [problem] = caught.value.problems
    assert problem.line == 19
    assert "afer" in problem.message


def test_a_playbook_with_timing_round_trips_through_yaml():
    playbook = loads_playbook(PLAYBOOK.replace("4-6 fortnights", "4-6 weeks"))
    assert loads_playbook(dump_playbook(playbook)) == playbook
    coding = playbook.task("coding")
    assert coding.timing is not None
    assert coding.timing.duration == Duration(minimum=4, maximum=6, unit=Unit.WEEKS)


# -- round trip of every shape ---------------------------------------------------------------------

task_keys = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
amounts = st.one_of(st.integers(min_value=0, max_value=60), st.sampled_from([0.5, 1.5, 2.25]))


@st.composite
def durations(draw):
    unit = draw(st.sampled_from(list(Unit)))
    low = draw(amounts)
    kind = draw(st.sampled_from(["single", "range", "likely", "approximately"]))
    if kind == "approximately":
        return Duration(minimum=low, maximum=low, unit=unit, approximate=True)
    high = low + draw(st.integers(min_value=0 if kind == "single" else 1, max_value=20)) * (kind != "single")
    likely = (
        draw(st.floats(min_value=low, max_value=high).map(lambda x: round(x))) if kind == "likely" else None
    )
    if likely is not None and not low <= likely <= high:
        likely = high
    return Duration(minimum=low, maximum=high, likely=likely, unit=unit)


@st.composite
def timings(draw):
    from_start = draw(st.booleans())
    links = st.builds(Link, task_keys, st.one_of(st.none(), st.integers(min_value=0, max_value=5)))
    return Timing(
        from_project_start=from_start,
        after=() if from_start else tuple(draw(st.lists(links, max_size=3))),
        before=tuple(draw(st.lists(task_keys, max_size=2))),
        around=None
        if from_start
        else draw(st.one_of(st.none(), st.builds(Link, task_keys, st.integers(-3, 3)))),
        when=None
        if from_start
        else draw(
            st.one_of(
                st.none(),
                st.builds(Condition, st.text(max_size=20), st.lists(task_keys, min_size=1).map(tuple)),
            )
        ),
        lag=draw(st.integers(min_value=0, max_value=5)),
        duration=draw(st.one_of(st.none(), durations())),
        sessions=draw(
            st.one_of(
                st.none(),
                st.builds(
                    MeetingSeries,
                    st.integers(1, 5),
                    st.integers(1, 240),
                    st.builds(dt.time, st.integers(0, 23), st.integers(0, 59)),
                ),
            )
        ),
    )


@settings(max_examples=100, deadline=None)
@given(timing=timings())
def test_writing_then_reading_gives_the_same_timing(timing):
    assert timing_from_data(timing_to_data(timing)) == timing


@settings(max_examples=100, deadline=None)
@given(duration=durations())
def test_business_days_are_ordered_whole_numbers(duration):
    low, likely, high = duration.business_days
    assert 0 <= low <= likely <= high
    assert all(isinstance(value, int) for value in (low, likely, high))
