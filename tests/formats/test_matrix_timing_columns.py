"""Issue 8 item 10 and issue 14 item 2: the matrix files carry each task's timing in their own
columns, and the XLSX a Roles sheet; both are read back; a file's errors come all at once."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import openpyxl
import pytest

from accord.domain.errors import InvalidInput
from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.domain.timing import timing_from_data
from accord.formats.matrix import matrix_from_csv, matrix_from_xlsx, matrix_to_csv, matrix_to_xlsx
from accord.playbooks import builtin_playbook

ROLES = (Role(key="pm", name="PM", side=Side.VENDOR), Role(key="it", name="IT", side=Side.CUSTOMER))


def planned_playbook() -> Playbook:
    def task(key: str, name: str, timing: dict | None = None, milestone: bool = False) -> Task:
        return Task(
            key=key,
            name=name,
            raci={"pm": Raci.R, "it": Raci.A},
            timing=timing_from_data(timing) if timing is not None else None,
            milestone=milestone,
        )

    tasks = (
        task("kickoff", "Kick-off", {"start": "project", "lag": 1, "sessions": {"count": 3, "minutes": 90}}),
        task("build", "Build", {"after": [{"task": "kickoff", "lag": 2}], "duration": "4-6 weeks"}),
        task("docs", "Docs", {"around": {"task": "build", "lag": -1}, "duration": "approximately 3 weeks"}),
        task("train", "Train", {"before": ["launch"], "duration": {"min": 1, "likely": 2, "max": 4}}),
        task(
            "setup",
            "Set-up",
            {"when": {"condition": "users; teams exist", "satisfied_by": ["build", "docs"]}, "duration": 3},
        ),
        task("launch", "Launch", {"after": ["setup", "train"]}, milestone=True),
    )
    return Playbook(
        key="p", name="P", version="1", roles=ROLES, phases=(Phase(key="ph", name="Ph", tasks=tasks),)
    )


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_writes_timing_for_people_and_reads_it_back_equal():
    playbook = planned_playbook()
    text = matrix_to_csv(playbook)
    rows = {row["Task"]: row for row in csv_rows(text)}
    assert rows["Build"]["Duration"] == "4-6 weeks"
    assert rows["Build"]["Depends on"] == "after kickoff +2d"
    assert rows["Kick-off"]["Depends on"] == "project start\nlag +1d"
    assert rows["Kick-off"]["Sessions"] == "3 sessions of 90 minutes at 10:00"
    assert rows["Train"]["Duration"] == "1-4 business days, likely 2"
    assert (rows["Launch"]["Milestone"], rows["Launch"]["Go-live"]) == ("yes", "yes")
    back = matrix_from_csv(text, where="p.csv", key="p", name="P")
    assert [(task.key, task.timing, task.milestone) for task in back.tasks] == [
        (task.key, task.timing, task.milestone) for task in playbook.tasks
    ]


def test_xlsx_reads_the_timing_back_equal():
    playbook = planned_playbook()
    back = matrix_from_xlsx(matrix_to_xlsx(playbook), where="p.xlsx")
    assert back.tasks == playbook.tasks
    assert [task.timing for task in back.tasks] == [task.timing for task in playbook.tasks]


def test_people_may_name_tasks_and_write_plain_numbers():
    text = (
        "Phase,Task,Vendor: PM,Duration,Depends on,Milestone\r\n"
        "Start,Kick-off call,R,,,\r\n"
        "Start,Build it,R,5,after kick-off call +2d,\r\n"
        "Start,Go live,A,,after Build it,yes\r\n"
    )
    back = matrix_from_csv(text, where="mine.csv")
    build, go_live = back.tasks[1], back.tasks[2]
    assert build.timing is not None
    assert build.timing.duration is not None
    assert build.timing.duration.business_days == (5, 5, 5)
    assert [(link.task, link.lag) for link in build.timing.after] == [("kick-off-call", 2)]
    assert go_live.milestone
    assert go_live.timing is not None
    assert go_live.timing.after[0].task == "build-it"


def test_every_timing_problem_is_reported_at_once_with_row_and_column():
    text = (
        "Phase,Task,Vendor: PM,Duration,Depends on,Milestone,Go-live,Sessions\r\n"
        "Start,One,R,4 fortnights,,,,\r\n"
        "Start,Two,R,,after nowhere,,,\r\n"
        "Start,Three,R,,,maybe,,three of them\r\n"
        "Start,Four,R,,,,yes,\r\n"
    )
    with pytest.raises(InvalidInput) as caught:
        matrix_from_csv(text, where="bad.csv")
    found = {(problem.line, problem.column, problem.code) for problem in caught.value.problems}
    assert found == {
        (2, "D (Duration)", "matrix-bad-timing"),
        (3, "E (Depends on)", "matrix-bad-timing"),
        (4, "F (Milestone)", "matrix-bad-timing"),
        (4, "H (Sessions)", "matrix-bad-timing"),
        (5, "F (Milestone)", "matrix-go-live-not-milestone"),
    }
    assert "nowhere" in str(caught.value)


def test_an_unknown_column_no_longer_hides_the_other_errors():
    text = "Phase,Task,Vendor: PM,Owner name\r\nStart,One,Q,Ann\r\n"
    with pytest.raises(InvalidInput) as caught:
        matrix_from_csv(text, where="bad.csv")
    codes = [problem.code for problem in caught.value.problems]
    assert codes == ["matrix-unknown-column", "matrix-unknown-letter"]


def test_a_go_live_before_the_last_milestone_becomes_the_tasks_marker():
    text = "Phase,Task,Vendor: PM,Milestone,Go-live\r\nStart,Launch,R,yes,yes\r\nStart,Close,R,yes,\r\n"
    back = matrix_from_csv(text, where="mine.csv")
    assert [(task.key, task.go_live) for task in back.tasks] == [("launch", True), ("close", False)]
    assert [row["Go-live"] for row in csv_rows(matrix_to_csv(back))] == ["yes", ""]


def test_a_go_live_on_the_last_milestone_needs_no_marker_and_two_are_refused():
    last = "Phase,Task,Vendor: PM,Milestone,Go-live\r\nStart,Launch,R,yes,\r\nStart,Close,R,yes,yes\r\n"
    assert [task.go_live for task in matrix_from_csv(last, where="mine.csv").tasks] == [False, False]
    two = "Phase,Task,Vendor: PM,Milestone,Go-live\r\nStart,Launch,R,yes,yes\r\nStart,Close,R,yes,yes\r\n"
    with pytest.raises(InvalidInput) as caught:
        matrix_from_csv(two, where="bad.csv")
    assert [(problem.code, problem.line) for problem in caught.value.problems] == [
        ("matrix-several-go-lives", 3)
    ]


def test_the_workbook_has_a_roles_sheet_with_descriptions_and_responsibilities():
    playbook = builtin_playbook("socialtalent-onboarding")
    workbook = openpyxl.load_workbook(io.BytesIO(matrix_to_xlsx(playbook)))
    sheet = workbook["Roles"]
    rows = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Side", "Name", "Key", "Description", "Responsibilities"]
    sponsor = next(role for role in playbook.roles if role.responsibilities)
    row = next(row for row in rows if row[2] == sponsor.key)
    assert row[:2] == [sponsor.side.label, sponsor.name]
    assert row[3] == sponsor.description
    assert row[4].splitlines() == list(sponsor.responsibilities)


def test_the_roles_sheet_is_read_back_and_edits_to_it_are_kept():
    playbook = builtin_playbook("socialtalent-onboarding")
    back = matrix_from_xlsx(matrix_to_xlsx(playbook), where="st.xlsx")
    assert {role.key: (role.description, role.responsibilities) for role in back.roles} == {
        role.key: (role.description, role.responsibilities) for role in playbook.roles
    }
    workbook = openpyxl.load_workbook(io.BytesIO(matrix_to_xlsx(playbook)))
    workbook["Roles"]["D2"] = "Edited in Excel"
    workbook["Roles"]["E2"] = "- first duty\n- second duty"
    buffer = io.BytesIO()
    workbook.save(buffer)
    edited = matrix_from_xlsx(buffer.getvalue(), where="st.xlsx").roles_by_side[0]
    assert (edited.description, edited.responsibilities) == ("Edited in Excel", ("first duty", "second duty"))


def test_a_phase_without_tasks_keeps_its_key_in_csv():
    playbook = planned_playbook()
    playbook = replace(playbook, phases=(*playbook.phases, Phase(key="later", name="Later")))
    back = matrix_from_csv(matrix_to_csv(playbook), where="p.csv")
    assert [phase.key for phase in back.phases][-1] == "later"
