import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.health import Health, project_health

DAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("p50", "p80", "late", "late_critical", "expected"),
    [
        (DAY, DAY, 0, 0, Health.ON_TRACK),
        (DAY, DAY + dt.timedelta(days=1), 0, 0, Health.AT_RISK),
        (DAY, DAY, 2, 0, Health.AT_RISK),
        (DAY, DAY, 1, 1, Health.LATE),
        (DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=3), 0, 0, Health.LATE),
    ],
)
def test_health_rules(p50, p80, late, late_critical, expected):
    assert (
        project_health(baseline=DAY, p50=p50, p80=p80, late_tasks=late, late_critical_tasks=late_critical)
        is expected
    )


def test_no_forecast_and_no_commitment_is_on_track():
    assert (
        project_health(baseline=None, p50=None, p80=None, late_tasks=0, late_critical_tasks=0)
        is Health.ON_TRACK
    )


SEVERITY = {Health.ON_TRACK: 0, Health.AT_RISK: 1, Health.LATE: 2}


@settings(max_examples=80)
@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 5), st.integers(0, 5), st.integers(1, 10))
def test_more_slip_never_makes_health_better(p50_days, extra, late, critical, more):
    critical = min(critical, late)
    p50 = DAY + dt.timedelta(days=p50_days - 10)
    p80 = p50 + dt.timedelta(days=extra)
    before = project_health(baseline=DAY, p50=p50, p80=p80, late_tasks=late, late_critical_tasks=critical)
    after = project_health(
        baseline=DAY,
        p50=p50 + dt.timedelta(days=more),
        p80=p80 + dt.timedelta(days=more),
        late_tasks=late + 1,
        late_critical_tasks=critical,
    )
    assert SEVERITY[after] >= SEVERITY[before]
