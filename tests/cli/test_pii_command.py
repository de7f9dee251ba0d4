"""`accord pii-check`: JSON or a table of findings.

Exit 1 when something is found, 0 when clean, 2 on a read error.
"""

import json

import pytest
from typer.testing import CliRunner

from accord.cli.main import app

runner = CliRunner()
TICKET = "Contact john.smith@acme.com or call (212) 736-5000.\nIBAN FR76 3000 6000 0112 3456 7890 189\n"


def invoke(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def ticket(tmp_path):
    path = tmp_path / "ticket.txt"
    path.write_text(TICKET, encoding="utf-8")
    return path


def test_json_lists_each_finding_with_its_offsets_and_exits_1(ticket):
    result = invoke("pii-check", str(ticket), "--json")

    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    assert [(f["category"], f["text"]) for f in findings] == [
        ("email", "john.smith@acme.com"),
        ("phone", "(212) 736-5000"),
        ("bank", "FR76 3000 6000 0112 3456 7890 189"),
    ]
    assert all(set(f) == {"category", "start", "end", "text"} for f in findings)
    assert all(TICKET[f["start"] : f["end"]] == f["text"] for f in findings)


def test_the_table_names_each_category_and_where_it_is(ticket):
    result = invoke("pii-check", str(ticket))

    assert result.exit_code == 1, result.output
    assert "3 findings" in result.stdout
    for word in ("email", "phone", "bank", "2:6"):
        assert word in result.stdout


def test_standard_input_and_a_clean_text_exit_0():
    result = invoke("pii-check", "-", stdin="The export failed at step 3 of 7.\n")

    assert result.exit_code == 0, result.output
    assert "no personal data found" in result.stdout
    clean_json = invoke("pii-check", "-", "--json", stdin="Nothing personal.")
    assert clean_json.exit_code == 0
    assert json.loads(clean_json.stdout) == []


def test_allowed_addresses_and_domains_are_not_reported():
    text = "Escalated to webservices@paylocity.com by jane.roe@paylocity.com; cc all@paylocity.com"
    result = invoke(
        "pii-check",
        "-",
        "--json",
        "--allow-address",
        "webservices@paylocity.com",
        "--allow-domain",
        "paylocity.com",
        stdin=text,
    )

    assert result.exit_code == 1
    assert [f["text"] for f in json.loads(result.stdout)] == ["all@paylocity.com"]


def assert_one_line_error(result, *words):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    message = "".join(result.stderr.splitlines())
    assert message.startswith("error: ")
    assert "(hint: " in message
    for word in words:
        assert word in message
    assert result.stdout == ""


def test_a_missing_file_is_one_line_with_a_hint(tmp_path):
    assert_one_line_error(invoke("pii-check", str(tmp_path / "nope.txt")), "cannot read", "nope.txt")


def test_a_folder_is_one_line_with_a_hint(tmp_path):
    assert_one_line_error(invoke("pii-check", str(tmp_path)), "cannot read")


def test_a_binary_file_is_one_line_with_a_hint(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\xff\xfe\x00binary")
    assert_one_line_error(invoke("pii-check", str(path)), "not UTF-8")
    assert_one_line_error(invoke("pii-check", "-", stdin=b"\xff\xfe"), "standard input", "not UTF-8")
