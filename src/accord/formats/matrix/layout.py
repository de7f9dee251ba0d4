"""The matrix layout shared by every matrix file format.

Columns: ``Phase``, ``Group``, ``Task``, ``Details``, ``Timeframe``, ``Variants``, then one
column per role titled ``<Side>: <Role>``, vendor roles first, then customer, then partner.
One row per task. A row holding only a phase name is a phase heading (XLSX draws one per
phase as a band; CSV writes one only for a phase that has no task). Cells hold the canonical
RACI spelling (``R/A``, ``N/A``) or nothing.

Keys do not appear in the layout. On import they are derived from names: the slug of the
text (lower-case ASCII letters, digits and hyphens), made unique by ``-2``, ``-3``... in row
order. A role's key is the slug of its side and name (``Vendor: Account Manager`` →
``vendor-account-manager``). XLSX exports keep the original keys in a hidden trailing ``Key``
column and on the cover sheet, so a workbook round-trips them too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import LETTERS, Raci
from accord.formats.matrix.timing_columns import TIMING_COLUMNS

PHASE = "Phase"
GROUP = "Group"
TASK = "Task"
DETAILS = "Details"
TIMEFRAME = "Timeframe"
VARIANTS = "Variants"
KEY = "Key"
FIXED_COLUMNS: tuple[str, ...] = (PHASE, GROUP, TASK, DETAILS, TIMEFRAME, VARIANTS)
REQUIRED_COLUMNS: tuple[str, ...] = (PHASE, TASK)
VARIANT_SEPARATOR = ", "
EXPECTED_LAYOUT = (
    "expected the columns " + ", ".join(FIXED_COLUMNS) + ", then one column per role titled "
    "'<Side>: <Role>' with side Vendor, Customer or Partner, e.g. 'Vendor: Account Manager'"
)

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
KEY_MAX_LENGTH = 80
_ROLE_HEADER = re.compile(r"^\s*(vendor|customer|partner)\s*:\s*(.*?)\s*$", re.IGNORECASE | re.DOTALL)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

# Light fills keep dark text readable; the letters themselves carry the meaning.
LETTER_FILLS: dict[str, str] = {
    "R": "F4B6B6",
    "A": "F9D99A",
    "C": "B7D3EE",
    "I": "C7E5BF",
    "N/A": "DDDDDD",
}
LETTER_MEANINGS: dict[str, str] = {
    "R": "Responsible: does the work",
    "A": "Accountable: approves the result; one per task",
    "C": "Consulted: gives input before the work is done",
    "I": "Informed: is told of the result",
    "N/A": "Not applicable: this role has no part in the task",
}


def letter_of(value: Raci) -> str:
    """The letter whose colour a cell takes: N/A, else the first of R, A, C, I it holds."""
    if value & Raci.NA:
        return "N/A"
    return next(letter.name or "" for letter in LETTERS if value & letter)


def slug(text: str, *, fallback: str) -> str:
    """A key spelled from ``text``: accents dropped, lower-case ASCII letters, digits, hyphens.

    Text with nothing left to spell (e.g. only Chinese characters or punctuation) gives
    ``fallback``. Leaves room under the key length limit for a ``-N`` suffix.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    spelled = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return spelled[: KEY_MAX_LENGTH - 8].rstrip("-") or fallback


def unique_key(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is first not in ``taken``; adds it there."""
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    taken.add(key)
    return key


def role_key_from_label(side: Side, name: str) -> str:
    """The key an imported role gets when the file does not say: slug of side and name."""
    return slug(f"{side.value} {name}", fallback=f"{side.value}-role")


@dataclass(frozen=True, slots=True)
class RoleHeader:
    side: Side
    name: str

    @property
    def label(self) -> str:
        return f"{self.side.label}: {self.name}"


def parse_role_header(text: str) -> RoleHeader | None:
    """Read a ``<Side>: <Role>`` column title; ``None`` if it is not one."""
    match = _ROLE_HEADER.match(text)
    if match is None:
        return None
    return RoleHeader(side=Side(match.group(1).lower()), name=match.group(2))


def matrix_roles(playbook: Playbook) -> tuple[Role, ...]:
    """The roles in column order: vendor, then customer, then partner."""
    return playbook.roles_by_side


def header(playbook: Playbook) -> list[str]:
    """The title row of the matrix."""
    return [*FIXED_COLUMNS, *(role.label for role in matrix_roles(playbook))]


def file_header(playbook: Playbook) -> list[str]:
    """The title row of the CSV and XLSX files: the matrix, each task's timing, its key."""
    return [*header(playbook), *TIMING_COLUMNS, KEY]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One exported row: a task, or (``task is None``) the heading of a phase."""

    phase: Phase
    task: Task | None
    cells: tuple[str, ...]


def task_cells(phase: Phase, task: Task, roles: tuple[Role, ...]) -> tuple[str, ...]:
    """The row of a task in layout order, RACI cells in canonical spelling."""
    return (
        phase.name,
        task.group,
        task.name,
        task.details,
        task.timeframe,
        VARIANT_SEPARATOR.join(task.variants),
        *(task.cell(role.key).canonical for role in roles),
    )


def iter_rows(playbook: Playbook, *, headings: str) -> Iterator[MatrixRow]:
    """The matrix rows in order; ``headings`` is ``"all"`` (a heading per phase) or ``"empty"``
    (a heading only where a phase has no task, so that the phase is not lost)."""
    roles = matrix_roles(playbook)
    blank = ("",) * (len(FIXED_COLUMNS) - 1 + len(roles))
    for phase in playbook.phases:
        if headings == "all" or not phase.tasks:
            yield MatrixRow(phase=phase, task=None, cells=(phase.name, *blank))
        for task in phase.tasks:
            yield MatrixRow(phase=phase, task=task, cells=task_cells(phase, task, roles))
