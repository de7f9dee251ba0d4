"""`accord import` on real-world layouts: options, --explain, and nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from accord.cli.main import app
from accord.formats.playbook_yaml import load_playbook

runner = CliRunner()
CORPUS = Path(__file__).parents[1] / "formats" / "corpus"


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_a_messy_csv_imports_with_no_options(tmp_path: Path):
    target = tmp_path / "apollo.yaml"
    result = invoke("import", str(CORPUS / "01-title-owner-header-row-4.csv"), "-o", str(target))
    assert result.exit_code == 0, result.output
    playbook = load_playbook(target)
    assert [phase.name for phase in playbook.phases] == ["Discovery", "Build"]
    assert [role.name for role in playbook.roles] == ["Project Manager", "Developer", "Customer IT"]
    assert "imported 4 tasks and 3 roles" in result.output


def test_an_unknown_letter_exits_2_naming_the_cell_and_the_option_and_writes_nothing(tmp_path: Path):
    target = tmp_path / "out.yaml"
    result = invoke("import", str(CORPUS / "13-rasci-support.csv"), "-o", str(target))
    assert result.exit_code == 2
    assert "13-rasci-support.csv, row 2, column C" in result.output
    assert "--letter S=C" in result.output
    assert not target.exists()
    assert not list(tmp_path.glob(".*partial"))


def test_letter_and_side_options_complete_the_import(tmp_path: Path):
    target = tmp_path / "out.yaml"
    result = invoke(
        "import",
        str(CORPUS / "13-rasci-support.csv"),
        "--letter",
        "S=C",
        "--side",
        "Customer IT=customer",
        "--key",
        "apollo",
        "--name",
        "Apollo",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.output
    playbook = load_playbook(target)
    assert (playbook.key, playbook.name) == ("apollo", "Apollo")
    assert [role.side.value for role in playbook.roles] == ["vendor", "vendor", "customer"]
    assert playbook.tasks[0].raci[playbook.roles[1].key].canonical == "C"


def test_bad_letter_and_side_options_exit_2(tmp_path: Path):
    source = str(CORPUS / "13-rasci-support.csv")
    for option, value in (("--letter", "S"), ("--letter", "S=Support"), ("--side", "Customer IT=client")):
        result = invoke("import", source, option, value, "-o", str(tmp_path / "out.yaml"))
        assert result.exit_code == 2, (option, value)
        assert option in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_explain_json_prints_the_documented_explanation(tmp_path: Path):
    result = invoke(
        "import",
        str(CORPUS / "27-side-row-csv.csv"),
        "--explain",
        "--format",
        "json",
        "-o",
        str(tmp_path / "p.yaml"),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["table"]["first_row"] == 2
    assert data["table"]["orientation"] == "tasks-as-rows"
    assert data["task_column"] == {"column": "B", "title": "Task"}
    assert [(role["column"], role["name"], role["side"], role["side_from"]) for role in data["roles"]] == [
        ("C", "Project Manager", "vendor", "side row"),
        ("D", "Developer", "vendor", "side row"),
        ("E", "IT", "customer", "side row"),
    ]
    assert {"where": "row 1", "why": "above the table: 'RACI — Apollo'", "code": "above-table"} in data[
        "ignored"
    ]
    assert data["problems"] == []
    assert (tmp_path / "p.yaml").exists()


def test_explain_without_output_writes_nothing_and_shows_the_problems(tmp_path: Path):
    result = invoke("import", str(CORPUS / "13-rasci-support.csv"), "--explain", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["letters"]["unknown"] == ["S"]
    assert data["problems"][0]["code"] == "matrix-unknown-letter"
    text = invoke("import", str(CORPUS / "08-transposed.csv"), "--explain")
    assert text.exit_code == 0
    assert "roles-as-rows" in text.output


def test_import_refuses_to_overwrite_without_force(tmp_path: Path):
    target = tmp_path / "out.yaml"
    target.write_text("keep me")
    source = str(CORPUS / "04-roles-above-people.csv")
    result = invoke("import", source, "-o", str(target))
    assert result.exit_code == 2
    assert "--force" in result.output
    assert target.read_text() == "keep me"
    assert invoke("import", source, "-o", str(target), "--force").exit_code == 0
    assert load_playbook(target).tasks[0].name == "Kick-off meeting"


def test_sheet_picks_the_sheet_and_a_missing_one_is_named(tmp_path: Path):
    from tests.formats.corpus_workbooks import instructions_and_legend_sheets

    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(instructions_and_legend_sheets())
    assert invoke("import", str(workbook), "--sheet", "Matrix", "-o", str(tmp_path / "a.yaml")).exit_code == 0
    result = invoke("import", str(workbook), "--sheet", "Nope", "-o", str(tmp_path / "b.yaml"))
    assert result.exit_code == 2
    assert "'Instructions', 'Matrix', 'Legend'" in result.output


def test_markdown_imports_and_one_task_is_singular(tmp_path: Path):
    source = tmp_path / "one.md"
    source.write_text("| Task | Lead | Helper |\n|---|---|---|\n| Plan | R/A | C |\n")
    result = invoke("import", str(source), "-o", str(tmp_path / "one.yaml"))
    assert result.exit_code == 0, result.output
    assert "imported 1 task and 2 roles" in result.output


def test_without_output_or_explain_the_command_asks_for_o(tmp_path: Path):
    result = invoke("import", str(CORPUS / "04-roles-above-people.csv"))
    assert result.exit_code == 2
    assert "-o" in result.output
