"""Export → import gives back everything the matrix layout holds, for CSV and XLSX."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from accord.domain.playbook import Task
from accord.domain.raci import Raci
from accord.formats.matrix import (
    import_matrix,
    matrix_from_csv,
    matrix_from_xlsx,
    matrix_to_csv,
    matrix_to_xlsx,
)
from accord.formats.matrix.layout import KEY_PATTERN
from accord.formats.playbook_yaml import dump_playbook, loads_playbook
from accord.playbooks import builtin_playbooks
from tests.formats.fixtures.matrix import demo_playbook, layout_view, matrix_playbooks


def without_key_column(text: str) -> str:
    """The CSV as a person might write it: without the trailing Key column."""
    rows = list(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(row[:-1] for row in rows)
    return buffer.getvalue()


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_csv_round_trip_keeps_the_task_keys_of_its_key_column():
    playbook = demo_playbook()
    back = matrix_from_csv(matrix_to_csv(playbook), where="demo.csv")
    assert [task.key for task in back.tasks] == [task.key for task in playbook.tasks]


def test_csv_round_trip_keeps_the_layout_and_derives_keys_from_names():
    playbook = demo_playbook()
    back = matrix_from_csv(without_key_column(matrix_to_csv(playbook)), where="demo.csv")
    assert layout_view(back) == layout_view(playbook)
    assert [role.key for role in back.roles] == [
        "vendor-account-manager",
        "vendor-integration-manager",
        "customer-it-department",
        "partner-third-party-administrator",
    ]
    assert [task.key for task in back.tasks] == ["kick-off-the-real-one", "api-credentials"]
    assert back.phases[0].key == "deal-evaluation"
    assert [variant.key for variant in back.variants] == ["internal-api", "external-api"]
    assert back.key == "demo"


def test_csv_import_takes_key_and_name_when_given():
    back = matrix_from_csv(matrix_to_csv(demo_playbook()), where="whatever.csv", key="mine", name="My matrix")
    assert (back.key, back.name, back.version) == ("mine", "My matrix", "1")


def test_repeated_task_names_get_numbered_keys_in_row_order():
    playbook = demo_playbook()
    phase = playbook.phases[0]
    same = tuple(replace(task, name="Same name") for task in phase.tasks)
    extra = Task(key="x", name="same-name-2")
    playbook = replace(playbook, phases=(replace(phase, tasks=(*same, extra)),))
    back = matrix_from_csv(without_key_column(matrix_to_csv(playbook)), where="demo.csv")
    assert [task.key for task in back.tasks] == ["same-name", "same-name-2", "same-name-2-2"]


def test_xlsx_round_trip_is_complete_including_keys_and_cover():
    playbook = demo_playbook()
    back = matrix_from_xlsx(matrix_to_xlsx(playbook), where="demo.xlsx")
    assert back == replace(playbook, roles=playbook.roles_by_side)


def test_import_matrix_dispatches_on_the_suffix(tmp_path):
    playbook = demo_playbook()
    (tmp_path / "m.csv").write_text(matrix_to_csv(playbook), encoding="utf-8")
    (tmp_path / "m.XLSX").write_bytes(matrix_to_xlsx(playbook))
    assert layout_view(import_matrix(tmp_path / "m.csv")) == layout_view(playbook)
    assert import_matrix(tmp_path / "m.XLSX") == replace(playbook, roles=playbook.roles_by_side)
    assert import_matrix(tmp_path / "m.XLSX", key="other").key == "other"


@SETTINGS
@given(matrix_playbooks())
def test_csv_export_then_import_keeps_everything_the_layout_holds(playbook):
    back = matrix_from_csv(matrix_to_csv(playbook), where="matrix.csv")
    assert layout_view(back) == layout_view(playbook)
    keys = [task.key for task in back.tasks]
    assert len(set(keys)) == len(keys)
    assert all(KEY_PATTERN.match(key) for key in keys + [role.key for role in back.roles])
    # A second round changes nothing: the export of an import is the same file.
    assert matrix_to_csv(back) == matrix_to_csv(playbook)


@SETTINGS
@given(matrix_playbooks())
def test_csv_with_a_byte_order_mark_reads_the_same(playbook):
    text = "\ufeff" + matrix_to_csv(playbook)
    assert layout_view(matrix_from_csv(text.encode(), where="matrix.csv")) == layout_view(playbook)
    assert layout_view(matrix_from_csv(text, where="matrix.csv")) == layout_view(playbook)


@SETTINGS
@given(matrix_playbooks())
def test_xlsx_export_then_import_gives_back_the_playbook(playbook):
    back = matrix_from_xlsx(matrix_to_xlsx(playbook), where="matrix.xlsx")
    assert back == replace(playbook, roles=playbook.roles_by_side)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("RA", Raci.R | Raci.A),
        ("R, A", Raci.R | Raci.A),
        ("Responsible & Accountable", Raci.R | Raci.A),
        ("i", Raci.I),
        ("n/a", Raci.NA),
        ("'-", Raci.NA),
        ("", Raci(0)),
    ],
)
def test_csv_import_accepts_every_spelling_of_letters(written, expected):
    text = f'Phase,Task,Vendor: Account Manager\nDeal,Kick-off,"{written}"\n'
    back = matrix_from_csv(text, where="m.csv")
    assert back.tasks[0].cell(back.roles[0].key) == expected


def test_csv_import_reads_semicolons_and_tabs_and_columns_in_any_order():
    for delimiter in (";", "\t"):
        text = (
            delimiter.join(["Task", "Customer: IT", "phase"])
            + "\n"
            + delimiter.join(["Kick-off", "R/A", "Deal"])
        )
        back = matrix_from_csv(text + "\n", where="m.csv")
        assert back.phases[0].name == "Deal"
        assert back.tasks[0].name == "Kick-off"
        assert back.tasks[0].cell("customer-it") == Raci.R | Raci.A


def test_an_empty_phase_cell_continues_the_phase_above():
    text = "Phase,Task,Vendor: PM\nDeal,One,R\n,Two,A\nTest,Three,\n"
    back = matrix_from_csv(text, where="m.csv")
    assert [(phase.name, [task.name for task in phase.tasks]) for phase in back.phases] == [
        ("Deal", ["One", "Two"]),
        ("Test", ["Three"]),
    ]


@pytest.mark.parametrize("playbook", builtin_playbooks(), ids=lambda playbook: playbook.key)
def test_built_in_playbooks_round_trip_and_their_imports_are_valid_playbook_files(playbook):
    from_csv = matrix_from_csv(matrix_to_csv(playbook), where=f"{playbook.key}.csv")
    from_xlsx = matrix_from_xlsx(matrix_to_xlsx(playbook), where=f"{playbook.key}.xlsx")
    assert layout_view(from_csv) == layout_view(playbook)
    assert layout_view(from_xlsx) == layout_view(playbook)
    assert [task.key for task in from_xlsx.tasks] == [task.key for task in playbook.tasks]
    assert (from_xlsx.key, from_xlsx.version, from_xlsx.source) == (
        playbook.key,
        playbook.version,
        playbook.source,
    )
    for imported in (from_csv, from_xlsx):
        assert loads_playbook(dump_playbook(imported), "imported.yaml") == imported
