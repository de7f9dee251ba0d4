"""Issue 8 item 10: `accord show --format csv|xlsx`, `accord import`, `accord plan` give the
playbook's own dates, task by task, for every built-in playbook and every variant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.formats.playbook_yaml import load_playbook
from accord.playbooks import BUILTIN_KEYS, builtin_playbook

runner = CliRunner()
PLAN = ("--start", "2026-11-02", "--country", "US", "--samples", "50", "--format", "json")
CASES = [
    (key, variant)
    for key in BUILTIN_KEYS
    for variant in (None, *(variant.key for variant in builtin_playbook(key).variants))
]


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def planned(playbook: str, variant: str | None) -> list[tuple[str, str, str, bool]]:
    variant_args = ("--variant", variant) if variant else ()
    data = json.loads(invoke("plan", playbook, *PLAN, *variant_args).stdout)
    return [(task["key"], task["start"], task["finish"], task["milestone"]) for task in data["tasks"]] + [
        ("go-live", data["go_live"]["planned"], data["go_live"]["p80"], True)
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("key", "variant"), CASES, ids=[f"{key}-{variant or 'all'}" for key, variant in CASES]
)
def test_show_import_plan_gives_the_playbooks_own_dates(tmp_path: Path, key, variant, file_format):
    matrix = tmp_path / f"matrix.{file_format}"
    imported = tmp_path / "imported.yaml"
    invoke("show", key, "--format", file_format, "-o", str(matrix))
    names = ("--key", key, "--name", builtin_playbook(key).name) if file_format == "csv" else ()
    invoke("import", str(matrix), *names, "-o", str(imported))

    assert planned(str(imported), variant) == planned(key, variant)
    back = load_playbook(imported)
    assert (back.key, back.name) == (key, builtin_playbook(key).name)


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_the_timing_itself_comes_back_equal(tmp_path: Path, key):
    matrix, imported = tmp_path / "matrix.csv", tmp_path / "imported.yaml"
    invoke("show", key, "--format", "csv", "-o", str(matrix))
    invoke("import", str(matrix), "-o", str(imported))
    original, back = builtin_playbook(key), load_playbook(imported)
    assert [(task.key, task.milestone, task.timing) for task in back.tasks] == [
        (task.key, task.milestone, task.timing) for task in original.tasks
    ]


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_an_imported_workbook_keeps_the_playbooks_key_and_name_from_its_cover(tmp_path: Path, key):
    matrix, imported = tmp_path / "anything.xlsx", tmp_path / "imported.yaml"
    invoke("show", key, "--format", "xlsx", "-o", str(matrix))
    invoke("import", str(matrix), "-o", str(imported))
    back = load_playbook(imported)
    assert (back.key, back.name) == (key, builtin_playbook(key).name)


VARIANT_CASES = [case for case in CASES if case[1] is not None]


@pytest.mark.parametrize(
    ("key", "variant"), VARIANT_CASES, ids=[f"{key}-{variant}" for key, variant in VARIANT_CASES]
)
def test_one_variants_matrix_plans_as_that_variant(tmp_path: Path, key, variant):
    """`show --variant` leaves out the other variants' tasks, and the links to them, as the planner does."""
    matrix, imported = tmp_path / "matrix.csv", tmp_path / "imported.yaml"
    invoke("show", key, "--variant", variant, "-o", str(matrix))
    invoke("import", str(matrix), "-o", str(imported))
    assert planned(str(imported), None) == planned(key, variant)
