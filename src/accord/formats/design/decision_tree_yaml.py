"""Decision tree files: YAML, read with file, line and column on every problem.

The format (see docs/design.md)::

    key: tomorro-automation
    version: "1.0"
    name: {en: ..., fr: ...}
    start: direction            # the first question
    questions:
      - key: direction
        text: {en: ..., fr: ...}
        help: {en: ..., fr: ...}        # optional
        answers:
          - key: from-product
            text: {en: ..., fr: ...}
            next: product-event          # a question or a leaf
    leaves:
      - key: outgoing-webhooks
        way: outgoing-webhooks
        case: no-code-salesforce         # a variant of tomorro-integration
        text: {en: ..., fr: ...}
        description: {en: ..., fr: ...}  # optional

:func:`loads_decision_tree` reports every problem at once (shape first, then the tree's own
rules from :func:`accord.domain.decision_tree.tree_issues`, each pointing at its line) and
raises :class:`~accord.domain.errors.InvalidInput`. :func:`dump_decision_tree` writes the
canonical form, and ``loads(dump(tree)) == tree``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from accord.domain.decision_tree import (
    INTEGRATION_CASES,
    TREE_LANGUAGES,
    Answer,
    DecisionTree,
    Leaf,
    Question,
    Text,
    tree_issues,
)
from accord.domain.errors import InvalidInput, Problem
from accord.formats.located_yaml import Located, load_located
from accord.formats.located_yaml import Path as DataPath

CODE = "decision-tree-invalid"
_TOP_FIELDS = ("key", "version", "name", "description", "start", "questions", "leaves")
_QUESTION_FIELDS = ("key", "text", "help", "answers")
_ANSWER_FIELDS = ("key", "text", "next")
_LEAF_FIELDS = ("key", "way", "case", "text", "description")


class _Reader:
    """Reads the located data into a tree, collecting problems instead of stopping at the first."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.problems: list[Problem] = []

    def problem(self, path: DataPath, message: str, hint: str = "", code: str = CODE) -> None:
        self.problems.append(self.located.problem(path, message, hint, code=code))

    def mapping(self, value: Any, path: DataPath, fields: tuple[str, ...]) -> Mapping[str, Any]:
        name = ".".join(str(part) for part in path) or "the top level"
        if not isinstance(value, Mapping):
            self.problem(path, f"{name}: expected a mapping (key: value)", "indent the fields under it")
            return {}
        for key in value:
            if key not in fields:
                self.problem(
                    (*path, key), f"{name}: unknown field {key!r}", "allowed here: " + ", ".join(fields)
                )
        return value

    def string(self, data: Mapping[str, Any], path: DataPath, name: str, *, required: bool = True) -> str:
        value = data.get(name)
        if value is None or value == "":
            if required:
                where = ".".join(str(part) for part in (*path, name))
                self.problem((*path, name) if name in data else path, f"{where} is missing", "add it")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            where = ".".join(str(part) for part in (*path, name))
            found = str(value).lower() if isinstance(value, bool) else type(value).__name__
            self.problem((*path, name), f"{where}: expected text, found {found}", 'quote it, e.g. key: "yes"')
            return ""
        return str(value)

    def text(
        self, data: Mapping[str, Any], path: DataPath, name: str, *, required: bool = True
    ) -> Text | None:
        if name not in data:
            if required:
                self.problem(path, f"{name} is missing", "write it in English and French: {en: ..., fr: ...}")
            return None
        raw = self.mapping(data[name], (*path, name), TREE_LANGUAGES)
        texts = {language: self.string(raw, (*path, name), language) for language in TREE_LANGUAGES}
        return Text(en=texts["en"], fr=texts["fr"])

    def items(self, data: Mapping[str, Any], name: str, path: DataPath = ()) -> list[Any]:
        value = data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem((*path, name), f"{name}: expected a list", "start each item with '- '")
            return []
        return value

    def question(self, raw: Any, index: int) -> Question:
        path: DataPath = ("questions", index)
        data = self.mapping(raw, path, _QUESTION_FIELDS)
        answers = []
        for answer_index, raw_answer in enumerate(self.items(data, "answers", path)):
            answer_path: DataPath = (*path, "answers", answer_index)
            answer = self.mapping(raw_answer, answer_path, _ANSWER_FIELDS)
            answers.append(
                Answer(
                    key=self.string(answer, answer_path, "key"),
                    text=self.text(answer, answer_path, "text") or Text("", ""),
                    next=self.string(answer, answer_path, "next"),
                )
            )
        return Question(
            key=self.string(data, path, "key"),
            text=self.text(data, path, "text") or Text("", ""),
            answers=tuple(answers),
            help=self.text(data, path, "help", required=False),
        )

    def leaf(self, raw: Any, index: int) -> Leaf:
        path: DataPath = ("leaves", index)
        data = self.mapping(raw, path, _LEAF_FIELDS)
        return Leaf(
            key=self.string(data, path, "key"),
            text=self.text(data, path, "text") or Text("", ""),
            way=self.string(data, path, "way"),
            case=self.string(data, path, "case"),
            description=self.text(data, path, "description", required=False),
        )

    def tree(self) -> DecisionTree:
        data = self.mapping(self.located.data, (), _TOP_FIELDS)
        return DecisionTree(
            key=self.string(data, (), "key"),
            version=self.string(data, (), "version"),
            name=self.text(data, (), "name") or Text("", ""),
            start=self.string(data, (), "start"),
            questions=tuple(
                self.question(raw, index) for index, raw in enumerate(self.items(data, "questions"))
            ),
            leaves=tuple(self.leaf(raw, index) for index, raw in enumerate(self.items(data, "leaves"))),
            description=self.text(data, (), "description", required=False),
        )


def decision_tree_from_located(located: Located, cases: Iterable[str] = INTEGRATION_CASES) -> DecisionTree:
    """Build a tree from parsed, located data, or raise with every problem found."""
    reader = _Reader(located)
    tree = reader.tree()
    if reader.problems:
        raise InvalidInput(reader.problems)
    issues = tree_issues(tree, cases)
    if issues:
        raise InvalidInput(
            [located.problem(issue.location, issue.message, issue.hint, code=issue.code) for issue in issues]
        )
    return tree


def loads_decision_tree(
    text: str | bytes, where: str = "<decision tree>", cases: Iterable[str] = INTEGRATION_CASES
) -> DecisionTree:
    """Parse a decision tree from YAML text; ``where`` names the file in messages."""
    return decision_tree_from_located(load_located(text, where), cases)


def decision_tree_from_data(
    data: Mapping[str, Any], where: str = "<decision tree data>", cases: Iterable[str] = INTEGRATION_CASES
) -> DecisionTree:
    """Rebuild a tree from its plain-data form (:func:`decision_tree_to_data`), e.g. a workspace's
    stored copy; problems name ``where`` (no line numbers: the data has none)."""
    return decision_tree_from_located(Located(data=data, where=where), cases)


def load_decision_tree(path: Path, cases: Iterable[str] = INTEGRATION_CASES) -> DecisionTree:
    """Read a decision tree file, reporting every problem with this file's name, line and column."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InvalidInput(
            [
                Problem(
                    code="file-unreadable",
                    message=f"cannot read the file: {error.strerror}",
                    hint="check the path",
                    where=str(path),
                )
            ]
        ) from None
    return loads_decision_tree(content, str(path), cases)


def _text_data(text: Text) -> dict[str, str]:
    return {"en": text.en, "fr": text.fr}


def _with_optional(data: dict[str, Any], name: str, text: Text | None) -> dict[str, Any]:
    return data | {name: _text_data(text)} if text is not None else data


def decision_tree_to_data(tree: DecisionTree) -> dict[str, Any]:
    """The canonical plain-data form of a tree (what the YAML file holds)."""
    top: dict[str, Any] = {"key": tree.key, "version": tree.version, "name": _text_data(tree.name)}
    top = _with_optional(top, "description", tree.description)
    top["start"] = tree.start
    top["questions"] = [
        _with_optional({"key": question.key, "text": _text_data(question.text)}, "help", question.help)
        | {
            "answers": [
                {"key": answer.key, "text": _text_data(answer.text), "next": answer.next}
                for answer in question.answers
            ]
        }
        for question in tree.questions
    ]
    top["leaves"] = [
        _with_optional(
            {"key": leaf.key, "way": leaf.way, "case": leaf.case, "text": _text_data(leaf.text)},
            "description",
            leaf.description,
        )
        for leaf in tree.leaves
    ]
    return top


class _Dumper(yaml.SafeDumper):
    """Quotes strings that plain YAML would not read back as written."""


_UNSAFE_IN_PLAIN = frozenset("\x85\u2028\u2029\ufeff")


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if any(char in _UNSAFE_IN_PLAIN or (ord(char) < 32 and char not in "\n") for char in text):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    return dumper.represent_str(text)


_Dumper.add_representer(str, _represent_text)


def dump_decision_tree(tree: DecisionTree) -> str:
    """Write a tree as YAML, in the canonical form."""
    return yaml.dump(
        decision_tree_to_data(tree), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
