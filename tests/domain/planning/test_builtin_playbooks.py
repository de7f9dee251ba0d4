"""Every built-in playbook plans, in every variant, on the US, French and English calendars."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from accord.domain.calendar import WorkingCalendar
from accord.domain.planning import plan_playbook
from accord.playbooks import BUILTIN_KEYS, builtin_playbook

CALENDARS = {
    "US": WorkingCalendar.create("US"),
    "FR": WorkingCalendar.create("FR"),
    "GB": WorkingCalendar.create("GB", "ENG"),
}
START = dt.date(2026, 11, 20)  # a Friday before Thanksgiving, with Christmas ahead

CASES = [
    (key, variant, country)
    for key in BUILTIN_KEYS
    for variant in (None, *(variant.key for variant in builtin_playbook(key).variants))
    for country in CALENDARS
]


@pytest.mark.parametrize(("key", "variant", "country"), CASES)
def test_every_builtin_playbook_and_variant_plans(key, variant, country):
    calendar = CALENDARS[country]
    playbook = builtin_playbook(key)
    plan = plan_playbook(playbook, start=START, calendar=calendar, variant=variant, samples=300)
    assert {task.key for task in plan.tasks} == {task.key for task in playbook.for_variant(variant).tasks}
    assert all(
        calendar.is_business_day(task.start) and calendar.is_business_day(task.finish) for task in plan.tasks
    )
    assert (
        plan.go_live.earliest
        <= plan.go_live.p50
        <= plan.go_live.p80
        <= plan.go_live.p95
        <= plan.go_live.latest
    )
    assert plan.critical_path
    assert plan.calendar.timezone == calendar.timezone


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_every_builtin_playbook_has_a_structured_start(key):
    playbook = builtin_playbook(key)
    assert any(task.timing is not None and task.timing.from_project_start for task in playbook.tasks)


def test_the_invoice_cloud_timeline_follows_its_source():
    # Discovery: three 90-minute sessions on consecutive days; design ~10 business days;
    # coding 4-6 weeks; SIT ~4 weeks; UAT ~4 weeks; then go-live.
    calendar = CALENDARS["FR"]
    plan = plan_playbook(
        builtin_playbook("invoicecloud-integration"), start=dt.date(2026, 9, 7), calendar=calendar
    )
    tasks = {task.key: task for task in plan.tasks}
    sessions = tasks["discovery-sessions"].sessions
    assert len(sessions) == 3
    assert [
        calendar.business_days_between(a.start.date(), b.start.date())
        for a, b in itertools.pairwise(sessions)
    ] == [1, 1]
    assert all(session.end - session.start == dt.timedelta(minutes=90) for session in sessions)
    design = tasks["integration-design"]
    assert calendar.business_days_between(design.start, design.finish) + 1 == 10
    coding = tasks["integration-coding"]
    assert calendar.business_days_between(coding.start, coding.finish) + 1 == 25  # 4-6 weeks: midpoint
    assert tasks["user-acceptance-testing"].start > tasks["system-integration-testing"].finish
    assert plan.go_live.planned == tasks["go-live"].finish
    assert [task.key for task in plan.critical_path] == [
        "technical-contact",
        "discovery-invitation",
        "discovery-sessions",
        "integration-design",
        "integration-coding",
        "system-integration-testing",
        "user-acceptance-testing",
        "go-live",
    ]


def test_the_socialtalent_launch_waits_for_the_customer_setup_and_reporting_runs_alongside():
    calendar = CALENDARS["GB"]
    plan = plan_playbook(
        builtin_playbook("socialtalent-onboarding"), start=dt.date(2026, 9, 7), calendar=calendar
    )
    tasks = {task.key: task for task in plan.tasks}
    launch = tasks["learner-launch-kick-off-call"]
    assert launch.start > tasks["customer-sets-up-learning-paths"].finish
    assert launch.start > tasks["pre-launch-call"].finish
    assert tasks["reporting"].start == launch.start
    assert tasks["introduction-call"].start == tasks["self-serve-setup-material"].start == dt.date(2026, 9, 7)
    assert tasks["post-onboarding-survey"].start > tasks["reporting"].finish
