import json
from dataclasses import replace
from datetime import date, datetime

from hypothesis import given, settings

from accord.formats.plan.to_json import plan_to_json, plan_to_json_text
from tests.formats.conftest import plans, sample_plan

TOP_KEYS = {"playbook", "start", "calendar", "go_live", "tasks"}
CALENDAR_KEYS = {"country", "subdivision", "timezone"}
GO_LIVE_KEYS = {"planned", "earliest", "latest", "p50", "p80", "p95"}
TASK_KEYS = {
    "key",
    "name",
    "phase",
    "start",
    "finish",
    "finish_earliest",
    "finish_latest",
    "critical",
    "slack_days",
    "milestone",
    "sessions",
}
SESSION_KEYS = {"start", "end"}


def test_the_document_has_exactly_the_agreed_keys_at_every_level():
    document = plan_to_json(sample_plan())

    assert set(document) == TOP_KEYS
    assert set(document["calendar"]) == CALENDAR_KEYS
    assert set(document["go_live"]) == GO_LIVE_KEYS
    assert all(set(task) == TASK_KEYS for task in document["tasks"])
    sessions = [session for task in document["tasks"] for session in task["sessions"]]
    assert sessions, "the sample plan has meeting sessions"
    assert all(set(session) == SESSION_KEYS for session in sessions)


def test_session_times_are_iso_datetimes_with_the_offset_of_the_plans_time_zone():
    plan = sample_plan(date(2026, 11, 30))  # a Monday in winter: New York is at UTC-5
    document = plan_to_json(plan)

    kick_off = document["tasks"][0]
    assert kick_off["sessions"] == [
        {"start": "2026-11-30T10:00:00-05:00", "end": "2026-11-30T11:30:00-05:00"}
    ]
    summer = plan_to_json(sample_plan(date(2026, 7, 6)))
    assert summer["tasks"][0]["sessions"][0]["start"] == "2026-07-06T10:00:00-04:00"


def test_a_naive_session_time_is_read_in_the_plans_time_zone():
    plan = sample_plan(date(2026, 11, 30), timezone="Europe/Paris")
    task = plan.tasks[0]
    naive = replace(task.sessions[0], start=task.sessions[0].start.replace(tzinfo=None))
    plan = replace(plan, tasks=(replace(task, sessions=(naive,)), *plan.tasks[1:]))

    assert plan_to_json(plan)["tasks"][0]["sessions"][0]["start"] == "2026-11-30T10:00:00+01:00"


def test_phase_is_the_phase_key_and_the_calendar_is_copied():
    plan = sample_plan()
    document = plan_to_json(plan)

    assert [task["phase"] for task in document["tasks"]] == [task.phase for task in plan.tasks]
    assert document["calendar"] == {"country": "US", "subdivision": None, "timezone": "America/New_York"}
    assert document["playbook"] == plan.playbook


@settings(max_examples=60, deadline=None)
@given(plans())
def test_a_plan_and_its_json_agree_on_every_date_and_flag(plan):
    document = json.loads(plan_to_json_text(plan))

    assert document == plan_to_json(plan)
    assert date.fromisoformat(document["start"]) == plan.start
    for field in GO_LIVE_KEYS:
        assert date.fromisoformat(document["go_live"][field]) == getattr(plan.go_live, field)
    assert len(document["tasks"]) == len(plan.tasks)
    for task, data in zip(plan.tasks, document["tasks"], strict=True):
        assert data["key"] == task.key
        assert data["name"] == task.name
        for field in ("start", "finish", "finish_earliest", "finish_latest"):
            assert date.fromisoformat(data[field]) == getattr(task, field)
        assert (data["critical"], data["milestone"], data["slack_days"]) == (
            task.critical,
            task.milestone,
            task.slack_days,
        )
        for session, session_data in zip(task.sessions, data["sessions"], strict=True):
            start = datetime.fromisoformat(session_data["start"])
            end = datetime.fromisoformat(session_data["end"])
            assert start.utcoffset() is not None
            assert (start, end) == (session.start, session.end)


def test_the_text_keeps_non_ascii_names_as_written():
    text = plan_to_json_text(sample_plan())

    assert "Écrire la documentation" in text
    assert text.endswith("\n")
