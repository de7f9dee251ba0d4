"""The matrix as an XLSX workbook: a cover sheet, the matrix, the roles, and a legend.

The matrix sheet follows the shared layout, with a band row at the top of each phase, the
title row frozen together with the Phase, Group and Task columns, every RACI cell coloured by
its first letter (R, A, C, I, N/A) while keeping the letters as text, and a hidden trailing
``Key`` column holding each task's (and, on band rows, each phase's) key. The cover sheet
holds the playbook's key, name, version, source, role keys, variants and change log, so that
importing the workbook gives back what the layout alone could not. The Roles sheet says what
each role is and does (description, responsibilities), and is read back too.

Written in openpyxl's write-only mode: rows stream to the file, and RACI cells reuse one
styled cell per value, which keeps a 5,000 × 30 matrix within a couple of seconds.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from accord.domain.playbook import Playbook
from accord.domain.raci import Raci
from accord.formats.matrix.layout import (
    FIXED_COLUMNS,
    KEY,
    LETTER_FILLS,
    LETTER_MEANINGS,
    header,
    iter_rows,
    letter_of,
    matrix_roles,
)
from accord.formats.matrix.safety import escape_ooxml, is_formula_like
from accord.formats.matrix.timing_columns import TIMING_COLUMNS, go_live_key, timing_cells

MATRIX_SHEET = "Matrix"
ROLES_SHEET = "Roles"
#: Titles of the Roles sheet: what each role is and does (responsibilities one a line).
ROLE_SHEET_COLUMNS = ("Side", "Name", "Key", "Description", "Responsibilities")
COVER_SHEET = "Cover"
LEGEND_SHEET = "Legend"
COVER_TITLE = "Accord playbook"

# Cover sheet labels, shared with the reader.
COVER_FIELDS = ("Key", "Name", "Version", "Description", "Language")
SOURCE_FIELDS = ("Source file", "Source title", "Source vendor", "Source language", "Source URL")
ROLES_SECTION = "Roles"
ROLES_COLUMNS = ("Column", "Key", "Side", "Name")
VARIANTS_SECTION = "Variants"
VARIANTS_COLUMNS = ("Key", "Name", "Description")
CHANGE_LOG_SECTION = "Change log"
CHANGE_LOG_COLUMNS = ("Version", "Date", "Author", "Description")

HEADER_FILL = "1F3A5F"
BAND_FILL = "D5DEE8"
_COLUMN_WIDTHS = {"Phase": 22, "Group": 20, "Task": 42, "Details": 44, "Timeframe": 24, "Variants": 16}
_ROLE_WIDTH = 13
_TIMING_WIDTHS = {"Duration": 18, "Depends on": 30, "Milestone": 10, "Go-live": 9, "Sessions": 18}


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def styled_text_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """A text cell, escaped for XML and never run as a formula, ready to take a style."""
    cell = WriteOnlyCell(sheet, escape_ooxml(text) or None)
    if cell.value is not None:
        # openpyxl would store text starting with "=" as a formula; force a text cell.
        cell.data_type = "s"
        if is_formula_like(cell.value):
            # Excel's quote prefix: editing the cell in Excel keeps it text too.
            cell.quotePrefix = True
    return cell


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> str | WriteOnlyCell | None:
    """A text value as an XLSX cell: a plain string where that is safe (the fast path)."""
    value = escape_ooxml(text)
    if not value:
        return None
    if not is_formula_like(value):
        return value
    return styled_text_cell(sheet, text)


class _MatrixStyles:
    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.raci_cells: dict[Raci, WriteOnlyCell] = {}
        self.band = _fill(BAND_FILL)
        self.bold = Font(bold=True)

    def raci(self, value: Raci) -> WriteOnlyCell | None:
        # One styled cell per value: the write-only sheet writes each cell as soon as it is
        # given, so the same object can stand in every row (styling a fresh cell per RACI
        # cell would take most of the export time).
        if value.is_empty:
            return None
        cell = self.raci_cells.get(value)
        if cell is None:
            cell = WriteOnlyCell(self.sheet, value.canonical)
            cell.fill = _fill(LETTER_FILLS[letter_of(value)])
            cell.alignment = Alignment(horizontal="center", vertical="top")
            self.raci_cells[value] = cell
        return cell

    def band_row(self, phase_name: str, key: str, width: int) -> list[object]:
        title = styled_text_cell(self.sheet, phase_name)
        title.font = self.bold
        title.fill = self.band
        cells: list[object] = [title]
        for _ in range(width - 1):
            filler = WriteOnlyCell(self.sheet)
            filler.fill = self.band
            cells.append(filler)
        cells.append(text_cell(self.sheet, key))
        return cells


def _write_matrix(sheet: WriteOnlyWorksheet, playbook: Playbook) -> None:
    titles = header(playbook)
    width = len(titles)
    for index, title in enumerate(titles, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _COLUMN_WIDTHS.get(title, _ROLE_WIDTH)
    for index, title in enumerate(TIMING_COLUMNS, start=width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = _TIMING_WIDTHS[title]
    sheet.column_dimensions[get_column_letter(width + len(TIMING_COLUMNS) + 1)].hidden = True
    sheet.freeze_panes = f"{get_column_letter(FIXED_COLUMNS.index('Task') + 2)}2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    styles = _MatrixStyles(sheet)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = _fill(HEADER_FILL)
    header_alignment = Alignment(wrap_text=True, vertical="center")
    header_cells = []
    for title in [*titles, *TIMING_COLUMNS, KEY]:
        cell = styled_text_cell(sheet, title)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = header_alignment
        header_cells.append(cell)
    sheet.append(header_cells)
    roles = matrix_roles(playbook)
    text_count = len(FIXED_COLUMNS)
    go_live = go_live_key(playbook)
    known = {task.key for task in playbook.tasks}
    for row in iter_rows(playbook, headings="all"):
        if row.task is None:
            sheet.append(styles.band_row(row.phase.name, row.phase.key, width + len(TIMING_COLUMNS)))
            continue
        task = row.task
        cells: list[object] = [text_cell(sheet, text) for text in row.cells[:text_count]]
        cells.extend(styles.raci(task.cell(role.key)) for role in roles)
        cells.extend(text_cell(sheet, text) for text in timing_cells(task, go_live, known))
        cells.append(text_cell(sheet, task.key))
        sheet.append(cells)


def _append_text_row(sheet: WriteOnlyWorksheet, values: Iterable[str], font: Font | None = None) -> None:
    cells: list[object] = []
    for value in values:
        if font is None:
            cells.append(text_cell(sheet, value))
        else:
            cell = styled_text_cell(sheet, value)
            cell.font = font
            cells.append(cell)
    sheet.append(cells)


def _write_cover(sheet: WriteOnlyWorksheet, playbook: Playbook) -> None:
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 16
    sheet.column_dimensions["D"].width = 50
    bold = Font(bold=True)
    _append_text_row(sheet, [COVER_TITLE], Font(bold=True, size=14))
    sheet.append([])
    values = [playbook.key, playbook.name, playbook.version, playbook.description, playbook.language]
    for label, value in zip(COVER_FIELDS, values, strict=True):
        sheet.append([label, text_cell(sheet, value)])
    if playbook.source is not None:
        source = playbook.source
        source_values = [source.file, source.title, source.vendor, source.language, source.url]
        for label, value in zip(SOURCE_FIELDS, source_values, strict=True):
            sheet.append([label, text_cell(sheet, value)])
    sheet.append([])
    _append_text_row(sheet, [ROLES_SECTION], bold)
    _append_text_row(sheet, ROLES_COLUMNS, bold)
    for role in matrix_roles(playbook):
        _append_text_row(sheet, [role.label, role.key, role.side.label, role.name])
    sheet.append([])
    _append_text_row(sheet, [VARIANTS_SECTION], bold)
    _append_text_row(sheet, VARIANTS_COLUMNS, bold)
    for variant in playbook.variants:
        _append_text_row(sheet, [variant.key, variant.name, variant.description])
    sheet.append([])
    _append_text_row(sheet, [CHANGE_LOG_SECTION], bold)
    _append_text_row(sheet, CHANGE_LOG_COLUMNS, bold)
    for entry in playbook.change_log:
        sheet.append(
            [
                text_cell(sheet, entry.version),
                entry.date,
                text_cell(sheet, entry.author),
                text_cell(sheet, entry.description),
            ]
        )


def _write_roles(sheet: WriteOnlyWorksheet, playbook: Playbook) -> None:
    for letter, width in zip("ABCDE", (12, 30, 28, 60, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    _append_text_row(sheet, ROLE_SHEET_COLUMNS, Font(bold=True))
    wrapped = Alignment(wrap_text=True, vertical="top")
    for role in matrix_roles(playbook):
        cells = []
        for value in (
            role.side.label,
            role.name,
            role.key,
            role.description,
            "\n".join(role.responsibilities),
        ):
            cell = styled_text_cell(sheet, value)
            cell.alignment = wrapped
            cells.append(cell)
        sheet.append(cells)


def _write_legend(sheet: WriteOnlyWorksheet) -> None:
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 60
    bold = Font(bold=True)
    _append_text_row(sheet, ["Letter", "Meaning"], bold)
    for letter, meaning in LETTER_MEANINGS.items():
        cell = WriteOnlyCell(sheet, letter)
        cell.fill = _fill(LETTER_FILLS[letter])
        cell.alignment = Alignment(horizontal="center")
        sheet.append([cell, meaning])
    sheet.append([])
    sheet.append(
        ["R/A", "Several letters join with '/' in R, A, C, I order; the cell takes the first one's colour."]
    )
    sheet.append([None, "An empty cell: the role has no part in the task either way."])


def matrix_to_xlsx(playbook: Playbook) -> bytes:
    """The playbook as an XLSX workbook (cover, matrix, roles, legend); no cell holds a formula."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = escape_ooxml(playbook.name)
    workbook.properties.creator = "Accord"
    cover = workbook.create_sheet(COVER_SHEET)
    matrix = workbook.create_sheet(MATRIX_SHEET)
    roles = workbook.create_sheet(ROLES_SHEET)
    legend = workbook.create_sheet(LEGEND_SHEET)
    cover.sheet_view.tabSelected = False
    matrix.sheet_view.tabSelected = True
    workbook.active = 1
    _write_cover(cover, playbook)
    _write_matrix(matrix, playbook)
    _write_roles(roles, playbook)
    _write_legend(legend)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
