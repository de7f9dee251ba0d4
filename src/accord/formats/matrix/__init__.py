"""The RACI matrix as files: CSV, XLSX, Markdown and HTML exports, CSV and XLSX imports.

Every format follows one layout (:mod:`accord.formats.matrix.layout`); exports are formula-safe
and imports check every cell, reporting all problems of a file at once
(:class:`~accord.domain.errors.InvalidInput`), without returning half a playbook.
"""

from __future__ import annotations

from pathlib import Path

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import Playbook
from accord.formats.matrix.csv_format import matrix_from_csv, matrix_to_csv
from accord.formats.matrix.html import matrix_to_html
from accord.formats.matrix.markdown import matrix_to_markdown
from accord.formats.matrix.safety import check_file_size
from accord.formats.matrix.xlsx import matrix_to_xlsx
from accord.formats.matrix.xlsx_reader import matrix_from_xlsx

IMPORT_SUFFIXES = (".csv", ".xlsx")

__all__ = [
    "IMPORT_SUFFIXES",
    "import_matrix",
    "matrix_from_csv",
    "matrix_from_xlsx",
    "matrix_to_csv",
    "matrix_to_html",
    "matrix_to_markdown",
    "matrix_to_xlsx",
]


def _problem(path: Path, code: str, message: str, hint: str) -> InvalidInput:
    return InvalidInput([Problem(code=code, message=message, hint=hint, where=path.name)])


def import_matrix(path: Path, *, key: str | None = None, name: str | None = None) -> Playbook:
    """Read a matrix file (.csv or .xlsx, chosen by its suffix) into a playbook.

    ``key`` and ``name`` override the playbook's key and name (by default taken from an XLSX
    cover sheet, else from the file name).

    Raises :class:`InvalidInput` for any other suffix, a file that cannot be read, and every
    problem inside the file.
    """
    suffix = path.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise _problem(
            path,
            "matrix-unknown-format",
            f"cannot import a {suffix or 'suffix-less'} file as a matrix",
            "save the matrix as .xlsx (Excel Workbook) or .csv (CSV UTF-8)",
        )
    try:
        check_file_size(path.stat().st_size, where=path.name)
        data = path.read_bytes()
    except OSError as error:
        raise _problem(
            path, "matrix-unreadable", f"cannot read the file ({error.strerror})", "check the path"
        ) from error
    if suffix == ".csv":
        return matrix_from_csv(data, where=path.name, key=key, name=name)
    return matrix_from_xlsx(data, where=path.name, key=key, name=name)
