"""The upload preview of a RACI matrix: the file's own cells, what the detector read, in words.

Plain data for the template (no rules here): the grid as a spreadsheet shows it, each row and
column marked with what the detector made of it (header, tasks, a role and its side, not a role,
left out and why) in words, not colour alone; the explanation's decisions, warnings and skipped
parts said in the page's language, by their stable ``code`` (the core's English words are the
fallback for anything not known here); and the choices the correction form offers.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import Side
from accord.formats.matrix import Detection, DetectionOptions
from accord.formats.matrix.explain import Explanation, Notice, RoleInfo, Skipped
from accord.formats.matrix.grid import Grid, Merge, text_of
from accord.formats.matrix.importing import read_grids

#: Rows and columns of the file shown; a larger file shows its first ones and says how many more.
MAX_ROWS = 60
MAX_COLUMNS = 40
#: How many rows the header row may be chosen among.
HEADER_CHOICES = 30
_CELL_CHARS = 80

SIDE_WORDS: dict[str, Promise] = {
    "vendor": gettext_lazy("Vendor"),
    "customer": gettext_lazy("Customer"),
    "partner": gettext_lazy("Partner"),
}
SIDE_FROM_WORDS: dict[str, Promise] = {
    "--side": gettext_lazy("chosen by you"),
    "title": gettext_lazy("from its title"),
    "side row": gettext_lazy("from the side row"),
    "default": gettext_lazy("not written: the vendor's by default"),
}
DECISION_WORDS: dict[str, Promise] = {
    "orientation": gettext_lazy("Orientation"),
    "header": gettext_lazy("Header row"),
    "task-column": gettext_lazy("Task column"),
    "phase-column": gettext_lazy("Phase column"),
    "group-column": gettext_lazy("Group column"),
    "phases": gettext_lazy("Phases"),
    "layout": gettext_lazy("Layout"),
}
CHOICE_WORDS: dict[str, Promise] = {
    "tasks-as-rows": gettext_lazy("tasks as rows, roles as columns"),
    "roles-as-rows": gettext_lazy("roles as rows, tasks as columns (the file is read turned)"),
    "rows": gettext_lazy("heading rows above their tasks"),
    "column": gettext_lazy("a column filled down"),
    "headings": gettext_lazy("the headings above each table"),
    "none": gettext_lazy("none written: every task in one phase"),
    "accord": gettext_lazy("Accord's own layout, read exactly"),
}
#: Skipped parts of the file, by code; ``%(text)s`` is the text found there, when there is one.
IGNORED_WORDS: dict[str, Promise] = {
    "above-table": gettext_lazy("above the table: %(text)s"),
    "below-table": gettext_lazy("below the table: %(text)s"),
    "beside-table": gettext_lazy("beside the table: %(text)s"),
    "people-row": gettext_lazy("people's names under the role names (a playbook names roles, not people)"),
    "empty-row": gettext_lazy("empty row"),
    "not-a-task": gettext_lazy("no task name and no letters"),
    "no-matrix": gettext_lazy("holds no table of RACI letters"),
    "legend": gettext_lazy("a legend (%(text)s)"),
    "other-table": gettext_lazy("a smaller table"),
}
#: The same, short, under a row or column name of the file's cells (the list says the whole reason).
IGNORED_SHORT: dict[str, Promise] = {
    "above-table": gettext_lazy("above the table"),
    "below-table": gettext_lazy("below the table"),
    "beside-table": gettext_lazy("beside the table"),
    "people-row": gettext_lazy("people's names"),
}
#: What a column that is not a role holds (the detector's English after "not a role: ").
NOT_ROLE_WORDS: dict[str, Promise] = {
    "task numbers": gettext_lazy("task numbers"),
    "ids": gettext_lazy("ids"),
    "status values": gettext_lazy("status values"),
    "dates": gettext_lazy("dates"),
    "notes": gettext_lazy("notes"),
    "people's names (owners)": gettext_lazy("people's names (owners)"),
    "keys": gettext_lazy("keys"),
    "a second task column": gettext_lazy("a second task column"),
    "a second phase column": gettext_lazy("a second phase column"),
    "a second group column": gettext_lazy("a second group column"),
    "a second details column": gettext_lazy("a second details column"),
    "a second timeframe column": gettext_lazy("a second timeframe column"),
    "a second variants column": gettext_lazy("a second variants column"),
    "empty": gettext_lazy("empty"),
}
LETTER_SOURCE_WORDS: dict[str, Promise] = {
    "RACI": gettext_lazy("RACI"),
    "--letter": gettext_lazy("chosen by you"),
}
_PLACE = re.compile(r"^(row|line|column) (\w+)$")
_CELL = re.compile(r"^(row|line) (\d+), column (\w+)$")
_QUOTED = re.compile(r"^[^:(]+[:(] ?(.+?)\)?$", re.DOTALL)
_LETTERS_SHARE = re.compile(r"^text, not RACI letters \((\d+)% letters\)$")
_SECOND_TABLE = re.compile(r"^another table \((.+) to (.+)\) was left out$")


def _words(template: Promise | str, **values: Any) -> str:
    return str(template) % values if values else str(template)


def place(where: str) -> str:
    """ "row 7", "column H", "row 7, column H", "line 12" in the page's language."""
    if match := _CELL.match(where):
        word, row, column = match.groups()
        if word == "line":
            return _("line %(row)s, column %(column)s") % {"row": row, "column": column}
        return _("row %(row)s, column %(column)s") % {"row": row, "column": column}
    if match := _PLACE.match(where):
        word, name = match.groups()
        if word == "row":
            return _("row %(row)s") % {"row": name}
        if word == "line":
            return _("line %(row)s") % {"row": name}
        return _("column %(column)s") % {"column": name}
    return where


def _quoted(why: str) -> str:
    """The text the detector quoted in an English reason (``above the table: 'Owner: PMO'``)."""
    match = _QUOTED.match(why)
    if not match:
        return ""
    text = match.group(1).strip()
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def _quoted_start(message: str) -> str:
    """The text a message starts by quoting (``'S' is not…`` → ``S``), or ""."""
    match = re.match(r"^('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")", message)
    if not match:
        return ""
    try:
        value = ast.literal_eval(match.group(1))
    except (ValueError, SyntaxError):
        return ""
    return value if isinstance(value, str) else ""


def percent(confidence: float) -> str:
    return _("%(value)s%%") % {"value": number_format(round(100 * confidence))}


def not_role_words(used_as: str) -> str:
    """What a column that is not a role holds, in words."""
    reason = used_as.removeprefix("not a role: ")
    if reason in NOT_ROLE_WORDS:
        return _("not a role: %(reason)s") % {"reason": NOT_ROLE_WORDS[reason]}
    if match := _LETTERS_SHARE.match(reason):
        return _("not a role: text, not RACI letters (%(share)s letters)") % {
            "share": percent(int(match.group(1)) / 100)
        }
    if used_as == "text left of the tasks (not used)":
        return _("text left of the tasks (not used)")
    return used_as


def ignored_words(item: Skipped) -> str:
    template = IGNORED_WORDS.get(item.code)
    if template is None:
        return item.why
    text = _quoted(item.why) if "%(text)s" in str(template) else ""
    if "%(text)s" in str(template) and not text:
        return item.why
    return _words(template, text=text) if text else _words(template)


def _names(names: Sequence[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


def warning_words(notice: Notice, explanation: Explanation) -> tuple[str, str]:
    """A warning and its hint in the page's language (the core's English for an unknown code)."""
    if notice.code == "side-defaulted":
        names = [role.name for role in explanation.roles if role.side_from == "default"]
        return (
            _("No side is written for %(roles)s: taken as the vendor's.") % {"roles": _names(names)},
            _("Choose each role's side below (vendor, customer or partner)."),
        )
    if notice.code == "one-phase":
        name = explanation.phases.names[0] if explanation.phases and explanation.phases.names else ""
        return (
            _("No phase is written: every task is in one phase named “%(name)s”.") % {"name": name},
            _("Write the phases as rows above their tasks, or rename the phase after saving."),
        )
    if notice.code == "second-table" and (match := _SECOND_TABLE.match(notice.message)):
        return (
            _("Another table (%(first)s to %(last)s) was left out.")
            % {"first": place(match.group(1)), "last": place(match.group(2))},
            _("Only the largest table is imported; move the other one to its own file."),
        )
    return notice.message, notice.hint


def problem_line(problem: Problem) -> tuple[str, str, str]:
    """Where a blocking problem is, what it is and what to do, in the page's language."""
    where = ""
    if problem.line is not None and problem.column is not None:
        where = _("row %(row)s, column %(column)s") % {"row": problem.line, "column": problem.column}
    elif problem.line is not None:
        where = _("row %(row)s") % {"row": problem.line}
    return (where, *problem_words(problem))


def problem_words(problem: Problem) -> tuple[str, str]:
    """A problem that blocks the import and its hint in the page's language (English fallback)."""
    quoted = _quoted_start(problem.message)
    if problem.code == "matrix-unknown-letter" and " is not a RACI letter" in problem.message and quoted:
        return (
            _("%(letter)s is not a RACI letter.") % {"letter": quoted},
            _("Say below what %(letter)s means.") % {"letter": quoted},
        )
    if problem.message.endswith(" is not a RACI value") and quoted:
        return (
            _("“%(value)s” is not a RACI value.") % {"value": quoted},
            _("Write letters in this cell, or say below that its column is not a role."),
        )
    if problem.code == "matrix-task-without-name":
        return (
            _("This row has RACI letters but no task name."),
            _("Choose another task column or header row, or name the task in the file."),
        )
    if problem.code == "matrix-no-tasks":
        return _("The matrix has no task rows."), _("Choose another header row.")
    if problem.code == "matrix-not-found":
        return (
            _("No RACI matrix was found: no table has columns of R, A, C, I letters under titles."),
            _("The matrix needs a row of role names above rows of tasks with their letters."),
        )
    return problem.message, problem.hint


# The file's own cells


@dataclass(frozen=True, slots=True)
class GridCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    kind: str = ""  # css: header, task, role, other, outside, ignored
    unknown: str = ""  # the unknown letter this cell holds, if any


@dataclass(frozen=True, slots=True)
class GridRow:
    name: str  # "4" (a spreadsheet's row number, a Markdown line number)
    mark: str  # what the detector made of the row, in words; empty for a row of tasks
    kind: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True, slots=True)
class GridColumn:
    name: str  # "C" (or a Markdown cell number)
    mark: str
    kind: str


@dataclass(frozen=True, slots=True)
class GridView:
    sheet: str | None
    row_word: str  # "Row" or "Line", for the corner
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]
    more_rows: int
    more_columns: int


def _strip_column(label: str) -> str:
    return label.removeprefix("column ").strip()


def _line_of(label: str) -> tuple[str, str]:
    """("row", "5") for a role written as a row of the file, ("column", "C") otherwise."""
    if match := re.match(r"^(row|line) (\d+)$", label):
        return "row", match.group(2)
    return "column", _strip_column(label)


@dataclass(slots=True)
class _Marks:
    rows: dict[str, tuple[str, str]] = field(default_factory=dict)
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)
    cells: dict[tuple[str, str], str] = field(default_factory=dict)

    def put(self, label: str, mark: str, kind: str) -> None:
        where, name = _line_of(label)
        (self.rows if where == "row" else self.columns).setdefault(name, (mark, kind))


def role_words(role: RoleInfo) -> str:
    side = SIDE_WORDS.get(role.side, role.side)
    return _("role: %(name)s (%(side)s)") % {"name": role.name, "side": side}


def _marks(explanation: Explanation) -> _Marks:
    marks = _Marks()
    table = explanation.table
    if table is not None:
        for number in table.header_rows:
            marks.rows.setdefault(str(number), (_("header"), "header"))
    if explanation.task_column is not None:
        marks.put(explanation.task_column.column, _("tasks"), "task")
    for role in explanation.roles:
        marks.put(role.column, role_words(role), "role")
    for decision in explanation.decisions:
        if decision.what == "phase-column":
            marks.put(decision.choice, _("phases"), "other")
        elif decision.what == "group-column":
            marks.put(decision.choice, _("groups"), "other")
    for column, used_as in explanation.other_columns:
        marks.put(column.column, not_role_words(used_as), "other")
    for item in explanation.ignored:
        if match := _CELL.match(item.where):
            marks.cells[(match.group(2), match.group(3))] = ignored_words(item)
        elif _PLACE.match(item.where):
            why = str(IGNORED_SHORT[item.code]) if item.code in IGNORED_SHORT else ignored_words(item)
            marks.put(item.where, _("left out: %(why)s") % {"why": why}, "ignored")
    return marks


def display_grid(detection: Detection, *, data: bytes, filename: str, suffix: str) -> Grid | None:
    """The grid to show: the detector's, turned back to the file's own orientation; for a file in
    Accord's own layout (read by the strict reader), its sheet read again."""
    grid = detection.grid
    if grid is not None:
        return grid.turned() if grid.transposed else grid
    table = detection.explanation.table
    try:
        grids = read_grids(data, where=filename, suffix=suffix)
    except InvalidInput:  # the preview still shows the playbook without its cells
        return None
    wanted = table.sheet if table else None
    return next((grid for grid in grids if grid.sheet == wanted), grids[0] if grids else None)


def _span(merge: Merge | None, row: int, column: int, last_row: int, last_column: int) -> tuple[int, int]:
    if merge is None or (merge.first_row, merge.first_column) != (row, column):
        return 1, 1
    return (
        min(merge.last_column, last_column) - column + 1,
        min(merge.last_row, last_row) - row + 1,
    )


def grid_view(grid: Grid, explanation: Explanation) -> GridView:
    """The file's cells as a spreadsheet shows them, each row and column marked in words."""
    marks = _marks(explanation)
    table = explanation.table
    unknown = set(explanation.letters.unknown)
    shown_rows = min(grid.height, MAX_ROWS)
    shown_columns = min(grid.width, MAX_COLUMNS)
    columns = []
    for column in range(shown_columns):
        name = str(grid.file_column(0, column))
        mark, kind = marks.columns.get(name, ("", ""))
        columns.append(GridColumn(name, mark, kind))
    covered: set[tuple[int, int]] = set()
    rows = []
    for row in range(shown_rows):
        number = str(grid.file_row(row, 0))
        mark, kind = marks.rows.get(number, ("", ""))
        if not kind and table is not None and not table.first_row <= int(number) <= table.last_row:
            kind = "outside"
        cells = []
        for column in range(shown_columns):
            if (row, column) in covered:
                continue
            colspan, rowspan = _span(
                grid.merge_at(row, column), row, column, shown_rows - 1, shown_columns - 1
            )
            for extra_row in range(row, row + rowspan):
                for extra_column in range(column, column + colspan):
                    covered.add((extra_row, extra_column))
            text = text_of(grid.value(row, column))
            shown = text if len(text) <= _CELL_CHARS else text[: _CELL_CHARS - 1] + "…"
            tokens = set(re.findall(r"[A-Za-z]+", text))
            cell_kind = kind or columns[column].kind
            if (number, columns[column].name) in marks.cells:
                cell_kind = "ignored"
            cells.append(
                GridCell(
                    text=shown,
                    colspan=colspan,
                    rowspan=rowspan,
                    kind=cell_kind,
                    unknown=next(iter(sorted(tokens & unknown)), ""),
                )
            )
        rows.append(GridRow(number, mark, kind, tuple(cells)))
    return GridView(
        sheet=grid.sheet,
        row_word=_("Row") if grid.columns_are_letters else _("Line"),
        columns=tuple(columns),
        rows=tuple(rows),
        more_rows=grid.height - shown_rows,
        more_columns=grid.width - shown_columns,
    )


# The explanation in words


@dataclass(frozen=True, slots=True)
class DecisionLine:
    what: str
    choice: str
    confidence: str
    why: str  # the core's English reasons (shown with lang="en")
    why_lang: str


@dataclass(frozen=True, slots=True)
class RoleLine:
    line: str  # where the role is in the file ("C", "row 5")
    name: str
    side: str
    side_from: str
    title: str


@dataclass(frozen=True, slots=True)
class LetterLine:
    letter: str
    means: str
    source: str


@dataclass(frozen=True, slots=True)
class ExplanationView:
    confidence: str
    sheet: str | None
    decisions: tuple[DecisionLine, ...]
    roles: tuple[RoleLine, ...]
    warnings: tuple[tuple[str, str], ...]
    ignored: tuple[tuple[str, str], ...]
    letters: tuple[LetterLine, ...]
    unknown: tuple[str, ...]
    phases: tuple[str, ...]


def _choice_words(what: str, choice: str) -> str:
    if what in ("header", "task-column", "phase-column", "group-column"):
        return place(choice)
    return str(CHOICE_WORDS.get(choice, choice))


def _why(why: str) -> str:
    return _("chosen by you") if why == "chosen by you" else why


def _letter_source(source: str) -> str:
    if source in LETTER_SOURCE_WORDS:
        return str(LETTER_SOURCE_WORDS[source])
    if source.startswith("legend"):
        return _("the file's legend")
    return source


def _meaning_words(means: str) -> str:
    return _("ignored") if means == "(ignored)" else means


def explanation_view(explanation: Explanation) -> ExplanationView:
    return ExplanationView(
        confidence=percent(explanation.confidence),
        sheet=explanation.table.sheet if explanation.table else None,
        decisions=tuple(
            DecisionLine(
                what=str(DECISION_WORDS.get(decision.what, decision.what)),
                choice=_choice_words(decision.what, decision.choice),
                confidence=percent(decision.confidence),
                why=_why(decision.why),
                why_lang=get_language() if decision.why == "chosen by you" else "en",
            )
            for decision in explanation.decisions
        ),
        roles=tuple(
            RoleLine(
                line=place(role.column) if " " in role.column else role.column,
                name=role.name,
                side=str(SIDE_WORDS.get(role.side, role.side)),
                side_from=str(SIDE_FROM_WORDS.get(role.side_from, role.side_from)),
                title=role.title,
            )
            for role in explanation.roles
        ),
        warnings=tuple(warning_words(notice, explanation) for notice in explanation.warnings),
        ignored=tuple((place(item.where), ignored_words(item)) for item in explanation.ignored),
        letters=tuple(
            LetterLine(letter, _meaning_words(means), _letter_source(source))
            for letter, means, source in explanation.letters.letters
            if source != "RACI"
        ),
        unknown=explanation.letters.unknown,
        phases=explanation.phases.names if explanation.phases else (),
    )


# What the correction form offers


@dataclass(frozen=True, slots=True)
class LineChoice:
    value: str  # what DetectionOptions takes: a column letter (or a row number, roles as rows)
    label: str  # "C — Project Manager"
    mark: str = ""  # what the detector made of it, in words


@dataclass(frozen=True, slots=True)
class RoleChoice:
    line: str  # the role's column letter (or row number, roles as rows)
    name: str
    label: str
    detected_side: str
    side_from: str


@dataclass(frozen=True, slots=True)
class CorrectionChoices:
    """What the form may change, from the detection the person is looking at."""

    turned: bool
    header_rows: tuple[LineChoice, ...]
    detected_header: str
    lines: tuple[LineChoice, ...]
    detected_task: str
    detected_roles: frozenset[str]
    roles: tuple[RoleChoice, ...]
    letters: tuple[str, ...]  # unknown letters, then those already explained by the person


def _titles(explanation: Explanation, grid: Grid | None) -> dict[str, str]:
    titles: dict[str, str] = {}
    for info, _use in explanation.other_columns:
        titles[_line_of(info.column)[1]] = info.title
    if explanation.task_column:
        titles[_line_of(explanation.task_column.column)[1]] = explanation.task_column.title
    for role in explanation.roles:
        titles[_line_of(role.column)[1]] = role.title
    table = explanation.table
    if grid is not None and table is not None and table.header_rows and table.orientation == "tasks-as-rows":
        header = table.header_rows[-1]
        for row in range(grid.height):
            if grid.file_row(row, 0) == header:
                for column in range(grid.width):
                    titles.setdefault(str(grid.file_column(row, column)), text_of(grid.value(row, column)))
    return titles


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def correction_choices(
    explanation: Explanation, grid: Grid | None, options: DetectionOptions
) -> CorrectionChoices:
    table = explanation.table
    turned = table is not None and table.orientation == "roles-as-rows"
    titles = _titles(explanation, grid)
    marks = _marks(explanation)
    lines: list[LineChoice] = []
    header_rows: list[LineChoice] = []
    if grid is not None:
        for row in range(min(grid.height, HEADER_CHOICES)):
            texts = [text_of(value) for value in grid.rows[row] if text_of(value).strip()]
            number = str(grid.file_row(row, 0))
            label = (_("Row %(row)s") if grid.columns_are_letters else _("Line %(row)s")) % {"row": number}
            header_rows.append(
                LineChoice(number, f"{label} — {_short(', '.join(texts))}" if texts else label)
            )
        if turned:
            first, last = (table.first_row, table.last_row) if table else (1, grid.height)
            names = [str(grid.file_row(row, 0)) for row in range(grid.height)]
            wanted = [name for name in names if first <= int(name) <= last]
        else:
            names = [str(grid.file_column(0, column)) for column in range(min(grid.width, MAX_COLUMNS))]
            if table is not None and table.first_column and table.last_column and table.first_column in names:
                last_index = (
                    names.index(str(table.last_column)) if str(table.last_column) in names else len(names)
                )
                wanted = names[names.index(str(table.first_column)) : last_index + 1]
            else:
                wanted = names
        for name in wanted:
            title = _short(titles.get(name, ""))
            label = (_("Row %(row)s") % {"row": name}) if turned else name
            mark = (marks.rows if turned else marks.columns).get(name, ("", ""))[0]
            lines.append(LineChoice(name, f"{label} — {title}" if title else label, mark))
    answered = [letter for letter in sorted(options.letters) if letter not in explanation.letters.unknown]
    return CorrectionChoices(
        turned=turned,
        header_rows=tuple(header_rows),
        detected_header=str(table.header_rows[-1]) if table and table.header_rows else "",
        lines=tuple(lines),
        detected_task=_line_of(explanation.task_column.column)[1] if explanation.task_column else "",
        detected_roles=frozenset(_line_of(role.column)[1] for role in explanation.roles),
        roles=tuple(
            RoleChoice(
                line=_line_of(role.column)[1],
                name=role.name,
                label=role.name
                if role.name == role.title or not role.title
                else f"{role.name} ({_short(role.title)})",
                detected_side=role.side,
                side_from=role.side_from,
            )
            for role in explanation.roles
        ),
        letters=tuple(explanation.letters.unknown) + tuple(answered),
    )


def roles_named(explanation: Explanation) -> set[str]:
    """Every name a side may be given by: a role's name and its title, in lower case."""
    return {name.lower() for role in explanation.roles for name in (role.name, role.title) if name}


def side_of(value: str) -> Side | None:
    try:
        return Side(value)
    except ValueError:
        return None


def line_names(lines: Iterable[LineChoice]) -> list[str]:
    return [line.value for line in lines]
