"""The layout detector: any rendering of a matrix reads back to the same cells; hostile and
ambiguous files are refused naming the cell; the explanation says what was decided."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.domain.errors import InvalidInput
from accord.domain.playbook import Side
from accord.domain.raci import Raci
from accord.formats.matrix import DetectionOptions, detect_matrix, matrix_to_csv, matrix_to_xlsx
from accord.formats.matrix.vocabulary import Kind, Vocabulary, parse_letter_option
from tests.formats.fixtures.matrix import demo_playbook
from tests.formats.hostile_workbooks import workbook_with_entity

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LETTER_STYLES = {
    "slash": lambda letters: "/".join(letters),
    "reversed": lambda letters: " / ".join(reversed(letters)),
    "run": lambda letters: "".join(letters),
    "comma": lambda letters: ",".join(letters),
    "space": lambda letters: " ".join(letters),
    "footnote": lambda letters: "/".join(letters) + "*",
    "lower-padded": lambda letters: " ".join(letters).lower() + "  ",
    "words": lambda letters: " & ".join(_WORDS[letter] for letter in letters),
    "french": lambda letters: " et ".join(_FRENCH[letter] for letter in letters),
}
_WORDS = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}
_FRENCH = {"R": "Responsable", "A": "Approbateur", "C": "Consulté", "I": "Informé"}
BLANKS = ["", "-", "—", "/"]
ROLE_NAMES = ["Alpha lead", "Bravo team", "Charlie desk", "Delta office", "Echo group"]


@dataclass(frozen=True)
class Matrix:
    roles: tuple[str, ...]
    phases: tuple[tuple[str, tuple[tuple[str, tuple[Raci, ...]], ...]], ...]

    def cells(self) -> dict[str, dict[str, str]]:
        return {
            name: {role: value.canonical for role, value in zip(self.roles, values, strict=True) if value}
            for _, tasks in self.phases
            for name, values in tasks
        }


some_cell = st.sampled_from([Raci(0), Raci(0), Raci.NA, *(Raci(value) for value in range(1, 16))])


@st.composite
def matrices(draw: st.DrawFn) -> Matrix:
    roles = tuple(draw(st.lists(st.sampled_from(ROLE_NAMES), min_size=1, max_size=5, unique=True)))
    counts = draw(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=3))
    number = 0
    phases = []
    for index, count in enumerate(counts):
        tasks = []
        for _ in range(count):
            number += 1
            values = tuple(draw(some_cell) for _ in roles)
            if all(value.is_empty for value in values):
                values = (Raci.R, *values[1:])
            tasks.append((f"Configure step {number} of the rollout", values))
        phases.append((f"Stage {index + 1} work", tuple(tasks)))
    # Every role holds a letter somewhere: a column of blanks says nothing about being a role.
    for position in range(len(roles)):
        if all(values[position].is_empty for _, tasks in phases for _, values in tasks):
            name, values = phases[0][1][0]
            fixed = (*values[:position], Raci.I, *values[position + 1 :])
            phases[0] = (phases[0][0], ((name, fixed), *phases[0][1][1:]))
    return Matrix(roles=roles, phases=tuple(phases))


def spell(value: Raci, style: str, blank: str) -> str:
    if value.is_empty:
        return blank
    if value == Raci.NA:
        return "N/A"
    letters = [letter for letter in "RACI" if value & Raci[letter]]
    return LETTER_STYLES[style](letters)


@st.composite
def renderings(draw: st.DrawFn) -> tuple[Matrix, bytes]:
    matrix = draw(matrices())
    style = draw(st.sampled_from(sorted(LETTER_STYLES)))
    blank = draw(st.sampled_from(BLANKS))
    offset = draw(st.integers(min_value=0, max_value=12))
    extra = draw(st.booleans())
    phases_as = draw(st.sampled_from(["rows", "column-once", "column-repeated"]))
    transposed = draw(st.booleans())
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    rows: list[list[str]] = []
    if transposed:
        if phases_as != "rows":
            phase_row = [""]
            for phase, tasks in matrix.phases:
                phase_row += [phase] + [phase if phases_as == "column-repeated" else ""] * (len(tasks) - 1)
            rows.append(phase_row)
        rows.append(["Role", *(name for _, tasks in matrix.phases for name, _ in tasks)])
        for position, role in enumerate(matrix.roles):
            rows.append(
                [
                    role,
                    *(
                        spell(values[position], style, blank)
                        for _, tasks in matrix.phases
                        for _, values in tasks
                    ),
                ]
            )
    else:
        phase_column = ["Stage"] if phases_as != "rows" else []
        extra_titles = ["Id", "Status"] if extra else []
        rows.append([*phase_column, *extra_titles[:1], "Task", *matrix.roles, *extra_titles[1:]])
        number = 0
        for phase, tasks in matrix.phases:
            if phases_as == "rows":
                rows.append([phase] + [""] * (len(rows[0]) - 1))
            for index, (name, values) in enumerate(tasks):
                number += 1
                phase_cell = (
                    [phase if phases_as == "column-repeated" or index == 0 else ""] if phase_column else []
                )
                ids = [f"T{number:02d}"] if extra else []
                status = ["In progress"] if extra else []
                cells = [spell(value, style, blank) for value in values]
                rows.append([*phase_cell, *ids, name, *cells, *status])
    width = max(len(row) for row in rows)
    titles = [["RACI matrix, exported"] + [""] * (width - 1), ["Owner: PMO"] + [""] * (width - 1)]
    above = (titles * 7)[:offset]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([*above, *([[""] * width] if offset else []), *rows])
    return matrix, buffer.getvalue().encode("utf-8")


@SETTINGS
@given(renderings())
def test_any_rendering_of_a_matrix_imports_back_to_the_same_cells(rendering):
    matrix, data = rendering
    detection = detect_matrix(data, where="matrix.csv", suffix=".csv")
    assert detection.problems == (), [str(problem) for problem in detection.problems]
    playbook = detection.playbook_or_raise()
    names = {role.key: role.name for role in playbook.roles}
    got = {
        task.name: {names[key]: value.canonical for key, value in task.raci.items()}
        for task in playbook.tasks
    }
    assert [role.name for role in playbook.roles] == list(matrix.roles)
    assert got == matrix.cells()
    assert [task.name for task in playbook.tasks] == [name for _, tasks in matrix.phases for name, _ in tasks]


# The vocabulary


@pytest.mark.parametrize(
    ("written", "kind", "value"),
    [
        ("A / R", Kind.LETTERS, Raci.R | Raci.A),
        ("A/R*", Kind.LETTERS, Raci.R | Raci.A),
        ("(Consulted)", Kind.LETTERS, Raci.C),
        ("Approbateur", Kind.LETTERS, Raci.A),
        ("Informé ", Kind.LETTERS, Raci.I),
        ("R\nA", Kind.LETTERS, Raci.R | Raci.A),
        ("—", Kind.EMPTY, Raci(0)),
        ("/", Kind.EMPTY, Raci(0)),
        ("n/a", Kind.LETTERS, Raci.NA),
        ("S", Kind.UNKNOWN, Raci(0)),
        ("R/V", Kind.UNKNOWN, Raci.R),
        ("PM", Kind.TEXT, Raci(0)),
        ("Done", Kind.TEXT, Raci(0)),
        ("N/A, R", Kind.TEXT, Raci(0)),
    ],
)
def test_the_vocabulary_reads_every_usual_spelling_and_never_guesses(written, kind, value):
    reading = Vocabulary().read(written)
    assert (reading.kind, reading.value) == (kind, value)


def test_letter_options_say_what_a_letter_means_or_that_it_is_ignored():
    assert parse_letter_option("s=C") == ("S", Raci.C)
    assert parse_letter_option("V=R/A") == ("V", Raci.R | Raci.A)
    assert parse_letter_option("D=-") == ("D", None)
    with pytest.raises(ValueError, match="LETTER=MEANING"):
        parse_letter_option("SC")
    with pytest.raises(ValueError, match="is not R, A, C, I"):
        parse_letter_option("S=Support")


# Refusals name the cell


def test_an_unknown_letter_is_refused_naming_its_first_cell_and_the_option():
    data = b"Task,Lead,Helper\nPlan,R,S\nBuild,A,S\n"
    detection = detect_matrix(data, where="m.csv", suffix=".csv")
    (problem,) = detection.problems
    assert (problem.code, problem.line, problem.column) == ("matrix-unknown-letter", 2, "C")
    assert "2 cells" in problem.message
    assert "--letter S=C" in problem.hint
    assert detection.playbook is None
    assert detection.explanation.letters.unknown == ("S",)


def test_text_in_a_role_column_is_refused_naming_the_cell():
    data = b"Task,Lead,Helper\nPlan,R,C\nBuild,A,I\nTest,R,maybe\nShip,R,C\n"
    (problem,) = detect_matrix(data, where="m.csv", suffix=".csv").problems
    assert (problem.line, problem.column) == (4, "C")
    assert "'maybe' is not a RACI value" in problem.message


def test_a_file_without_a_matrix_is_refused_in_plain_words():
    detection = detect_matrix(b"Name,Email\nAlice,alice@example.com\n", where="m.csv", suffix=".csv")
    (problem,) = detection.problems
    assert problem.code == "matrix-not-found"
    with pytest.raises(InvalidInput):
        detection.playbook_or_raise()


def test_a_formula_in_a_detected_workbook_is_refused_naming_the_cell():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["RACI"])
    sheet.append(["Task", "Lead", "Helper"])
    sheet.append(["Plan", "R", "C"])
    sheet.append(["Build", '=IF(TRUE,"A","")', "I"])
    sheet.append(["Ship", "R", "C"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    problems = detect_matrix(buffer.getvalue(), where="m.xlsx", suffix=".xlsx").problems
    assert [(problem.code, problem.line, problem.column) for problem in problems] == [
        ("matrix-formula", 4, "B")
    ]


def test_hostile_workbooks_are_refused_before_detection_in_the_same_words():
    with pytest.raises(InvalidInput) as caught:
        detect_matrix(workbook_with_entity(), where="m.xlsx", suffix=".xlsx")
    assert caught.value.problems[0].code == "matrix-xml-entities"


def test_a_missing_sheet_and_an_unknown_side_option_are_refused():
    data = b"Task,Lead,Helper\nPlan,R,C\n"
    (problem,) = detect_matrix(
        data, where="m.csv", suffix=".csv", options=DetectionOptions(sheet="RACI")
    ).problems
    assert problem.code == "matrix-no-sheet"
    options = DetectionOptions(sides={"Nobody": Side.CUSTOMER})
    (problem,) = detect_matrix(data, where="m.csv", suffix=".csv", options=options).problems
    assert problem.code == "matrix-unknown-role"
    assert "'Lead'" in problem.hint


# Accord's own files


def test_accord_files_are_read_exactly_by_the_strict_readers():
    playbook = demo_playbook()
    workbook = detect_matrix(matrix_to_xlsx(playbook), where="demo.xlsx", suffix=".xlsx")
    assert workbook.explanation.layout == "accord"
    assert workbook.playbook is not None
    assert workbook.playbook.key == playbook.key
    assert [task.key for task in workbook.playbook.tasks] == [task.key for task in playbook.tasks]
    text = detect_matrix(matrix_to_csv(playbook).encode(), where="demo.csv", suffix=".csv")
    assert text.explanation.layout == "accord"
    assert [role["side_from"] for role in text.explanation.as_dict()["roles"]] == ["title"] * 4


# The explanation


def test_the_explanation_has_the_documented_json_shape():
    data = (
        b"RACI,,,\nOwner: PMO,,,\n#,Task,Lead,Helper\n,Discovery,,\n"
        b"1.,Plan,R/A,C\n2.,Build,A,R\n,,,\nR = Responsible,,,\n"
    )
    detection = detect_matrix(data, where="m.csv", suffix=".csv")
    explanation = json.loads(json.dumps(detection.explanation.as_dict()))
    assert set(explanation) >= {"table", "task_column", "phases", "roles", "ignored", "letters", "warnings"}
    assert explanation["table"] == {
        "sheet": None,
        "first_row": 3,
        "last_row": 6,
        "orientation": "tasks-as-rows",
        "header_rows": [3],
        "first_column": "A",
        "last_column": "D",
    }
    assert explanation["task_column"] == {"column": "B", "title": "Task"}
    assert explanation["phases"]["names"] == ["Discovery"]
    assert [(role["column"], role["name"], role["side"]) for role in explanation["roles"]] == [
        ("C", "Lead", "vendor"),
        ("D", "Helper", "vendor"),
    ]
    assert {"where": "row 1", "why": "above the table: 'RACI'", "code": "above-table"} in explanation[
        "ignored"
    ]
    assert any(item["code"] == "below-table" for item in explanation["ignored"])
    assert explanation["letters"]["seen"] == {"R/A": "R/A", "C": "C", "A": "A", "R": "R"}
    assert [warning["code"] for warning in explanation["warnings"]] == ["side-defaulted"]
    assert all(0 < decision["confidence"] <= 1 for decision in explanation["decisions"])
    assert ("column A (#)", "not a role: task numbers") in {
        (f"column {column['column']} ({column['title']})", column["used_as"])
        for column in explanation["other_columns"]
    }
