"""Step 3 of the detector: what each column of the table holds.

Role columns were found by their letters (:mod:`accord.formats.matrix.table`); the others are
classified by their title (English and French words) and their values: the task column (by its
title, else the column with the most different names), the phase and group columns (left of the
tasks, written once per block or repeated, filled down), details, timeframe and variants, and
everything else left out with its reason: task numbers ("1.", "T01", "P1"), ids, status, dates,
notes, owners' names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from accord.formats.matrix.explain import Decision
from accord.formats.matrix.table import Layout, is_date, is_number, side_of_words, title_kind

if TYPE_CHECKING:
    from accord.formats.matrix.detect import DetectionOptions

_WHY = {
    "number": "task numbers",
    "id": "ids",
    "status": "status values",
    "date": "dates",
    "notes": "notes",
    "owner": "people's names (owners)",
    "key": "keys",
    "task": "a second task column",
    "phase": "a second phase column",
    "group": "a second group column",
    "details": "a second details column",
    "timeframe": "a second timeframe column",
    "variants": "a second variants column",
}
_SIDE_PREFIX = re.compile(r"^\s*([^:\n]{2,30}?)\s*:\s*(.+?)\s*$", re.DOTALL)
_SIDE_SUFFIX = re.compile(r"^(.+?)\s*[(\[]\s*([^)\]]+?)\s*[)\]]\s*$", re.DOTALL)
_DESCRIPTION = re.compile(r"\s+[–—-]\s+")


@dataclass(slots=True)
class Columns:
    """The table's columns by use (grid column indexes)."""

    task: int | None = None
    task_by_title: bool = False
    phase: int | None = None
    phase_values: list[str] = field(default_factory=list)
    group: int | None = None
    group_sparse: bool = False
    details: int | None = None
    timeframe: int | None = None
    variants: int | None = None
    others: list[tuple[int, str]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    @property
    def left_out(self) -> set[int]:
        return {column for column, _ in self.others}


def _matches(layout: Layout, column: int, wanted: str) -> bool:
    name = layout.grid.column_name(column).split(" ")[-1]
    return name.lower() == wanted.strip().lower()


def split_role_title(title: str) -> tuple[str | None, str, str]:
    """A role column's title as (side it names, role name, description).

    "Vendor: PM" → (vendor, PM); "IT (client)" → (customer, IT); "PM – Project Manager" →
    (None, PM, Project Manager); a second line is a description too.
    """
    side = None
    text = title.strip()
    prefix = _SIDE_PREFIX.match(text)
    if prefix and (named := side_of_words(prefix.group(1))) and len(prefix.group(1).split()) <= 3:
        side, text = named, prefix.group(2)
    else:
        suffix = _SIDE_SUFFIX.match(text)
        if suffix and (named := side_of_words(suffix.group(2))):
            side, text = named, suffix.group(1)
    description = ""
    if "\n" in text:
        text, _, description = text.partition("\n")
        description = description.strip()
    parts = _DESCRIPTION.split(text, maxsplit=1)
    if len(parts) == 2 and side is None and (named := side_of_words(parts[0])) and len(parts[0].split()) <= 2:
        side, text = named, parts[1]  # "Client – DSI"
        parts = _DESCRIPTION.split(text, maxsplit=1)
    if len(parts) == 2:
        text, extra = parts
        description = f"{extra.strip()}\n{description}".strip() if description else extra.strip()
    return side, text.strip(), description


def _value_kind(layout: Layout, column: int, rows: list[int], present: list[str]) -> str | None:
    """``number`` or ``date`` when most of a column's values are task numbers or dates."""
    if not present:
        return None
    if sum(is_number(value) for value in present) >= 0.8 * len(present):
        return "number"
    readings, grid = layout.readings, layout.grid
    dates = sum(
        is_date(grid.value(row, column), readings.text(row, column))
        for row in rows
        if readings.text(row, column).strip()
    )
    return "date" if dates >= 0.8 * len(present) else None


class _Classifier:
    def __init__(self, layout: Layout, options: DetectionOptions) -> None:
        self.layout, self.options = layout, options
        self.rows = [
            row for row in range(layout.first_data, layout.last_data + 1) if row != layout.people_row
        ]
        self.columns = Columns()
        self.kinds: dict[int, str | None] = {}
        self.values: dict[int, list[str]] = {}
        for column in layout.columns:
            if column in layout.role_columns:
                continue
            self.values[column] = [layout.readings.text(row, column).strip() for row in self.rows]
            present = [value for value in self.values[column] if value]
            kind = title_kind(layout.title(column))
            self.kinds[column] = kind or _value_kind(layout, column, self.rows, present)

    def decide(self, what: str, column: int, confidence: float, why: str) -> None:
        self.columns.decisions.append(Decision(what, self.layout.grid.column_name(column), confidence, why))

    def choose_task(self) -> None:
        layout, columns, wanted = self.layout, self.columns, self.options.task_column
        forced = [column for column in self.kinds if wanted and _matches(layout, column, wanted)]
        titled = [column for column, kind in self.kinds.items() if kind == "task"]
        plain = [column for column, kind in self.kinds.items() if kind is None and any(self.values[column])]
        if forced:
            columns.task = forced[0]
            self.decide("task-column", forced[0], 1.0, "chosen by you")
        elif titled:
            columns.task, columns.task_by_title = titled[0], True
            self.decide("task-column", titled[0], 0.95, f"titled {layout.title(titled[0])!r}")
        elif plain:
            distinct = {column: len({value for value in self.values[column] if value}) for column in plain}
            # On a tie, the column nearest the roles: phases, groups and ids come before the tasks.
            best = max(
                plain, key=lambda column: (distinct[column], column < min(self.layout.role_columns), column)
            )
            share = distinct[best] / max(1, sum(1 for value in self.values[best] if value))
            columns.task = best
            why = f"the text column with the most different values ({distinct[best]})"
            self.decide("task-column", best, 0.5 + 0.4 * share, why)

    def assign(self, task: int) -> None:
        columns = self.columns
        headings = _heading_columns(self.layout, task, self.rows)
        for column, kind in self.kinds.items():
            if column == task:
                continue
            present = [value for value in self.values[column] if value]
            sparse = len(present) < 0.6 * len(self.rows)
            if (
                kind in ("phase", "group", "details", "timeframe", "variants")
                and getattr(columns, kind) is None
            ):
                setattr(columns, kind, column)
                columns.group_sparse = columns.group_sparse or (kind == "group" and sparse)
            elif kind is None and column < task and present and _blocky(self.values[column]):
                if columns.phase is None and (not headings or headings == {column}):
                    columns.phase = column
                elif columns.group is None:
                    columns.group, columns.group_sparse = column, sparse
                else:
                    columns.others.append((column, "text left of the tasks (not used)"))
            else:
                columns.others.append((column, f"not a role: {self.why_not(column, kind, present)}"))
        if (
            columns.phase is None
            and columns.group is not None
            and columns.group_sparse
            and columns.group < task
        ):
            # A group column written once per block is how this file writes its phases.
            columns.phase, columns.group = columns.group, None

    def why_not(self, column: int, kind: str | None, present: list[str]) -> str:
        if kind in _WHY:
            return _WHY[kind]
        if not present:
            return "empty"
        letters = sum(1 for row in self.rows if self.layout.readings.reading(row, column).letter_like)
        return f"text, not RACI letters ({round(100 * letters / len(present))}% letters)"

    def explain_blocks(self) -> None:
        columns, layout = self.columns, self.layout
        if columns.phase is not None:
            titled = self.kinds[columns.phase] == "phase"
            why = (
                f"titled {layout.title(columns.phase)!r}"
                if titled
                else "left of the tasks, written once per block"
            )
            self.decide("phase-column", columns.phase, 0.95 if titled else 0.75, why)
        if columns.group is not None:
            titled = self.kinds[columns.group] == "group"
            why = (
                f"titled {layout.title(columns.group)!r}"
                if titled
                else "a second column of blocks left of the tasks"
            )
            self.decide("group-column", columns.group, 0.9 if titled else 0.65, why)


def classify_columns(layout: Layout, options: DetectionOptions) -> Columns:
    """Decide what every column of the table holds (roles were decided by ``find_layout``)."""
    _apply_role_options(layout, options)
    classifier = _Classifier(layout, options)
    classifier.choose_task()
    columns = classifier.columns
    if columns.task is not None:
        classifier.assign(columns.task)
        if columns.phase is not None:
            columns.phase_values = [value for value in classifier.values[columns.phase] if value]
        classifier.explain_blocks()
    return columns


def _blocky(values: list[str]) -> bool:
    """Written once per block (then empty) or repeated: how phases and groups are written."""
    present = [value for value in values if value]
    return len(present) < 0.6 * len(values) or len(set(present)) < 0.6 * len(present)


def _heading_columns(layout: Layout, task: int, rows: list[int]) -> set[int]:
    """The columns of rows that hold a single text and no letters (phase heading rows)."""
    readings = layout.readings
    found: set[int] = set()
    for row in rows:
        filled = readings.filled(row, layout.columns)
        if len(filled) == 1 and filled[0] not in layout.role_columns:
            found.add(filled[0])
    return found - {task} if found - {task} else found


def _apply_role_options(layout: Layout, options: DetectionOptions) -> None:
    roles = set(layout.role_columns)
    for column in layout.columns:
        if any(_matches(layout, column, wanted) for wanted in options.not_roles):
            roles.discard(column)
        if any(_matches(layout, column, wanted) for wanted in options.roles):
            roles.add(column)
    layout.role_columns = sorted(roles)
