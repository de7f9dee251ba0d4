"""What the layout detector decided, how sure it is, and everything it left out.

:class:`Explanation` is plain data: the CLI prints it (``accord import --explain``, as text or
``--format json``), and the web preview shows it beside the file's own cells. Every entry has a
stable ``code`` besides its English words, so a shell can say it in another language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Decision:
    """One choice: ``what`` was decided (``orientation``, ``header``, ``task-column``…), the
    ``choice``, a confidence between 0 and 1, and ``why`` in words."""

    what: str
    choice: str
    confidence: float
    why: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "choice": self.choice,
            "confidence": round(self.confidence, 2),
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A cell, row, column, sheet or table left out, and why (``code`` is stable)."""

    where: str
    why: str
    code: str

    def as_dict(self) -> dict[str, Any]:
        return {"where": self.where, "why": self.why, "code": self.code}


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the import did on an assumption the person should check."""

    message: str
    code: str
    hint: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"message": self.message, "code": self.code, "hint": self.hint}


@dataclass(frozen=True, slots=True)
class TableInfo:
    """Where the matrix is: the sheet (or Markdown table), its first and last rows in the file,
    its orientation (``tasks-as-rows`` or ``roles-as-rows``) and its header rows."""

    sheet: str | None
    first_row: int
    last_row: int
    orientation: str
    header_rows: tuple[int, ...] = ()
    first_column: str | int = ""
    last_column: str | int = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "first_row": self.first_row,
            "last_row": self.last_row,
            "orientation": self.orientation,
            "header_rows": list(self.header_rows),
            "first_column": self.first_column,
            "last_column": self.last_column,
        }


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    """A column of the file (a row, when roles are rows): where it is and its title."""

    column: str
    title: str

    def as_dict(self) -> dict[str, Any]:
        return {"column": self.column, "title": self.title}


@dataclass(frozen=True, slots=True)
class RoleInfo:
    """A role column: its place, the role's name and side, and where the side came from
    (``side row``, ``title``, ``--side`` or ``default``)."""

    column: str
    name: str
    side: str
    side_from: str
    title: str = ""
    description: str = ""
    key: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "name": self.name,
            "side": self.side,
            "side_from": self.side_from,
            "title": self.title,
            "description": self.description,
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class PhaseInfo:
    """How phases are written: ``source`` is ``rows`` (heading rows), ``column`` (a column
    filled down), ``headings`` (Markdown headings) or ``none`` (one phase for every task)."""

    source: str
    names: tuple[str, ...]
    column: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "column": self.column, "names": list(self.names)}


@dataclass(frozen=True, slots=True)
class LetterInfo:
    """The vocabulary used: each spelling seen with its reading, letters and where their
    meaning came from (``RACI``, ``legend (…)``, ``--letter``), the legend's own words, and the
    letters nobody explained."""

    seen: tuple[tuple[str, str], ...] = ()
    letters: tuple[tuple[str, str, str], ...] = ()
    legend: tuple[tuple[str, str], ...] = ()
    unknown: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "seen": dict(self.seen),
            "letters": {letter: {"means": means, "from": source} for letter, means, source in self.letters},
            "legend": dict(self.legend),
            "unknown": list(self.unknown),
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything the detector decided about one file (see ``as_dict`` for the JSON)."""

    file: str
    table: TableInfo | None = None
    task_column: ColumnInfo | None = None
    phases: PhaseInfo | None = None
    roles: tuple[RoleInfo, ...] = ()
    other_columns: tuple[tuple[ColumnInfo, str], ...] = ()
    ignored: tuple[Skipped, ...] = ()
    letters: LetterInfo = field(default_factory=LetterInfo)
    warnings: tuple[Notice, ...] = ()
    decisions: tuple[Decision, ...] = ()
    layout: str = "detected"

    @property
    def confidence(self) -> float:
        """The lowest confidence of any decision: the file is as clear as its least clear part."""
        return min((decision.confidence for decision in self.decisions), default=1.0)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of ``accord import --explain --format json``."""
        return {
            "file": self.file,
            "layout": self.layout,
            "confidence": round(self.confidence, 2),
            "table": self.table.as_dict() if self.table else None,
            "task_column": self.task_column.as_dict() if self.task_column else None,
            "phases": self.phases.as_dict() if self.phases else None,
            "roles": [role.as_dict() for role in self.roles],
            "other_columns": [{**column.as_dict(), "used_as": use} for column, use in self.other_columns],
            "ignored": [item.as_dict() for item in self.ignored],
            "letters": self.letters.as_dict(),
            "warnings": [warning.as_dict() for warning in self.warnings],
            "decisions": [decision.as_dict() for decision in self.decisions],
        }

    def text_lines(self) -> list[str]:
        """The explanation as lines of plain text, for a terminal."""
        lines = [f"{self.file}: {self.layout} layout, confidence {self.confidence:.0%}"]
        lines.extend(self._table_lines())
        lines.extend(f"{column.column} ({column.title}): {use}" for column, use in self.other_columns)
        lines.extend(
            f"decided {decision.what}: {decision.choice} ({decision.confidence:.0%}; {decision.why})"
            for decision in self.decisions
        )
        lines.extend(self._letter_lines())
        lines.extend(f"ignored {item.where}: {item.why}" for item in self.ignored)
        lines.extend(
            f"warning: {warning.message}" + (f" (hint: {warning.hint})" if warning.hint else "")
            for warning in self.warnings
        )
        return lines

    def _table_lines(self) -> list[str]:
        lines = []
        if self.table:
            table = self.table
            where = f"sheet {table.sheet}, " if table.sheet else ""
            headers = ", ".join(map(str, table.header_rows))
            lines.append(
                f"table: {where}rows {table.first_row}–{table.last_row}, {table.orientation}"
                + (f", header rows {headers}" if headers else "")
            )
        if self.task_column:
            lines.append(f"tasks: {self.task_column.column} ({self.task_column.title})")
        if self.phases:
            source = self.phases.source + (f" {self.phases.column}" if self.phases.column else "")
            lines.append(f"phases ({source}): " + ", ".join(self.phases.names))
        lines.extend(
            f"role {role.column}: {role.name} — {role.side} (from {role.side_from})" for role in self.roles
        )
        return lines

    def _letter_lines(self) -> list[str]:
        lines = []
        seen = ", ".join(f"{spelling!r}→{value}" for spelling, value in self.letters.seen)
        if seen:
            lines.append(f"letters: {seen}")
        lines.extend(
            f"letter {letter} = {means} (from {source})"
            for letter, means, source in self.letters.letters
            if source != "RACI"
        )
        if self.letters.unknown:
            lines.append("unknown letters: " + ", ".join(self.letters.unknown))
        return lines
