"""Files turned into grids for the layout detector: CSV, every sheet of a workbook, Markdown.

- **CSV** in any usual encoding (UTF-8 with or without a byte-order mark, UTF-16 with one,
  Windows-1252 as older Excel writes it) and any usual separator (comma, semicolon, tab, pipe),
  sniffed from the first lines rather than from the title row alone, since a title may come first.
- **XLSX**: the same archive checks as the strict reader (size, zip bomb, macros, entities), then
  every sheet with its merged ranges (openpyxl's full mode: the read-only mode has no merges).
- **Markdown**: every pipe table, with or without the outer pipes, with tabs around cells;
  consecutive tables with the same titles become one grid, each one's heading a phase row.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from typing import Any

from openpyxl import load_workbook

from accord.domain.errors import InvalidInput, Problem
from accord.formats.matrix.grid import Grid, Merge
from accord.formats.matrix.reading import CellValue
from accord.formats.matrix.safety import (
    MAX_ROLE_COLUMNS,
    MAX_TASK_ROWS,
    check_size,
    check_workbook_archive,
    restore_formula,
)
from accord.formats.matrix.xlsx_reader import _unreadable, cell_value

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_LINES = 60
_MAX_COLUMNS = MAX_ROLE_COLUMNS + 50
_MAX_ROWS = MAX_TASK_ROWS + 200


def _refuse(where: str, code: str, message: str, hint: str, line: int | None = None) -> InvalidInput:
    return InvalidInput([Problem(code=code, message=message, hint=hint, where=where, line=line)])


def decode_text(data: bytes | str, *, where: str) -> tuple[str, str]:
    """The text of a file and the encoding it was read in; refuses zip archives and binaries."""
    if isinstance(data, str):
        check_size(data.encode("utf-8"), where=where)
        return data.removeprefix("\ufeff"), "text"
    check_size(data, where=where)
    if data.startswith(b"PK\x03\x04"):
        raise _refuse(
            where,
            "matrix-not-csv",
            "this is a zip archive (an XLSX workbook?), not a CSV file",
            "name the file .xlsx, or save it as CSV UTF-8",
        )
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding).removeprefix("\ufeff"), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:65536]:
        raise _refuse(
            where,
            "matrix-not-csv",
            "this is a binary file, not CSV text",
            "save the matrix as 'CSV UTF-8 (comma delimited)' and upload that file",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Excel's "CSV (comma delimited)" on Windows writes Windows-1252; the few bytes
    # it leaves undefined are read as Latin-1 so that nothing is lost.
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The separator that splits the most of the first lines into the same number of cells."""
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            widths = [len(record) for record in csv.reader(lines, delimiter=delimiter, strict=False)]
        except csv.Error:
            continue
        counts = Counter(width for width in widths if width > 1)
        if not counts:
            continue
        width, rows = counts.most_common(1)[0]
        score = rows * 1000 + width
        if score > best_score:
            best, best_score = delimiter, score
    return best


def grid_from_csv(data: bytes | str, *, where: str) -> tuple[Grid, str, str]:
    """The CSV's grid, with the encoding and the separator it was read with."""
    text, encoding = decode_text(data, where=where)
    if not text.strip():
        raise _refuse(
            where, "matrix-empty", "the file is empty", "export the matrix again and upload that file"
        )
    delimiter = sniff_delimiter(text)
    rows: list[tuple[CellValue, ...]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        for record in reader:
            if len(rows) >= _MAX_ROWS:
                raise _refuse(
                    where,
                    "matrix-too-large",
                    f"the file has more than {MAX_TASK_ROWS} rows",
                    "split the playbook",
                    line=reader.line_num,
                )
            rows.append(tuple(restore_formula(cell) for cell in record[:_MAX_COLUMNS]))
    except csv.Error as error:
        raise _refuse(
            where,
            "matrix-bad-csv",
            f"the CSV cannot be read: {error}",
            "check the quotes on this line, or save the file again from your spreadsheet",
            line=reader.line_num,
        ) from error
    return Grid.of(rows, where=where), encoding, delimiter


def grids_from_xlsx(data: bytes, *, where: str) -> list[Grid]:
    """One grid per sheet, in the workbook's order, with its merged ranges."""
    check_workbook_archive(data, where=where)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=False, data_only=False, keep_links=False)
    except InvalidInput:
        raise
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged workbook
        raise _unreadable(where, error) from error
    grids = []
    try:
        for sheet in workbook.worksheets:
            grids.append(_sheet_grid(sheet, where=where))
    except InvalidInput:
        raise
    except Exception as error:
        raise _unreadable(where, error) from error
    finally:
        workbook.close()
    return grids


def _sheet_grid(sheet: Any, *, where: str) -> Grid:
    sheet_where = f"{where}, sheet {sheet.title}"
    height = min(sheet.max_row or 0, _MAX_ROWS + 1)
    if height > _MAX_ROWS:
        raise _refuse(
            sheet_where,
            "matrix-too-large",
            f"the sheet has more than {MAX_TASK_ROWS} rows",
            "split the playbook",
        )
    width = min(sheet.max_column or 0, _MAX_COLUMNS)
    rows: list[list[CellValue]] = []
    for row in sheet.iter_rows(min_row=1, max_row=max(height, 1), max_col=max(width, 1)):
        values = [cell_value(cell) for cell in row]
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    merges = [
        Merge(merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1)
        for merged in sheet.merged_cells.ranges
        if merged.min_row - 1 < len(rows)
    ]
    return Grid.of(rows, where=sheet_where, sheet=sheet.title, merges=merges)


_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&])")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _split_pipe_row(line: str) -> list[str]:
    text = line.strip().replace("\t", " ")
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    cells.append("".join(current))
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and not text.endswith("\\|") and cells:
        cells = cells[:-1]
    return [_ESCAPED.sub(r"\1", _BREAK.sub("\n", cell.strip())) for cell in cells]


def _is_table_line(line: str) -> bool:
    stripped = line.strip()
    return "|" in stripped.replace("\\|", "") and not _FENCE.match(line)


_Table = tuple[str, list[tuple[int, list[str]]]]  # the heading before it, its numbered rows


def _markdown_tables(lines: list[str]) -> list[_Table]:
    """The pipe tables of a Markdown text (not inside code fences), each with its heading."""
    tables: list[_Table] = []
    heading = ""
    in_fence = False
    block: list[tuple[int, str]] = []

    def close() -> None:
        nonlocal heading
        has_separator = len(block) >= 2 and _SEPARATOR_ROW.match(block[1][1]) is not None
        if has_separator or len(block) >= 3:
            rows = [(number, _split_pipe_row(raw)) for number, raw in block if not _SEPARATOR_ROW.match(raw)]
            tables.append((heading, rows))
            heading = ""
        block.clear()

    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and _is_table_line(line):
            block.append((number, line))
            continue
        if block:
            close()
        heading_match = None if in_fence else _HEADING.match(line)
        if heading_match:
            heading = heading_match.group(1)
    if block:
        close()
    return tables


def grids_from_markdown(data: bytes | str, *, where: str) -> list[Grid]:
    """One grid per pipe table (tables with the same titles in a row make one grid)."""
    text, _ = decode_text(data, where=where)
    tables = _markdown_tables(text.splitlines())
    if not tables:
        raise _refuse(
            where,
            "matrix-no-table",
            "this Markdown file has no pipe table",
            "write the matrix as a table: a title row, a row of dashes (| --- | --- |), "
            "then one row per task",
        )
    # Tables with the same titles one after the other are one matrix cut by headings (a
    # table per phase): they become one grid, each table's heading a phase row above its rows.
    runs: list[list[_Table]] = []
    for table in tables:
        titles = [cell.lower() for cell in table[1][0][1]]
        if runs and [cell.lower() for cell in runs[-1][0][1][0][1]] == titles:
            runs[-1].append(table)
        else:
            runs.append([table])
    grids: list[Grid] = []
    for number, run in enumerate(runs, start=1):
        rows = [run[0][1][0]]
        for heading_text, table_rows in run:
            if heading_text and len(run) > 1:
                rows.append((table_rows[0][0] - 1, [heading_text]))
            rows.extend(table_rows[1:])
        grids.append(
            Grid.of(
                [tuple(cells) for _, cells in rows],
                where=f"{where}, table {number}" if len(runs) > 1 else where,
                sheet=f"table {number}",
                row_numbers=[line for line, _ in rows],
                columns_are_letters=False,
            )
        )
    return grids
