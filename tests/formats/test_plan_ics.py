from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from icalendar import Calendar

from accord.domain.errors import AccordError
from accord.formats.plan.common import phase_spans
from accord.formats.plan.to_ics import plan_to_ics
from tests.formats.conftest import TaskSpec, build_plan, plans, sample_plan

NOW = datetime(2026, 10, 1, 9, 30, tzinfo=UTC)


def events(plan, **options):
    calendar = Calendar.from_ical(plan_to_ics(plan, now=NOW, **options))
    return calendar, list(calendar.walk("VEVENT"))


def by_summary(found):
    return {str(event["SUMMARY"]): event for event in found}


def test_every_session_milestone_and_phase_is_an_event():
    plan = sample_plan()
    _, found = events(plan)

    sessions = sum(len(task.sessions) for task in plan.tasks)
    milestones = sum(task.milestone for task in plan.tasks)
    assert len(found) == sessions + milestones + len(phase_spans(plan))
    assert (sessions, milestones) == (4, 2)


def test_session_events_are_timed_in_the_plans_time_zone_and_match_the_plan():
    plan = sample_plan(date(2026, 11, 30))
    calendar, found = events(plan)
    named = by_summary(found)

    discovery = next(task for task in plan.tasks if task.name == "Discovery sessions")
    for index, session in enumerate(discovery.sessions, start=1):
        event = named[f"Discovery sessions (session {index} of 3)"]
        assert event["DTSTART"].params["TZID"] == "America/New_York"
        assert event.decoded("DTSTART") == session.start
        assert event.decoded("DTEND") == session.end
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    raw = plan_to_ics(plan, now=NOW).decode()
    assert "DTSTART;TZID=America/New_York:20261201T100000" in raw


def test_a_utc_plan_writes_session_times_in_utc():
    plan = sample_plan(date(2026, 11, 30), timezone="UTC")

    raw = plan_to_ics(plan, now=NOW).decode()

    assert "DTSTART:20261130T100000Z" in raw
    assert "TZID" not in raw


def test_milestones_and_phases_are_all_day_events_with_an_exclusive_end():
    plan = sample_plan()
    _, found = events(plan)
    named = by_summary(found)

    for task in plan.tasks:
        if task.milestone:
            event = named[f"◆ {task.name}"]
            assert event["DTSTART"].params["VALUE"] == "DATE"
            assert event.decoded("DTSTART") == task.finish
            assert event.decoded("DTEND") == task.finish + timedelta(days=1)
    for phase in phase_spans(plan):
        event = named[f"{plan.playbook_name}: {phase.name}"]
        assert event.decoded("DTSTART") == min(task.start for task in phase.tasks)
        assert event.decoded("DTEND") == max(task.finish for task in phase.tasks) + timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_a_replan_with_a_later_start_keeps_every_uid_and_moves_every_date():
    first = sample_plan(date(2026, 11, 2))
    later = sample_plan(date(2027, 1, 11))
    _, before = events(first)
    _, after = events(later)

    uids_before = {str(event["UID"]): event for event in before}
    uids_after = {str(event["UID"]): event for event in after}
    assert set(uids_before) == set(uids_after)
    for uid, event in uids_before.items():
        assert event.decoded("DTSTART") != uids_after[uid].decoded("DTSTART")
        assert event["SUMMARY"] == uids_after[uid]["SUMMARY"]


def test_a_later_export_carries_a_higher_sequence_so_calendars_take_the_update():
    plan = sample_plan()
    _, earlier = events(plan)
    later = Calendar.from_ical(plan_to_ics(plan, now=NOW + timedelta(hours=1))).walk("VEVENT")

    assert max(int(event["SEQUENCE"]) for event in earlier) < min(int(event["SEQUENCE"]) for event in later)
    assert all(event.decoded("DTSTAMP") == NOW for event in earlier)


def test_an_explicit_sequence_is_written_as_given():
    _, found = events(sample_plan(), sequence=7)

    assert {int(event["SEQUENCE"]) for event in found} == {7}


def test_the_project_id_tells_two_projects_on_one_playbook_apart():
    plan = sample_plan()
    _, default = events(plan)
    _, acme = events(plan, project_id="acme")
    _, globex = events(plan, project_id="globex")

    uids = [{str(event["UID"]) for event in found} for found in (default, acme, globex)]
    assert uids[0].isdisjoint(uids[1])
    assert uids[1].isdisjoint(uids[2])
    _, acme_again = events(sample_plan(date(2027, 3, 1)), project_id="acme")
    assert {str(event["UID"]) for event in acme_again} == uids[1]


@settings(max_examples=50, deadline=None)
@given(plans())
def test_uids_are_unique_and_independent_of_dates(plan):
    calendar = Calendar.from_ical(plan_to_ics(plan, now=NOW))
    found = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in found]

    sessions = sum(len(task.sessions) for task in plan.tasks)
    milestones = sum(task.milestone for task in plan.tasks)
    assert len(found) == sessions + milestones + len(phase_spans(plan))
    session_times = {(session.start, session.end) for task in plan.tasks for session in task.sessions}
    timed = [
        (event.decoded("DTSTART"), event.decoded("DTEND"))
        for event in found
        if isinstance(event.decoded("DTSTART"), datetime)
    ]
    assert len(timed) == sessions
    assert set(timed) == session_times
    assert not [uid for uid, count in Counter(uids).items() if count > 1]
    moved = build_plan(
        plan.start + timedelta(days=45),
        _specs_of(plan),
        timezone=plan.calendar.timezone,
    )
    moved_uids = [
        str(event["UID"]) for event in Calendar.from_ical(plan_to_ics(moved, now=NOW)).walk("VEVENT")
    ]
    assert sorted(moved_uids) == sorted(uids)


def _specs_of(plan):
    """The same tasks, phases, milestones and series, with other durations (so other dates)."""
    return [
        TaskSpec(
            task.name,
            phase=int(task.phase.removeprefix("phase-")) - 1,
            days=1,
            milestone=task.milestone,
            sessions=len(task.sessions),
        )
        for task in plan.tasks
    ]


def test_an_unknown_time_zone_is_a_typed_error():
    plan = replace(sample_plan(), calendar=replace(sample_plan().calendar, timezone="Mars/Olympus"))

    with pytest.raises(AccordError, match="Mars/Olympus") as caught:
        plan_to_ics(plan)
    assert caught.value.hint


def test_the_calendar_names_itself_and_declares_rfc_5545():
    calendar, _ = events(sample_plan())

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Demo integration"


def test_one_milestone_alone_has_the_uid_it_has_in_the_whole_plan():
    from accord.formats.plan.to_ics import milestone_to_ics

    plan = sample_plan()
    milestone = next(task for task in plan.tasks if task.milestone)
    _calendar, whole = events(plan, project_id="42")
    [in_plan] = [
        event
        for event in whole
        if str(event["summary"]).endswith(milestone.name) and "◆" in str(event["summary"])
    ]
    alone = Calendar.from_ical(
        milestone_to_ics(
            project_id="42",
            playbook=plan.playbook,
            key=milestone.key,
            summary="Go",
            day=milestone.finish,
            now=NOW,
        )
    ).walk("VEVENT")
    assert [str(event["uid"]) for event in alone] == [str(in_plan["uid"])]
    assert alone[0].decoded("dtstart") == milestone.finish
    assert alone[0].decoded("dtend") == milestone.finish + timedelta(days=1)
