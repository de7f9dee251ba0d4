"""Forward and backward passes over a network, vectorised over rows.

A row is one project (a portfolio), one Monte Carlo sample, or the single deterministic plan:
the same loop over tasks in topological order moves whole numpy columns at once. Everything is
a business-day index of the calendar (see ``WorkingCalendar.to_index``); dates come only at the
end, in one vectorised conversion.

Conventions: a task of N business days starting at index s finishes at s + N - 1 (a milestone,
N = 0, takes its day: it finishes at s); a finish-to-start successor may start at finish + 1 + lag;
a start-to-start successor at start + lag; no task starts before the project start.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.domain.planning.network import IntArray, Network

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

#: "No constraint" in the integer constraint arrays.
UNSET = np.iinfo(np.int64).min


@dataclass(frozen=True, slots=True)
class Constraints:
    """What reality fixes, per task in topological order (business-day indices, UNSET when free).

    - ``done`` tasks keep ``fixed_start`` and ``fixed_finish``;
    - tasks in progress keep ``fixed_start`` (when known) and finish no earlier than ``today``,
      or ``today`` + the remaining share of their duration when ``percent`` is known;
    - tasks not started start no earlier than ``today``, except those a started or done task
      waits for (``inferred_done``): they are taken as done on their planned dates.
    """

    done: BoolArray
    in_progress: BoolArray
    fixed_start: IntArray
    fixed_finish: IntArray
    percent: FloatArray  # NaN when unknown
    today: int  # UNSET when no "today" was given
    inferred_done: BoolArray

    @classmethod
    def none(cls, size: int) -> Constraints:
        return cls(
            done=np.zeros(size, dtype=np.bool_),
            in_progress=np.zeros(size, dtype=np.bool_),
            fixed_start=np.full(size, UNSET, dtype=np.int64),
            fixed_finish=np.full(size, UNSET, dtype=np.int64),
            percent=np.full(size, np.nan),
            today=int(UNSET),
            inferred_done=np.zeros(size, dtype=np.bool_),
        )


def forward_pass(
    network: Network,
    project_start: IntArray,
    durations: IntArray,
    constraints: Constraints | None = None,
) -> tuple[IntArray, IntArray]:
    """Earliest starts and finishes, shape (rows, tasks), for ``durations`` of shape (rows, tasks)
    (or (tasks,) for one duration shared by every row)."""
    rows = project_start.shape[0]
    size = network.size
    durations = np.broadcast_to(durations, (rows, size))
    occupied = np.maximum(durations, 1)
    starts = np.empty((rows, size), dtype=np.int64)
    finishes = np.empty((rows, size), dtype=np.int64)
    rules = constraints or Constraints.none(size)
    has_today = rules.today != UNSET
    for task in range(size):
        if rules.done[task]:
            starts[:, task] = rules.fixed_start[task]
            finishes[:, task] = rules.fixed_finish[task]
            continue
        if rules.fixed_start[task] != UNSET:
            start = np.full(rows, rules.fixed_start[task], dtype=np.int64)
        else:
            start = project_start + network.project_lag[task]
            for edge in network.incoming[task]:
                if edge.start_to_start:
                    start = np.maximum(start, starts[:, edge.predecessor] + edge.lag)
                else:
                    start = np.maximum(start, finishes[:, edge.predecessor] + 1 + edge.lag)
            if has_today and not rules.in_progress[task] and not rules.inferred_done[task]:
                start = np.maximum(start, rules.today)
        finish = start + occupied[:, task] - 1
        if rules.in_progress[task] and has_today:
            if not np.isnan(rules.percent[task]):
                remaining = np.ceil(durations[:, task] * (1 - rules.percent[task] / 100)).astype(np.int64)
                finish = rules.today + np.maximum(remaining, 1) - 1
            else:
                finish = np.maximum(finish, rules.today)
            finish = np.maximum(finish, start)
        starts[:, task] = start
        finishes[:, task] = finish
    return starts, finishes


def backward_pass(network: Network, starts: IntArray, finishes: IntArray) -> IntArray:
    """Latest starts that keep the project's last finish, shape (rows, tasks).

    Each task keeps the length the forward pass gave it (which includes lateness from progress).
    """
    size = starts.shape[1]
    end = finishes.max(axis=1)
    latest_starts = np.empty_like(starts)
    for task in range(size - 1, -1, -1):
        latest_finish = end.copy()
        for edge in network.outgoing[task]:
            if not edge.start_to_start:
                latest_finish = np.minimum(latest_finish, latest_starts[:, edge.successor] - 1 - edge.lag)
        latest_start = latest_finish - (finishes[:, task] - starts[:, task])
        for edge in network.outgoing[task]:
            if edge.start_to_start:
                latest_start = np.minimum(latest_start, latest_starts[:, edge.successor] - edge.lag)
        latest_starts[:, task] = latest_start
    return latest_starts


def go_live_finishes(network: Network, finishes: IntArray) -> IntArray:
    """The go-live milestone's finish per row (the last finish when there is no milestone)."""
    if network.go_live >= 0:
        return np.asarray(finishes[:, network.go_live])
    return np.asarray(finishes.max(axis=1))


def sample_durations(network: Network, samples: int, generator: np.random.Generator) -> IntArray:
    """Durations drawn from a PERT distribution between each task's minimum, most likely and
    maximum, rounded to whole business days (shape (samples, tasks)); fixed durations stay fixed."""
    low = network.minimum.astype(np.float64)
    likely = network.likely.astype(np.float64)
    span = network.maximum.astype(np.float64) - low
    varying = span > 0
    safe_span = np.where(varying, span, 1.0)
    alpha = np.where(varying, 1 + 4 * (likely - low) / safe_span, 1.0)
    beta = np.where(varying, 1 + 4 * (low + span - likely) / safe_span, 1.0)
    draws = generator.beta(alpha, beta, size=(samples, network.size))
    return np.rint(low + draws * span).astype(np.int64)
