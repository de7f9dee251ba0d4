"""Owner alternatives ("CIT or TPA"): which one of a group of roles holds a task in one project.

A playbook task may list groups of roles of which exactly one is chosen per project (seed 004:
"CIT or TPA (depending on mutual agreements)"). A project resolves every group once, at set-up:
the chosen role keeps its letters and the others' cells on that task are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import Phase, Playbook, Task

#: A choice per task: one role key, or one per group when a task has several groups.
Choice = str | Sequence[str]


def _wanted(choice: Choice | None) -> list[str]:
    if choice is None:
        return []
    return [choice] if isinstance(choice, str) else list(choice)


def _resolve_task(task: Task, choice: Choice | None, where: str) -> tuple[Task, Choice, list[Problem]]:
    wanted = _wanted(choice)
    problems = []
    for role in wanted:
        if not any(role in group for group in task.alternatives):
            options = " or ".join(" / ".join(group) for group in task.alternatives)
            problems.append(
                Problem(
                    "alternative-unknown-role",
                    f"task {task.key!r}: {role!r} is not one of its alternative owners",
                    hint=f"choose {options}",
                    where=f"{where}.{task.key}",
                )
            )
    chosen = []
    for group in task.alternatives:
        picked = [role for role in wanted if role in group]
        if len(picked) > 1:
            problems.append(
                Problem(
                    "alternative-several",
                    f"task {task.key!r}: choose one of {' / '.join(group)}, not {' and '.join(picked)}",
                    hint="one owner per group",
                    where=f"{where}.{task.key}",
                )
            )
        chosen.append(picked[0] if picked else group[0])
    dropped = {role for group in task.alternatives for role in group} - set(chosen)
    raci = {role: cell for role, cell in task.raci.items() if role not in dropped}
    resolved = replace(task, raci=raci, alternatives=())
    return resolved, chosen[0] if len(chosen) == 1 else chosen, problems


def resolve_alternatives(
    playbook: Playbook, choices: Mapping[str, Choice] | None = None, *, where: str = "alternative_choices"
) -> tuple[Playbook, dict[str, Choice]]:
    """Resolve every owner alternative of ``playbook``.

    ``choices`` maps a task key to the chosen role (a list of roles, one per group, for a task
    with several groups); a group without a choice takes its first role. Returns the playbook
    with the unchosen roles' cells dropped (and no alternatives left), and the choice made for
    every task that had alternatives. Raises InvalidInput naming ``<where>.<task key>`` for a
    choice on an unknown task, a task without alternatives, or a role outside the task's groups.
    """
    choices = dict(choices or {})
    task_keys = {task.key for task in playbook.tasks}
    problems = []
    for key in choices:
        if key not in task_keys:
            problems.append(
                Problem(
                    "alternative-unknown-task",
                    f"there is no task {key!r} in this project",
                    hint="choose owners only for the tasks of the project's variant",
                    where=f"{where}.{key}",
                )
            )
        elif not playbook.task(key).alternatives:
            problems.append(
                Problem(
                    "alternative-none",
                    f"task {key!r} has no alternative owners to choose from",
                    hint="leave it out",
                    where=f"{where}.{key}",
                )
            )
    made: dict[str, Choice] = {}
    phases = []
    for phase in playbook.phases:
        tasks = []
        for task in phase.tasks:
            if not task.alternatives:
                tasks.append(task)
                continue
            resolved, made[task.key], task_problems = _resolve_task(task, choices.get(task.key), where)
            problems.extend(task_problems)
            tasks.append(resolved)
        phases.append(
            Phase(key=phase.key, name=phase.name, tasks=tuple(tasks), description=phase.description)
        )
    if problems:
        raise InvalidInput(problems)
    return replace(playbook, phases=tuple(phases)), made
