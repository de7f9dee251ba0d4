"""General rules of the planner, checked on random acyclic playbooks."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.calendar import WorkingCalendar
from accord.domain.planning import plan_playbook
from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.timing import Duration, Link, Timing

US = WorkingCalendar.create("US")
FR = WorkingCalendar.create("FR")
GB = WorkingCalendar.create("GB", "ENG")
starts = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def durations(draw):
    low = draw(st.integers(min_value=0, max_value=8))
    high = low + draw(st.integers(min_value=0, max_value=10))
    likely = draw(st.integers(min_value=low, max_value=high))
    return Duration(minimum=low, maximum=high, likely=likely)


@st.composite
def acyclic_playbooks(draw):
    """Tasks link only to tasks listed before them, so the network has no cycle."""
    count = draw(st.integers(min_value=1, max_value=9))
    tasks = []
    for index in range(count):
        earlier = [f"t{other}" for other in range(index)]
        anchor = draw(
            st.sampled_from(["project", "after", "around", "default"] if earlier else ["project", "default"])
        )
        after = ()
        around = None
        if anchor == "after":
            chosen = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=3, unique=True))
            after = tuple(Link(key, draw(st.one_of(st.none(), st.integers(0, 3)))) for key in chosen)
        elif anchor == "around":
            around = Link(draw(st.sampled_from(earlier)), draw(st.integers(-3, 3)))
        timing = Timing(
            from_project_start=anchor == "project",
            after=after,
            around=around,
            lag=draw(st.integers(0, 2)),
            duration=draw(st.one_of(st.none(), durations())),
        )
        tasks.append(
            Task(key=f"t{index}", name=f"Task {index}", timing=timing, milestone=draw(st.booleans()))
        )
    return Playbook(
        key="random",
        name="Random",
        version="1",
        roles=(Role(key="pm", name="PM", side=Side.CUSTOMER),),
        phases=(Phase(key="work", name="Work", tasks=tuple(tasks)),),
    )


def plan(book, start, calendar=FR, samples=100):
    return plan_playbook(book, start=start, calendar=calendar, samples=samples, seed=1)


def every_date(result):
    for item in result.tasks:
        yield from (item.start, item.finish, item.finish_earliest, item.finish_latest)
    go_live = result.go_live
    yield from (go_live.planned, go_live.earliest, go_live.latest, go_live.p50, go_live.p80, go_live.p95)


@settings(max_examples=60, deadline=None)
@given(book=acyclic_playbooks(), start=starts, calendar=st.sampled_from([US, FR, GB]))
def test_no_date_falls_on_a_weekend_or_holiday(book, start, calendar):
    result = plan(book, start, calendar)
    assert all(calendar.is_business_day(day) for day in every_date(result))
    assert result.start == calendar.roll_forward(start)


@settings(max_examples=60, deadline=None)
@given(book=acyclic_playbooks(), start=starts)
def test_percentiles_are_ordered_within_earliest_and_latest(book, start):
    go_live = plan(book, start).go_live
    assert go_live.earliest <= go_live.p50 <= go_live.p80 <= go_live.p95 <= go_live.latest
    assert go_live.earliest <= go_live.planned <= go_live.latest
    for item in plan(book, start).tasks:
        assert item.finish_earliest <= item.finish <= item.finish_latest


@settings(max_examples=50, deadline=None)
@given(book=acyclic_playbooks(), start=starts, closed=starts)
def test_adding_a_holiday_never_moves_a_finish_earlier(book, start, closed):
    closing = WorkingCalendar.create("FR", closures=[(closed, closed, "extra holiday")])
    before = plan(book, start, FR)
    after = plan(book, start, closing)
    for old, new in zip(before.tasks, after.tasks, strict=True):
        assert new.finish >= old.finish
        assert new.finish_latest >= old.finish_latest
    assert after.go_live.planned >= before.go_live.planned


@settings(max_examples=50, deadline=None)
@given(book=acyclic_playbooks(), start=starts, data=st.data())
def test_a_longer_duration_never_finishes_sooner(book, start, data):
    victim_index = data.draw(st.integers(0, len(book.tasks) - 1))
    extra = data.draw(st.integers(1, 10))
    tasks = list(book.phases[0].tasks)
    victim = tasks[victim_index]
    low, likely, high = (victim.timing or Timing()).business_days(victim.milestone)
    longer = Duration(minimum=low + extra, maximum=high + extra, likely=likely + extra)
    tasks[victim_index] = dataclasses.replace(
        victim, timing=dataclasses.replace(victim.timing, duration=longer)
    )
    longer_book = dataclasses.replace(book, phases=(dataclasses.replace(book.phases[0], tasks=tuple(tasks)),))
    before, after = plan(book, start), plan(longer_book, start)
    for old, new in zip(before.tasks, after.tasks, strict=True):
        assert new.finish >= old.finish
        assert new.finish_earliest >= old.finish_earliest
        assert new.finish_latest >= old.finish_latest
    assert after.go_live.planned >= before.go_live.planned


@settings(max_examples=50, deadline=None)
@given(book=acyclic_playbooks(), start=starts)
def test_links_hold_and_the_critical_path_reaches_the_end(book, start):
    result = plan(book, start, samples=10)
    planned = {item.key: item for item in result.tasks}
    for task in book.tasks:
        timing = task.timing or Timing()
        for link in timing.after:
            earliest_start = FR.add_business_days(planned[link.task].finish, 1 + timing.lag_of(link))
            assert planned[task.key].start >= earliest_start
        assert planned[task.key].start >= result.start
    assert all(item.slack_days >= 0 for item in result.tasks)
    last = max(item.finish for item in result.tasks)
    assert any(item.critical and item.finish == last for item in result.tasks)


@settings(max_examples=30, deadline=None)
@given(book=acyclic_playbooks(), start=starts, seed=st.integers(0, 2**32 - 1))
def test_a_seed_makes_the_forecast_reproducible(book, start, seed):
    first = plan_playbook(book, start=start, calendar=GB, samples=50, seed=seed)
    again = plan_playbook(book, start=start, calendar=GB, samples=50, seed=seed)
    assert first == again
