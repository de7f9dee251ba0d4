"""Generated playbooks of any size, for benchmarks (domain objects only, no file formats)."""

from __future__ import annotations

import random

from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci

TASKS_PER_PHASE = 50

# Cells other than the task's owners: mostly empty or Informed, a few Consulted or N/A.
_OTHER_CELLS = (Raci(0),) * 8 + (Raci.I,) * 5 + (Raci.C,) + (Raci.NA,)
_SIDES = (Side.VENDOR, Side.CUSTOMER, Side.PARTNER)


def generate_playbook(tasks: int, roles: int, seed: int) -> Playbook:
    """A playbook of ``tasks`` tasks x ``roles`` roles with a random, reproducible mix of letters.

    Most tasks have one Responsible and one Accountable; a few percent break a rule on purpose
    (two Responsibles, no Accountable, Informed and Responsible at once, many Consulted, every
    role N/A), so that a linter has something to find. The same arguments give the same playbook.
    """
    generator = random.Random(seed)
    role_list = tuple(
        Role(
            key=f"role-{index:03d}",
            name=f"Role {index}",
            side=_SIDES[index % len(_SIDES)],
            whole_side=index == 1,
        )
        for index in range(roles)
    )
    role_keys = [role.key for role in role_list]
    phases = []
    for phase_index, start in enumerate(range(0, tasks, TASKS_PER_PHASE)):
        phase_tasks = tuple(
            _task(generator, role_keys, number)
            for number in range(start, min(start + TASKS_PER_PHASE, tasks))
        )
        phases.append(Phase(key=f"phase-{phase_index:03d}", name=f"Phase {phase_index}", tasks=phase_tasks))
    return Playbook(
        key=f"generated-{tasks}x{roles}",
        name=f"Generated playbook, {tasks} tasks x {roles} roles",
        version="1",
        roles=role_list,
        phases=tuple(phases),
    )


def _task(generator: random.Random, role_keys: list[str], number: int) -> Task:
    cells = {key: generator.choice(_OTHER_CELLS) for key in role_keys}
    kind = generator.random()
    if kind < 0.01:
        cells = dict.fromkeys(role_keys, Raci.NA)
    else:
        responsible, accountable = generator.sample(role_keys, 2) if len(role_keys) > 1 else (role_keys * 2)
        cells[responsible] = Raci.R
        if kind >= 0.03:  # 2 % of the tasks have no Accountable
            cells[accountable] = cells[accountable] | Raci.A if kind < 0.05 else Raci.A
        if 0.05 <= kind < 0.08:
            cells[generator.choice(role_keys)] |= Raci.R
        if 0.08 <= kind < 0.10:
            cells[responsible] = Raci.R | Raci.I
    return Task(key=f"task-{number:05d}", name=f"Task {number}", raci=cells)
