"""Issue 8 item 11: the CLI's rough edges of a first trial."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import dump_playbook

runner = CliRunner()
PLAN = ("--start", "2026-11-02", "--country", "US", "--samples", "50")


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def one_line(result) -> str:
    return " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("command", "named"),
    [
        (("plan", "paylocity-integration", *PLAN), ".txt, .json, .ics, .svg or .html"),
        (("show", "paylocity-integration"), ".md, .csv, .html, .xlsx or .json"),
    ],
)
def test_an_output_extension_matching_no_format_exits_2_naming_the_formats(tmp_path: Path, command, named):
    target = tmp_path / "plan.pdf"
    result = invoke(*command, "-o", str(target))
    assert result.exit_code == 2
    assert ".pdf" in one_line(result)
    assert named in one_line(result)
    assert not target.exists()


def test_show_takes_the_format_from_the_output_extension(tmp_path: Path):
    target = tmp_path / "matrix.csv"
    assert invoke("show", "paylocity-integration", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("Phase,Group,Task")


def test_show_prints_a_table_in_the_terminal_and_markdown_only_when_asked():
    table = invoke("show", "socialtalent-onboarding")
    assert table.exit_code == 0
    assert "| Phase |" not in table.stdout
    assert "Introduction Call" in table.stdout
    assert {"Specialist", "Sponsor(s)", "Manager(s)"} <= set(table.stdout.split())  # whole words
    assert "R/A" in table.stdout
    markdown = invoke("show", "socialtalent-onboarding", "--format", "md")
    assert markdown.stdout.splitlines()[0] == "# SocialTalent onboarding"
    assert "| Phase | Group | Task |" in markdown.stdout


def test_the_terminal_table_keeps_every_role_column_however_narrow_the_terminal():
    result = runner.invoke(app, ["show", "tomorro-integration"], env={"COLUMNS": "60"})
    text = " ".join(result.stdout.split())
    for role in ("Integration Manager", "Third-party software provider"):
        assert all(word in text for word in role.split())


def test_counts_are_pluralised(tmp_path: Path):
    playbook = Playbook(
        key="one",
        name="One",
        version="1",
        roles=(Role(key="owner", name="Owner", side=Side.VENDOR),),
        phases=(Phase(key="only", name="Only", tasks=(Task(key="t", name="T", raci={"owner": Raci.R}),)),),
    )
    source = tmp_path / "one.yaml"
    source.write_text(dump_playbook(playbook), encoding="utf-8")
    result = invoke("plan", str(source), *PLAN, "-o", str(tmp_path / "plan.json"))
    assert result.exit_code == 0
    assert "1 task," in result.stdout
    assert "1 tasks" not in result.stdout


def test_a_files_errors_are_all_reported_even_with_an_unknown_column(tmp_path: Path):
    source = tmp_path / "matrix.csv"
    source.write_text(
        "Phase,Task,Vendor: PM,Duration,Comments\r\nStart,One,R,4 fortnights,\r\nStart,Two,Q,,\r\n",
        encoding="utf-8",
    )
    result = invoke("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    text = one_line(result)
    assert "unknown column 'Comments'" in text
    assert "fortnights" in text
    assert "row 3" in text
    assert not (tmp_path / "out.yaml").exists()


def test_a_date_outside_the_calendar_gets_a_hint_in_the_clis_terms():
    result = invoke("plan", "invoicecloud-integration", "--start", "2060-12-01", "--country", "US")
    assert result.exit_code == 2
    assert "years=range" not in result.stderr
    assert "start date" in one_line(result)


def test_accord_plan_imports_neither_django_nor_the_demo_nor_other_commands_needs():
    script = (
        "import json, sys\n"
        "from accord.cli.main import app\n"
        "try:\n"
        "    app(['plan', 'invoicecloud-integration', '--start', '2026-11-02', '--country', 'US',"
        " '--samples', '50', '-f', 'json'], standalone_mode=False)\n"
        "finally:\n"
        "    print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert json.loads(done.stdout)["go_live"]["planned"]
    unwanted = {"django", "accord.demo", "accord.demo.builder", "accord.domain.pii", "openpyxl", "icalendar"}
    assert not unwanted & loaded, unwanted & loaded
