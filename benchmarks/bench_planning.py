"""Planning at portfolio scale and the Monte Carlo go-live forecast.

(a) A portfolio of 2,000 projects x 50 tasks on three national calendars (US, FR, GB) in under
one second, with per-project durations, and how the time grows from 10,000 to 100,000 tasks.
The baseline is a plain Python loop over the same task durations, summing them: the least any
planner must do is read each duration once.

(b) A Monte Carlo forecast of a 60-task project with 10,000 samples in under 200 ms. The
baseline is numpy drawing the same number of random durations, so the ratio is what the
propagation through the network costs on top of the draws.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np

from accord.domain.calendar import WorkingCalendar
from accord.domain.planning import compile_network, forecast, plan_playbook, schedule, schedule_portfolio
from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.timing import Duration, Link, Timing
from benchmarks.timing import median_seconds, row

SEED = 20_260_901
PORTFOLIO_TASKS = 50
PORTFOLIO_SIZES = (200, 500, 1_000, 2_000)  # projects: 10k, 25k, 50k, 100k tasks
FORECAST_TASKS = 60
SAMPLES = 10_000
PORTFOLIO_TARGET_SECONDS = 1.0
FORECAST_TARGET_SECONDS = 0.200


def synthetic_playbook(tasks: int, seed: int = SEED) -> Playbook:
    """A playbook of ``tasks`` tasks in five phases; each task waits for one or two of the five
    tasks before it, with duration ranges, so the network has parallel branches and joins."""
    generator = random.Random(seed)
    items = []
    for index in range(tasks):
        earlier = [f"t{other}" for other in range(max(0, index - 5), index)]
        after = tuple(
            Link(key) for key in generator.sample(earlier, min(len(earlier), generator.randint(1, 2)))
        )
        low = generator.randint(1, 10)
        high = low + generator.randint(0, 10)
        timing = Timing(
            from_project_start=not after,
            after=after,
            duration=Duration(minimum=low, maximum=high, likely=generator.randint(low, high)),
        )
        items.append(Task(key=f"t{index}", name=f"Task {index}", timing=timing, milestone=index == tasks - 1))
    per_phase = -(-tasks // 5)
    phases = tuple(
        Phase(key=f"phase-{number}", name=f"Phase {number}", tasks=tuple(items[start : start + per_phase]))
        for number, start in enumerate(range(0, tasks, per_phase))
    )
    return Playbook(
        key="synthetic",
        name="Synthetic",
        version="1",
        roles=(Role(key="pm", name="Project Manager", side=Side.CUSTOMER),),
        phases=phases,
    )


def portfolio_inputs(
    playbook: Playbook, projects: int
) -> list[tuple[WorkingCalendar, list[dt.date], np.ndarray]]:
    """Start dates and per-project durations, split over three calendars."""
    network = compile_network(playbook)
    generator = np.random.default_rng(SEED)
    calendars = [
        WorkingCalendar.create("US"),
        WorkingCalendar.create("FR"),
        WorkingCalendar.create("GB", "ENG"),
    ]
    inputs = []
    for number, calendar in enumerate(calendars):
        count = len(range(number, projects, len(calendars)))
        offsets = generator.integers(0, 730, size=count)
        starts = [dt.date(2026, 1, 1) + dt.timedelta(days=int(offset)) for offset in offsets]
        durations = generator.integers(network.minimum, network.maximum + 1, size=(count, network.size))
        inputs.append((calendar, starts, durations))
    return inputs


def plan_portfolio(
    playbook: Playbook, inputs: list[tuple[WorkingCalendar, list[dt.date], np.ndarray]]
) -> int:
    network = compile_network(playbook)
    planned = 0
    for calendar, starts, durations in inputs:
        planned += schedule_portfolio(network, calendar, starts, durations).finishes.size
    return planned


def sum_durations(inputs: list[tuple[WorkingCalendar, list[dt.date], np.ndarray]]) -> int:
    """The baseline: read every task duration once in plain Python."""
    total = 0
    for _, _, durations in inputs:
        for value in durations.ravel().tolist():
            total += value
    return total


def run(repeat: int = 7) -> list[dict[str, Any]]:
    """Rows for the portfolio at four sizes and for the Monte Carlo forecast."""
    rows = []
    playbook = synthetic_playbook(PORTFOLIO_TASKS)
    for projects in PORTFOLIO_SIZES:
        inputs = portfolio_inputs(playbook, projects)
        seconds = median_seconds(
            lambda inputs=inputs: plan_portfolio(playbook, inputs), repeat=repeat, warmup=3
        )
        baseline = median_seconds(lambda inputs=inputs: sum_durations(inputs), repeat=repeat)
        rows.append(
            row(
                "plan a portfolio (3 calendars)",
                f"{projects:,} projects x {PORTFOLIO_TASKS} tasks = {projects * PORTFOLIO_TASKS:,} tasks",
                seconds,
                baseline,
                baseline="Python loop summing the durations",
                target_s=PORTFOLIO_TARGET_SECONDS,
            )
        )

    project = synthetic_playbook(FORECAST_TASKS, seed=SEED + 1)
    calendar = WorkingCalendar.create("FR")
    deterministic = schedule(project, start=dt.date(2026, 9, 7), calendar=calendar)
    network = deterministic.network
    generator = np.random.default_rng(SEED)

    def draw_only() -> np.ndarray:
        return generator.beta(2.0, 3.0, size=(SAMPLES, network.size))

    seconds = median_seconds(lambda: forecast(deterministic, samples=SAMPLES), repeat=repeat)
    baseline = median_seconds(draw_only, repeat=repeat)
    rows.append(
        row(
            "Monte Carlo go-live forecast",
            f"{FORECAST_TASKS} tasks x {SAMPLES:,} samples",
            seconds,
            baseline,
            baseline="numpy drawing the same random numbers",
            target_s=FORECAST_TARGET_SECONDS,
        )
    )
    whole = median_seconds(
        lambda: plan_playbook(project, start=dt.date(2026, 9, 7), calendar=calendar, samples=SAMPLES),
        repeat=repeat,
    )
    rows.append(
        row(
            "plan_playbook: plan + forecast + dates",
            f"{FORECAST_TASKS} tasks x {SAMPLES:,} samples",
            whole,
            baseline,
            baseline="numpy drawing the same random numbers",
            target_s=FORECAST_TARGET_SECONDS,
        )
    )
    return rows


if __name__ == "__main__":
    for line in run():
        print(line)
