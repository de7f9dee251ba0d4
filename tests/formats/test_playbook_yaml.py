from pathlib import Path

import pytest
from hypothesis import given, settings

from accord.domain.errors import InvalidInput
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import dump_playbook, load_playbook, loads_playbook, playbook_schema
from tests.strategies import playbooks

VALID = """\
key: demo
name: Demo
version: 1
roles:
  - {key: pm, name: Project Manager, side: customer}
  - {key: im, name: Integration Manager, side: vendor}
variants:
  - {key: internal-api, name: Internal API}
phases:
  - key: p1
    name: Phase 1
    tasks:
      - key: t1
        name: Task 1
        raci: {pm: R, im: Responsible & Accountable}
      - key: t2
        name: Task 2
        variants: [internal-api]
        raci: {pm: "N/A", im: RA}
"""


def problems_of(text: str) -> list:
    with pytest.raises(InvalidInput) as caught:
        loads_playbook(text, "demo.yaml")
    return list(caught.value.problems)


def test_a_valid_file_loads_with_every_spelling_of_letters():
    playbook = loads_playbook(VALID, "demo.yaml")
    assert playbook.version == "1"
    assert playbook.task("t1").cell("im") == Raci.R | Raci.A
    assert playbook.task("t2").cell("pm") == Raci.NA
    assert playbook.task("t2").variants == ("internal-api",)


def test_every_problem_is_reported_at_once_with_line_column_and_hint():
    text = VALID.replace("im: Responsible & Accountable", "im: X, zz: I").replace("key: t2", "key: t1")
    text = text.replace("variants: [internal-api]", "variants: [nope]")
    problems = problems_of(text)
    by_code = {problem.code: problem for problem in problems}
    assert set(by_code) >= {"raci-invalid-letter", "raci-unknown-role", "playbook-invalid"}
    assert len(problems) == 4
    for problem in problems:
        assert problem.where == "demo.yaml"
        assert problem.line is not None
        assert problem.column is not None
        assert problem.hint
    unknown_role = by_code["raci-unknown-role"]
    assert (
        unknown_role.line
        == VALID.splitlines().index("        raci: {pm: R, im: Responsible & Accountable}") + 1
    )
    messages = " ".join(problem.message for problem in problems)
    assert "duplicate task key 't1'" in messages
    assert "unknown variant 'nope'" in messages


def test_missing_and_unknown_fields_name_the_place():
    text = VALID.replace("version: 1\n", "").replace("side: vendor}", "side: vendor, colour: red}")
    problems = problems_of(text)
    messages = [problem.message for problem in problems]
    assert any("'version' is missing" in message for message in messages)
    assert any("unknown field 'colour'" in message and message.startswith("roles.1") for message in messages)
    colour = next(problem for problem in problems if "colour" in problem.message)
    assert colour.line == next(number for number, line in enumerate(text.splitlines(), 1) if "colour" in line)


def test_a_bad_side_gets_the_allowed_values_as_hint():
    (problem,) = problems_of(VALID.replace("side: customer", "side: client"))
    assert "vendor, customer, partner" in problem.hint
    assert problem.line == 5


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "yaml-empty"),
        ("key: [unclosed", "yaml-syntax"),
        ("a: &x 1\nb: *x\n", "yaml-syntax"),
        ("key: a\nkey: b\n", "yaml-duplicate-key"),
    ],
)
def test_broken_yaml_gets_one_located_problem_and_no_traceback(text, code):
    (problem,) = problems_of(text)
    assert problem.code == code


def test_not_utf8_is_refused_clearly():
    (problem,) = problems_of(b"key: \xff\xfe")  # type: ignore[arg-type]
    assert problem.code == "yaml-encoding"


def test_missing_file_is_reported_not_raised(tmp_path: Path):
    with pytest.raises(InvalidInput) as caught:
        load_playbook(tmp_path / "absent.yaml")
    assert caught.value.problems[0].code == "file-unreadable"


def test_the_schema_ships_with_the_package():
    schema = playbook_schema()
    assert schema["title"] == "Accord playbook"
    assert "raci" in schema["$defs"]["task"]["properties"]


@settings(max_examples=60, deadline=None)
@given(playbooks())
def test_dump_then_load_gives_back_the_same_playbook(playbook):
    assert loads_playbook(dump_playbook(playbook), "round-trip.yaml") == playbook


def test_an_unquoted_date_in_the_change_log_is_read_as_a_date():
    playbook = loads_playbook(VALID + "change_log:\n  - {version: 1, date: 2024-03-29, description: first}\n")
    assert playbook.change_log[0].date is not None
    assert playbook.change_log[0].date.isoformat() == "2024-03-29"


def test_a_change_log_date_that_is_not_a_date_names_its_line():
    (problem,) = problems_of(VALID + "change_log:\n  - {version: 1, date: 29/03/2024, description: first}\n")
    assert problem.line == len(VALID.splitlines()) + 2
    assert "YYYY-MM-DD" in problem.hint
