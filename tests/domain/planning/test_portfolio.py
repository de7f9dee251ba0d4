"""Planning a portfolio at once gives the same dates as planning each project alone."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from accord.domain.calendar import WorkingCalendar
from accord.domain.planning import PlanningError, compile_network, schedule, schedule_portfolio
from tests.domain.planning.builders import RUNBOOK

US = WorkingCalendar.create("US")
STARTS = [dt.date(2026, 11, 23), dt.date(2026, 12, 24), dt.date(2027, 1, 1), dt.date(2027, 6, 30)]


def test_every_project_gets_the_dates_it_would_get_alone():
    network = compile_network(RUNBOOK)
    portfolio = schedule_portfolio(network, US, STARTS)
    assert portfolio.starts.shape == (len(STARTS), network.size)
    for row, start in enumerate(STARTS):
        alone = schedule(network, start=start, calendar=US)
        assert np.array_equal(portfolio.finishes[row], US.from_index(alone.finish))
        assert np.array_equal(portfolio.starts[row], US.from_index(alone.start))
        assert portfolio.go_live[row] == US.from_index([alone.go_live])[0]


def test_per_project_durations_move_each_project_alone():
    network = compile_network(RUNBOOK)
    durations = np.tile(network.likely, (2, 1))
    durations[1, network.position("coding")] += 10
    portfolio = schedule_portfolio(network, US, STARTS[:1] * 2, durations)
    assert (
        US.business_days_between(portfolio.go_live[0].astype(object), portfolio.go_live[1].astype(object))
        == 10
    )


def test_durations_must_match_the_tasks():
    network = compile_network(RUNBOOK)
    with pytest.raises(PlanningError, match="columns"):
        schedule_portfolio(network, US, STARTS, np.ones((len(STARTS), 2), dtype=np.int64))
