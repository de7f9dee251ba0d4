"""Playbook files: YAML described by a JSON Schema shipped in the package.

:func:`load_playbook` reports every problem of a file at once, each with file, line, column and
a hint, and raises :class:`~accord.domain.errors.InvalidInput`; it never returns half a playbook.
:func:`dump_playbook` writes the canonical form, and ``load(dump(p)) == p``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import (
    ChangeLogEntry,
    Handover,
    Phase,
    Playbook,
    Role,
    Side,
    Source,
    Task,
    Variant,
)
from accord.domain.raci import InvalidRaci, Raci, parse_raci
from accord.domain.timing import Timing, TimingError, timing_from_data, timing_to_data
from accord.formats.located_yaml import Located, load_located


@cache
def playbook_schema() -> dict[str, Any]:
    """The JSON Schema of playbook files."""
    text = resources.files("accord.formats").joinpath("schemas/playbook.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _schema_hint(error: jsonschema.ValidationError) -> str:
    validator = error.validator
    if validator == "required":
        return "add the missing field"
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
        return "remove it or fix its spelling; allowed here: " + ", ".join(allowed)
    if validator == "enum":
        options: list[Any] = error.validator_value  # type: ignore[assignment]
        return "use one of: " + ", ".join(str(option) for option in options)
    if validator == "pattern":
        return "keys use lower-case letters, digits and hyphens, e.g. go-live"
    if validator == "type":
        return f"expected {error.validator_value}"
    if validator == "minItems":
        return "add at least one"
    if validator == "format" and error.validator_value == "date":
        return "write dates as YYYY-MM-DD"
    if validator == "minLength":
        return "this may not be empty"
    return ""


def _schema_problems(located: Located) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(
        playbook_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    problems = []
    for error in sorted(validator.iter_errors(located.data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(error.absolute_path)
        where = ".".join(str(part) for part in path) or "the top level"
        message = error.message
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            message = f"unknown field {', '.join(map(repr, extra))}"
            path = (*path, extra[0]) if extra else path
        elif error.validator == "required":
            message = error.message.replace("is a required property", "is missing")
        problems.append(
            located.problem(path, f"{where}: {message}", _schema_hint(error), code="playbook-schema")
        )
    return problems


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _version(value: Any) -> str:
    return _text(value)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


#: Where a value sits in the data: keys and list indexes from the top.
DataPath = tuple[str | int, ...]


class _PlaybookReader:
    """Builds the parts of a playbook from schema-valid data, one small step per part, and
    collects every problem on the way (with the keys seen so far, which later parts refer to)."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.problems: list[Problem] = []
        self.role_keys: set[str] = set()
        self.variant_keys: list[str] = []
        self.phase_keys: set[str] = set()
        #: Where each task key was first used (for "first used on line ...").
        self.task_paths: dict[str, DataPath] = {}

    def report(self, path: DataPath, message: str, hint: str, code: str = "playbook-invalid") -> None:
        self.problems.append(self.located.problem(path, message, hint, code=code))

    def _report_duplicates(self, section: str, keys: list[str], kind: str) -> None:
        for index, key in enumerate(keys):
            if keys.index(key) != index:
                self.report(
                    (section, index, "key"), f"duplicate {kind} key {key!r}", f"give each {kind} its own key"
                )

    # -- roles and variants ---------------------------------------------------------------------

    def roles(self, raw_roles: list[Mapping[str, Any]]) -> tuple[Role, ...]:
        roles = tuple(
            Role(
                key=raw["key"],
                name=raw["name"],
                side=Side(raw["side"]),
                description=_text(raw.get("description")),
                responsibilities=tuple(raw.get("responsibilities", ())),
                if_applicable=bool(raw.get("if_applicable", False)),
                whole_side=bool(raw.get("whole_side", False)),
                source_name=_text(raw.get("source_name")),
            )
            for raw in raw_roles
        )
        self.role_keys = {role.key for role in roles}
        self._report_duplicates("roles", [role.key for role in roles], "role")
        return roles

    def variants(self, raw_variants: list[Mapping[str, Any]]) -> tuple[Variant, ...]:
        variants = tuple(
            Variant(key=raw["key"], name=raw["name"], description=_text(raw.get("description")))
            for raw in raw_variants
        )
        self.variant_keys = [variant.key for variant in variants]
        self._report_duplicates("variants", self.variant_keys, "variant")
        return variants

    # -- phases and their tasks -----------------------------------------------------------------

    def phase(self, index: int, raw: Mapping[str, Any]) -> Phase:
        path: DataPath = ("phases", index)
        if raw["key"] in self.phase_keys:
            self.report((*path, "key"), f"duplicate phase key {raw['key']!r}", "give each phase its own key")
        self.phase_keys.add(raw["key"])
        tasks = tuple(
            self.task((*path, "tasks", task_index), raw_task)
            for task_index, raw_task in enumerate(raw["tasks"])
        )
        return Phase(key=raw["key"], name=raw["name"], tasks=tasks, description=_text(raw.get("description")))

    def task(self, path: DataPath, raw: Mapping[str, Any]) -> Task:
        key = raw["key"]
        if key in self.task_paths:
            first_line, _column = self.located.position(self.task_paths[key])
            self.report(
                (*path, "key"),
                f"duplicate task key {key!r} (first used on line {first_line})",
                "task keys are unique across the whole playbook",
            )
        self.task_paths[key] = path
        raci = self.raci(path, key, raw.get("raci") or {})
        self._check_task_variants(path, key, raw.get("variants", ()))
        self._check_alternatives(path, key, raw.get("alternatives", ()))
        timing = self.timing(path, key, raw["timing"]) if "timing" in raw else None
        return Task(
            key=key,
            name=raw["name"],
            raci=raci,
            group=_text(raw.get("group")),
            details=_text(raw.get("details")),
            timeframe=_text(raw.get("timeframe")),
            deliverables=tuple(raw.get("deliverables", ())),
            variants=tuple(raw.get("variants", ())),
            alternatives=tuple(tuple(group) for group in raw.get("alternatives", ())),
            milestone=bool(raw.get("milestone", False)),
            notes=tuple(raw.get("notes", ())),
            timing=timing,
            go_live=bool(raw.get("go_live", False)),
        )

    def raci(self, path: DataPath, key: str, raw_raci: Mapping[str, Any]) -> dict[str, Raci]:
        """The task's cells; a cell of an unknown role or with unreadable letters is reported."""
        raci: dict[str, Raci] = {}
        for role_key, text in raw_raci.items():
            cell_path = (*path, "raci", role_key)
            if role_key not in self.role_keys:
                self.report(
                    cell_path,
                    f"task {key!r} names unknown role {role_key!r}",
                    "define it under roles, or use one of: " + ", ".join(sorted(self.role_keys)),
                    code="raci-unknown-role",
                )
                continue
            try:
                raci[role_key] = parse_raci(text)
            except InvalidRaci as error:
                self.report(
                    cell_path,
                    f"task {key!r}, role {role_key!r}: {error.message}",
                    error.hint,
                    code=error.code,
                )
        return raci

    def _check_task_variants(self, path: DataPath, key: str, variants: list[str]) -> None:
        for index, variant in enumerate(variants):
            if variant not in self.variant_keys:
                self.report(
                    (*path, "variants", index),
                    f"task {key!r} names unknown variant {variant!r}",
                    "define it under variants, or use one of: "
                    + (", ".join(self.variant_keys) or "none defined"),
                )

    def _check_alternatives(self, path: DataPath, key: str, alternatives: list[list[str]]) -> None:
        for group_index, group in enumerate(alternatives):
            for member_index, member in enumerate(group):
                if member not in self.role_keys:
                    self.report(
                        (*path, "alternatives", group_index, member_index),
                        f"task {key!r}: alternative names unknown role {member!r}",
                        "define it under roles",
                    )

    def timing(self, path: DataPath, key: str, raw_timing: Mapping[str, Any]) -> Timing | None:
        try:
            return timing_from_data(raw_timing)
        except TimingError as error:
            self.report(
                (*path, "timing", *error.path), f"task {key!r}: {error.message}", error.hint, code=error.code
            )
            return None

    # -- after the phases: hand-overs and the change log ----------------------------------------

    def handover(self, index: int, raw: Mapping[str, Any]) -> Handover:
        """A hand-over; its roles and its milestone (a task or a phase) must exist."""
        for field_name in ("role", "to"):
            if raw[field_name] not in self.role_keys:
                self.report(
                    ("handovers", index, field_name),
                    f"hand-over names unknown role {raw[field_name]!r}",
                    "define it under roles",
                )
        if raw["after"] not in self.task_paths and raw["after"] not in self.phase_keys:
            self.report(
                ("handovers", index, "after"),
                f"hand-over after unknown task or phase {raw['after']!r}",
                "use a task key or a phase key",
            )
        return Handover(role=raw["role"], to=raw["to"], after=raw["after"], note=_text(raw.get("note")))

    def change_log_entry(self, index: int, raw: Mapping[str, Any]) -> ChangeLogEntry:
        try:
            when = _date(raw.get("date"))
        except ValueError:
            self.report(
                ("change_log", index, "date"),
                f"{raw.get('date')!r} is not a date",
                "write dates as YYYY-MM-DD",
            )
            when = None
        return ChangeLogEntry(
            version=_version(raw["version"]),
            description=raw["description"],
            date=when,
            author=_text(raw.get("author")),
        )


def _source(raw: Mapping[str, Any] | None) -> Source | None:
    if not raw:
        return None
    return Source(
        file=raw["file"],
        title=_text(raw.get("title")),
        vendor=_text(raw.get("vendor")),
        language=_text(raw.get("language")) or "en",
        url=_text(raw.get("url")),
    )


def playbook_from_located(located: Located) -> Playbook:
    """Build a playbook from parsed, located data, or raise with every problem found.

    The schema is checked first (a file of the wrong shape stops there); then the parts are read
    in the file's order, each reporting what refers to something unknown or is used twice.
    """
    if problems := _schema_problems(located):
        raise InvalidInput(problems)
    data: Mapping[str, Any] = located.data
    reader = _PlaybookReader(located)
    roles = reader.roles(data["roles"])
    variants = reader.variants(data.get("variants", ()))
    phases = tuple(reader.phase(index, raw) for index, raw in enumerate(data["phases"]))
    # Hand-overs name tasks and phases: read after every phase.
    handovers = tuple(reader.handover(index, raw) for index, raw in enumerate(data.get("handovers", ())))
    change_log = tuple(
        reader.change_log_entry(index, raw) for index, raw in enumerate(data.get("change_log", ()))
    )
    if reader.problems:
        raise InvalidInput(reader.problems)
    return Playbook(
        key=data["key"],
        name=data["name"],
        version=_version(data["version"]),
        roles=roles,
        phases=phases,
        source=_source(data.get("source")),
        description=_text(data.get("description")),
        variants=variants,
        change_log=change_log,
        handovers=handovers,
        notes=tuple(data.get("notes", ())),
        language=_text(data.get("language")) or "en",
    )


def loads_playbook(text: str | bytes, where: str = "<playbook>") -> Playbook:
    """Parse a playbook from YAML text; ``where`` names the file in messages."""
    return playbook_from_located(load_located(text, where))


def playbook_from_data(data: Mapping[str, Any], where: str = "<playbook data>") -> Playbook:
    """Rebuild a playbook from its plain-data form (:func:`playbook_to_data`), e.g. a project's
    stored copy; problems name ``where`` (no line numbers: the data has none)."""
    return playbook_from_located(Located(data=data, where=where))


def load_playbook(path: Path) -> Playbook:
    """Read a playbook file, reporting every problem with this file's name, line and column."""
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
    return loads_playbook(content, str(path))


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", (), [], {}, None, False)}


def playbook_to_data(playbook: Playbook) -> dict[str, Any]:
    """The canonical plain-data form of a playbook (what the YAML file holds)."""

    def task_data(task: Task) -> dict[str, Any]:
        return _drop_empty(
            {
                "key": task.key,
                "name": task.name,
                "group": task.group,
                "details": task.details,
                "timeframe": task.timeframe,
                "variants": list(task.variants),
                "milestone": task.milestone,
                "go_live": task.go_live,
                "raci": {role: cell.canonical for role, cell in task.raci.items()},
                "alternatives": [list(group) for group in task.alternatives],
                "deliverables": list(task.deliverables),
                "notes": list(task.notes),
                "timing": timing_to_data(task.timing) if task.timing is not None else None,
            }
        )

    source = playbook.source
    return _drop_empty(
        {
            "key": playbook.key,
            "name": playbook.name,
            "version": playbook.version,
            "language": playbook.language if playbook.language != "en" else "",
            "description": playbook.description,
            "source": _drop_empty(
                {
                    "file": source.file,
                    "title": source.title,
                    "vendor": source.vendor,
                    "language": source.language if source.language != "en" else "",
                    "url": source.url,
                }
            )
            if source
            else None,
            "change_log": [
                _drop_empty(
                    {
                        "version": entry.version,
                        "date": entry.date.isoformat() if entry.date else None,
                        "author": entry.author,
                        "description": entry.description,
                    }
                )
                for entry in playbook.change_log
            ],
            "roles": [
                _drop_empty(
                    {
                        "key": role.key,
                        "name": role.name,
                        "side": role.side.value,
                        "source_name": role.source_name,
                        "whole_side": role.whole_side,
                        "if_applicable": role.if_applicable,
                        "description": role.description,
                        "responsibilities": list(role.responsibilities),
                    }
                )
                for role in playbook.roles
            ],
            "variants": [
                _drop_empty({"key": v.key, "name": v.name, "description": v.description})
                for v in playbook.variants
            ],
            "handovers": [
                _drop_empty({"role": h.role, "to": h.to, "after": h.after, "note": h.note})
                for h in playbook.handovers
            ],
            "notes": list(playbook.notes),
            "phases": [
                _drop_empty(
                    {
                        "key": phase.key,
                        "name": phase.name,
                        "description": phase.description,
                        "tasks": [task_data(task) for task in phase.tasks],
                    }
                )
                | {"tasks": [task_data(task) for task in phase.tasks]}
                for phase in playbook.phases
            ],
        }
    )


class _Dumper(yaml.SafeDumper):
    """Quotes strings that plain YAML would not read back as written."""


# PyYAML writes NEL and the Unicode line/paragraph separators unquoted and reads them back as
# spaces or breaks; double quotes with escapes keep them exact.
_UNSAFE_IN_PLAIN = frozenset("\x85\u2028\u2029\ufeff")


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if any(char in _UNSAFE_IN_PLAIN or (ord(char) < 32 and char not in "\n") for char in text):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    return dumper.represent_str(text)


_Dumper.add_representer(str, _represent_text)


def dump_playbook(playbook: Playbook) -> str:
    """Write a playbook as YAML, in the canonical form."""
    return yaml.dump(
        playbook_to_data(playbook), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
