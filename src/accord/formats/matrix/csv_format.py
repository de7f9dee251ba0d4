"""The matrix as CSV: UTF-8, comma-separated, one title row, one row per task.

Cells a spreadsheet would run as a formula get a leading ``'`` on export, which the import
takes off again (see :mod:`accord.formats.matrix.safety`). The import also reads files
saved with a byte-order mark, and files separated by semicolons or tabs, as spreadsheet
programs in many locales write them.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from openpyxl.utils.cell import get_column_letter

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import Playbook
from accord.formats.matrix.layout import file_header, iter_rows, slug
from accord.formats.matrix.reading import CellValue, MatrixMetadata, build_playbook
from accord.formats.matrix.safety import (
    MAX_TASK_ROWS,
    check_size,
    neutralise_formula,
    restore_formula,
)
from accord.formats.matrix.timing_columns import TIMING_COLUMNS, go_live_key, timing_cells


def matrix_to_csv(playbook: Playbook) -> str:
    """The playbook's matrix as CSV text (RFC 4180 line endings), formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise_formula(title) for title in file_header(playbook)])
    go_live = go_live_key(playbook)
    known = {task.key for task in playbook.tasks}
    blank = ("",) * len(TIMING_COLUMNS)
    for row in iter_rows(playbook, headings="empty"):
        if row.task is None:
            cells = (*row.cells, *blank, row.phase.key)
        else:
            cells = (*row.cells, *timing_cells(row.task, go_live, known), row.task.key)
        writer.writerow([neutralise_formula(cell) for cell in cells])
    return buffer.getvalue()


def _decode(data: bytes | str, where: str) -> str:
    check_size(data.encode("utf-8") if isinstance(data, str) else data, where=where)
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    hint = "save the matrix as 'CSV UTF-8 (comma delimited)' and upload that file"
    if data.startswith(b"PK\x03\x04"):
        raise InvalidInput(
            [
                Problem(
                    code="matrix-not-csv",
                    message="this is a zip archive (an XLSX workbook?), not a CSV file",
                    hint="name the file .xlsx, or save it as CSV UTF-8",
                    where=where,
                )
            ]
        )
    if b"\x00" in data[:65536]:
        raise InvalidInput(
            [
                Problem(
                    code="matrix-not-csv",
                    message="this is a binary file, not CSV text",
                    hint=hint,
                    where=where,
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidInput(
            [
                Problem(
                    code="matrix-not-utf8",
                    message=f"the file is not UTF-8 text (byte {error.start + 1} cannot be read)",
                    hint=hint,
                    where=where,
                    line=line,
                )
            ]
        ) from error


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter]) if any(counts.values()) else ","


def _default_key(where: str) -> str:
    return slug(PurePath(where).stem, fallback="imported-matrix")


def matrix_from_csv(
    data: bytes | str, *, where: str, key: str | None = None, name: str | None = None
) -> Playbook:
    """Read a matrix CSV into a playbook, or raise :class:`InvalidInput` with every problem.

    ``where`` names the file in messages. The playbook's key defaults to the slug of the file
    name, its name to the file name's stem, its version to ``"1"``.
    """
    text = _decode(data, where)
    if not text.strip():
        raise InvalidInput(
            [
                Problem(
                    code="matrix-empty",
                    message="the file is empty",
                    hint="export the matrix again and upload that file",
                    where=where,
                )
            ]
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    records: list[tuple[int, list[CellValue]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            if number > MAX_TASK_ROWS + 1:
                raise InvalidInput(
                    [
                        Problem(
                            code="matrix-too-large",
                            message=f"the file has more than {MAX_TASK_ROWS} rows",
                            hint="split the playbook",
                            where=where,
                            line=number,
                        )
                    ]
                )
            records.append((number, [restore_formula(cell) for cell in record]))
    except csv.Error as error:
        raise InvalidInput(
            [
                Problem(
                    code="matrix-bad-csv",
                    message=f"the CSV cannot be read: {error}",
                    hint="check the quotes on this line, or save the file again from your spreadsheet",
                    where=where,
                    line=reader.line_num,
                )
            ]
        ) from error
    header_cells = records[0][1] if records else []
    metadata = MatrixMetadata(
        key=key or _default_key(where), name=name or PurePath(where).stem or "Imported matrix"
    )
    return build_playbook(
        header_cells, records[1:], where=where, metadata=metadata, column_letter=get_column_letter
    )
