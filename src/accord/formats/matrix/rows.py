"""Step 5 of the detector: the table's rows read into phases, tasks and cells.

A row holding one text and no letters is a phase heading (a merged band, text in the first
column only, a name followed by empty cells); a phase or group column is filled down. A row with
letters needs a task name. Every cell of a role column must read as letters or as nothing:
text there is refused, and unknown letters are collected with the cells holding them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.domain.errors import Problem
from accord.domain.raci import Raci
from accord.formats.matrix.columns import Columns
from accord.formats.matrix.explain import Notice, Skipped
from accord.formats.matrix.layout import slug
from accord.formats.matrix.reading import Foreign
from accord.formats.matrix.safety import MAX_CELL_CHARACTERS
from accord.formats.matrix.table import Layout
from accord.formats.matrix.vocabulary import WORDS, Kind, Vocabulary, fold

DEFAULT_PHASE = "Tasks"
_MAX_SPELLINGS = 60
_FRENCH = frozenset(
    word
    for word in WORDS
    if word in {"responsable", "realise", "approbateur", "approuve", "consulte", "informe"}
) | {"tache", "taches", "activite", "activites", "livrable", "livrables", "etape", "etapes"}


# Titles only French uses (accents kept: "role" is English too, "rôle" is not).
_FRENCH_TITLES = frozenset({"rôle", "rôles", "tâche", "tâches", "activité", "activités", "étape", "étapes"})


@dataclass(slots=True)
class PendingTask:
    row: int
    name: str
    group: str = ""
    details: str = ""
    timeframe: str = ""
    variants: tuple[str, ...] = ()
    cells: dict[int, Raci] = field(default_factory=dict)


@dataclass(slots=True)
class PendingPhase:
    row: int
    name: str
    tasks: list[PendingTask] = field(default_factory=list)


@dataclass(slots=True)
class Rows:
    phases: list[PendingPhase] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    unknown: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    spellings: dict[str, str] = field(default_factory=dict)
    phase_source: str = "none"
    phase_confidence: float = 0.6
    phase_why: str = "no phase is written: every task goes in one phase"
    french: bool = False

    @property
    def tasks(self) -> list[PendingTask]:
        return [task for phase in self.phases for task in phase.tasks]


class _RowReader:
    """Reads the rows one by one, keeping the current phase and the group filled down."""

    def __init__(self, layout: Layout, columns: Columns, vocabulary: Vocabulary) -> None:
        assert columns.task is not None  # the caller only reads tables with a task column
        self.layout, self.columns, self.vocabulary = layout, columns, vocabulary
        self.grid, self.readings = layout.grid, layout.readings
        self.task: int = columns.task
        self.result = Rows()
        self.current: PendingPhase | None = None
        self.group_fill = ""
        self.headings = 0

    def problem(self, code: str, message: str, hint: str, row: int, column: int) -> None:
        self.result.problems.append(
            Problem(
                code=code,
                message=message,
                hint=hint,
                where=self.grid.where,
                line=self.grid.file_row(row, column),
                column=self.grid.file_column(row, column),
            )
        )

    def start_phase(self, name: str, row: int) -> PendingPhase:
        self.current = PendingPhase(row=row, name=name)
        self.result.phases.append(self.current)
        self.group_fill = ""
        return self.current

    def read(self, row: int) -> None:
        layout, readings = self.layout, self.readings
        filled = readings.filled(row, layout.columns)
        if not filled:
            self.result.ignored.append(Skipped(self.grid.row_name(row), "empty row", "empty-row"))
            return
        self.check_cells(row, filled)
        letters = [
            column for column in layout.role_columns if readings.reading(row, column).kind is not Kind.EMPTY
        ]
        meaningful = [column for column in filled if column not in self.columns.left_out]
        in_task_column = self.columns.phase is not None and meaningful[:1] == [self.task]
        if not letters and len(meaningful) == 1 and not in_task_column:
            heading = readings.text(row, meaningful[0]).strip()
            if self.current is None or self.current.name != heading or self.current.tasks:
                self.start_phase(heading, row)
            self.headings += 1
            return
        name = readings.text(row, self.task).strip()
        if not name:
            if letters:
                self.problem(
                    "matrix-task-without-name",
                    "this row has RACI letters but no task name",
                    "give the task a name, or delete the row",
                    row,
                    self.task,
                )
            else:
                self.result.ignored.append(
                    Skipped(self.grid.row_name(row), "no task name and no letters", "not-a-task")
                )
            return
        self.read_task(row, name, letters)

    def check_cells(self, row: int, filled: list[int]) -> None:
        role_set = set(self.layout.role_columns)
        for column in filled:
            value = self.grid.value(row, column)
            length = len(self.readings.text(row, column))
            if isinstance(value, Foreign) and value.kind == "formula":
                self.problem(
                    "matrix-formula",
                    f"this cell holds a formula ({value.text})",
                    "a matrix holds text and letters only: copy the column and paste values only",
                    row,
                    column,
                )
            elif isinstance(value, Foreign) and column in role_set:
                self.problem(
                    "matrix-wrong-type",
                    f"this cell holds a {value.kind} ({value.text}) where RACI letters are expected",
                    "write R, A, C, I (combined as R/A), N/A, or nothing; format the column as text",
                    row,
                    column,
                )
            elif length > MAX_CELL_CHARACTERS:
                self.problem(
                    "matrix-cell-too-long",
                    f"this cell holds {length} characters; the limit is {MAX_CELL_CHARACTERS}",
                    "shorten the text",
                    row,
                    column,
                )

    def text(self, row: int, column: int | None) -> str:
        return self.readings.text(row, column) if column is not None else ""

    def read_task(self, row: int, name: str, letters: list[int]) -> None:
        columns = self.columns
        phase_name = self.text(row, columns.phase).strip()
        if phase_name and (self.current is None or self.current.name != phase_name):
            self.start_phase(phase_name, row)
        current = self.current or self.start_phase(DEFAULT_PHASE, row)
        group = self.text(row, columns.group).strip()
        if columns.group_sparse:
            self.group_fill = group or self.group_fill
            group = self.group_fill
        pending = PendingTask(
            row=row,
            name=name,
            group=group,
            details=self.text(row, columns.details),
            timeframe=self.text(row, columns.timeframe),
            variants=_variants(self.text(row, columns.variants)),
        )
        for column in letters:
            if not isinstance(self.grid.value(row, column), Foreign):
                self.read_cell(pending, row, column)
        current.tasks.append(pending)

    def read_cell(self, pending: PendingTask, row: int, column: int) -> None:
        result = self.result
        raw = self.readings.text(row, column)
        reading = self.vocabulary.read(raw)
        if reading.kind is Kind.TEXT:
            self.problem(
                "matrix-unknown-letter",
                f"{raw.strip()!r} is not a RACI value",
                "use R, A, C, I (combined as R/A), N/A, or leave the cell empty; "
                "for another letter say what it means with --letter X=C",
                row,
                column,
            )
            return
        for letter in reading.unknown:
            result.unknown.setdefault(letter, []).append((row, column))
        if reading.kind is not Kind.LETTERS:
            return
        pending.cells[column] = reading.value
        spelling = raw.strip()
        if spelling not in result.spellings and len(result.spellings) < _MAX_SPELLINGS:
            result.spellings[spelling] = reading.value.canonical
            words = spelling.replace("(", " ").replace(")", " ").split()
            result.french = result.french or any(fold(word) in _FRENCH for word in words)

    def finish(self) -> Rows:
        result, layout = self.result, self.layout
        titles = [self.readings.text(layout.header_row, column).strip().lower() for column in layout.columns]
        result.french = result.french or any(
            title in _FRENCH_TITLES or fold(title) in _FRENCH for title in titles if title
        )
        if self.columns.phase is not None:
            result.phase_source, result.phase_confidence = "column", 0.85
            result.phase_why = "a phase column, filled down"
        elif self.headings:
            result.phase_source, result.phase_confidence = "rows", 0.85
            result.phase_why = f"{self.headings} heading row" + ("s" if self.headings != 1 else "")
            result.phase_why += " with one text and no letters"
        else:
            result.notices.append(
                Notice(
                    message=f"no phase is written; every task is in one phase named {DEFAULT_PHASE!r}",
                    code="one-phase",
                    hint="rename the phase in the playbook file, "
                    "or write the phases as rows above their tasks",
                )
            )
        return result


def read_rows(layout: Layout, columns: Columns, vocabulary: Vocabulary) -> Rows:
    """Read every row of the table (see the module's docstring)."""
    reader = _RowReader(layout, columns, vocabulary)
    for row in range(layout.first_data, layout.last_data + 1):
        if row != layout.people_row:
            reader.read(row)
    return reader.finish()


def _variants(text: str) -> tuple[str, ...]:
    keys = [slug(piece, fallback="variant") for piece in text.split(",") if piece.strip()]
    return tuple(dict.fromkeys(keys))
