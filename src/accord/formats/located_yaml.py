"""YAML parsing that remembers where every value came from.

PyYAML's composer gives each node a start mark; we build plain Python data from the node tree
and keep a table from each value's path (a tuple of keys and indexes) to its line and column,
so that every later check can point at the exact place in the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from accord.domain.errors import InvalidInput, Problem

Path = tuple[str | int, ...]

#: Refuse larger inputs outright: a playbook is a few hundred kilobytes at most.
MAX_YAML_BYTES = 8 * 1024 * 1024


@dataclass
class Located:
    data: Any
    where: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``path``, or of its nearest located ancestor."""
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (None, None))

    def problem(self, path: Path, message: str, hint: str = "", code: str = "playbook-invalid") -> Problem:
        line, column = self.position(path)
        return Problem(code=code, message=message, hint=hint, where=self.where, line=line, column=column)


class _Builder:
    def __init__(self, where: str) -> None:
        self.where = where
        self.positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node, deep=True)
                if not isinstance(key, str | int | bool | float) or isinstance(key, bool):
                    key = str(key)
                if key in result:
                    self.problems.append(
                        Problem(
                            code="yaml-duplicate-key",
                            message=f"the key {key!r} appears twice in the same mapping",
                            hint="keep one of them; YAML would silently drop the first",
                            where=self.where,
                            line=key_node.start_mark.line + 1,
                            column=key_node.start_mark.column + 1,
                        )
                    )
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        value = self.constructor.construct_object(node, deep=True)
        # YAML reads 2024-03-29 as a date; the schema speaks JSON, where dates are ISO strings.
        return value.isoformat() if isinstance(value, dt.date) else value


class _NoAliasComposer(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not supported in playbooks", event.start_mark
            )
        return super().compose_node(parent, index)


def load_located(text: str | bytes, where: str) -> Located:
    """Parse YAML text, raising :class:`InvalidInput` with the line and column of any syntax error."""
    if len(text) > MAX_YAML_BYTES:
        raise InvalidInput(
            [
                Problem(
                    code="yaml-too-large",
                    message=f"the file is larger than {MAX_YAML_BYTES // (1024 * 1024)} MiB",
                    hint="split it, or check that this is a playbook",
                    where=where,
                )
            ]
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidInput(
                [
                    Problem(
                        code="yaml-encoding",
                        message=f"the file is not UTF-8 text (byte {error.start})",
                        hint="save it as UTF-8",
                        where=where,
                    )
                ]
            ) from None
    try:
        loader = _NoAliasComposer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InvalidInput(
            [
                Problem(
                    code="yaml-syntax",
                    message=f"not valid YAML: {error.problem or error.context}",
                    hint="check the indentation and quoting around this place",
                    where=where,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise InvalidInput(
            [Problem(code="yaml-syntax", message=f"not valid YAML: {error}", where=where)]
        ) from None
    if node is None:
        raise InvalidInput(
            [
                Problem(
                    code="yaml-empty",
                    message="the file is empty",
                    hint="a playbook needs at least key, name, version, roles and phases",
                    where=where,
                )
            ]
        )
    builder = _Builder(where)
    try:
        data = builder.build(node, ())
    except yaml.YAMLError as error:
        raise InvalidInput(
            [Problem(code="yaml-syntax", message=f"not valid YAML: {error}", where=where)]
        ) from None
    if builder.problems:
        raise InvalidInput(builder.problems)
    return Located(data=data, where=where, positions=builder.positions)
