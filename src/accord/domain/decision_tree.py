"""The decision tree that leads from a need to a way of integrating (seed 001, "What 001 lost").

The tree is data, so that a workspace can edit it: questions, each with answers; each answer
leads (``next``) to another question or to a leaf. A leaf names an integration *way* (outgoing
webhooks with a no-code tool, the no-code connector's actions, the public API, a native
connector) and the integration *case* it maps to: a variant key of the ``tomorro-integration``
playbook (:data:`INTEGRATION_CASES`).

Node keys (questions and leaves) share one namespace; answer keys are unique within their
question. A path is written ``question → answer → question → answer → leaf``, e.g.
``direction → from-third-party → create-or-sign → no → api-builder → own-it → public-api-internal``.

- :func:`tree_issues` / :func:`validate_tree` refuse a tree where some path does not end in a
  leaf (a dangling answer, a cycle, a question without answers), naming the path;
- :func:`walk` follows given answers and returns the path taken and the leaf reached, or the
  next question to ask;
- :func:`tree_paths` lists every path from the start to a leaf.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from accord.domain.errors import InvalidInput, Problem

#: The integration cases a leaf may map to: the variant keys of ``tomorro-integration`` (seed 000).
INTERNAL_API = "internal-api"
EXTERNAL_API = "external-api"
NO_CODE_SALESFORCE = "no-code-salesforce"
INTEGRATION_CASES: tuple[str, ...] = (INTERNAL_API, EXTERNAL_API, NO_CODE_SALESFORCE)

#: The integration ways of the built-in tree. A workspace's tree may name others.
OUTGOING_WEBHOOKS = "outgoing-webhooks"
NO_CODE_CONNECTOR = "no-code-connector"
PUBLIC_API = "public-api"
NATIVE_CONNECTOR = "native-connector"
INTEGRATION_WAYS: tuple[str, ...] = (OUTGOING_WEBHOOKS, NO_CODE_CONNECTOR, PUBLIC_API, NATIVE_CONNECTOR)

#: Languages every text of a tree is written in.
TREE_LANGUAGES: tuple[str, ...] = ("en", "fr")
ARROW = " → "


@dataclass(frozen=True, slots=True)
class Text:
    """A text in English and French."""

    en: str
    fr: str

    def get(self, language: str) -> str:
        """The text in ``language``; English for any language the tree does not carry."""
        return self.fr if language == "fr" else self.en


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer to a question; ``next`` is the key of a question or a leaf."""

    key: str
    text: Text
    next: str


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    text: Text
    answers: tuple[Answer, ...]
    help: Text | None = None

    def answer(self, key: str) -> Answer | None:
        return next((answer for answer in self.answers if answer.key == key), None)


@dataclass(frozen=True, slots=True)
class Leaf:
    """Where the tree ends: a way of integrating and the integration case (playbook variant) it means."""

    key: str
    text: Text
    way: str
    case: str
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class DecisionTree:
    key: str
    version: str
    name: Text
    start: str
    questions: tuple[Question, ...]
    leaves: tuple[Leaf, ...]
    description: Text | None = None

    def question(self, key: str) -> Question | None:
        return next((question for question in self.questions if question.key == key), None)

    def leaf(self, key: str) -> Leaf | None:
        return next((leaf for leaf in self.leaves if leaf.key == key), None)


@dataclass(frozen=True, slots=True)
class TreeIssue:
    """A fault of a tree. ``path`` is the tree path that shows it (node and answer keys);
    ``location`` is where it sits in the tree's data (e.g. ``("questions", 2, "answers", 0,
    "next")``), so a file reader can point at the line."""

    code: str
    message: str
    hint: str
    path: tuple[str, ...]
    location: tuple[str | int, ...]

    @property
    def path_text(self) -> str:
        return ARROW.join(self.path)


@dataclass(frozen=True, slots=True)
class Step:
    question: Question
    answer: Answer


@dataclass(frozen=True, slots=True)
class Walk:
    """Where given answers lead: the steps taken, then either a leaf or the next question."""

    steps: tuple[Step, ...]
    leaf: Leaf | None
    next_question: Question | None

    @property
    def path(self) -> tuple[str, ...]:
        keys: list[str] = []
        for step in self.steps:
            keys += [step.question.key, step.answer.key]
        end = self.leaf.key if self.leaf else self.next_question.key if self.next_question else ""
        return (*keys, end) if end else tuple(keys)

    @property
    def path_text(self) -> str:
        return ARROW.join(self.path)

    @property
    def finished(self) -> bool:
        return self.leaf is not None


def _text_issues(
    text: Text | None, path: tuple[str, ...], location: tuple[str | int, ...]
) -> list[TreeIssue]:
    if text is None:
        return []
    return [
        TreeIssue(
            "decision-tree-text-missing",
            f"{ARROW.join(path)}: the {language} text is empty",
            "write every question, answer and leaf in English and French",
            path,
            (*location, language),
        )
        for language in TREE_LANGUAGES
        if not text.get(language).strip()
    ]


def _structure_issues(tree: DecisionTree, cases: Iterable[str]) -> list[TreeIssue]:
    issues: list[TreeIssue] = []
    seen: dict[str, tuple[str | int, ...]] = {}
    nodes: list[tuple[str, tuple[str | int, ...]]] = [
        *((question.key, ("questions", index)) for index, question in enumerate(tree.questions)),
        *((leaf.key, ("leaves", index)) for index, leaf in enumerate(tree.leaves)),
    ]
    for key, node_location in nodes:
        if not key.strip():
            issues.append(
                TreeIssue(
                    "decision-tree-key-empty",
                    "a node has no key",
                    "give it a key",
                    (),
                    (*node_location, "key"),
                )
            )
        elif key in seen:
            issues.append(
                TreeIssue(
                    "decision-tree-duplicate-key",
                    f"{key}: the key is used twice",
                    "questions and leaves share one set of keys; rename one",
                    (key,),
                    (*node_location, "key"),
                )
            )
        seen.setdefault(key, node_location)
    issues += _text_issues(tree.name, (), ("name",))
    for index, question in enumerate(tree.questions):
        location: tuple[str | int, ...] = ("questions", index)
        issues += _text_issues(question.text, (question.key,), (*location, "text"))
        issues += _text_issues(question.help, (question.key,), (*location, "help"))
        answer_keys: set[str] = set()
        for answer_index, answer in enumerate(question.answers):
            answer_location = (*location, "answers", answer_index)
            path = (question.key, answer.key)
            if answer.key in answer_keys or not answer.key.strip():
                issues.append(
                    TreeIssue(
                        "decision-tree-duplicate-answer",
                        f"{ARROW.join(path)}: the answer key is empty or used twice in this question",
                        "give each answer of a question its own key",
                        path,
                        (*answer_location, "key"),
                    )
                )
            answer_keys.add(answer.key)
            issues += _text_issues(answer.text, path, (*answer_location, "text"))
    known_cases = tuple(cases)
    for index, leaf in enumerate(tree.leaves):
        location = ("leaves", index)
        issues += _text_issues(leaf.text, (leaf.key,), (*location, "text"))
        issues += _text_issues(leaf.description, (leaf.key,), (*location, "description"))
        if not leaf.way.strip():
            issues.append(
                TreeIssue(
                    "decision-tree-way-missing",
                    f"{leaf.key}: the leaf names no integration way",
                    "use one of: " + ", ".join(INTEGRATION_WAYS),
                    (leaf.key,),
                    (*location, "way"),
                )
            )
        if leaf.case not in known_cases:
            issues.append(
                TreeIssue(
                    "decision-tree-unknown-case",
                    f"{leaf.key}: unknown integration case {leaf.case!r}",
                    "use one of: " + ", ".join(known_cases),
                    (leaf.key,),
                    (*location, "case"),
                )
            )
    return issues


def _path_issues(tree: DecisionTree) -> list[TreeIssue]:
    """Follow every answer from the start: each path must end in a leaf, without a loop."""
    questions = {question.key: (index, question) for index, question in enumerate(tree.questions)}
    leaves = {leaf.key for leaf in tree.leaves}
    if tree.start not in questions:
        hint = "start at a question; questions: " + (", ".join(questions) or "none defined")
        return [
            TreeIssue(
                "decision-tree-bad-start",
                f"the tree starts at {tree.start!r}, which is not a question",
                hint,
                (tree.start,),
                ("start",),
            )
        ]
    issues: list[TreeIssue] = []
    finished: set[str] = set()  # questions already followed to their ends (depth-first "black")

    def visit(key: str, path: tuple[str, ...], on_path: tuple[str, ...]) -> None:
        finished.add(key)  # each question is followed once, from the first path that meets it
        index, question = questions[key]
        if not question.answers:
            issues.append(
                TreeIssue(
                    "decision-tree-no-answers",
                    f"{ARROW.join(path)}: the question has no answers",
                    "give it at least one answer, or make this a leaf",
                    path,
                    ("questions", index, "answers"),
                )
            )
        for answer_index, answer in enumerate(question.answers):
            step = (*path, answer.key, answer.next)
            location: tuple[str | int, ...] = ("questions", index, "answers", answer_index, "next")
            if answer.next in on_path:
                issues.append(
                    TreeIssue(
                        "decision-tree-cycle",
                        f"{ARROW.join(step)}: the path comes back to {answer.next!r}",
                        "every path must end in a leaf; point this answer forward",
                        step,
                        location,
                    )
                )
            elif answer.next not in questions and answer.next not in leaves:
                issues.append(
                    TreeIssue(
                        "decision-tree-dangling-answer",
                        f"{ARROW.join(step)}: there is no question or leaf {answer.next!r}",
                        "point the answer at a question or a leaf of this tree",
                        step,
                        location,
                    )
                )
            elif answer.next in questions and answer.next not in finished:
                visit(answer.next, step, (*on_path, answer.next))

    visit(tree.start, (tree.start,), (tree.start,))
    return issues + _unreachable_issues(tree)


def _unreachable_issues(tree: DecisionTree) -> list[TreeIssue]:
    reachable = _reachable(tree)
    nodes: list[tuple[str, str, int]] = [
        *(("questions", question.key, index) for index, question in enumerate(tree.questions)),
        *(("leaves", leaf.key, index) for index, leaf in enumerate(tree.leaves)),
    ]
    return [
        TreeIssue(
            "decision-tree-unreachable",
            f"{key}: no answer leads here",
            "point an answer at it, or remove it",
            (key,),
            (kind, index, "key"),
        )
        for kind, key, index in nodes
        if key not in reachable
    ]


def _reachable(tree: DecisionTree) -> set[str]:
    """The keys of the nodes some path from the start reaches."""
    seen = {tree.start}
    queue = [tree.start]
    while queue:
        question = tree.question(queue.pop())
        for answer in question.answers if question else ():
            if answer.next not in seen:
                seen.add(answer.next)
                queue.append(answer.next)
    return seen


def tree_issues(tree: DecisionTree, cases: Iterable[str] = INTEGRATION_CASES) -> tuple[TreeIssue, ...]:
    """Every fault of ``tree``; ``cases`` are the integration cases its leaves may name."""
    structure = _structure_issues(tree, cases)
    if any(issue.code in {"decision-tree-duplicate-key", "decision-tree-key-empty"} for issue in structure):
        return tuple(structure)  # paths over ambiguous keys would only repeat the same fault
    return tuple(structure + _path_issues(tree))


def issue_problem(issue: TreeIssue, where: str = "") -> Problem:
    """A tree issue as a :class:`Problem` (``where`` defaults to the issue's tree path)."""
    return Problem(code=issue.code, message=issue.message, hint=issue.hint, where=where or issue.path_text)


def validate_tree(tree: DecisionTree, cases: Iterable[str] = INTEGRATION_CASES) -> DecisionTree:
    """Return ``tree`` if every path ends in a leaf and every text is there; else raise
    :class:`InvalidInput` whose problems name the path (``direction → from-third-party → …``)."""
    issues = tree_issues(tree, cases)
    if issues:
        raise InvalidInput([issue_problem(issue, "decision tree") for issue in issues])
    return tree


def walk(tree: DecisionTree, answers: Mapping[str, str]) -> Walk:
    """Follow ``answers`` (question key → answer key) from the start of a valid tree.

    Stops at a leaf, or at the first question on the way that has no answer yet. Answers to
    questions off the path are ignored (the person changed an earlier answer). An answer key
    the question does not offer raises :class:`InvalidInput` naming the question.
    """
    steps: list[Step] = []
    key = tree.start
    for _ in range(len(tree.questions) + 1):
        question = tree.question(key)
        if question is None:
            return Walk(steps=tuple(steps), leaf=tree.leaf(key), next_question=None)
        given = answers.get(question.key)
        if given is None:
            return Walk(steps=tuple(steps), leaf=None, next_question=question)
        answer = question.answer(given)
        if answer is None:
            raise InvalidInput(
                [
                    Problem(
                        code="decision-tree-unknown-answer",
                        message=f"{question.key}: there is no answer {given!r}",
                        hint="answer with one of: " + ", ".join(a.key for a in question.answers),
                        where=question.key,
                    )
                ]
            )
        steps.append(Step(question=question, answer=answer))
        key = answer.next
    path = ARROW.join(key for step in steps for key in (step.question.key, step.answer.key))
    raise InvalidInput(
        [
            Problem(
                code="decision-tree-cycle",
                message=f"{path}: the answers go round in a loop",
                hint="validate the tree first: every path must end in a leaf",
                where="decision tree",
            )
        ]
    )


def tree_paths(tree: DecisionTree) -> tuple[Walk, ...]:
    """Every path of a valid tree from the start to a leaf, depth first in answer order."""
    found: list[Walk] = []

    def follow(key: str, steps: tuple[Step, ...]) -> None:
        question = tree.question(key)
        if question is None:
            found.append(Walk(steps=steps, leaf=tree.leaf(key), next_question=None))
            return
        if len(steps) > len(tree.questions):
            return  # a cycle: validate_tree reports it
        for answer in question.answers:
            follow(answer.next, (*steps, Step(question, answer)))

    follow(tree.start, ())
    return tuple(found)


def leaves_for_case(tree: DecisionTree, case: str) -> tuple[Leaf, ...]:
    """The leaves that lead to integration case ``case``."""
    return tuple(leaf for leaf in tree.leaves if leaf.case == case)
