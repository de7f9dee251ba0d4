"""The decision tree as data: validation names the faulty path, the walker follows answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from accord.domain.decision_tree import (
    INTEGRATION_CASES,
    Answer,
    DecisionTree,
    Leaf,
    Question,
    Text,
    leaves_for_case,
    tree_issues,
    tree_paths,
    validate_tree,
    walk,
)
from accord.domain.errors import InvalidInput
from accord.playbooks import builtin_playbook


def t(text: str) -> Text:
    return Text(en=text, fr=f"{text} (fr)")


def small_tree(**changes: object) -> DecisionTree:
    tree = DecisionTree(
        key="demo",
        version="1",
        name=t("Demo"),
        start="direction",
        questions=(
            Question(
                "direction",
                t("Which way?"),
                (Answer("out", t("Out"), "api-builder"), Answer("both", t("Both"), "native")),
            ),
            Question(
                "api-builder",
                t("Who builds?"),
                (
                    Answer("own-it", t("Our IT"), "internal"),
                    Answer("third-party", t("A provider"), "external"),
                ),
            ),
        ),
        leaves=(
            Leaf("internal", t("API, our IT"), "public-api", "internal-api"),
            Leaf("external", t("API, a provider"), "public-api", "external-api"),
            Leaf("native", t("Native connector"), "native-connector", "no-code-salesforce"),
        ),
    )
    return replace(tree, **changes)


def with_answer(tree: DecisionTree, question: str, answer: Answer) -> DecisionTree:
    questions = tuple(
        replace(q, answers=(*q.answers, answer)) if q.key == question else q for q in tree.questions
    )
    return replace(tree, questions=questions)


def codes(tree: DecisionTree) -> list[str]:
    return [issue.code for issue in tree_issues(tree)]


def test_the_integration_cases_are_the_variants_of_the_tomorro_integration_playbook():
    assert set(INTEGRATION_CASES) == {
        variant.key for variant in builtin_playbook("tomorro-integration").variants
    }


def test_a_sound_tree_has_no_issue_and_lists_every_path():
    tree = validate_tree(small_tree())
    assert [walk_.path_text for walk_ in tree_paths(tree)] == [
        "direction → out → api-builder → own-it → internal",
        "direction → out → api-builder → third-party → external",
        "direction → both → native",
    ]


def test_a_dangling_answer_is_refused_with_its_path():
    tree = with_answer(small_tree(), "api-builder", Answer("nobody", t("Nobody"), "missing"))
    with pytest.raises(InvalidInput) as caught:
        validate_tree(tree)
    [problem] = caught.value.problems
    assert problem.code == "decision-tree-dangling-answer"
    assert "direction → out → api-builder → nobody → missing" in problem.message


def test_a_cycle_is_refused_with_the_path_round_the_loop():
    tree = with_answer(small_tree(), "api-builder", Answer("back", t("Back"), "direction"))
    [issue] = tree_issues(tree)
    assert issue.code == "decision-tree-cycle"
    assert issue.path_text == "direction → out → api-builder → back → direction"
    assert issue.location == ("questions", 1, "answers", 2, "next")


def test_a_question_without_answers_is_refused_with_its_path():
    tree = small_tree()
    questions = (tree.questions[0], replace(tree.questions[1], answers=()))
    issues = tree_issues(replace(tree, questions=questions))
    assert [issue.code for issue in issues if issue.code != "decision-tree-unreachable"] == [
        "decision-tree-no-answers"
    ]
    assert issues[0].path_text == "direction → out → api-builder"


def test_an_unknown_start_duplicate_keys_and_unreachable_nodes_are_refused():
    assert codes(small_tree(start="nowhere")) == ["decision-tree-bad-start"]
    tree = small_tree()
    assert "decision-tree-duplicate-key" in codes(replace(tree, leaves=(*tree.leaves, tree.leaves[0])))
    orphan = Leaf("orphan", t("Orphan"), "public-api", "internal-api")
    assert codes(replace(tree, leaves=(*tree.leaves, orphan))) == ["decision-tree-unreachable"]


def test_every_text_must_be_there_in_english_and_french_and_cases_must_be_known():
    tree = small_tree()
    leaf = replace(tree.leaves[0], text=Text("API", ""), case="sftp")
    issues = tree_issues(replace(tree, leaves=(leaf, *tree.leaves[1:])))
    assert {issue.code for issue in issues} == {"decision-tree-text-missing", "decision-tree-unknown-case"}
    assert any(issue.location == ("leaves", 0, "text", "fr") for issue in issues)


def test_walking_stops_at_the_next_question_then_at_a_leaf():
    tree = small_tree()
    first = walk(tree, {})
    assert first.next_question is not None
    assert first.next_question.key == "direction"
    assert first.leaf is None
    assert not first.finished
    halfway = walk(tree, {"direction": "out"})
    assert halfway.next_question is not None
    assert halfway.next_question.key == "api-builder"
    done = walk(tree, {"direction": "out", "api-builder": "third-party"})
    assert done.leaf is not None
    assert done.leaf.case == "external-api"
    assert done.path == ("direction", "out", "api-builder", "third-party", "external")
    assert done.next_question is None


def test_answers_off_the_path_are_ignored_and_unknown_answers_refused():
    tree = small_tree()
    assert walk(tree, {"direction": "both", "api-builder": "own-it"}).leaf == tree.leaf("native")
    with pytest.raises(InvalidInput) as caught:
        walk(tree, {"direction": "sideways"})
    assert caught.value.problems[0].where == "direction"
    assert "out, both" in caught.value.hint


def test_leaves_for_a_case():
    assert [leaf.key for leaf in leaves_for_case(small_tree(), "internal-api")] == ["internal"]
