"""Hand-built plans for the plan outputs' tests, and Chromium for the browser tests.

The factory lays tasks end to end on Monday-to-Friday business days, the way the planner's
conventions say (a task of N days finishes on its N-th business day; a successor starts on the
next business day; a milestone sits on the business day after its predecessor), so a plan
re-built from a later start moves every date while every identity stays the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from accord.domain.planning.model import CalendarInfo, GoLive, Plan, PlannedTask, Session


@dataclass(frozen=True)
class TaskSpec:
    """One task to lay out: its phase, duration and what makes it special."""

    name: str
    phase: int = 0
    days: int = 3
    spread: int = 0  # business days the finish may come earlier (and twice that later)
    critical: bool = False
    milestone: bool = False
    sessions: int = 0
    done: bool = False


def next_business_day(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def roll_forward(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    """``day`` moved by ``count`` business days (negative goes back)."""
    step = 1 if count >= 0 else -1
    for _ in range(abs(count)):
        day += timedelta(days=step)
        while day.weekday() >= 5:
            day += timedelta(days=step)
    return day


def build_plan(
    start: date,
    specs: list[TaskSpec],
    *,
    playbook: str = "demo-integration",
    playbook_name: str = "Demo integration",
    timezone: str = "America/New_York",
    variant: str | None = None,
) -> Plan:
    zone = ZoneInfo(timezone)
    first = roll_forward(start)
    cursor = first
    early = late = 0  # uncertainty accumulated along the chain, in business days
    tasks: list[PlannedTask] = []
    late_at: dict[str, int] = {}
    for index, spec in enumerate(specs):
        if spec.milestone:
            task_start = finish = cursor if index == 0 else next_business_day(tasks[-1].finish)
        else:
            task_start = cursor if index == 0 else next_business_day(tasks[-1].finish)
            finish = add_business_days(task_start, max(spec.days, 1) - 1)
        early += spec.spread
        late += 2 * spec.spread
        late_at[f"task-{index + 1}"] = late
        sessions = tuple(
            Session(
                start=datetime.combine(day, time(10, 0), tzinfo=zone),
                end=datetime.combine(day, time(11, 30), tzinfo=zone),
            )
            for day in _consecutive_business_days(task_start, spec.sessions)
        )
        tasks.append(
            PlannedTask(
                key=f"task-{index + 1}",
                name=spec.name,
                phase=f"phase-{spec.phase + 1}",
                phase_name=f"Phase {spec.phase + 1}",
                start=task_start,
                finish=finish,
                finish_earliest=add_business_days(finish, -early),
                finish_latest=add_business_days(finish, late),
                critical=spec.critical,
                slack_days=0 if spec.critical else 2,
                milestone=spec.milestone,
                sessions=sessions,
                done=spec.done,
            )
        )
    last = tasks[-1] if tasks else None
    milestones = [task for task in tasks if task.milestone]
    go = milestones[-1] if milestones else last
    planned = go.finish if go else first
    earliest = go.finish_earliest if go else first
    latest = go.finish_latest if go else first
    go_late = late_at[go.key] if go else 0
    return Plan(
        playbook=playbook,
        playbook_name=playbook_name,
        variant=variant,
        start=first,
        calendar=CalendarInfo(country="US", subdivision=None, timezone=timezone),
        go_live=GoLive(
            planned=planned,
            earliest=earliest,
            latest=latest,
            p50=planned,
            p80=add_business_days(planned, go_late // 3),
            p95=add_business_days(planned, 2 * go_late // 3),
        ),
        tasks=tuple(tasks),
    )


def _consecutive_business_days(first: date, count: int) -> list[date]:
    days = []
    day = first
    for _ in range(count):
        days.append(day)
        day = next_business_day(day)
    return days


#: A small plan with every feature: phases, a meeting series, ranges, the critical path, milestones.
SAMPLE_SPECS = [
    TaskSpec("Kick-off call", phase=0, days=1, critical=True, sessions=1),
    TaskSpec("Discovery sessions", phase=0, days=3, critical=True, sessions=3),
    TaskSpec('Design <review> & "sign-off"', phase=1, days=10, spread=2, critical=True),
    TaskSpec("Order test data", phase=1, days=2),
    TaskSpec("Design approved", phase=1, milestone=True, critical=True),
    TaskSpec("Build the connector", phase=2, days=25, spread=5, critical=True),
    TaskSpec("Écrire la documentation", phase=2, days=4, spread=1),
    TaskSpec("System integration testing", phase=3, days=20, spread=4, critical=True),
    TaskSpec("Go-live", phase=3, milestone=True, critical=True),
]


def sample_plan(start: date = date(2026, 11, 2), **options: object) -> Plan:
    return build_plan(start, SAMPLE_SPECS, **options)


def large_specs(count: int) -> list[TaskSpec]:
    """``count`` tasks in phases of 20, each phase ending on a milestone, every third task critical."""
    specs = []
    for index in range(count):
        phase = index // 20
        if index % 20 == 19:
            specs.append(TaskSpec(f"Phase {phase + 1} complete", phase=phase, milestone=True, critical=True))
        else:
            name = f"Task {index + 1}: configure and verify integration step number {index + 1} end to end"
            specs.append(
                TaskSpec(name, phase=phase, days=1 + index % 4, spread=index % 3, critical=index % 3 == 0)
            )
    return specs


TIMEZONES = ["America/New_York", "Europe/Paris", "Europe/London", "UTC", "Asia/Kolkata"]


@st.composite
def task_specs(draw: st.DrawFn) -> TaskSpec:
    milestone = draw(st.booleans())
    return TaskSpec(
        name=draw(st.text(min_size=1, max_size=60).filter(lambda text: text.strip() != "")),
        phase=draw(st.integers(min_value=0, max_value=3)),
        days=draw(st.integers(min_value=1, max_value=30)),
        spread=0 if milestone else draw(st.integers(min_value=0, max_value=5)),
        critical=draw(st.booleans()),
        milestone=milestone,
        sessions=0 if milestone else draw(st.integers(min_value=0, max_value=3)),
        done=draw(st.booleans()),
    )


@st.composite
def plans(draw: st.DrawFn, max_tasks: int = 25) -> Plan:
    """Any plan the factory can build: names in any script, any of several time zones."""
    specs = draw(st.lists(task_specs(), min_size=1, max_size=max_tasks))
    # Keep phases contiguous, as the planner emits them: sort by phase, keep order within one.
    specs.sort(key=lambda spec: spec.phase)
    start = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
    timezone = draw(st.sampled_from(TIMEZONES))
    return build_plan(start, specs, timezone=timezone)
