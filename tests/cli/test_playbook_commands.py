"""The `accord` commands over playbooks: playbooks, show, lint, import."""

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.formats.playbook_yaml import load_playbook
from accord.playbooks import BUILTIN_KEYS, builtin_playbook

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_playbooks_lists_every_builtin_with_its_counts():
    result = invoke("playbooks")
    assert result.exit_code == 0, result.output
    for key in BUILTIN_KEYS:
        playbook = builtin_playbook(key)
        assert key in result.output
        assert playbook.source is not None
        assert playbook.source.file in result.output


def test_playbooks_keys_prints_one_key_a_line():
    result = invoke("playbooks", "--keys")
    assert result.output.split() == list(BUILTIN_KEYS)


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_show_json_has_every_task_with_its_variants(key):
    result = invoke("show", key, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    playbook = builtin_playbook(key)
    assert data["key"] == key
    assert data["source"] == playbook.source.file
    shown = [(task["key"], task["variants"]) for phase in data["phases"] for task in phase["tasks"]]
    assert shown == [(task.key, list(task.variants)) for task in playbook.tasks]


def test_show_with_a_variant_keeps_common_tasks_and_that_variants_own():
    playbook = builtin_playbook("tomorro-integration")
    variant = playbook.variants[0].key
    data = json.loads(invoke("show", "tomorro-integration", "--variant", variant, "--format", "json").output)
    keys = [task["key"] for phase in data["phases"] for task in phase["tasks"]]
    expected = [task.key for task in playbook.tasks if not task.variants or variant in task.variants]
    assert keys == expected
    assert len(keys) < len(playbook.tasks)


def test_show_csv_has_the_matrix_layout():
    result = invoke("show", "socialtalent-onboarding", "--format", "csv")
    header = next(csv.reader(io.StringIO(result.output)))
    assert header[:6] == ["Phase", "Group", "Task", "Details", "Timeframe", "Variants"]
    timing = ["Duration", "Depends on", "Milestone", "Go-live", "Sessions", "Key"]
    assert header[-6:] == timing
    assert all(title.split(": ")[0] in {"Vendor", "Customer", "Partner"} for title in header[6:-6])


def test_show_writes_xlsx_to_a_file(tmp_path: Path):
    target = tmp_path / "matrix.xlsx"
    result = invoke("show", "paylocity-integration", "--format", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:2] == b"PK"


def test_show_refuses_xlsx_to_the_terminal():
    result = invoke("show", "paylocity-integration", "--format", "xlsx")
    assert result.exit_code == 2
    assert "-o" in result.output


def test_unknown_playbook_and_variant_get_one_clear_line():
    unknown = invoke("show", "no-such-playbook")
    assert unknown.exit_code == 2
    assert "no-such-playbook" in unknown.output
    assert "hint" in unknown.output
    assert "Traceback" not in unknown.output
    bad_variant = invoke("show", "tomorro-integration", "--variant", "carrier-pigeon")
    assert bad_variant.exit_code == 2
    assert "carrier-pigeon" in bad_variant.output


def test_a_broken_playbook_file_lists_every_problem_with_its_line(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "key: b\nname: B\nversion: 1\nroles:\n  - {key: pm, name: PM, side: customer}\n"
        "phases:\n  - key: p\n    name: P\n    tasks:\n"
        "      - {key: t, name: T, raci: {pm: Q}}\n      - {key: t, name: T2, raci: {xx: R}}\n"
    )
    result = invoke("lint", str(broken))
    assert result.exit_code == 2
    assert "line 10" in result.output
    assert "line 11" in result.output
    assert "Traceback" not in result.output


def test_lint_json_lists_findings_with_the_documented_fields_and_exit_status():
    result = invoke("lint", "socialtalent-onboarding", "--format", "json")
    findings = json.loads(result.output)
    assert findings, "seed 002 breaks its own rules: the linter must say where"
    for finding in findings:
        assert set(finding) == {"code", "severity", "playbook", "phase", "task", "roles", "message", "hint"}
        assert finding["severity"] in {"error", "warning", "info"}
    has_error = any(finding["severity"] == "error" for finding in findings)
    assert result.exit_code == (1 if has_error else 0)


def test_lint_exits_0_on_a_sound_playbook(tmp_path: Path):
    sound = tmp_path / "sound.yaml"
    sound.write_text(
        "key: s\nname: S\nversion: 1\nroles:\n  - {key: pm, name: PM, side: customer}\n"
        "  - {key: im, name: IM, side: vendor}\nphases:\n  - key: p\n    name: P\n    tasks:\n"
        "      - {key: t, name: T, raci: {pm: R, im: A}}\n      - {key: u, name: U, raci: {pm: A, im: R}}\n"
    )
    result = invoke("lint", str(sound), "--format", "json")
    assert [f for f in json.loads(result.output) if f["severity"] == "error"] == []
    assert result.exit_code == 0


def test_import_turns_an_exported_csv_back_into_a_playbook(tmp_path: Path):
    exported = tmp_path / "matrix.csv"
    invoke("show", "socialtalent-onboarding", "--format", "csv", "-o", str(exported))
    target = tmp_path / "imported.yaml"
    result = invoke("import", str(exported), "-o", str(target))
    assert result.exit_code == 0, result.output
    imported = load_playbook(target)
    original = builtin_playbook("socialtalent-onboarding")
    assert [task.name for task in imported.tasks] == [task.name for task in original.tasks]
    assert [sorted(task.raci.values()) for task in imported.tasks] == [
        sorted(cell for cell in task.raci.values() if not cell.is_empty) for task in original.tasks
    ]


def test_import_of_a_bad_file_writes_nothing_and_exits_2(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Phase,Task,Nonsense\nA,B,C\n")
    target = tmp_path / "out.yaml"
    result = invoke("import", str(bad), "-o", str(target))
    assert result.exit_code == 2
    assert "bad.csv" in result.output
    assert not target.exists()
    assert not list(tmp_path.glob(".*partial"))


def test_import_of_a_file_that_is_not_a_spreadsheet(tmp_path: Path):
    picture = tmp_path / "matrix.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    result = invoke("import", str(picture), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert "matrix.xlsx" in result.output


def test_every_command_has_help():
    for command in ("playbooks", "show", "lint", "import", "plan"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_an_unexpected_failure_is_one_line_without_traceback(monkeypatch, capsys):
    import accord.cli.main as main
    from accord.cli import playbooks

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(playbooks, "builtin_playbooks", broken)
    monkeypatch.setattr(sys, "argv", ["accord", "playbooks"])
    monkeypatch.delenv("ACCORD_DEBUG", raising=False)
    with pytest.raises(SystemExit) as caught:
        main.run()
    assert caught.value.code == main.EXIT_INTERNAL_ERROR
    captured = capsys.readouterr()
    assert "internal error: RuntimeError: boom" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_errors_are_single_lines_however_long(tmp_path: Path):
    long_name = tmp_path / ("x" * 150 + ".yaml")
    result = invoke("show", str(long_name))
    assert result.exit_code == 2
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1
    assert "x" * 150 in error_lines[0]
