"""Bad and hostile matrix files: one clear message per problem, located, and no playbook."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from defusedxml import DefusedXmlException

from accord.domain.errors import InvalidInput
from accord.formats.matrix import (
    import_matrix,
    matrix_from_csv,
    matrix_from_xlsx,
    matrix_to_xlsx,
    safety,
    xlsx_reader,
)
from tests.formats.fixtures.matrix import demo_playbook
from tests.formats.hostile_workbooks import (
    LIBRARY_WORDS,
    plain_workbook,
    rebuilt,
    workbook_with_entity,
    workbook_with_macros,
)

TITLES = [
    "Phase",
    "Group",
    "Task",
    "Details",
    "Timeframe",
    "Variants",
    "Vendor: Account Manager",
    "Customer: IT",
]


def workbook_bytes(rows, title="Matrix") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def problems_of(call, *args, **kwargs):
    with pytest.raises(InvalidInput) as caught:
        call(*args, **kwargs)
    return caught.value.problems


def xlsx_problems(rows, where="m.xlsx"):
    return problems_of(matrix_from_xlsx, workbook_bytes(rows), where=where)


def csv_problems(text, where="m.csv"):
    return problems_of(matrix_from_csv, text, where=where)


# Letters, names and types


def test_an_unknown_letter_names_sheet_row_column_and_role():
    rows = [TITLES, ["Deal", "", "Kick-off", "", "", "", "R", "X"]] + [
        ["Deal", "", f"T{n}", "", "", "", "", ""] for n in range(5)
    ]
    rows[5][6] = "Q"
    (first, second) = xlsx_problems(rows)
    assert str(first).startswith(
        "m.xlsx, sheet Matrix, row 2, column H (Customer: IT): 'X' is not a RACI value"
    )
    assert "hint: use R, A, C, I" in str(first)
    assert second.line == 6
    assert second.column == "G (Vendor: Account Manager)"


def test_all_problems_of_a_file_are_reported_together():
    text = "Phase,Task,Vendor: PM\nDeal,One,Z\nDeal,,R\nDeal,Three,N/A R\n"
    problems = csv_problems(text)
    assert [(problem.code, problem.line) for problem in problems] == [
        ("matrix-unknown-letter", 2),
        ("matrix-task-without-name", 3),
        ("matrix-unknown-letter", 4),
    ]
    assert problems[1].column == "B (Task)"
    message = str(InvalidInput(problems))
    assert message.startswith("3 problems found; nothing was changed")


def test_numbers_and_dates_in_letter_cells_are_refused():
    rows = [TITLES, ["Deal", "", "Kick-off", "", "", "", 3, dt.datetime(2026, 1, 5)]]
    problems = xlsx_problems(rows)
    assert [problem.code for problem in problems] == ["matrix-wrong-type", "matrix-wrong-type"]
    assert "a number (3)" in problems[0].message
    assert "a date (2026-01-05)" in problems[1].message


def test_numbers_in_text_columns_read_as_their_text():
    rows = [TITLES, [2026, "", 42, 1.5, "", "", "R", ""]]
    playbook = matrix_from_xlsx(workbook_bytes(rows), where="m.xlsx")
    assert playbook.phases[0].name == "2026"
    assert (playbook.tasks[0].name, playbook.tasks[0].details) == ("42", "1.5")


def test_a_task_row_without_a_name_is_refused_but_a_phase_heading_is_not():
    problems = csv_problems("Phase,Task,Details,Vendor: PM\nDeal,,,\nDeal,,Some details,R\n")
    assert [(problem.code, problem.line) for problem in problems] == [("matrix-task-without-name", 3)]


def test_a_task_before_any_phase_is_refused():
    problems = csv_problems("Phase,Task,Vendor: PM\n,Lonely,R\n")
    assert problems[0].code == "matrix-task-without-phase"


def test_bad_variant_and_key_cells_are_refused():
    problems = csv_problems(
        "Phase,Task,Variants,Key,Vendor: PM\nDeal,One,Internal API,one,R\nDeal,Two,,one,\n"
    )
    assert [(problem.code, problem.line) for problem in problems] == [
        ("matrix-bad-variant", 2),
        ("matrix-duplicate-key", 3),
    ]


# Columns


def test_missing_and_unknown_columns_are_named_with_the_expected_layout():
    problems = csv_problems("Phase,Owner,Vendor: PM\nDeal,x,R\n")
    assert [(problem.code, problem.column) for problem in problems] == [
        ("matrix-unknown-column", "B"),
        ("matrix-missing-column", None),
    ]
    assert "unknown column 'Owner'" in problems[0].message
    assert "missing column 'Task'" in problems[1].message
    assert "expected the columns Phase, Group, Task" in problems[1].hint


def test_duplicate_role_columns_are_refused():
    problems = csv_problems("Phase,Task,Vendor: PM,vendor : PM\nDeal,x,R,A\n")
    assert problems[0].code == "matrix-duplicate-role"
    assert problems[0].column == "D (vendor : PM)"
    assert "first in column C" in problems[0].message


def test_a_role_column_needs_a_known_side_and_a_name():
    problems = csv_problems("Phase,Task,Supplier: PM,Vendor:\nDeal,x,R,A\n")
    assert [problem.code for problem in problems] == ["matrix-role-without-name", "matrix-unknown-column"]


def test_a_matrix_without_role_columns_or_tasks_is_refused():
    assert csv_problems("Phase,Task\nDeal,x\n")[0].code == "matrix-no-roles"
    assert csv_problems("Phase,Task,Vendor: PM\n")[0].code == "matrix-no-tasks"


def test_data_in_a_column_without_title_is_refused():
    problems = xlsx_problems(
        [["Phase", "Task", None, "Vendor: PM"], ["Deal", "x", "stray", "R", None, "far"]]
    )
    assert [(problem.code, problem.column) for problem in problems] == [
        ("matrix-untitled-column", "C"),
        ("matrix-untitled-column", "F"),
    ]
    problems = csv_problems("Phase,Task,Vendor: PM\nDeal,x,R,,stray\n")
    assert [(problem.code, problem.column) for problem in problems] == [("matrix-untitled-column", "E")]


# Formulas


def test_formula_cells_in_an_imported_workbook_are_refused():
    rows = [TITLES, ["Deal", "", '=HYPERLINK("http://evil")', "", "", "", '="R"', ""]]
    problems = xlsx_problems(rows)
    assert [problem.code for problem in problems] == ["matrix-formula", "matrix-formula"]
    assert problems[0].column == "C (Task)"
    assert "paste values" in problems[0].hint


def test_a_formula_on_the_cover_sheet_is_refused():
    workbook = openpyxl.load_workbook(io.BytesIO(matrix_to_xlsx(demo_playbook())))
    workbook["Cover"]["B4"] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    problems = problems_of(matrix_from_xlsx, buffer.getvalue(), where="m.xlsx")
    assert (problems[0].code, problems[0].where, problems[0].line) == (
        "matrix-formula",
        "m.xlsx, sheet Cover",
        4,
    )


# Not a matrix file at all


def test_empty_files_are_refused():
    assert problems_of(matrix_from_csv, b"", where="m.csv")[0].message == "the file is empty"
    assert problems_of(matrix_from_xlsx, b"", where="m.xlsx")[0].message == "the file is empty"
    assert xlsx_problems([])[0].code == "matrix-empty"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a PNG image"),
        (b"Phase,Task,Vendor: PM\nDeal,x,R\n", "not a zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Excel 97-2003"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_with_what_it_seems_to_be(data, says):
    with pytest.raises(InvalidInput) as caught:
        matrix_from_xlsx(data, where="m.xlsx")
    (problem,) = caught.value.problems
    assert problem.code == "matrix-not-xlsx"
    assert says in problem.message
    assert ".xlsx" in problem.hint
    assert _without_library_words(caught.value)


def test_a_truncated_workbook_is_refused():
    data = matrix_to_xlsx(demo_playbook())
    (problem,) = problems_of(matrix_from_xlsx, data[: len(data) // 2], where="m.xlsx")
    assert problem.code == "matrix-not-xlsx"
    assert "damaged or truncated" in problem.message


def test_a_workbook_with_a_damaged_part_is_refused_without_a_traceback():
    data = matrix_to_xlsx(demo_playbook())
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    with pytest.raises(InvalidInput) as caught:
        matrix_from_xlsx(buffer.getvalue(), where="m.xlsx")
    (problem,) = caught.value.problems
    assert problem.code == "matrix-damaged-xlsx"
    assert problem.where == "m.xlsx"
    assert problem.message.startswith("the workbook cannot be read")
    assert _without_library_words(caught.value)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    (problem,) = problems_of(matrix_from_xlsx, buffer.getvalue(), where="m.xlsx")
    assert "no xl/workbook.xml" in problem.message


def test_an_xlsx_named_csv_and_a_binary_csv_are_refused():
    (problem,) = problems_of(matrix_from_csv, matrix_to_xlsx(demo_playbook()), where="m.csv")
    assert "zip archive" in problem.message
    (problem,) = problems_of(matrix_from_csv, b"Phase,Task\x00\x01\x02", where="m.csv")
    assert problem.message == "this is a binary file, not CSV text"
    (problem,) = problems_of(matrix_from_csv, "Phase,Task\nDéjà".encode("latin-1"), where="m.csv")
    assert (problem.code, problem.line) == ("matrix-not-utf8", 2)


# Size limits and zip bombs


def test_oversized_files_are_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 1000)
    data = matrix_to_xlsx(demo_playbook())
    assert problems_of(matrix_from_xlsx, data, where="m.xlsx")[0].code == "matrix-too-large"
    assert problems_of(matrix_from_csv, b"x" * 1001, where="m.csv")[0].code == "matrix-too-large"


def _refuse_to_parse(*args, **kwargs):
    raise AssertionError("openpyxl must not see this file")


def _bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_from_its_declared_sizes_before_openpyxl_opens_it(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "load_workbook", _refuse_to_parse)
    data = _bomb(safety.MAX_UNCOMPRESSED_BYTES + 1024 * 1024)
    assert len(data) < 1024 * 1024
    (problem,) = problems_of(matrix_from_xlsx, data, where="bomb.xlsx")
    assert problem.code == "matrix-zip-bomb"
    assert "would expand to" in problem.message


def test_a_member_that_expands_too_many_times_is_refused(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "load_workbook", _refuse_to_parse)
    (problem,) = problems_of(matrix_from_xlsx, _bomb(4 * 1024 * 1024), where="bomb.xlsx")
    assert problem.code == "matrix-zip-bomb"
    assert "expands" in problem.message


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_TASK_ROWS", 3)
    rows = [TITLES] + [["Deal", "", f"T{n}", "", "", "", "R", ""] for n in range(5)]
    (problem,) = xlsx_problems(rows)
    assert (problem.code, problem.line) == ("matrix-too-large", 5)


def _without_library_words(error: InvalidInput) -> bool:
    return not any(word in str(error) for word in LIBRARY_WORDS)


def test_a_dtd_at_the_start_of_a_sheet_is_refused_naming_the_part(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "load_workbook", _refuse_to_parse)
    data = matrix_to_xlsx(demo_playbook())
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    hostile = rebuilt(data, replace={"xl/worksheets/sheet2.xml": laughs.encode()})
    (problem,) = problems_of(matrix_from_xlsx, hostile, where="m.xlsx")
    assert (problem.code, problem.where) == ("matrix-xml-entities", "m.xlsx, part xl/worksheets/sheet2.xml")


def test_an_entity_declaration_in_the_shared_strings_is_refused_in_plain_words(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "load_workbook", _refuse_to_parse)
    with pytest.raises(InvalidInput) as caught:
        matrix_from_xlsx(workbook_with_entity(), where="probe.xlsx")
    (problem,) = caught.value.problems
    assert problem.code == "matrix-xml-entities"
    assert problem.where == "probe.xlsx, part xl/sharedStrings.xml"
    assert "declares XML entities" in problem.message
    assert "Accord refuses them because" in problem.message
    assert "Excel Workbook (.xlsx)" in problem.hint
    assert _without_library_words(caught.value)


def test_an_entity_declaration_only_defusedxml_sees_is_refused_in_the_same_words():
    assert openpyxl.DEFUSEDXML is True
    data = workbook_with_entity(padding=safety.PROLOG_SCAN_BYTES)
    with pytest.raises(InvalidInput) as caught:
        matrix_from_xlsx(data, where="probe.xlsx")
    (problem,) = caught.value.problems
    assert (problem.code, problem.where) == ("matrix-xml-entities", "probe.xlsx")
    assert isinstance(_cause_chain(caught.value)[-1], DefusedXmlException)
    assert _without_library_words(caught.value)


def _cause_chain(error: BaseException) -> list[BaseException]:
    chain = [error]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        chain.append(chain[-1].__cause__ or chain[-1].__context__)
    return chain


@pytest.mark.parametrize(
    ("vba_part", "macro_type"),
    [(True, True), (True, False), (False, True)],
    ids=["xlsm", "vba-part-only", "macro-content-type-only"],
)
def test_a_workbook_with_macros_is_refused_in_plain_words(monkeypatch, vba_part, macro_type):
    monkeypatch.setattr(xlsx_reader, "load_workbook", _refuse_to_parse)
    data = workbook_with_macros(vba_part=vba_part, macro_type=macro_type)
    with pytest.raises(InvalidInput) as caught:
        matrix_from_xlsx(data, where="budget.xlsx")
    (problem,) = caught.value.problems
    assert (problem.code, problem.where) == ("matrix-macros", "budget.xlsx")
    assert "Accord does not open workbooks with macros" in problem.message
    assert "save it as a plain .xlsx workbook (Excel: File → Save As → Excel Workbook)" in problem.hint
    assert _without_library_words(caught.value)


def test_a_plain_workbook_passes_the_macro_and_dtd_checks():
    playbook = matrix_from_xlsx(plain_workbook(), where="plain.xlsx")
    assert [task.name for task in playbook.tasks] == ["Kick-off"]


@pytest.mark.parametrize(
    ("stage", "where"), [("load_workbook", "odd.xlsx"), ("cell_value", "odd.xlsx, sheet Matrix")]
)
def test_anything_else_openpyxl_raises_is_reported_without_its_text(monkeypatch, stage, where):
    def fail(*args, **kwargs):
        raise ValueError("Unable to read workbook: could not read strings from None.")

    monkeypatch.setattr(xlsx_reader, stage, fail)
    with pytest.raises(InvalidInput) as caught:
        matrix_from_xlsx(plain_workbook(), where="odd.xlsx")
    (problem,) = caught.value.problems
    assert (problem.code, problem.where) == ("matrix-damaged-xlsx", where)
    assert problem.message.startswith("the workbook cannot be read")
    assert "save it again as an Excel Workbook (.xlsx)" in problem.hint
    assert _without_library_words(caught.value)


# The dispatcher


def test_import_matrix_refuses_other_suffixes_and_missing_files(tmp_path):
    (tmp_path / "m.ods").write_bytes(b"whatever")
    (problem,) = problems_of(import_matrix, tmp_path / "m.ods")
    assert problem.code == "matrix-unknown-format"
    assert ".xlsx" in problem.hint
    (problem,) = problems_of(import_matrix, tmp_path / "absent.csv")
    assert problem.code == "matrix-unreadable"


def test_a_png_renamed_xlsx_is_refused_through_the_dispatcher(tmp_path):
    path = tmp_path / "matrix.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (problem,) = problems_of(import_matrix, path)
    assert (problem.where, problem.code) == ("matrix.xlsx", "matrix-not-xlsx")
