"""`accord plan`: the planner's result as a table, JSON, ICS, SVG or HTML, and one-line errors."""

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from accord.cli.main import app
from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.domain.timing import timing_from_data
from accord.formats.playbook_yaml import dump_playbook
from accord.playbooks import BUILTIN_KEYS, builtin_playbook

runner = CliRunner()
BASE = ("plan", "socialtalent-onboarding", "--start", "2026-11-02", "--country", "US", "--samples", "500")


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def plan_json(*args: str) -> dict:
    result = invoke(*BASE, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_one_line_error(result, *words: str) -> str:
    """One error with its hint on stderr, status 2, nothing on stdout; returns the message.

    The shared stderr console wraps long messages at the terminal width (80 columns under
    the test runner), so the wrapped pieces are put back together first.
    """
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    message = "".join(result.stderr.splitlines())
    assert message.startswith("error: "), result.stderr
    assert message.count("error: ") == 1, result.stderr
    assert "(hint: " in message
    assert message.endswith(")")
    for word in words:
        assert word in message
    assert result.stdout == ""
    return message


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_json_plans_every_builtin_playbook_with_all_its_tasks(key):
    result = invoke("plan", key, "--start", "2026-11-02", "--country", "FR", "--samples", "200", "-f", "json")

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    playbook = builtin_playbook(key)
    assert document["playbook"] == key
    assert [task["key"] for task in document["tasks"]] == [task.key for task in playbook.tasks]
    assert document["calendar"] == {"country": "FR", "subdivision": None, "timezone": "Europe/Paris"}
    go_live = {name: date.fromisoformat(value) for name, value in document["go_live"].items()}
    assert go_live["earliest"] <= go_live["p50"] <= go_live["p80"] <= go_live["p95"] <= go_live["latest"]
    assert all(date.fromisoformat(task["start"]) >= date(2026, 11, 2) for task in document["tasks"])


def test_text_prints_the_table_and_the_go_live_summary():
    document = plan_json()
    result = invoke(*BASE)

    assert result.exit_code == 0, result.output
    assert "Go-live: planned " + document["go_live"]["planned"] in result.stdout
    assert "SocialTalent" in result.stdout or document["playbook"] in result.stdout
    for task in document["tasks"]:
        assert task["start"] in result.stdout


def test_the_same_seed_gives_the_same_plan():
    assert plan_json("--seed", "7") == plan_json("--seed", "7")


def test_subdivision_and_time_zone_reach_the_calendar():
    document = plan_json("--subdivision", "CA", "--timezone", "America/Los_Angeles")

    assert document["calendar"] == {"country": "US", "subdivision": "CA", "timezone": "America/Los_Angeles"}


def test_a_variant_keeps_the_common_tasks_and_its_own():
    playbook = builtin_playbook("tomorro-integration")
    variant = playbook.variants[0].key
    result = invoke(
        "plan", playbook.key, "--start", "2026-11-02", "--country", "US", "--variant", variant, "-f", "json"
    )

    assert result.exit_code == 0, result.output
    keys = [task["key"] for task in json.loads(result.stdout)["tasks"]]
    assert keys == [task.key for task in playbook.for_variant(variant).tasks]
    assert len(keys) < len(playbook.tasks)


@pytest.mark.parametrize(
    ("file_name", "check"),
    [
        ("plan.json", lambda data: json.loads(data)["playbook"] == "socialtalent-onboarding"),
        ("plan.ics", lambda data: len(Calendar.from_ical(data).walk("VEVENT")) > 0),
        ("plan.svg", lambda data: ET.fromstring(data).get("role") == "img"),
        ("plan.html", lambda data: data.lower().startswith(b"<!doctype html>")),
        ("plan.txt", lambda data: b"Go-live: planned" in data),
    ],
)
def test_output_file_format_follows_its_extension(tmp_path, file_name, check):
    target = tmp_path / file_name
    result = invoke(*BASE, "-o", str(target))

    assert result.exit_code == 0, result.output
    assert check(target.read_bytes())
    assert str(target) in result.stdout
    assert [path.name for path in tmp_path.iterdir()] == [file_name]


def test_ics_goes_to_stdout_as_a_calendar_with_one_event_per_phase_at_least():
    document = plan_json()
    result = invoke(*BASE, "--format", "ics", "--project-id", "acme")

    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.stdout_bytes)
    phases = {task["phase"] for task in document["tasks"]}
    assert len(calendar.walk("VEVENT")) >= len(phases)


def test_the_project_id_changes_the_event_uids():
    def uids(project):
        result = invoke(*BASE, "--format", "ics", "--project-id", project)
        return {str(event["UID"]) for event in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}

    assert uids("acme") == uids("acme")
    assert uids("acme").isdisjoint(uids("globex"))


def test_svg_draws_the_today_line_given():
    result = invoke(*BASE, "--format", "svg", "--today", "2026-11-04")

    assert result.exit_code == 0, result.output
    assert "today 2026-11-04" in result.stdout
    ET.fromstring(result.stdout)


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (("--start", "2026-13-01"), ("--start", "2026-13-01", "YYYY-MM-DD")),
        (("--today", "tomorrow"), ("--today", "tomorrow")),
        (("--country", "XX"), ("XX",)),
        (("--subdivision", "ZZ"), ("ZZ",)),
        (("--timezone", "Mars/Olympus"), ("Mars/Olympus",)),
        (("--variant", "carrier-pigeon"), ("carrier-pigeon",)),
        (("--format", "pdf"), ("pdf", "text, json, ics, svg, html")),
        (("--samples", "0"), ("sample",)),
    ],
)
def test_bad_input_is_one_line_with_a_hint_and_status_2(arguments, words):
    options = dict(zip(BASE[2::2], BASE[3::2], strict=True))
    for name, value in zip(arguments[::2], arguments[1::2], strict=True):
        options[name] = value
    flat = [item for pair in options.items() for item in pair]

    assert_one_line_error(invoke("plan", "socialtalent-onboarding", *flat), *words)


def test_an_unknown_playbook_is_one_line_naming_the_builtins():
    result = invoke("plan", "no-such-playbook", "--start", "2026-11-02", "--country", "US")

    assert_one_line_error(result, "no-such-playbook", BUILTIN_KEYS[0])


def test_a_dependency_cycle_is_one_line_naming_its_tasks(tmp_path):
    def task(key, after):
        return Task(
            key=key,
            name=key.title(),
            raci={"owner": Raci.R | Raci.A},
            timing=timing_from_data({"after": after}),
        )

    playbook = Playbook(
        key="cyclic",
        name="Cyclic",
        version="1",
        roles=(Role(key="owner", name="Owner", side=Side.VENDOR),),
        phases=(Phase(key="only", name="Only", tasks=(task("alpha", ["beta"]), task("beta", ["alpha"]))),),
    )
    path = tmp_path / "cyclic.yaml"
    path.write_text(dump_playbook(playbook), encoding="utf-8")

    line = assert_one_line_error(invoke("plan", str(path), "--start", "2026-11-02", "--country", "US"))

    assert "alpha" in line
    assert "beta" in line


def test_a_file_that_cannot_be_written_is_an_error_and_nothing_is_left(tmp_path):
    target = tmp_path / "missing-folder" / "plan.svg"

    assert_one_line_error(invoke(*BASE, "-o", str(target)), "cannot write")
    assert list(tmp_path.iterdir()) == []


def test_help_lists_every_option():
    result = invoke("plan", "--help")

    assert result.exit_code == 0
    for option in ("--start", "--country", "--subdivision", "--timezone", "--variant", "--samples", "--seed"):
        assert option in result.output
    for option in ("--today", "--format", "--output", "--project-id"):
        assert option in result.output
