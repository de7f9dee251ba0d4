"""The Monte Carlo go-live forecast and re-forecasting from progress."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.domain.calendar import WorkingCalendar
from accord.domain.planning import PlanningError, Progress, plan_playbook, schedule
from tests.domain.planning.builders import RUNBOOK

D = dt.date
FR = WorkingCalendar.create("FR")
START = D(2026, 9, 7)  # a Monday


def forecast(**options):
    return plan_playbook(RUNBOOK, start=START, calendar=FR, samples=2_000, **options)


def test_percentiles_are_ordered_and_within_earliest_and_latest():
    go_live = forecast().go_live
    assert go_live.earliest <= go_live.p50 <= go_live.p80 <= go_live.p95 <= go_live.latest
    assert go_live.earliest < go_live.p95  # the ranges really spread the forecast


def test_the_same_seed_gives_the_same_forecast_and_another_seed_may_not():
    assert forecast(seed=7) == forecast(seed=7)
    spreads = {forecast(seed=seed).go_live.p80 for seed in range(6)}
    # a forecast is a sample: with 2,000 draws the P80 stays within a few days across seeds
    assert max(spreads) - min(spreads) <= dt.timedelta(days=7)


def test_the_forecast_centres_on_the_plan():
    go_live = forecast().go_live
    # PERT draws are symmetric here except coding's midpoint rounding: P50 within a week of the plan
    assert abs(go_live.p50 - go_live.planned) <= dt.timedelta(days=7)


def test_no_samples_is_refused():
    with pytest.raises(PlanningError):
        plan_playbook(RUNBOOK, start=START, calendar=FR, samples=0)


def planned_finish(key, **options):
    return {item.key: item for item in forecast(**options).tasks}[key]


def test_a_task_finished_on_time_does_not_move_the_go_live():
    baseline = forecast()
    design = planned_finish("design")
    on_time = forecast(
        actuals={
            "discovery": Progress(started=START, finished=D(2026, 9, 9)),
            "design": Progress(started=design.start, finished=design.finish),
        },
        today=design.finish,
    )
    assert on_time.go_live.planned == baseline.go_live.planned
    assert {item.key: item.done for item in on_time.tasks}["design"]


def test_a_task_finished_late_moves_the_go_live_by_as_much():
    baseline = forecast()
    design = planned_finish("design")
    late_finish = FR.add_business_days(design.finish, 5)
    late = forecast(
        actuals={"design": Progress(started=design.start, finished=late_finish)}, today=late_finish
    )
    assert late.go_live.planned == FR.add_business_days(baseline.go_live.planned, 5)
    assert late.go_live.p50 > baseline.go_live.p50
    assert late.go_live.earliest > baseline.go_live.earliest


def test_a_task_still_running_after_its_planned_finish_finishes_no_earlier_than_today():
    design = planned_finish("design")
    today = FR.add_business_days(design.finish, 3)
    running = forecast(actuals={"design": Progress(started=design.start)}, today=today)
    tasks = {item.key: item for item in running.tasks}
    assert tasks["design"].finish == today
    assert tasks["coding"].start == FR.next_business_day_after(today)
    assert running.go_live.planned > forecast().go_live.planned


def test_a_percentage_done_leaves_the_remaining_share_from_today():
    design, coding = planned_finish("design"), planned_finish("coding")
    today = coding.start
    done = {
        "discovery": Progress(started=START, finished=D(2026, 9, 9)),
        "design": Progress(started=design.start, finished=design.finish),
    }
    half = forecast(actuals={**done, "coding": Progress(percent=50)}, today=today)
    # 25 likely business days, half done: 13 left counting today
    assert {item.key: item for item in half.tasks}["coding"].finish == FR.add_business_days(today, 12)


def test_tasks_not_started_start_no_earlier_than_today():
    today = D(2026, 10, 1)
    stalled = forecast(today=today)
    tasks = {item.key: item for item in stalled.tasks}
    assert tasks["discovery"].start == today
    assert all(item.start >= today for item in stalled.tasks)


def test_done_tasks_are_neither_critical_nor_slack():
    done = forecast(
        actuals={"discovery": Progress(started=START, finished=D(2026, 9, 9))}, today=D(2026, 9, 9)
    )
    discovery = {item.key: item for item in done.tasks}["discovery"]
    assert discovery.done
    assert not discovery.critical
    assert discovery.slack_days == 0


@pytest.mark.parametrize(
    ("actuals", "today", "fragment"),
    [
        ({"nope": Progress(finished=START)}, None, "no such task"),
        ({"design": Progress(started=D(2026, 9, 20), finished=D(2026, 9, 10))}, None, "before it started"),
        ({"design": Progress(percent=120)}, START, "between 0 and 100"),
        ({"design": Progress(percent=40)}, None, "needs today"),
    ],
)
def test_bad_progress_is_refused_with_a_hint(actuals, today, fragment):
    with pytest.raises(PlanningError) as caught:
        schedule(RUNBOOK, start=START, calendar=FR, actuals=actuals, today=today)
    assert fragment in caught.value.message
    assert caught.value.hint


def test_tasks_a_started_task_waits_for_are_taken_as_done_on_their_planned_dates():
    plan = forecast()
    coding = {item.key: item for item in plan.tasks}["coding"]
    today = FR.add_business_days(coding.start, 2)
    running = forecast(actuals={"coding": Progress(started=coding.start)}, today=today)
    tasks = {item.key: item for item in running.tasks}
    planned = {item.key: item for item in plan.tasks}
    for key in ("discovery", "design"):
        assert tasks[key].done
        assert not tasks[key].critical
        assert (tasks[key].start, tasks[key].finish) == (planned[key].start, planned[key].finish)
    assert not tasks["sit"].done
    assert running.go_live.planned == plan.go_live.planned  # coding is on time
