"""Turning the rows of a matrix file into a playbook, whatever the file format.

The CSV and XLSX readers hand over the title row and the data rows as text (or as a
:class:`Foreign` value where a spreadsheet cell held a number, a date or a formula); this
module checks them against the layout, collects every problem with its row and column, and
builds the playbook only when there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import ChangeLogEntry, Phase, Playbook, Role, Source, Task, Variant
from accord.domain.raci import InvalidRaci, Raci, parse_raci
from accord.formats.matrix.layout import (
    DETAILS,
    EXPECTED_LAYOUT,
    FIXED_COLUMNS,
    GROUP,
    KEY,
    KEY_MAX_LENGTH,
    KEY_PATTERN,
    PHASE,
    REQUIRED_COLUMNS,
    TASK,
    TIMEFRAME,
    VARIANTS,
    RoleHeader,
    parse_role_header,
    role_key_from_label,
    slug,
    unique_key,
)
from accord.formats.matrix.safety import MAX_CELL_CHARACTERS, MAX_ROLE_COLUMNS, capped
from accord.formats.matrix.timing_columns import GO_LIVE, MILESTONE, TIMING_COLUMNS, read_timing


@dataclass(frozen=True, slots=True)
class Foreign:
    """A spreadsheet cell that is not plain text: ``kind`` is number, date, boolean, error or formula."""

    kind: str
    text: str


CellValue = str | Foreign | None
ColumnLetter = Callable[[int], str]


@dataclass(frozen=True, slots=True)
class MatrixMetadata:
    """What a matrix file may say about its playbook besides the matrix itself."""

    key: str
    name: str
    version: str = "1"
    description: str = ""
    language: str = "en"
    source: Source | None = None
    variants: tuple[Variant, ...] = ()
    change_log: tuple[ChangeLogEntry, ...] = ()
    role_keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: (description, responsibilities) by role key or by column title (an XLSX Roles sheet).
    role_details: Mapping[str, tuple[str, tuple[str, ...]]] = field(
        default_factory=lambda: MappingProxyType({})
    )


@dataclass(slots=True)
class _Columns:
    titles: list[str]
    fixed: dict[str, int] = field(default_factory=dict)
    roles: list[tuple[int, RoleHeader]] = field(default_factory=list)
    untitled: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _PendingTask:
    row: int
    name: str
    group: str
    details: str
    timeframe: str
    variants: tuple[str, ...]
    raci: dict[int, Raci]
    key: str
    timing: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _PendingPhase:
    row: int
    name: str
    key: str
    tasks: list[_PendingTask] = field(default_factory=list)


class _Reader:
    def __init__(self, *, where: str, column_letter: ColumnLetter) -> None:
        self.where = where
        self.column_letter = column_letter
        self.problems: list[Problem] = []

    def column_name(self, columns: _Columns, index: int) -> str:
        title = columns.titles[index] if index < len(columns.titles) else ""
        letter = self.column_letter(index + 1)
        return f"{letter} ({title})" if title else letter

    def problem(
        self, code: str, message: str, hint: str, *, row: int | None = None, column: str = ""
    ) -> None:
        self.problems.append(
            Problem(code=code, message=message, hint=hint, where=self.where, line=row, column=column or None)
        )

    def read_header(self, cells: Sequence[CellValue]) -> _Columns:  # noqa: C901, PLR0912 one case per column kind
        titles = [_plain(cell).strip() for cell in cells]
        while titles and not titles[-1]:
            titles.pop()
        columns = _Columns(titles=titles)
        if not titles:
            self.problem("matrix-no-header", "the first row is empty", EXPECTED_LAYOUT, row=1)
            return columns
        known = {name.lower(): name for name in (*FIXED_COLUMNS, *TIMING_COLUMNS, KEY)}
        seen_roles: dict[str, int] = {}
        unknown: list[int] = []
        for index, title in enumerate(titles):
            if not title:
                columns.untitled.append(index)
            elif title.lower() in known:
                name = known[title.lower()]
                if name in columns.fixed:
                    first = self.column_letter(columns.fixed[name] + 1)
                    self.problem(
                        "matrix-duplicate-column",
                        f"the column {name!r} appears twice (first in column {first})",
                        "keep one of them",
                        row=1,
                        column=self.column_name(columns, index),
                    )
                columns.fixed.setdefault(name, index)
            elif (role := parse_role_header(title)) is not None:
                if not role.name:
                    self.problem(
                        "matrix-role-without-name",
                        "this role column has a side but no role name",
                        "title it like 'Vendor: Account Manager'",
                        row=1,
                        column=self.column_name(columns, index),
                    )
                elif role.label in seen_roles:
                    first = self.column_letter(seen_roles[role.label] + 1)
                    self.problem(
                        "matrix-duplicate-role",
                        f"the role column {role.label!r} appears twice (first in column {first})",
                        "merge the two columns, or rename one of the roles",
                        row=1,
                        column=self.column_name(columns, index),
                    )
                else:
                    seen_roles[role.label] = index
                    columns.roles.append((index, role))
            else:
                unknown.append(index)
        for index in unknown:
            self.problem(
                "matrix-unknown-column",
                f"unknown column {titles[index]!r}",
                EXPECTED_LAYOUT,
                row=1,
                column=self.column_letter(index + 1),
            )
        missing = [name for name in REQUIRED_COLUMNS if name not in columns.fixed]
        if missing:
            self.problem(
                "matrix-missing-column",
                "missing column" + ("s " if len(missing) > 1 else " ") + ", ".join(map(repr, missing)),
                EXPECTED_LAYOUT,
            )
        if not columns.roles and not unknown:
            self.problem("matrix-no-roles", "there is no role column", EXPECTED_LAYOUT)
        if len(columns.roles) > MAX_ROLE_COLUMNS:
            self.problem(
                "matrix-too-large",
                f"there are {len(columns.roles)} role columns; the limit is {MAX_ROLE_COLUMNS}",
                "split the playbook",
            )
        return columns

    def text(self, columns: _Columns, cells: Sequence[CellValue], name: str, row: int) -> str:
        index = columns.fixed.get(name)
        if index is None or index >= len(cells):
            return ""
        return _plain(cells[index])

    def read_rows(
        self, columns: _Columns, rows: Iterable[tuple[int, Sequence[CellValue]]]
    ) -> list[_PendingPhase]:
        phases: list[_PendingPhase] = []
        role_indexes = {index for index, _ in columns.roles}
        for row, raw_cells in rows:
            cells = list(raw_cells)
            if all(_plain(cell).strip() == "" for cell in cells):
                continue
            self.check_cells(columns, cells, row, role_indexes)
            phase_name = self.text(columns, cells, PHASE, row)
            task_name = self.text(columns, cells, TASK, row)
            key = self.text(columns, cells, KEY, row).strip()
            others = [
                cell
                for index, cell in enumerate(cells)
                if index not in (columns.fixed.get(PHASE), columns.fixed.get(KEY))
            ]
            if not task_name.strip():
                if phase_name.strip() and all(_plain(cell).strip() == "" for cell in others):
                    phases.append(_PendingPhase(row=row, name=phase_name, key=key))
                else:
                    self.problem(
                        "matrix-task-without-name",
                        "this row has no task name",
                        "give the task a name, or delete the row",
                        row=row,
                        column=self.column_name(columns, columns.fixed[TASK]),
                    )
                continue
            if phase_name.strip() and (not phases or phases[-1].name != phase_name):
                phases.append(_PendingPhase(row=row, name=phase_name, key=""))
            if not phases:
                self.problem(
                    "matrix-task-without-phase",
                    "this task has no phase",
                    "write the phase name in the Phase column",
                    row=row,
                    column=self.column_name(columns, columns.fixed[PHASE]),
                )
                continue
            phases[-1].tasks.append(
                _PendingTask(
                    row=row,
                    name=task_name,
                    group=self.text(columns, cells, GROUP, row),
                    details=self.text(columns, cells, DETAILS, row),
                    timeframe=self.text(columns, cells, TIMEFRAME, row),
                    variants=self.variants(columns, cells, row),
                    raci=self.raci(columns, cells, row),
                    key=key,
                    timing={
                        name: self.text(columns, cells, name, row)
                        for name in TIMING_COLUMNS
                        if name in columns.fixed
                    },
                )
            )
        return phases

    def check_cells(
        self, columns: _Columns, cells: list[CellValue], row: int, role_indexes: set[int]
    ) -> None:
        for index, cell in enumerate(cells):
            if isinstance(cell, Foreign) and cell.kind == "formula":
                self.problem(
                    "matrix-formula",
                    f"this cell holds a formula ({cell.text})",
                    "a matrix holds text and letters only: copy the column and paste values only",
                    row=row,
                    column=self.column_name(columns, index),
                )
            elif isinstance(cell, Foreign) and index in role_indexes:
                self.problem(
                    "matrix-wrong-type",
                    f"this cell holds a {cell.kind} ({cell.text}) where RACI letters are expected",
                    "write R, A, C, I (combined as R/A), N/A, or nothing; format the column as text",
                    row=row,
                    column=self.column_name(columns, index),
                )
            elif len(_plain(cell)) > MAX_CELL_CHARACTERS:
                self.problem(
                    "matrix-cell-too-long",
                    f"this cell holds {len(_plain(cell))} characters; the limit is {MAX_CELL_CHARACTERS}",
                    "shorten the text",
                    row=row,
                    column=self.column_name(columns, index),
                )
            elif (index in columns.untitled or index >= len(columns.titles)) and _plain(cell).strip():
                self.problem(
                    "matrix-untitled-column",
                    "this cell is in a column without a title",
                    "give the column a title from the layout, or clear it; " + EXPECTED_LAYOUT,
                    row=row,
                    column=self.column_letter(index + 1),
                )

    def variants(self, columns: _Columns, cells: list[CellValue], row: int) -> tuple[str, ...]:
        keys: list[str] = []
        for piece in self.text(columns, cells, VARIANTS, row).split(","):
            key = piece.strip()
            if not key or key in keys:
                continue
            if not _is_key(key):
                self.problem(
                    "matrix-bad-variant",
                    f"{key!r} is not a variant key",
                    "variant keys use lower-case letters, digits and hyphens, separated by ', '",
                    row=row,
                    column=self.column_name(columns, columns.fixed[VARIANTS]),
                )
                continue
            keys.append(key)
        return tuple(keys)

    def raci(self, columns: _Columns, cells: list[CellValue], row: int) -> dict[int, Raci]:
        letters: dict[int, Raci] = {}
        for index, _ in columns.roles:
            cell = cells[index] if index < len(cells) else None
            if isinstance(cell, Foreign):
                continue  # reported by check_cells
            try:
                value = parse_raci(cell)
            except InvalidRaci as error:
                self.problem(
                    "matrix-unknown-letter",
                    error.message,
                    error.hint,
                    row=row,
                    column=self.column_name(columns, index),
                )
                continue
            if not value.is_empty:
                letters[index] = value
        return letters


def _plain(cell: CellValue) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Foreign):
        return cell.text
    return cell


def _build_phases(
    reader: _Reader,
    columns: _Columns,
    phases: Sequence[_PendingPhase],
    roles_by_index: Mapping[int, Role],
    phase_keys: set[str],
    task_keys: set[str],
) -> list[Phase]:
    """The phases and tasks, with each task's timing read once every key is known."""
    final_keys = [
        task.key or unique_key(slug(task.name, fallback="task"), task_keys)
        for phase in phases
        for task in phase.tasks
    ]
    resolve = _resolver(phases, final_keys)
    keys_iter = iter(final_keys)
    built_phases = []
    go_live_rows: list[tuple[int, str]] = []
    for phase in phases:
        phase_key = phase.key or unique_key(slug(phase.name, fallback="phase"), phase_keys)
        tasks = []
        for task in phase.tasks:
            task_key = next(keys_iter)
            timing = read_timing(task.timing, resolve)
            for cell_problem in timing.problems:
                reader.problem(
                    "matrix-bad-timing",
                    cell_problem.message,
                    cell_problem.hint,
                    row=task.row,
                    column=reader.column_name(columns, columns.fixed[cell_problem.column]),
                )
            if timing.go_live:
                go_live_rows.append((task.row, task_key))
                if not timing.milestone:
                    reader.problem(
                        "matrix-go-live-not-milestone",
                        "the go-live must be a milestone",
                        "write yes in its Milestone column too",
                        row=task.row,
                        column=reader.column_name(columns, columns.fixed[MILESTONE]),
                    )
            tasks.append(
                Task(
                    key=task_key,
                    name=task.name,
                    raci={roles_by_index[index].key: value for index, value in task.raci.items()},
                    group=task.group,
                    details=task.details,
                    timeframe=task.timeframe,
                    variants=task.variants,
                    milestone=timing.milestone,
                    timing=timing.timing,
                )
            )
        built_phases.append(Phase(key=phase_key, name=phase.name, tasks=tuple(tasks)))
    return _marked_go_live(reader, columns, built_phases, go_live_rows)


def _marked_go_live(
    reader: _Reader, columns: _Columns, phases: list[Phase], go_live_rows: Sequence[tuple[int, str]]
) -> list[Phase]:
    """The Go-live column marks one milestone. The last milestone is the go-live anyway; a mark
    on another one becomes the task's ``go_live`` marker, which the planner takes instead."""
    column = reader.column_name(columns, columns.fixed[GO_LIVE]) if GO_LIVE in columns.fixed else ""
    for row, _key in go_live_rows[1:]:
        reader.problem(
            "matrix-several-go-lives",
            f"a project has one go-live, and row {go_live_rows[0][0]} is marked already",
            "write yes in the Go-live column of one milestone only",
            row=row,
            column=column,
        )
    milestones = [task.key for phase in phases for task in phase.tasks if task.milestone]
    if len(go_live_rows) != 1 or not milestones or go_live_rows[0][1] == milestones[-1]:
        return phases
    marked = go_live_rows[0][1]
    return [
        replace(phase, tasks=tuple(replace(task, go_live=task.key == marked) for task in phase.tasks))
        for phase in phases
    ]


def _is_key(text: str) -> bool:
    return bool(KEY_PATTERN.match(text)) and len(text) <= KEY_MAX_LENGTH


def _explicit_keys(reader: _Reader, items: Iterable[tuple[int, str]], what: str, key_column: str) -> set[str]:
    """Keys the file states; reports malformed and repeated ones."""
    taken: dict[str, int] = {}
    for row, key in items:
        if not key:
            continue
        if not _is_key(key):
            reader.problem(
                "matrix-bad-key",
                f"{key!r} is not a valid {what} key",
                "keys use lower-case letters, digits and hyphens; clear the cell to derive one from the name",
                row=row,
                column=key_column,
            )
        elif key in taken:
            reader.problem(
                "matrix-duplicate-key",
                f"the {what} key {key!r} is already used on row {taken[key]}",
                "give each one its own key, or clear the cell to derive one from the name",
                row=row,
                column=key_column,
            )
        else:
            taken[key] = row
    return set(taken)


_FATAL_HEADER_CODES = frozenset(
    {"matrix-no-header", "matrix-missing-column", "matrix-no-roles", "matrix-too-large"}
)


def _resolver(phases: Sequence[_PendingPhase], keys: Sequence[str]) -> Callable[[str], str | None]:
    """Find a task by its key, else by its name (case-insensitive, when only one task has it)."""
    known = set(keys)
    by_name: dict[str, list[str]] = {}
    for task, key in zip((task for phase in phases for task in phase.tasks), keys, strict=True):
        by_name.setdefault(task.name.strip().casefold(), []).append(key)

    def resolve(text: str) -> str | None:
        if text in known:
            return text
        found = by_name.get(text.strip().casefold(), [])
        return found[0] if len(found) == 1 else None

    return resolve


def build_playbook(
    header_cells: Sequence[CellValue],
    rows: Iterable[tuple[int, Sequence[CellValue]]],
    *,
    where: str,
    metadata: MatrixMetadata,
    column_letter: ColumnLetter,
    earlier_problems: Sequence[Problem] = (),
) -> Playbook:
    """Check a matrix's rows against the layout and build its playbook.

    ``rows`` pairs each row with its 1-based row number in the file. Raises
    :class:`InvalidInput` with every problem found (and ``earlier_problems``), each naming
    ``where``, the row and the column.
    """
    reader = _Reader(where=where, column_letter=column_letter)
    reader.problems.extend(earlier_problems)
    columns = reader.read_header(header_cells)
    if any(problem.code in _FATAL_HEADER_CODES for problem in reader.problems):
        raise InvalidInput(capped(reader.problems))
    # Other problems of the title row (an unknown column...) do not hide those of the rows.
    phases = reader.read_rows(columns, rows)
    if not any(phase.tasks for phase in phases) and not reader.problems:
        reader.problem(
            "matrix-no-tasks", "the matrix has no task rows", "add one row per task under the titles"
        )
    key_column = reader.column_name(columns, columns.fixed[KEY]) if KEY in columns.fixed else ""
    phase_keys = _explicit_keys(reader, ((phase.row, phase.key) for phase in phases), "phase", key_column)
    task_keys = _explicit_keys(
        reader, ((task.row, task.key) for phase in phases for task in phase.tasks), "task", key_column
    )

    role_taken = {key for key in metadata.role_keys.values() if _is_key(key)}
    roles_by_index: dict[int, Role] = {}
    used_role_keys: set[str] = set()
    for index, header in columns.roles:
        stated = metadata.role_keys.get(header.label, "")
        if _is_key(stated) and stated not in used_role_keys:
            key = stated
            used_role_keys.add(key)
        else:
            key = unique_key(role_key_from_label(header.side, header.name), role_taken | used_role_keys)
            used_role_keys.add(key)
        description, responsibilities = metadata.role_details.get(
            key, metadata.role_details.get(header.label, ("", ()))
        )
        roles_by_index[index] = Role(
            key=key,
            name=header.name,
            side=header.side,
            description=description,
            responsibilities=responsibilities,
        )

    built_phases = _build_phases(reader, columns, phases, roles_by_index, phase_keys, task_keys)
    if reader.problems:
        raise InvalidInput(capped(reader.problems))

    variants = list(metadata.variants)
    known_variants = {variant.key for variant in variants}
    for built_phase in built_phases:
        for built_task in built_phase.tasks:
            for variant_key in built_task.variants:
                if variant_key not in known_variants:
                    known_variants.add(variant_key)
                    variants.append(Variant(key=variant_key, name=variant_key))
    return Playbook(
        key=metadata.key,
        name=metadata.name,
        version=metadata.version,
        roles=tuple(roles_by_index[index] for index, _ in columns.roles),
        phases=tuple(built_phases),
        source=metadata.source,
        description=metadata.description,
        variants=tuple(variants),
        change_log=metadata.change_log,
        language=metadata.language,
    )
