"""The RACI linter on a big matrix: 5,000 tasks x 30 roles (150,000 cells) in under 100 ms.

The baseline is a plain pass over the same cells (summing their values), so the ratio says how
much more than reading every cell once the linter costs, on any machine.
"""

from __future__ import annotations

from typing import Any

from accord.domain.lint import lint
from accord.domain.playbook import Playbook
from benchmarks.generate import generate_playbook
from benchmarks.timing import median_seconds, row

TASKS = 5_000
ROLES = 30
SEED = 20_240_329
TARGET_SECONDS = 0.100


def plain_pass(playbook: Playbook) -> int:
    """Read every cell once and sum the values: the least any linter must do."""
    total = 0
    for phase in playbook.phases:
        for task in phase.tasks:
            for cell in task.raci.values():
                total += cell
    return total


def run(tasks: int = TASKS, roles: int = ROLES, repeat: int = 7) -> list[dict[str, Any]]:
    """Time :func:`lint` and the plain pass on a generated ``tasks`` x ``roles`` playbook."""
    playbook = generate_playbook(tasks, roles, SEED)
    findings = len(lint(playbook))
    lint_seconds = median_seconds(lambda: lint(playbook), repeat=repeat)
    baseline_seconds = median_seconds(lambda: plain_pass(playbook), repeat=repeat)
    return [
        row(
            "lint a playbook (all rules)",
            f"{tasks:,} tasks × {roles} roles ({findings:,} findings)",
            lint_seconds,
            baseline_seconds,
            baseline="sum of every cell",
            target_s=TARGET_SECONDS,
        )
    ]
