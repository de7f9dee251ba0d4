"""The XLSX export: layout, styling, cover and legend, and not a single formula."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import replace

import openpyxl
from hypothesis import HealthCheck, given, settings

from accord.domain.playbook import ChangeLogEntry, Source
from accord.domain.raci import Raci
from accord.formats.matrix import matrix_to_xlsx
from accord.formats.matrix.layout import FIXED_COLUMNS, LETTER_FILLS, letter_of
from tests.formats.fixtures.matrix import demo_playbook, matrix_playbooks


def workbook_of(playbook):
    return openpyxl.load_workbook(io.BytesIO(matrix_to_xlsx(playbook)))


def test_sheets_are_cover_matrix_legend_and_the_matrix_opens_first():
    workbook = workbook_of(demo_playbook())
    assert workbook.sheetnames == ["Cover", "Matrix", "Roles", "Legend"]
    assert workbook.active.title == "Matrix"


def test_title_row_follows_the_layout_with_roles_grouped_by_side():
    sheet = workbook_of(demo_playbook())["Matrix"]
    titles = [cell.value for cell in sheet[1]]
    assert titles == [
        *FIXED_COLUMNS,
        "Vendor: Account Manager",
        "Vendor: Integration Manager",
        "Customer: IT department",
        "Partner: Third-party administrator",
        "Duration",
        "Depends on",
        "Milestone",
        "Go-live",
        "Sessions",
        "Key",
    ]
    key_letter = openpyxl.utils.get_column_letter(len(titles))
    assert sheet.column_dimensions[key_letter].hidden
    assert all(cell.font.bold for cell in sheet[1])


def test_header_is_frozen_below_the_titles_and_right_of_the_task_column():
    sheet = workbook_of(demo_playbook())["Matrix"]
    assert sheet.freeze_panes == "D2"
    assert FIXED_COLUMNS[2] == "Task"


def test_each_phase_starts_with_a_filled_band_row():
    playbook = demo_playbook()
    sheet = workbook_of(playbook)["Matrix"]
    band = list(sheet[2])
    assert band[0].value == playbook.phases[0].name
    assert band[0].font.bold
    assert {cell.fill.fgColor.rgb for cell in band[: len(FIXED_COLUMNS) + 4]} == {"00D5DEE8"}
    assert band[-1].value == playbook.phases[0].key


def test_raci_cells_keep_their_letters_and_take_the_colour_of_their_first_letter():
    playbook = demo_playbook()
    sheet = workbook_of(playbook)["Matrix"]
    roles = playbook.roles_by_side
    seen = 0
    for row_number, task in enumerate(playbook.phases[0].tasks, start=3):
        for column, role in enumerate(roles, start=len(FIXED_COLUMNS) + 1):
            cell = sheet.cell(row=row_number, column=column)
            value = task.cell(role.key)
            if value.is_empty:
                assert cell.value is None
                continue
            seen += 1
            assert cell.value == value.canonical
            assert cell.fill.fgColor.rgb == "00" + LETTER_FILLS[letter_of(value)]
    assert seen == 4
    assert letter_of(Raci.C | Raci.I) == "C"
    assert letter_of(Raci.NA) == "N/A"


def test_legend_explains_every_letter_with_its_colour():
    sheet = workbook_of(demo_playbook())["Legend"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    for letter, colour in LETTER_FILLS.items():
        assert rows[letter][0].fill.fgColor.rgb == "00" + colour
        assert rows[letter][1].value


def test_cover_lists_key_name_version_source_roles_and_change_log():
    playbook = replace(
        demo_playbook(),
        source=Source(file="000_tomorro.txt", title="RACI for integrations", vendor="Tomorro"),
        change_log=(
            ChangeLogEntry(version="1.0", description="First", date=dt.date(2026, 1, 5), author="Ann"),
        ),
    )
    sheet = workbook_of(playbook)["Cover"]
    values: dict[str, tuple] = {}
    for row in sheet.iter_rows(values_only=True):
        if row[0]:
            values.setdefault(row[0], row[1:])  # the first "Key" row is the playbook's
    assert values["Key"][0] == "demo"
    assert values["Name"][0] == "Demo"
    assert values["Version"][0] == "1.0"
    assert values["Source file"][0] == "000_tomorro.txt"
    assert values["Source title"][0] == "RACI for integrations"
    assert values["Source vendor"][0] == "Tomorro"
    assert values["Vendor: Account Manager"][0] == "am"
    assert values["1.0"][0] == dt.datetime(2026, 1, 5)
    assert values["1.0"][2] == "First"


def _sheet_xml(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")
        ]


def test_text_that_looks_like_a_formula_is_written_as_quote_prefixed_text():
    playbook = demo_playbook()
    data = matrix_to_xlsx(playbook)
    assert not any("<f>" in xml or "<f " in xml for xml in _sheet_xml(data))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Matrix"]
    cell = sheet.cell(row=3, column=FIXED_COLUMNS.index("Timeframe") + 1)
    assert cell.value == "=ASAP"
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert sheet.cell(row=4, column=FIXED_COLUMNS.index("Task") + 1).quotePrefix  # "@API credentials"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrix_playbooks())
def test_no_exported_workbook_ever_holds_a_formula(playbook):
    data = matrix_to_xlsx(playbook)
    assert not any(re.search(r"<f[ >/]", xml) for xml in _sheet_xml(data))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert all(cell.data_type != "f" for sheet in workbook for row in sheet.iter_rows() for cell in row)
