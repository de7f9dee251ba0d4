"""The dependency network of a playbook: tasks in topological order, with their links.

Compiling a playbook once gives integer arrays that the forward and backward passes run over,
for one project, for thousands of Monte Carlo samples, or for a whole portfolio at once.

Default anchor (docs/planning.md): a task whose timing does not say where it starts follows the
previous task of the plan, in playbook order; the first task starts with the project.
"""

from __future__ import annotations

import graphlib
import heapq
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.domain.errors import AccordError
from accord.domain.playbook import Phase, Playbook, Task
from accord.domain.timing import Timing, default_business_days

IntArray = npt.NDArray[np.int64]


class PlanningError(AccordError):
    """A playbook cannot be planned as asked (a cycle, an unknown task, bad progress data)."""

    code = "planning-invalid"


@dataclass(frozen=True, slots=True)
class Edge:
    """``successor`` may start ``lag`` business days after ``predecessor``'s finish (finish-to-start)
    or after its start (``start_to_start``); positions are topological."""

    predecessor: int
    successor: int
    lag: int
    start_to_start: bool = False


@dataclass(frozen=True, slots=True)
class Network:
    """A playbook (one variant of it) compiled for planning. Positions follow ``order``."""

    playbook: Playbook
    variant: str | None
    tasks: tuple[Task, ...]  # topological order
    phases: tuple[Phase, ...]  # phase of each task
    playbook_positions: tuple[int, ...]  # each task's rank in playbook order
    project_lag: IntArray  # business days after the project start before a task may start
    incoming: tuple[tuple[Edge, ...], ...]
    outgoing: tuple[tuple[Edge, ...], ...]
    minimum: IntArray
    likely: IntArray
    maximum: IntArray
    go_live: int  # position of the go-live task

    @property
    def size(self) -> int:
        return len(self.tasks)

    def position(self, key: str) -> int:
        for index, task in enumerate(self.tasks):
            if task.key == key:
                return index
        raise PlanningError(
            f"the plan has no task {key!r}", hint="use a task key of this playbook and variant"
        )


def _reference_error(task: Task, key: str, known: set[str]) -> PlanningError:
    return PlanningError(
        f"task {task.key!r}: its timing names unknown task {key!r}",
        hint="use a task key of this playbook, e.g. " + ", ".join(sorted(known)[:8]),
        code="timing-unknown-task",
    )


def _links(task: Task, timing: Timing) -> list[tuple[str, int, bool]]:
    """(other task, lag, start-to-start) for every anchor on ``task``; ``before`` comes later."""
    links = [(link.task, timing.lag_of(link), False) for link in timing.after]
    if timing.when is not None:
        links += [(key, timing.lag, False) for key in timing.when.satisfied_by]
    if timing.around is not None:
        links.append((timing.around.task, timing.lag_of(timing.around), True))
    return links


def compile_network(playbook: Playbook, variant: str | None = None) -> Network:  # noqa: C901, PLR0912 one pass, cycles and links
    """Compile the tasks of ``variant`` (all tasks when ``None``) into a :class:`Network`.

    Links to tasks of other variants are dropped; links to tasks the playbook does not have, and
    cycles, raise :class:`PlanningError` naming the tasks.
    """
    every_key = {task.key for task in playbook.tasks}
    plan = playbook.for_variant(variant)
    listed = list(plan.iter_tasks())
    if not listed:
        raise PlanningError(f"playbook {playbook.key!r} has no task to plan", hint="add tasks to a phase")
    keys = [task.key for _, task in listed]
    rank = {key: index for index, key in enumerate(keys)}
    # several anchors may link the same two tasks: every edge is kept, the passes take the max
    links: list[tuple[str, str, int, bool]] = []
    project_lag: dict[str, int] = {}

    def add(predecessor: str, successor: str, lag: int, start_to_start: bool) -> None:
        links.append((predecessor, successor, lag, start_to_start))

    for index, (_, task) in enumerate(listed):
        timing = task.timing or Timing()
        anchored = False
        for other, lag, start_to_start in _links(task, timing):
            if other not in every_key:
                raise _reference_error(task, other, every_key)
            if other in rank:
                add(other, task.key, lag, start_to_start)
                anchored = True
        for other in timing.before:
            if other not in every_key:
                raise _reference_error(task, other, every_key)
            if other in rank:
                add(task.key, other, 0, False)
        if timing.from_project_start:
            project_lag[task.key] = timing.lag
        elif not anchored and index > 0:
            add(keys[index - 1], task.key, timing.lag, False)
        else:
            project_lag.setdefault(task.key, timing.lag if not anchored else 0)

    graph = {key: set[str]() for key in keys}
    for predecessor, successor, _, _ in links:
        if predecessor == successor:
            raise PlanningError(
                f"task {successor!r} depends on itself",
                hint="remove it from its own after, before, around or when",
                code="planning-cycle",
            )
        graph[successor].add(predecessor)
    _check_acyclic(graph)
    order = _stable_topological_order(keys, graph, rank)
    position = {key: index for index, key in enumerate(order)}

    incoming: list[list[Edge]] = [[] for _ in order]
    outgoing: list[list[Edge]] = [[] for _ in order]
    for predecessor, successor, lag, start_to_start in links:
        edge = Edge(position[predecessor], position[successor], lag, start_to_start)
        incoming[edge.successor].append(edge)
        outgoing[edge.predecessor].append(edge)

    by_key = {task.key: (phase, task) for phase, task in listed}
    tasks = tuple(by_key[key][1] for key in order)
    durations = np.array(
        [
            task.timing.business_days(task.milestone)
            if task.timing
            else default_business_days(task.milestone)
            for task in tasks
        ],
        dtype=np.int64,
    ).reshape(len(tasks), 3)
    milestones = [index for index, key in enumerate(keys) if by_key[key][1].milestone]
    # An explicit go-live marker wins; else the last milestone of the plan is the go-live.
    marked = [index for index, key in enumerate(keys) if by_key[key][1].go_live]
    go_live_key = keys[marked[0]] if marked else keys[milestones[-1]] if milestones else None
    return Network(
        playbook=playbook,
        variant=variant,
        tasks=tasks,
        phases=tuple(by_key[key][0] for key in order),
        playbook_positions=tuple(rank[key] for key in order),
        project_lag=np.array([project_lag.get(key, 0) for key in order], dtype=np.int64),
        incoming=tuple(tuple(sorted(edges, key=lambda e: e.predecessor)) for edges in incoming),
        outgoing=tuple(tuple(sorted(edges, key=lambda e: e.successor)) for edges in outgoing),
        minimum=durations[:, 0].copy(),
        likely=durations[:, 1].copy(),
        maximum=durations[:, 2].copy(),
        go_live=position[go_live_key] if go_live_key is not None else -1,
    )


def _check_acyclic(graph: dict[str, set[str]]) -> None:
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        cycle: list[str] = list(error.args[1])
        # graphlib lists each task before the one that waits for it, and repeats the first
        path = " -> ".join(cycle)
        raise PlanningError(
            f"the tasks depend on each other in a cycle: {path}",
            hint="break the cycle by removing one of these links; a task without an anchor "
            "follows the previous task, so give it start: project or an explicit after",
            code="planning-cycle",
        ) from None


def _stable_topological_order(keys: list[str], graph: dict[str, set[str]], rank: dict[str, int]) -> list[str]:
    """Kahn's algorithm taking, among ready tasks, the one listed first in the playbook."""
    waiting = {key: len(predecessors) for key, predecessors in graph.items()}
    successors: dict[str, list[str]] = {key: [] for key in keys}
    for key, predecessors in graph.items():
        for predecessor in predecessors:
            successors[predecessor].append(key)
    ready = [(rank[key], key) for key in keys if waiting[key] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, key = heapq.heappop(ready)
        order.append(key)
        for successor in successors[key]:
            waiting[successor] -= 1
            if waiting[successor] == 0:
                heapq.heappush(ready, (rank[successor], successor))
    return order
