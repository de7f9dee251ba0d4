"""The layout detector: a RACI matrix in whatever layout a team wrote it, read into a playbook.

Its steps stay apart so that each can learn new layouts:

1. **Orientation** — tasks as rows, or roles as rows (then the grid is turned and read the same
   way; every cell keeps its name in the file).
2. **Find the table and read its headers** — :mod:`accord.formats.matrix.table`.
3. **Classify the columns** — roles by the share of letters in them; the others by title and
   values (task, phase, group, details, timeframe, or left out with the reason).
4. **Map the letters** — :mod:`accord.formats.matrix.vocabulary`: letters, combinations, English
   and French words, the file's legend, the person's ``--letter``. Unknown letters are refused.
5. **Read the rows** — phases from heading rows or a column filled down, tasks, cells.
6. **Sides** — from a side row or the role's title, else ``--side``, else vendor with a warning.

:func:`detect` returns a :class:`Detection`: the playbook when nothing blocks it, the
:class:`~accord.formats.matrix.explain.Explanation`, and the problems that block it, each
naming its cell. It never raises on the file's content, so a preview can show all of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import Phase, Playbook, Side, Task, Variant
from accord.domain.raci import Raci
from accord.formats.matrix.around import legend_entries, outside
from accord.formats.matrix.columns import Columns, classify_columns
from accord.formats.matrix.explain import (
    ColumnInfo,
    Decision,
    Explanation,
    LetterInfo,
    Notice,
    PhaseInfo,
    Skipped,
    TableInfo,
)
from accord.formats.matrix.grid import Grid
from accord.formats.matrix.layout import slug, unique_key
from accord.formats.matrix.rows import read_rows
from accord.formats.matrix.safety import capped
from accord.formats.matrix.sides import column_label, read_roles
from accord.formats.matrix.table import (
    ROLE_CORNER_WORDS,
    Layout,
    Readings,
    find_layout,
    side_label,
    side_of_words,
    title_kind,
)
from accord.formats.matrix.vocabulary import (
    Vocabulary,
    apply_legend,
    fold,
)


@dataclass(frozen=True, slots=True)
class DetectionOptions:
    """What a person may tell the detector (the CLI's options; the web preview's corrections).

    ``letters`` maps a letter to its meaning (``None``: ignore the letter); ``sides`` maps a
    role's name, title or side-row label (any case) to its side; ``sheet`` picks the sheet or
    Markdown table (``table 2``); ``header_row`` is the header's row number in the file;
    ``task_column`` a column letter (or number, in Markdown); ``roles`` and ``not_roles`` force
    columns in or out of the roles.
    """

    sheet: str | None = None
    letters: Mapping[str, Raci | None] = field(default_factory=dict)
    sides: Mapping[str, Side] = field(default_factory=dict)
    header_row: int | None = None
    task_column: str | None = None
    roles: frozenset[str] = frozenset()
    not_roles: frozenset[str] = frozenset()
    key: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Detection:
    """The result: ``playbook`` is ``None`` when ``problems`` block it."""

    playbook: Playbook | None
    explanation: Explanation
    problems: tuple[Problem, ...] = ()
    grid: Grid | None = None

    def playbook_or_raise(self) -> Playbook:
        """The playbook, or :class:`InvalidInput` naming every blocking problem."""
        if self.playbook is None or self.problems:
            raise InvalidInput(capped(list(self.problems)))
        return self.playbook


@dataclass(slots=True)
class _Candidate:
    layout: Layout
    score: float
    orientation_confidence: float
    why: str
    columns: Columns


def _vocabulary(options: DetectionOptions) -> Vocabulary:
    vocabulary = Vocabulary()
    for letter, value in options.letters.items():
        if value is None:
            vocabulary.ignore(letter, "--letter")
        else:
            vocabulary.add(letter, value, "--letter")
    return vocabulary


def _score(layout: Layout, columns: Columns) -> float:
    if columns.task is None:
        return 0.0
    return layout.matrix_rows * len(layout.role_columns) + (5 if columns.task_by_title else 0)


def _orientation_votes(layout: Layout, columns: Columns) -> tuple[float, list[str]]:
    """How much a reading of the grid looks like tasks-as-rows, with the reasons."""
    votes, reasons = 0.0, []
    readings = layout.readings
    if columns.task is not None:
        # The corner title names the file's column under it: tasks when upright, roles when turned.
        corner = readings.text(layout.header_row, columns.task).strip()
        sign = -1 if layout.grid.transposed else 1
        if columns.task_by_title:
            votes += 3 * sign
            reasons.append(f"the column of tasks is titled {corner!r}")
        elif corner and title_kind(corner) is None and fold_in(corner, ROLE_CORNER_WORDS):
            votes -= 3 * sign
            reasons.append(f"the column of roles is titled {corner!r}")
    if layout.side_row is not None and any(
        side_of_words(side_label(layout, column)) for column in layout.role_columns
    ):
        votes += 2
        reasons.append("a side row names the sides of the roles")
    if columns.phase is not None:
        names = [value for value in columns.phase_values if value]
        if names and all(side_of_words(name) for name in names):
            votes -= 2
            reasons.append("the phase names are sides")
        else:
            votes += 1
            reasons.append("phases are written in a column")
    tasks = layout.last_data - layout.first_data + 1
    if tasks >= len(layout.role_columns):
        votes += 1
        reasons.append("there are more tasks than roles")
    else:
        votes -= 1
    role_titles = [len(readings.text(layout.header_row, column)) for column in layout.role_columns]
    if columns.task is not None:
        task_names = [
            len(readings.text(row, columns.task)) for row in range(layout.first_data, layout.last_data + 1)
        ]
        task_names = [length for length in task_names if length]
        if (
            role_titles
            and task_names
            and sum(task_names) / len(task_names) > sum(role_titles) / len(role_titles)
        ):
            votes += 1
            reasons.append("task names are longer than role names")
        else:
            votes -= 1
    return votes, reasons


def fold_in(text: str, words: Sequence[str]) -> bool:
    folded = fold(text.strip()).rstrip(":")
    return folded in words or folded.split(" ")[0] in words


def _candidate(grid: Grid, vocabulary: Vocabulary, options: DetectionOptions) -> _Candidate | None:
    """The best reading of one grid, in either orientation."""
    readings: list[tuple[Layout, Columns, float, list[str]]] = []
    for turned in (False, True):
        source = grid.turned() if turned else grid
        if turned and _clearly_upright(readings):
            break
        header = _forced_header(source, options)
        layout = find_layout(Readings.of(source, vocabulary), header_row=header)
        if layout is None:
            continue
        columns = classify_columns(layout, options)
        if columns.task is None:
            continue
        votes, reasons = _orientation_votes(layout, columns)
        readings.append((layout, columns, votes, reasons))
    if not readings:
        return None
    readings.sort(key=lambda item: (item[2], not item[0].grid.transposed), reverse=True)
    layout, columns, votes, reasons = readings[0]
    margin = votes - readings[1][2] if len(readings) > 1 else max(votes, 1.0)
    confidence = min(0.99, 0.55 + 0.1 * max(margin, 0))
    return _Candidate(
        layout, _score(layout, columns), confidence, "; ".join(reasons) or "the only reading", columns
    )


def _clearly_upright(readings: list[tuple[Layout, Columns, float, list[str]]]) -> bool:
    """Skip turning the grid when the upright reading is already clear (and big)."""
    if not readings:
        return False
    layout, _columns, votes, _ = readings[0]
    return votes >= 4 and layout.matrix_rows >= 3 * len(layout.role_columns)


def _forced_header(grid: Grid, options: DetectionOptions) -> int | None:
    if options.header_row is None or grid.transposed:
        return None
    for index, number in enumerate(grid.row_numbers):
        if number == options.header_row:
            return index
    return None


def _wanted_grids(grids: Sequence[Grid], sheet: str | None) -> list[Grid]:
    """Every grid, or the one ``--sheet`` names (any case)."""
    if sheet is None:
        return list(grids)
    wanted = sheet.strip().lower()
    return [grid for grid in grids if (grid.sheet or "").lower() == wanted]


def detect(grids: Sequence[Grid], *, where: str, options: DetectionOptions | None = None) -> Detection:
    """Detect the matrix among ``grids`` (a file's sheets or tables) and read it into a playbook."""
    options = options or DetectionOptions()
    vocabulary = _vocabulary(options)
    ignored: list[Skipped] = []
    problems: list[Problem] = []
    pool = _wanted_grids(grids, options.sheet)
    if not pool:
        names = ", ".join(repr(grid.sheet) for grid in grids if grid.sheet) or "none"
        problem = Problem(
            code="matrix-no-sheet",
            message=f"there is no sheet {options.sheet!r}",
            hint=f"the sheets are: {names}",
            where=where,
        )
        return Detection(None, Explanation(file=where), (problem,))
    candidates: list[tuple[Grid, _Candidate]] = []
    for grid in pool:
        candidate = _candidate(grid, vocabulary, options)
        if candidate is None:
            if grid.height:
                ignored.append(_skip_grid(grid, "it holds no table of RACI letters", "no-matrix"))
            continue
        candidates.append((grid, candidate))
    if not candidates:
        problem = Problem(
            code="matrix-not-found",
            message="no RACI matrix was found: no table has columns of R, A, C, I letters under titles",
            hint="the matrix needs a title row (the role names) above rows of tasks with their letters; "
            "name the sheet with --sheet if the workbook has several",
            where=where,
        )
        return Detection(None, Explanation(file=where, ignored=tuple(ignored)), (problem,))
    grid, best = max(candidates, key=lambda pair: pair[1].score)
    for other, candidate in candidates:
        if other is not grid:
            ignored.append(
                _skip_grid(
                    other,
                    f"a smaller table ({candidate.layout.matrix_rows} "
                    f"row{'' if candidate.layout.matrix_rows == 1 else 's'} of letters)",
                    "other-table",
                )
            )
    legend = legend_entries(grids, best.layout)
    used_legend = apply_legend(vocabulary, legend)
    for index, item in enumerate(ignored):
        letters = sorted({entry.letter for entry in legend if entry.where.startswith(item.where + ",")})
        if item.code == "no-matrix" and letters:
            ignored[index] = Skipped(item.where, "a legend (" + ", ".join(letters) + ")", "legend")
    if used_legend:
        # The legend may turn letters the first pass did not know into letters: read again.
        candidate = _candidate(grid, vocabulary, options)
        if candidate is not None:
            best = candidate
    return _build(grid, best, vocabulary, options, where=where, ignored=ignored, problems=problems)


def _skip_grid(grid: Grid, why: str, code: str) -> Skipped:
    return Skipped(where=grid.where, why=why, code=code)


def _build(
    grid: Grid,
    best: _Candidate,
    vocabulary: Vocabulary,
    options: DetectionOptions,
    *,
    where: str,
    ignored: list[Skipped],
    problems: list[Problem],
) -> Detection:
    layout, columns = best.layout, best.columns
    source = layout.grid
    decisions = [
        Decision(
            "orientation",
            "roles-as-rows" if source.transposed else "tasks-as-rows",
            best.orientation_confidence,
            best.why,
        ),
        Decision(
            "header",
            source.row_name(layout.header_row),
            layout.header_confidence,
            f"titles over {len(layout.role_columns)} column{'' if len(layout.role_columns) == 1 else 's'} "
            "of letters",
        ),
    ]
    ignored.extend(outside(layout))
    rows = read_rows(layout, columns, vocabulary)
    problems.extend(rows.problems)
    ignored.extend(rows.ignored)
    decisions.extend(columns.decisions)
    decisions.append(Decision("phases", rows.phase_source, rows.phase_confidence, rows.phase_why))

    notices: list[Notice] = []
    role_infos, roles = read_roles(layout, options.sides, problems, notices, where=where)
    unknown = Counter[str]()
    for letter, cells in rows.unknown.items():
        unknown[letter] = len(cells)
        first_row, first_column = cells[0]
        meaning = vocabulary.meanings.get(letter)
        said = f" (the legend says {meaning!r})" if meaning else ""
        problems.append(
            Problem(
                code="matrix-unknown-letter",
                message=f"{letter!r}{said} is not a RACI letter; it is in {len(cells)} cell"
                + ("s" if len(cells) != 1 else "")
                + ", the first one here",
                hint=f"say what it means: --letter {letter}=C (or R, A, I, R/A, N/A; "
                f"{letter}=- to ignore it)",
                where=source.where,
                line=source.file_row(first_row, first_column),
                column=_problem_column(source, first_row, first_column),
            )
        )
    if not rows.tasks and not problems:
        problems.append(
            Problem(
                code="matrix-no-tasks",
                message="the matrix has no task rows",
                hint="add one row per task under the titles",
                where=source.where,
            )
        )

    first_rows = [
        source.file_row(row, layout.first_column) for row in (*layout.header_rows, layout.last_data)
    ]
    last_rows = [
        source.file_row(layout.last_data, column) for column in (layout.first_column, layout.last_column)
    ]
    table = TableInfo(
        sheet=source.sheet,
        first_row=min(first_rows + last_rows),
        last_row=max(first_rows + last_rows),
        orientation="roles-as-rows" if source.transposed else "tasks-as-rows",
        header_rows=tuple(source.file_row(row, layout.first_column) for row in layout.header_rows)
        if not source.transposed
        else (),
        first_column=source.file_column(layout.header_row, layout.first_column),
        last_column=source.file_column(layout.header_row, layout.last_column),
    )
    letter_info = LetterInfo(
        seen=tuple(sorted(rows.spellings.items())),
        letters=tuple(
            (letter, value.canonical, vocabulary.sources.get(letter, "RACI"))
            for letter, value in sorted(vocabulary.letters.items())
        )
        + tuple((letter, "(ignored)", vocabulary.sources[letter]) for letter in sorted(vocabulary.ignored)),
        legend=tuple((letter, meaning) for letter, meaning in sorted(vocabulary.meanings.items())),
        unknown=tuple(sorted(unknown)),
    )
    notices.extend(rows.notices)
    if layout.other_blocks:
        for first, last in layout.other_blocks:
            notices.append(
                Notice(
                    message=f"another table ({source.row_name(first)} to {source.row_name(last)}) "
                    "was left out",
                    code="second-table",
                    hint="only the largest table is imported; move the other one to its own file",
                )
            )
    explanation = Explanation(
        file=where,
        table=table,
        task_column=ColumnInfo(column_label(source, columns.task), layout.title(columns.task))
        if columns.task is not None
        else None,
        phases=PhaseInfo(
            source=rows.phase_source,
            names=tuple(phase.name for phase in rows.phases),
            column=column_label(source, columns.phase) if columns.phase is not None else "",
        ),
        roles=tuple(role_infos),
        other_columns=tuple(
            (ColumnInfo(column_label(source, column), layout.title(column)), use)
            for column, use in columns.others
        ),
        ignored=tuple(ignored),
        letters=letter_info,
        warnings=tuple(notices),
        decisions=tuple(decisions),
    )
    if problems:
        return Detection(None, explanation, tuple(problems), source)
    stem = PurePath(where.split(",")[0]).stem
    key = options.key or slug(stem, fallback="imported-matrix")
    name = options.name or stem or "Imported matrix"
    task_keys: set[str] = set()
    phase_keys: set[str] = set()
    built = []
    for phase in rows.phases:
        tasks = tuple(
            Task(
                key=unique_key(slug(task.name, fallback="task"), task_keys),
                name=task.name,
                raci={roles[column].key: value for column, value in task.cells.items() if not value.is_empty},
                group=task.group,
                details=task.details,
                timeframe=task.timeframe,
                variants=task.variants,
            )
            for task in phase.tasks
        )
        built.append(
            Phase(
                key=unique_key(slug(phase.name, fallback="phase"), phase_keys), name=phase.name, tasks=tasks
            )
        )
    variants = tuple(
        dict.fromkeys(variant for phase in built for task in phase.tasks for variant in task.variants)
    )
    playbook = Playbook(
        key=key,
        name=name,
        version="1",
        roles=tuple(roles[column] for column in layout.role_columns),
        phases=tuple(built),
        variants=tuple(Variant(key=variant, name=variant) for variant in variants),
        language="fr" if rows.french else "en",
    )
    return Detection(playbook, explanation, (), source)


def _problem_column(grid: Grid, row: int, column: int) -> str | int:
    return grid.file_column(row, column)
