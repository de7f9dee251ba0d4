"""Plan a playbook on a working calendar: dates, slack, critical path and the go-live forecast.

:func:`plan_playbook` is the one call most callers need. It is made of :func:`schedule` (the
deterministic plan with earliest and latest finishes, slack and critical path) and
:func:`forecast` (the Monte Carlo go-live percentiles). Conventions are in docs/planning.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from accord.domain.calendar import WorkingCalendar
from accord.domain.planning.model import CalendarInfo, GoLive, Plan, PlannedTask, Session
from accord.domain.planning.network import IntArray, Network, PlanningError, compile_network
from accord.domain.planning.passes import (
    UNSET,
    BoolArray,
    Constraints,
    backward_pass,
    forward_pass,
    go_live_finishes,
    sample_durations,
)
from accord.domain.playbook import Playbook
from accord.domain.time_zones import zone_or_utc

#: Go-live percentiles the forecast reports.
PERCENTILES = (0.50, 0.80, 0.95)


@dataclass(frozen=True, slots=True)
class Progress:
    """What happened to one task so far.

    ``finished`` marks it done on that date. ``started`` without ``finished`` marks it in
    progress; so does a ``percent`` (0-100) of work done. A task with no progress is not started.
    """

    started: dt.date | None = None
    finished: dt.date | None = None
    percent: float | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    """The deterministic plan of one project, in business-day indices of ``calendar``.

    Arrays follow the network's topological order.
    """

    network: Network
    calendar: WorkingCalendar
    project_start: int
    constraints: Constraints
    start: IntArray
    finish: IntArray
    earliest_finish: IntArray
    latest_finish: IntArray
    slack: IntArray
    critical: BoolArray
    go_live: int
    go_live_earliest: int
    go_live_latest: int


def _progress_error(key: str, message: str, hint: str) -> PlanningError:
    return PlanningError(f"progress of task {key!r}: {message}", hint=hint, code="progress-invalid")


def constraints_from_progress(
    network: Network,
    calendar: WorkingCalendar,
    actuals: Mapping[str, Progress] | None,
    today: dt.date | None,
) -> Constraints:
    """Turn progress reports into constraints for the passes (see :class:`Constraints`)."""
    blank = Constraints.none(network.size)
    today_index = int(calendar.to_index(today)) if today is not None else int(UNSET)
    rules = dataclasses.replace(blank, today=today_index)
    for key, progress in (actuals or {}).items():
        if not any(task.key == key for task in network.tasks):
            in_playbook = any(task.key == key for task in network.playbook.tasks)
            raise _progress_error(
                key,
                "no such task in this plan",
                "this task belongs to another variant" if in_playbook else "use a task key of the playbook",
            )
        position = network.position(key)
        percent = progress.percent
        if percent is not None and not 0 <= percent <= 100:
            raise _progress_error(key, f"percent {percent} is not between 0 and 100", "give 0 to 100")
        finished = progress.finished
        if finished is None and percent == 100:
            if today is None:
                raise _progress_error(
                    key, "100 % done needs today or a finish date", "give finished or today"
                )
            finished = today
        start = int(calendar.to_index(progress.started)) if progress.started is not None else int(UNSET)
        if finished is not None:
            finish = int(calendar.index_of_finish(finished))
            if progress.started is not None and finished < progress.started:
                raise _progress_error(key, "it finished before it started", "check the two dates")
            if start == UNSET:
                start = finish - max(int(network.likely[position]), 1) + 1
            # A finish on a day off counts as the business day before it, unless the work
            # started after that day (started and finished on a Sunday): then it finished on the
            # day it started. No date of a done task falls before the work it describes.
            rules.done[position] = True
            rules.fixed_start[position] = start
            rules.fixed_finish[position] = max(finish, start)
        elif start != UNSET or (percent is not None and percent > 0):
            if percent is not None and today is None:
                raise _progress_error(key, "a percentage needs today", "give today's date")
            rules.in_progress[position] = True
            rules.fixed_start[position] = start
            rules.percent[position] = np.nan if percent is None else percent
    _infer_done(network, rules)
    return rules


def _infer_done(network: Network, rules: Constraints) -> None:
    """Tasks without progress that a started or done task waits for (finish-to-start) are taken
    as done on their planned dates: the started task proves they are over."""
    reached = rules.done | rules.in_progress
    for task in range(network.size - 1, -1, -1):
        if reached[task]:
            for edge in network.incoming[task]:
                if not edge.start_to_start:
                    reached[edge.predecessor] = True
    rules.inferred_done[:] = reached & ~rules.done & ~rules.in_progress


def schedule(
    playbook: Playbook | Network,
    *,
    start: dt.date,
    calendar: WorkingCalendar,
    variant: str | None = None,
    actuals: Mapping[str, Progress] | None = None,
    today: dt.date | None = None,
) -> Schedule:
    """The deterministic plan: most likely durations (a range's midpoint rounded up), earliest
    and latest finishes (every task at its minimum / maximum), slack and critical path."""
    network = playbook if isinstance(playbook, Network) else compile_network(playbook, variant)
    project_start = np.array([calendar.to_index(start)], dtype=np.int64)
    rules = constraints_from_progress(network, calendar, actuals, today)
    starts, finishes = forward_pass(network, project_start, network.likely, rules)
    _, earliest = forward_pass(network, project_start, network.minimum, rules)
    _, latest = forward_pass(network, project_start, network.maximum, rules)
    latest_starts = backward_pass(network, starts, finishes)
    settled = rules.done | rules.inferred_done
    slack = np.where(settled, 0, latest_starts[0] - starts[0])
    return Schedule(
        network=network,
        calendar=calendar,
        project_start=int(project_start[0]),
        constraints=rules,
        start=starts[0],
        finish=finishes[0],
        earliest_finish=earliest[0],
        latest_finish=latest[0],
        slack=slack,
        critical=(slack == 0) & ~settled,
        go_live=int(go_live_finishes(network, finishes)[0]),
        go_live_earliest=int(go_live_finishes(network, earliest)[0]),
        go_live_latest=int(go_live_finishes(network, latest)[0]),
    )


def forecast(plan: Schedule, *, samples: int = 10_000, seed: int = 0) -> tuple[int, ...]:
    """Go-live business-day indices at the P50, P80 and P95 of a seeded Monte Carlo simulation.

    Durations are drawn per task from a PERT distribution (see ``sample_durations``) and pushed
    through the network for all samples at once; progress constraints apply to every sample.
    """
    if samples < 1:
        raise PlanningError("the forecast needs at least one sample", hint="use e.g. samples=10000")
    network = plan.network
    generator = np.random.default_rng(seed)
    durations = sample_durations(network, samples, generator)
    project_start = np.full(samples, plan.project_start, dtype=np.int64)
    _, finishes = forward_pass(network, project_start, durations, plan.constraints)
    go_live = go_live_finishes(network, finishes)
    quantiles = np.quantile(go_live, PERCENTILES, method="inverted_cdf")
    return tuple(int(value) for value in quantiles)


def _sessions(plan: Schedule, position: int) -> tuple[Session, ...]:
    task = plan.network.tasks[position]
    series = task.timing.sessions if task.timing else None
    if series is None:
        return ()
    zone = zone_or_utc(plan.calendar.timezone)  # a calendar's zone was checked when it was made
    first = int(plan.start[position])
    sessions = []
    for offset in range(series.count):
        day = plan.calendar.date_at(first + offset)
        begins = dt.datetime.combine(day, series.at, tzinfo=zone)
        sessions.append(Session(start=begins, end=begins + dt.timedelta(minutes=series.minutes)))
    return tuple(sessions)


def plan_from_schedule(plan: Schedule, percentiles: tuple[int, ...]) -> Plan:
    """Dates for everything: the :class:`Plan` the exporters consume, tasks in playbook order."""
    calendar = plan.calendar
    network = plan.network
    indices = np.concatenate(
        [plan.start, plan.finish, plan.earliest_finish, plan.latest_finish, [plan.project_start]]
    )
    dates = calendar.from_index(indices).astype(object)
    size = network.size
    tasks = []
    for position in sorted(range(size), key=lambda index: network.playbook_positions[index]):
        task = network.tasks[position]
        phase = network.phases[position]
        tasks.append(
            PlannedTask(
                key=task.key,
                name=task.name,
                phase=phase.key,
                phase_name=phase.name,
                start=dates[position],
                finish=dates[size + position],
                finish_earliest=dates[2 * size + position],
                finish_latest=dates[3 * size + position],
                critical=bool(plan.critical[position]),
                slack_days=int(plan.slack[position]),
                milestone=task.milestone,
                sessions=_sessions(plan, position),
                done=bool(plan.constraints.done[position] or plan.constraints.inferred_done[position]),
            )
        )
    go_live_dates = calendar.from_index(
        [plan.go_live, plan.go_live_earliest, plan.go_live_latest, *percentiles]
    ).astype(object)
    return Plan(
        playbook=network.playbook.key,
        playbook_name=network.playbook.name,
        variant=network.variant,
        start=dates[-1],
        calendar=CalendarInfo(
            country=calendar.country, subdivision=calendar.subdivision, timezone=calendar.timezone
        ),
        go_live=GoLive(
            planned=go_live_dates[0],
            earliest=go_live_dates[1],
            latest=go_live_dates[2],
            p50=go_live_dates[3],
            p80=go_live_dates[4],
            p95=go_live_dates[5],
        ),
        tasks=tuple(tasks),
    )


def plan_playbook(
    playbook: Playbook,
    *,
    start: dt.date,
    calendar: WorkingCalendar,
    variant: str | None = None,
    actuals: Mapping[str, Progress] | None = None,
    today: dt.date | None = None,
    samples: int = 10_000,
    seed: int = 0,
) -> Plan:
    """Plan ``playbook`` (one ``variant`` of it) from ``start`` on ``calendar``.

    ``actuals`` and ``today`` re-forecast a running project: done tasks keep their dates, late
    tasks finish no earlier than today, tasks not started start no earlier than today.
    """
    deterministic = schedule(
        playbook, start=start, calendar=calendar, variant=variant, actuals=actuals, today=today
    )
    return plan_from_schedule(deterministic, forecast(deterministic, samples=samples, seed=seed))
