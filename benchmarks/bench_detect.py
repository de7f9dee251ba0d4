"""The layout detector on a big matrix: 5,000 tasks × 30 roles written the way teams write them.

The messy file holds the same cells as Accord's own CSV of the same playbook, laid out as a
team's spreadsheet: a title and an owner line above, a side row over the roles, a "#" column
and a status column, phases as heading rows, letters written "A / R" with footnote marks and
"-" for nothing, separated by semicolons. Baseline, measured in the same run on the same data:
the canonical importer (``matrix_from_csv``) reading Accord's own CSV.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from accord.domain.playbook import Playbook
from accord.formats.matrix import detect_matrix, matrix_from_csv, matrix_to_csv
from accord.formats.matrix.layout import matrix_roles
from benchmarks.generate import generate_playbook
from benchmarks.timing import median_seconds, row

TASKS = 5_000
ROLES = 30
SEED = 20_240_329


def _letters(canonical: str) -> str:
    if not canonical:
        return "-"
    if canonical == "N/A":
        return "n/a"
    return " / ".join(reversed(canonical.split("/"))) + ("*" if "A" in canonical else "")


def messy_csv(playbook: Playbook) -> bytes:
    """The playbook's matrix as a team's spreadsheet would hold it (see the module's docstring)."""
    roles = matrix_roles(playbook)
    rows: list[list[str]] = [["Integration RACI"], ["Owner: PMO"], []]
    side_row = ["", "", ""]
    previous = None
    for role in roles:
        side_row.append(role.side.label if role.side is not previous else "")
        previous = role.side
    rows.append(side_row)
    rows.append(["#", "Task", "Status", *(role.name for role in roles)])
    number = 0
    for phase in playbook.phases:
        rows.append(["", phase.name])
        for task in phase.tasks:
            number += 1
            cells = [_letters(task.cell(role.key).canonical) for role in roles]
            rows.append([f"{number}.", task.name, "Open", *cells])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _cells(playbook: Playbook) -> list[tuple[str, tuple[str, ...]]]:
    roles = sorted(playbook.roles, key=lambda role: (role.side.value, role.name))
    return [(task.name, tuple(task.cell(role.key).canonical for role in roles)) for task in playbook.tasks]


def run(tasks: int = TASKS, roles: int = ROLES, repeat: int = 5) -> list[dict[str, Any]]:
    """Time detecting and importing the messy file against the canonical importer."""
    playbook = generate_playbook(tasks, roles, SEED)
    canonical = matrix_to_csv(playbook)
    messy = messy_csv(playbook)
    detected = detect_matrix(messy, where="messy.csv", suffix=".csv").playbook_or_raise()
    assert _cells(detected) == _cells(matrix_from_csv(canonical, where="matrix.csv"))
    size = f"{tasks:,} tasks × {roles} roles ({len(messy) / 1e6:.1f} MB)"
    return [
        row(
            "detect + import a team's CSV (title, side row, extra columns, 'A / R*')",
            size,
            median_seconds(lambda: detect_matrix(messy, where="messy.csv", suffix=".csv"), repeat=repeat),
            median_seconds(lambda: matrix_from_csv(canonical, where="matrix.csv"), repeat=repeat),
            baseline="canonical importer on Accord's own CSV, same cells",
        )
    ]
