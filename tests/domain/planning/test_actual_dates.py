"""No date is ever recomputed to before the work it describes (issue 8, "Dates"): a finished or
started task's planned dates never fall before its actual start, whatever day of the week the
work happened on."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.calendar import WorkingCalendar
from accord.domain.planning import Progress, compile_network, plan_from_schedule, schedule
from accord.playbooks import BUILTIN_KEYS, builtin_playbook

US = WorkingCalendar.create("US")
START = dt.date(2026, 11, 2)
BOOK = builtin_playbook(BUILTIN_KEYS[0])
VARIANT = BOOK.variants[0].key if BOOK.variants else None
KEYS = [task.key for task in compile_network(BOOK, VARIANT).tasks]


def _planned(actuals: dict[str, Progress]) -> dict[str, tuple[dt.date, dt.date]]:
    due = schedule(BOOK, start=START, calendar=US, variant=VARIANT, actuals=actuals)
    plan = plan_from_schedule(due, (due.go_live,) * 3)
    return {task.key: (task.start, task.finish) for task in plan.tasks}


def test_a_task_started_and_approved_on_a_sunday_is_not_dated_the_friday_before():
    sunday = dt.date(2026, 11, 29)
    key = KEYS[0]
    start, finish = _planned({key: Progress(started=sunday, finished=sunday)})[key]
    assert start >= sunday
    assert finish >= sunday


@st.composite
def progress_reports(draw):
    chosen = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6, unique=True))
    reports = {}
    for key in chosen:
        started = START + dt.timedelta(days=draw(st.integers(0, 150)))
        finished = started + dt.timedelta(days=draw(st.integers(0, 30))) if draw(st.booleans()) else None
        reports[key] = Progress(started=started, finished=finished)
    return reports


@settings(max_examples=60, deadline=None)
@given(progress_reports())
def test_planned_dates_never_fall_before_the_actual_start(reports):
    planned = _planned(reports)
    for key, progress in reports.items():
        start, finish = planned[key]
        assert start >= progress.started, (key, progress, start)
        assert finish >= progress.started, (key, progress, finish)
        if progress.finished is not None:
            assert start <= finish
