"""The RACI matrix as files: CSV, XLSX, Markdown and HTML exports; CSV, XLSX and Markdown imports.

Every export follows one layout (:mod:`accord.formats.matrix.layout`) and is formula-safe.
Imports read Accord's own layout exactly and detect any other layout
(:mod:`accord.formats.matrix.detect`); they check every cell, reporting all problems of a file
at once (:class:`~accord.domain.errors.InvalidInput`), without returning half a playbook.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from accord.domain.playbook import Playbook
from accord.formats.matrix.csv_format import matrix_from_csv, matrix_to_csv
from accord.formats.matrix.detect import Detection, DetectionOptions, detect
from accord.formats.matrix.explain import Explanation
from accord.formats.matrix.html import matrix_to_html
from accord.formats.matrix.importing import IMPORT_SUFFIXES, detect_matrix, detect_matrix_file
from accord.formats.matrix.markdown import matrix_to_markdown
from accord.formats.matrix.xlsx import matrix_to_xlsx
from accord.formats.matrix.xlsx_reader import matrix_from_xlsx

__all__ = [
    "IMPORT_SUFFIXES",
    "Detection",
    "DetectionOptions",
    "Explanation",
    "detect",
    "detect_matrix",
    "detect_matrix_file",
    "import_matrix",
    "matrix_from_csv",
    "matrix_from_xlsx",
    "matrix_to_csv",
    "matrix_to_html",
    "matrix_to_markdown",
    "matrix_to_xlsx",
]


def import_matrix(
    path: Path,
    *,
    key: str | None = None,
    name: str | None = None,
    options: DetectionOptions | None = None,
) -> Playbook:
    """Read a matrix file (.csv, .xlsx or .md, chosen by its suffix) into a playbook.

    Accord's own layout is read exactly; any other layout is detected
    (:func:`detect_matrix_file` gives the explanation too). ``key`` and ``name`` override the
    playbook's key and name (by default taken from an XLSX cover sheet, else from the file name).

    Raises :class:`InvalidInput` for any other suffix, a file that cannot be read, and every
    problem inside the file.
    """
    options = options or DetectionOptions()
    if key is not None or name is not None:
        options = replace(options, key=key or options.key, name=name or options.name)
    return detect_matrix_file(path, options=options).playbook_or_raise()
