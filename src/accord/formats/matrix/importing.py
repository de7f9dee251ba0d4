"""Importing any matrix file: Accord's own layout read exactly, anything else detected.

A CSV whose first row is Accord's layout (``Phase``, ``Task``… and ``<Side>: <Role>`` titles),
and a workbook whose matrix sheet starts with it, go through the strict readers, so that
Accord's own files round-trip exactly (cover sheet, keys, variants). Everything else — and an
Accord-layout file whose only problems are letters the strict reader does not know — goes through
the layout detector (:func:`accord.formats.matrix.detect.detect`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import Playbook
from accord.formats.matrix.csv_format import _delimiter, matrix_from_csv
from accord.formats.matrix.detect import Detection, DetectionOptions, detect
from accord.formats.matrix.explain import ColumnInfo, Decision, Explanation, PhaseInfo, RoleInfo, TableInfo
from accord.formats.matrix.grid import Grid
from accord.formats.matrix.layout import FIXED_COLUMNS, KEY, PHASE, TASK, parse_role_header
from accord.formats.matrix.safety import check_file_size, check_workbook_archive
from accord.formats.matrix.sources import grid_from_csv, grids_from_markdown, grids_from_xlsx
from accord.formats.matrix.timing_columns import TIMING_COLUMNS
from accord.formats.matrix.xlsx import COVER_SHEET, LEGEND_SHEET, MATRIX_SHEET, ROLES_SHEET
from accord.formats.matrix.xlsx_reader import _text, _unreadable, cell_value, matrix_from_xlsx

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
MARKDOWN_SUFFIXES = (".md", ".markdown")
IMPORT_SUFFIXES = (".csv", ".xlsx", *MARKDOWN_SUFFIXES, ".tsv", ".txt")
_STRICT_FALLBACK_CODES = frozenset({"matrix-unknown-letter"})


def is_accord_header(titles: Sequence[str]) -> bool:
    """Whether a title row is exactly Accord's layout (any order, any case)."""
    cleaned = [title.strip() for title in titles]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if not cleaned or not all(cleaned):
        return False
    known = {name.lower() for name in (*FIXED_COLUMNS, *TIMING_COLUMNS, KEY)}
    lowered = [title.lower() for title in cleaned]
    if PHASE.lower() not in lowered or TASK.lower() not in lowered:
        return False
    others = [title for title in cleaned if title.lower() not in known]
    roles = [title for title in others if (role := parse_role_header(title)) is not None and role.name]
    if not roles:
        return False
    # A file with Accord's timing or Key columns is Accord's own, edited: read it exactly, and
    # report a column it does not know together with every other problem.
    own = any(title.lower() in {name.lower() for name in (*TIMING_COLUMNS, KEY)} for title in cleaned)
    return own or len(roles) == len(others)


def _csv_header(data: bytes) -> tuple[list[str], int] | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False))
    return (records[0], len(records)) if records else None


def _xlsx_header(data: bytes, where: str) -> tuple[list[str], int, str] | None:
    check_workbook_archive(data, where=where)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged workbook
        raise _unreadable(where, error) from error
    try:
        names = workbook.sheetnames
        candidates = [name for name in names if name not in (COVER_SHEET, LEGEND_SHEET)]
        # Accord's Roles sheet is not the matrix, unless a workbook has no other sheet.
        candidates = [name for name in candidates if name != ROLES_SHEET] or candidates
        sheet_name = MATRIX_SHEET if MATRIX_SHEET in names else (candidates[0] if candidates else None)
        if sheet_name is None:
            return None
        sheet = workbook[sheet_name]
        rows = list(sheet.iter_rows(min_row=1, max_row=1, max_col=600))
        titles = [_text(cell_value(cell)) for cell in rows[0]] if rows else []
        return titles, int(sheet.max_row or 1), sheet_name
    except Exception as error:
        raise _unreadable(where, error) from error
    finally:
        workbook.close()


def _accord_explanation(
    playbook: Playbook, titles: list[str], *, where: str, sheet: str | None, rows: int
) -> Explanation:
    columns = {title.strip().lower(): index for index, title in enumerate(titles)}
    role_indexes = [index for index, title in enumerate(titles) if parse_role_header(title.strip())]
    roles = tuple(
        RoleInfo(
            column=f"column {get_column_letter(index + 1)}",
            name=role.name,
            side=role.side.value,
            side_from="title",
            title=titles[index].strip(),
            key=role.key,
        )
        for index, role in zip(role_indexes, playbook.roles, strict=False)
    )
    task_index = columns[TASK.lower()]
    return Explanation(
        file=where,
        layout="accord",
        table=TableInfo(
            sheet=sheet,
            first_row=1,
            last_row=rows,
            orientation="tasks-as-rows",
            header_rows=(1,),
            first_column="A",
            last_column=get_column_letter(len([title for title in titles if title.strip()])),
        ),
        task_column=ColumnInfo(f"column {get_column_letter(task_index + 1)}", titles[task_index].strip()),
        phases=PhaseInfo(
            source="column",
            names=tuple(phase.name for phase in playbook.phases),
            column=f"column {get_column_letter(columns[PHASE.lower()] + 1)}",
        ),
        roles=roles,
        decisions=(Decision("layout", "accord", 1.0, "the first row is Accord's own layout: read exactly"),),
    )


def read_grids(data: bytes, *, where: str, suffix: str) -> list[Grid]:
    """The grids of a file for the detector, by its suffix."""
    if suffix in MARKDOWN_SUFFIXES:
        return grids_from_markdown(data, where=where)
    if suffix == ".xlsx":
        return grids_from_xlsx(data, where=where)
    grid, _, _ = grid_from_csv(data, where=where)
    return [grid]


def detect_matrix(
    data: bytes, *, where: str, suffix: str, options: DetectionOptions | None = None
) -> Detection:
    """Read a matrix file's bytes: Accord's layout exactly, any other layout by detection.

    Raises :class:`InvalidInput` only for a file that cannot be read at all (not a workbook,
    a zip bomb, entities, macros, empty, too large); problems with the matrix itself are in
    the returned :class:`Detection` (``problems``), with its explanation.
    """
    options = options or DetectionOptions()
    suffix = suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise InvalidInput(
            [
                Problem(
                    code="matrix-unknown-format",
                    message=f"cannot import a {suffix or 'suffix-less'} file as a matrix",
                    hint="save the matrix as .xlsx (Excel Workbook), .csv or .md (a Markdown table)",
                    where=where,
                )
            ]
        )
    accord: tuple[list[str], int, str | None] | None = None
    if suffix in CSV_SUFFIXES and not data.startswith(b"PK\x03\x04"):
        header = _csv_header(data)
        accord = (header[0], header[1], None) if header else None
    elif suffix == ".xlsx":
        accord = _xlsx_header(data, where)
    if accord is not None and is_accord_header(accord[0]) and options.sheet in (None, accord[2]):
        titles, rows, sheet = accord
        try:
            if suffix == ".xlsx":
                playbook = matrix_from_xlsx(data, where=where, key=options.key, name=options.name)
            else:
                playbook = matrix_from_csv(data, where=where, key=options.key, name=options.name)
        except InvalidInput as error:
            if not error.problems or any(
                problem.code not in _STRICT_FALLBACK_CODES for problem in error.problems
            ):
                raise
        else:
            explanation = _accord_explanation(playbook, titles, where=where, sheet=sheet, rows=rows)
            return Detection(playbook, explanation)
    return detect(read_grids(data, where=where, suffix=suffix), where=where, options=options)


def detect_matrix_file(path: Path, *, options: DetectionOptions | None = None) -> Detection:
    """:func:`detect_matrix` on a file (its name in every message)."""
    suffix = path.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        return detect_matrix(b"", where=path.name, suffix=suffix, options=options)
    try:
        check_file_size(path.stat().st_size, where=path.name)
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(
            [
                Problem(
                    code="matrix-unreadable",
                    message=f"cannot read the file ({error.strerror})",
                    hint="check the path",
                    where=path.name,
                )
            ]
        ) from error
    return detect_matrix(data, where=path.name, suffix=suffix, options=options)
