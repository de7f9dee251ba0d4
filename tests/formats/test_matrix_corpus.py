"""The corpus: real-world matrix layouts, each with its expected playbook next to it.

Every ``tests/formats/corpus/NAME.yaml`` describes the playbook its file must import to: the
roles (name: side) in column order, the phases with their tasks and cells by role name, and
optionally ``group`` / ``details`` of a task. The file is ``NAME.csv``, ``.md``, ``.tsv`` or
``.txt`` next to it, or a workbook built by ``corpus_workbooks.py`` (so it stays reviewable).
``encode`` re-encodes a text file before import (Windows-1252, UTF-16); ``options`` are the
``--letter`` / ``--side`` / ``--sheet`` a file is meant to need, and ``needs`` the problem code
it is refused with when they are not given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from accord.domain.errors import InvalidInput
from accord.domain.playbook import Playbook, Side
from accord.domain.raci import parse_raci
from accord.formats.matrix import DetectionOptions, detect_matrix_file, import_matrix
from accord.formats.matrix.layout import KEY_PATTERN
from accord.formats.playbook_yaml import dump_playbook, loads_playbook
from tests.formats.corpus_workbooks import WORKBOOKS

CORPUS = Path(__file__).parent / "corpus"
EXPECTATIONS = sorted(CORPUS.glob("*.yaml"))
TEXT_SUFFIXES = (".csv", ".md", ".tsv", ".txt")


def source_file(expectation: Path, spec: dict[str, Any], folder: Path) -> Path:
    """The file to import: the text file next to the YAML (re-encoded if asked), or the workbook."""
    stem = expectation.stem
    if stem in WORKBOOKS:
        target = folder / f"{stem}.xlsx"
        target.write_bytes(WORKBOOKS[stem]())
        return target
    (found,) = [
        CORPUS / f"{stem}{suffix}" for suffix in TEXT_SUFFIXES if (CORPUS / f"{stem}{suffix}").exists()
    ]
    if "encode" not in spec:
        return found
    target = folder / found.name
    target.write_bytes(found.read_text(encoding="utf-8").encode(spec["encode"]))
    return target


def options_of(spec: dict[str, Any]) -> DetectionOptions:
    raw = spec.get("options") or {}
    letters = {
        letter: (None if value in ("-", None) else parse_raci(value))
        for letter, value in raw.get("letters", {}).items()
    }
    sides = {role: Side(side) for role, side in raw.get("sides", {}).items()}
    return DetectionOptions(letters=letters, sides=sides, sheet=raw.get("sheet"))


def view(playbook: Playbook) -> dict[str, Any]:
    """The playbook in the YAML's own terms: roles by name, cells in canonical spelling."""
    names = {role.key: role.name for role in playbook.roles}
    phases = []
    for phase in playbook.phases:
        tasks = []
        for task in phase.tasks:
            cells = {names[key]: value.canonical for key, value in task.raci.items()}
            if task.group or task.details:
                entry: dict[str, Any] = {"name": task.name, "raci": cells}
                if task.group:
                    entry["group"] = task.group
                if task.details:
                    entry["details"] = task.details
                tasks.append(entry)
            else:
                tasks.append({task.name: cells})
        phases.append({phase.name: tasks})
    return {"roles": [{role.name: role.side.value} for role in playbook.roles], "phases": phases}


def expected_view(spec: dict[str, Any]) -> dict[str, Any]:
    phases = []
    for phase in spec["phases"]:
        ((name, tasks),) = phase.items()
        normalised = []
        for task in tasks:
            if "name" in task and "raci" in task:
                normalised.append(
                    {key: task[key] for key in ("name", "raci", "group", "details") if key in task}
                )
            else:
                ((task_name, cells),) = task.items()
                normalised.append(
                    {task_name: {role: parse_raci(letters).canonical for role, letters in cells.items()}}
                )
        for entry in normalised:
            if "raci" in entry:
                entry["raci"] = {
                    role: parse_raci(letters).canonical for role, letters in entry["raci"].items()
                }
        phases.append({name: normalised})
    return {"roles": spec["roles"], "phases": phases}


def test_the_corpus_has_at_least_25_files_each_with_its_source():
    assert len(EXPECTATIONS) >= 25
    for expectation in EXPECTATIONS:
        stem = expectation.stem
        assert stem in WORKBOOKS or any((CORPUS / f"{stem}{suffix}").exists() for suffix in TEXT_SUFFIXES), (
            stem
        )


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda path: path.stem)
def test_every_corpus_file_imports_to_its_expected_playbook(expectation: Path, tmp_path: Path):
    spec = yaml.safe_load(expectation.read_text(encoding="utf-8"))
    path = source_file(expectation, spec, tmp_path)
    if "needs" in spec:
        with pytest.raises(InvalidInput) as refused:
            import_matrix(path)
        assert spec["needs"] in {problem.code for problem in refused.value.problems}
        assert all(
            problem.line is not None or problem.code != "matrix-unknown-letter"
            for problem in refused.value.problems
        )
    detection = detect_matrix_file(path, options=options_of(spec))
    assert detection.problems == (), [str(problem) for problem in detection.problems]
    playbook = detection.playbook_or_raise()
    assert view(playbook) == expected_view(spec)
    if "language" in spec:
        assert playbook.language == spec["language"]
    # Whatever the layout, the result is a valid playbook file with valid keys.
    assert all(KEY_PATTERN.match(task.key) for task in playbook.tasks)
    assert loads_playbook(dump_playbook(playbook)) == playbook
    # The explanation names the table and every role column, and says where each side came from.
    explanation = detection.explanation.as_dict()
    assert explanation["table"]["first_row"] <= explanation["table"]["last_row"]
    assert [role["name"] for role in explanation["roles"]] == [role.name for role in playbook.roles]
    defaulted = [role["name"] for role in explanation["roles"] if role["side_from"] == "default"]
    assert bool(defaulted) == any(warning["code"] == "side-defaulted" for warning in explanation["warnings"])
