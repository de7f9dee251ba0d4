"""The corpus's workbooks, built with openpyxl so that each stays reviewable as code.

Each builder returns the bytes of one ``.xlsx``; its expected playbook is
``corpus/<name>.yaml``. Merged cells, several sheets and real date cells are what CSV cannot show.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

STANDARD = [
    ("Discovery", "Kick-off meeting", ["R/A", "I", "C"]),
    ("Discovery", "Gather requirements", ["A", "R", "C"]),
    ("Build", "Configure the connector", ["A", "R", "I"]),
    ("Build", "User acceptance testing", ["C", "C", "R/A"]),
]


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions(sheet: Worksheet) -> None:
    sheet.title = "Instructions"
    sheet["A1"] = "How to fill in this RACI"
    sheet["A3"] = "One row per task, one column per role."
    sheet["A4"] = "Write R, A, C or I in each cell; leave it empty when the role has no part."


def side_row_merged() -> bytes:
    """An instructions sheet first; on the matrix sheet a title, a side row merged over the
    roles (Vendor over two, Customer over two), phases as merged band rows."""
    workbook = Workbook()
    _instructions(workbook.active)
    sheet = workbook.create_sheet("RACI")
    sheet["A1"] = "Apollo integration — RACI"
    sheet["B3"], sheet["D3"] = "Vendor", "Customer"
    sheet.merge_cells("B3:C3")
    sheet.merge_cells("D3:E3")
    sheet.append(["Task", "Project Manager", "Developer", "IT", "Finance"])
    rows = [
        ("Discovery", None),
        ("Kick-off meeting", ["R/A", "I", "C", "I"]),
        ("Gather requirements", ["A", "R", "C", None]),
        ("Build", None),
        ("Configure the connector", ["A", "R", "I", None]),
        ("User acceptance testing", ["C", "C", "R/A", "C"]),
    ]
    for name, cells in rows:
        sheet.append([name, *(cells or [])])
        if cells is None:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
    return _bytes(workbook)


def legend_right() -> bytes:
    """A legend to the right of the data (after an empty column) that teaches a letter: E."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Matrix"
    sheet.append(["Task", "Project Manager", "Developer", "Customer IT", None, "Legend", None])
    legend = [
        ("R", "Responsible"),
        ("A", "Accountable"),
        ("E", "Responsible (executes the work)"),
        ("C", "Consulted"),
    ]
    cells = [["R/A", "I", "C"], ["A", "E", "C"], ["A", "E", "I"], ["C", "C", "R/A"]]
    for index, (_, name, _) in enumerate(STANDARD):
        extra = list(legend[index]) if index < len(legend) else []
        sheet.append([name, *cells[index], None, *extra])
    return _bytes(workbook)


def transposed_phases() -> bytes:
    """Roles as rows; the phases merged in a row above the task names."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "RACI"
    sheet["B1"], sheet["D1"] = "Discovery", "Build"
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    sheet.append(["Role", *(name for _, name, _ in STANDARD)])
    for index, role in enumerate(["Project Manager", "Developer", "Customer IT"]):
        sheet.append([role, *(cells[index] for _, _, cells in STANDARD)])
    return _bytes(workbook)


def instructions_and_legend_sheets() -> bytes:
    """Instructions first, the matrix with a phase column, a legend sheet last."""
    workbook = Workbook()
    _instructions(workbook.active)
    sheet = workbook.create_sheet("Matrix")
    sheet.append(["Phase", "Task", "Project Manager", "Developer", "Customer IT"])
    for phase, name, cells in STANDARD:
        sheet.append([phase, name, *cells])
    legend = workbook.create_sheet("Legend")
    for letter, meaning in [
        ("R", "Responsible"),
        ("A", "Accountable"),
        ("C", "Consulted"),
        ("I", "Informed"),
    ]:
        legend.append([letter, meaning])
    return _bytes(workbook)


def merged_phase_column() -> bytes:
    """The phase merged down its tasks, numbers, real due dates, owners' names and notes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(
        ["No", "Phase", "Activity", "Due", "Owner", "Project Manager", "Developer", "Customer IT", "Notes"]
    )
    owners = ["Alice Martin", "Bob Stone", "Bob Stone", "Chandra Rao"]
    notes = ["", "see the template", "", "two rounds"]
    for index, (phase, name, cells) in enumerate(STANDARD):
        sheet.append(
            [
                index + 1,
                phase,
                name,
                dt.datetime(2026, 3, 2 + 7 * index),
                owners[index],
                *cells,
                notes[index] or None,
            ]
        )
    sheet["B3"] = None
    sheet["B5"] = None
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("B4:B5")
    return _bytes(workbook)


def legend_below() -> bytes:
    """A legend in two-cell rows below the table, explaining S as Support: needs --letter."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Task", "Project Manager", "Developer", "Customer IT"])
    cells = [["R/A", "S", "C"], ["A", "R", "S"], ["A", "R", "I"], ["C", "S", "R/A"]]
    for index, (_, name, _) in enumerate(STANDARD):
        sheet.append([name, *cells[index]])
    sheet.append([])
    for letter, meaning in [("R", "Responsible"), ("A", "Accountable"), ("S", "Support"), ("C", "Consulted")]:
        sheet.append([letter, meaning])
    return _bytes(workbook)


def side_and_people_rows() -> bytes:
    """Three header rows: sides merged above role names, people's names under them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "RACI"
    sheet["C1"], sheet["D1"], sheet["E1"] = "Vendor", None, "Partner"
    sheet.merge_cells("C1:D1")
    sheet.append(["Ref", "Deliverable", "Project Manager", "Developer", "Broker"])
    sheet.append([None, None, "Alice Martin", "Bob Stone", "Dana Lee"])
    rows = [("P1", "Kick-off meeting", ["R/A", "I", "C"]), ("P2", "Broker onboarding", ["A", "C", "R"])]
    for ref, name, cells in rows:
        sheet.append([ref, name, *cells])
    return _bytes(workbook)


WORKBOOKS: dict[str, Callable[[], bytes]] = {
    "03-side-row-merged-phase-bands": side_row_merged,
    "05-legend-right-teaches-a-letter": legend_right,
    "09-transposed-phases-merged-above": transposed_phases,
    "21-instructions-and-legend-sheets": instructions_and_legend_sheets,
    "22-merged-phase-column-dates-owners": merged_phase_column,
    "28-legend-below-support-letter": legend_below,
    "29-side-row-and-people-row": side_and_people_rows,
}
