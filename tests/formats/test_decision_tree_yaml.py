"""Decision tree files: the built-in tree, the round trip, and bad files refused with line and column."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from accord.domain.decision_tree import INTEGRATION_CASES, INTEGRATION_WAYS, tree_paths, walk
from accord.domain.errors import InvalidInput, NotFound
from accord.formats.design.decision_tree_yaml import (
    decision_tree_from_data,
    decision_tree_to_data,
    dump_decision_tree,
    load_decision_tree,
    loads_decision_tree,
)
from accord.playbooks.decision_trees import builtin_decision_tree

BUILTIN_TEXT = resources.files("accord.playbooks").joinpath("decision-tree.yaml").read_text("utf-8")


def test_the_built_in_tree_follows_the_vendor_help_centre():
    tree = builtin_decision_tree("tomorro-automation")
    cases = {walk_.path_text: walk_.leaf.case for walk_ in tree_paths(tree) if walk_.leaf}
    assert cases["direction → from-product → product-event → yes → outgoing-webhooks"] == "no-code-salesforce"
    assert (
        cases["direction → from-third-party → create-or-sign → yes → no-code-connector"]
        == "no-code-salesforce"
    )
    assert cases["direction → both-directions → native-connector"] == "no-code-salesforce"
    assert cases[
        "direction → from-product → product-event → no → api-builder → own-it → public-api-internal"
    ] == ("internal-api")
    api_by_a_provider = "direction → from-third-party → create-or-sign → no → api-builder → third-party"
    assert cases[f"{api_by_a_provider} → public-api-external"] == "external-api"
    assert {leaf.case for leaf in tree.leaves} == set(INTEGRATION_CASES)
    assert {leaf.way for leaf in tree.leaves} == set(INTEGRATION_WAYS)


def test_the_built_in_tree_speaks_english_and_french():
    tree = builtin_decision_tree()
    question = tree.question("direction")
    assert question is not None
    assert question.text.get("fr") == "Quel est l’échange de données envisagé ?"
    assert walk(tree, {"direction": "both-directions"}).leaf.text.get("fr").startswith("Un connecteur natif")


def test_a_playbook_without_a_tree_is_not_found():
    with pytest.raises(NotFound):
        builtin_decision_tree("paylocity-integration")


def test_dump_then_load_gives_the_same_tree_and_the_same_text():
    tree = builtin_decision_tree()
    dumped = dump_decision_tree(tree)
    again = loads_decision_tree(dumped, "again.yaml")
    assert again == tree
    assert dump_decision_tree(again) == dumped
    assert decision_tree_from_data(decision_tree_to_data(tree)) == tree
    assert yaml.safe_load(BUILTIN_TEXT) == decision_tree_to_data(tree)


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_dangling_answer_in_a_file_names_the_path_the_file_and_the_line():
    broken = BUILTIN_TEXT.replace("next: native-connector", "next: native-conector", 1)
    with pytest.raises(InvalidInput) as caught:
        loads_decision_tree(broken, "tree.yaml")
    [problem] = [p for p in caught.value.problems if p.code == "decision-tree-dangling-answer"]
    assert "direction → both-directions → native-conector" in problem.message
    assert problem.where == "tree.yaml"
    assert problem.line == line_of(broken, "next: native-conector")
    assert problem.column is not None


def test_a_cycle_in_a_file_is_refused_at_its_line():
    broken = BUILTIN_TEXT.replace("next: public-api-external", "next: direction", 1)
    with pytest.raises(InvalidInput) as caught:
        loads_decision_tree(broken, "tree.yaml")
    cycle = next(p for p in caught.value.problems if p.code == "decision-tree-cycle")
    assert "api-builder → third-party → direction" in cycle.message
    assert cycle.line == line_of(broken, "next: direction")


@pytest.mark.parametrize(
    ("old", "new", "needle", "code"),
    [
        ("key: own-it", "key: own-it\n        colour: red", "colour: red", "decision-tree-invalid"),
        ("          fr: Dans les deux sens\n", "", "en: Both directions", "decision-tree-invalid"),
        ("case: external-api", "case: sftp", "case: sftp", "decision-tree-unknown-case"),
        ('key: "yes"', "key: yes", "key: yes", "decision-tree-invalid"),
    ],
)
def test_shape_faults_are_refused_with_line_and_column(old, new, needle, code):
    broken = BUILTIN_TEXT.replace(old, new, 1)
    with pytest.raises(InvalidInput) as caught:
        loads_decision_tree(broken, "tree.yaml")
    problem = caught.value.problems[0]
    assert problem.code == code
    assert abs(problem.line - line_of(broken, needle)) <= 1
    assert problem.hint


def test_syntax_errors_and_unreadable_files_are_located(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        loads_decision_tree("key: [unclosed", "tree.yaml")
    assert caught.value.problems[0].code == "yaml-syntax"
    assert caught.value.problems[0].line == 1
    with pytest.raises(InvalidInput) as caught:
        load_decision_tree(tmp_path / "missing.yaml")
    assert caught.value.problems[0].code == "file-unreadable"
    path = tmp_path / "tree.yaml"
    path.write_text(BUILTIN_TEXT, "utf-8")
    assert load_decision_tree(path) == builtin_decision_tree()


def test_the_example_in_the_developer_docs_loads():
    docs = Path(__file__).resolve().parents[2] / "docs" / "design.md"
    [example] = re.findall(r"```yaml\n(.*?)```", docs.read_text("utf-8"), re.DOTALL)
    tree = loads_decision_tree(example, "design.md")
    assert walk(tree, {"direction": "both-directions"}).leaf.case == "no-code-salesforce"
