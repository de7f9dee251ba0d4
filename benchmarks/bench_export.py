"""Matrix files on a big playbook: 5,000 tasks × 30 roles; the XLSX export in under 3 s.

Baselines, measured in the same run on the same cells:
- XLSX export: openpyxl's write-only mode writing the same cell values with no styling, no
  formula safety, no cover or legend — the floor for any openpyxl export;
- CSV export: ``csv.writer`` writing the same values to an in-memory buffer;
- XLSX import: openpyxl's read-only mode reading every value of the exported workbook.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from openpyxl import Workbook, load_workbook

from accord.domain.playbook import Playbook
from accord.formats.matrix import matrix_from_xlsx, matrix_to_csv, matrix_to_xlsx
from accord.formats.matrix.layout import header, iter_rows
from benchmarks.generate import generate_playbook
from benchmarks.timing import median_seconds, row

TASKS = 5_000
ROLES = 30
SEED = 20_240_329
TARGET_SECONDS = 3.0


def _rows(playbook: Playbook) -> list[list[str]]:
    return [header(playbook), *(list(item.cells) for item in iter_rows(playbook, headings="all"))]


def plain_xlsx(rows: list[list[str]]) -> bytes:
    """The same values through openpyxl's write-only mode, unstyled: the baseline."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Matrix")
    for values in rows:
        sheet.append([value or None for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plain_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def plain_read(data: bytes) -> int:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    count = sum(1 for values in workbook["Matrix"].iter_rows(values_only=True) for value in values if value)
    workbook.close()
    return count


def _expansion(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        total = sum(member.file_size for member in members)
        ratio = max(member.file_size / max(member.compress_size, 1) for member in members)
    return f"{len(data) / 1e6:.1f} MB, expands to {total / 1e6:.0f} MB, ratio ≤ {ratio:.0f}"


def run(tasks: int = TASKS, roles: int = ROLES, repeat: int = 3) -> list[dict[str, Any]]:
    """Time the matrix exports and the XLSX import against their baselines."""
    playbook = generate_playbook(tasks, roles, SEED)
    rows = _rows(playbook)
    size = f"{tasks:,} tasks × {roles} roles"
    workbook = matrix_to_xlsx(playbook)
    return [
        row(
            "matrix_to_xlsx (styled, cover, legend)",
            f"{size} ({_expansion(workbook)})",
            median_seconds(lambda: matrix_to_xlsx(playbook), repeat=repeat, warmup=0),
            median_seconds(lambda: plain_xlsx(rows), repeat=repeat, warmup=0),
            baseline="openpyxl write-only, same values, unstyled",
            target_s=TARGET_SECONDS,
        ),
        row(
            "matrix_to_csv",
            size,
            median_seconds(lambda: matrix_to_csv(playbook), repeat=repeat),
            median_seconds(lambda: plain_csv(rows), repeat=repeat),
            baseline="csv.writer, same values",
        ),
        row(
            "matrix_from_xlsx (checked)",
            size,
            median_seconds(lambda: matrix_from_xlsx(workbook, where="bench.xlsx"), repeat=repeat, warmup=0),
            median_seconds(lambda: plain_read(workbook), repeat=repeat, warmup=0),
            baseline="openpyxl read-only, every value",
        ),
    ]


if __name__ == "__main__":
    for line in run():
        print(line)
