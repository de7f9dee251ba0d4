"""The deterministic plan: conventions, anchors, defaults, slack, critical path and errors."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.domain.calendar import WorkingCalendar
from accord.domain.planning import PlanningError, compile_network, plan_playbook, schedule
from tests.domain.planning.builders import playbook, single_phase, task

D = dt.date
US = WorkingCalendar.create("US")
FR = WorkingCalendar.create("FR")
GB = WorkingCalendar.create("GB", "ENG")


def planned(book, start, calendar=US, **options):
    result = plan_playbook(book, start=start, calendar=calendar, samples=200, **options)
    return result, {item.key: item for item in result.tasks}


def test_conventions_across_thanksgiving():
    book = single_phase(
        task("build", {"start": "project", "duration": 5}),
        task("check", {"after": ["build"], "duration": 2}),
        task("go-live", {"after": ["check"]}, milestone=True),
    )
    result, tasks = planned(book, D(2026, 11, 23))
    # build: Mon 23, Tue 24, Wed 25, (Thanksgiving), Fri 27, Mon 30
    assert (tasks["build"].start, tasks["build"].finish) == (D(2026, 11, 23), D(2026, 11, 30))
    # check starts the first business day after: Tue 1 and Wed 2 December
    assert (tasks["check"].start, tasks["check"].finish) == (D(2026, 12, 1), D(2026, 12, 2))
    # the milestone falls on the first business day after its predecessor's finish, and takes its day
    assert tasks["go-live"].start == tasks["go-live"].finish == D(2026, 12, 3)
    assert result.go_live.planned == D(2026, 12, 3)


def test_a_start_on_a_holiday_moves_to_the_next_business_day():
    # 14 juillet 2026 is a Tuesday: the project starts on Wednesday 15
    book = single_phase(task("kick-off", {"start": "project", "duration": 1}))
    result, tasks = planned(book, D(2026, 7, 14), calendar=FR)
    assert result.start == D(2026, 7, 15)
    assert tasks["kick-off"].start == D(2026, 7, 15)


def test_boxing_day_and_christmas_in_england():
    # start Thu 24 Dec 2026; 3 days: Thu 24, (25, 26, 27, substitute Mon 28), Tue 29, Wed 30
    book = single_phase(task("freeze", {"start": "project", "duration": 3}), task("go", {}, milestone=True))
    result, tasks = planned(book, D(2026, 12, 24), calendar=GB)
    assert tasks["freeze"].finish == D(2026, 12, 30)
    assert result.go_live.planned == D(2026, 12, 31)


def test_lags_and_several_predecessors():
    book = single_phase(
        task("a", {"start": "project", "duration": 3}),
        task("b", {"start": "project", "duration": 5}),
        task("c", {"after": ["a", {"task": "b", "lag": 2}], "duration": 1}),
    )
    # FR, Mon 7 Sep 2026: a Mon-Wed (9), b Mon-Fri (11); c waits for b + 2 days: Mon 14, Tue 15 -> Wed 16
    _, tasks = planned(book, D(2026, 9, 7), calendar=FR)
    assert tasks["c"].start == D(2026, 9, 16)
    assert tasks["a"].slack_days == 2 + 2  # a could finish 4 business days later without delaying c
    assert not tasks["a"].critical
    assert tasks["b"].critical
    assert tasks["c"].critical


def test_default_anchor_follows_the_previous_task_and_one_day_duration():
    book = playbook(("one", [task("a", {"duration": 2}), task("b")]), ("two", [task("c")]))
    _, tasks = planned(book, D(2026, 9, 7), calendar=FR)
    assert [tasks[key].start for key in "abc"] == [D(2026, 9, 7), D(2026, 9, 9), D(2026, 9, 10)]
    assert tasks["b"].finish == D(2026, 9, 9)


def test_project_start_with_a_lag_and_a_milestone_default():
    book = single_phase(task("setup", {"start": "project", "lag": 2}), task("done", milestone=True))
    _, tasks = planned(book, D(2026, 9, 7), calendar=FR)
    assert tasks["setup"].start == D(2026, 9, 9)
    assert tasks["done"].start == tasks["done"].finish == D(2026, 9, 10)


def test_before_around_and_when():
    book = single_phase(
        task("intro", {"start": "project", "duration": 1}),
        task("watch", {"start": "project", "duration": 4, "before": ["demo"]}),
        task("demo", {"after": ["intro"], "duration": 1}),
        task("setup", {"after": ["demo"], "duration": 3}),
        task("launch", {"when": {"condition": "users are set up", "satisfied_by": ["setup"]}, "duration": 1}),
        task("reporting", {"around": {"task": "launch", "lag": -1}, "duration": 1}),
    )
    _, tasks = planned(book, D(2026, 9, 7), calendar=FR)
    # demo waits for watch (Mon-Thu) through its before: Fri 11
    assert tasks["demo"].start == D(2026, 9, 11)
    # setup Mon 14 - Wed 16, launch Thu 17, reporting one day before the launch starts
    assert tasks["launch"].start == D(2026, 9, 17)
    assert tasks["reporting"].start == D(2026, 9, 16)


def test_ranges_give_earliest_and_latest_finishes():
    book = single_phase(
        task("coding", {"start": "project", "duration": "4-6 weeks"}),
        task("go-live", {"after": ["coding"]}, milestone=True),
    )
    result, tasks = planned(book, D(2026, 9, 7), calendar=FR)
    coding = tasks["coding"]
    # 20 / 25 / 30 business days from Mon 7 Sep (no French holiday until 1 November)
    assert coding.finish_earliest == D(2026, 10, 2)
    assert coding.finish == D(2026, 10, 9)
    assert coding.finish_latest == D(2026, 10, 16)
    assert result.go_live.earliest == D(2026, 10, 5)
    assert result.go_live.latest == D(2026, 10, 19)


def test_a_meeting_series_is_placed_on_consecutive_business_days_in_the_project_time_zone():
    book = single_phase(task("discovery", {"start": "project", "sessions": {"count": 3, "minutes": 90}}))
    # Thu 26 Nov 2026 is Thanksgiving: sessions Wed 25, Fri 27, Mon 30 at 10:00 New York time
    _, tasks = planned(book, D(2026, 11, 25))
    sessions = tasks["discovery"].sessions
    assert [session.start.date() for session in sessions] == [
        D(2026, 11, 25),
        D(2026, 11, 27),
        D(2026, 11, 30),
    ]
    assert all(
        session.start.hour == 10 and str(session.start.tzinfo) == "America/New_York" for session in sessions
    )
    assert all(session.end - session.start == dt.timedelta(minutes=90) for session in sessions)
    assert tasks["discovery"].finish == D(2026, 11, 30)


def test_go_live_is_the_last_milestone_or_the_last_finish():
    with_milestones = single_phase(
        task("a", {"duration": 2}), task("go-live", milestone=True), task("support", {"duration": 10})
    )
    result, tasks = planned(with_milestones, D(2026, 9, 7), calendar=FR)
    assert result.go_live.planned == tasks["go-live"].finish
    without = single_phase(task("a", {"duration": 2}), task("b", {"start": "project", "duration": 7}))
    result, tasks = planned(without, D(2026, 9, 7), calendar=FR)
    assert result.go_live.planned == tasks["b"].finish == D(2026, 9, 15)


def test_tasks_come_back_in_playbook_order_with_their_phase():
    book = playbook(
        ("one", [task("late", {"after": ["early"]})]), ("two", [task("early", {"start": "project"})])
    )
    result, _ = planned(book, D(2026, 9, 7), calendar=FR)
    assert [(item.key, item.phase) for item in result.tasks] == [("late", "one"), ("early", "two")]
    assert compile_network(book).tasks[0].key == "early"  # topological order inside


def test_critical_path_runs_through_the_longest_chain():
    book = single_phase(
        task("a", {"start": "project", "duration": 2}),
        task("b", {"after": ["a"], "duration": 8}),
        task("c", {"after": ["a"], "duration": 3}),
        task("d", {"after": ["b", "c"], "duration": 1}),
    )
    result, tasks = planned(book, D(2026, 9, 7), calendar=FR)
    assert [item.key for item in result.critical_path] == ["a", "b", "d"]
    assert tasks["c"].slack_days == 5


def test_variants_drop_links_to_other_variants_tasks():
    book = playbook(
        (
            "build",
            [
                task("internal", {"start": "project", "duration": 10}, variants=("internal",)),
                task("external", {"start": "project", "duration": 20}, variants=("external",)),
                task("test", {"after": ["internal", "external"], "duration": 5}),
            ],
        ),
        variants=("internal", "external"),
    )
    _, internal = planned(book, D(2026, 9, 7), calendar=FR, variant="internal")
    _, external = planned(book, D(2026, 9, 7), calendar=FR, variant="external")
    assert "external" not in internal
    assert internal["test"].start == D(2026, 9, 21)
    assert external["test"].start == D(2026, 10, 5)


def test_a_cycle_is_refused_and_named():
    book = single_phase(
        task("a", {"after": ["c"]}), task("b", {"after": ["a"]}), task("c", {"after": ["b"]}), task("d")
    )
    with pytest.raises(PlanningError) as caught:
        schedule(book, start=D(2026, 9, 7), calendar=FR)
    error = caught.value
    assert error.code == "planning-cycle"
    cycle = error.message.split(": ", 1)[1].split(" -> ")
    assert cycle[0] == cycle[-1]
    assert sorted(cycle[:-1]) == ["a", "b", "c"]
    # each task in the message waits for the one before it
    rotations = {"a -> b -> c -> a", "b -> c -> a -> b", "c -> a -> b -> c"}
    assert " -> ".join(cycle) in rotations
    assert error.hint


def test_a_task_depending_on_itself_is_refused():
    with pytest.raises(PlanningError, match="itself"):
        schedule(single_phase(task("a", {"after": ["a"]})), start=D(2026, 9, 7), calendar=FR)


def test_an_unknown_task_in_a_timing_is_named():
    with pytest.raises(PlanningError) as caught:
        schedule(single_phase(task("a", {"after": ["nope"]})), start=D(2026, 9, 7), calendar=FR)
    assert "nope" in caught.value.message
    assert "'a'" in caught.value.message
    assert caught.value.code == "timing-unknown-task"
