"""Playbook files: YAML described by a JSON Schema shipped in the package.

:func:`load_playbook` reports every problem of a file at once, each with file, line, column and
a hint, and raises :class:`~accord.domain.errors.InvalidInput`; it never returns half a playbook.
:func:`dump_playbook` writes the canonical form, and ``load(dump(p)) == p``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
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
from accord.domain.timing import TimingError, timing_from_data, timing_to_data
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


def _duplicates(keys: list[str]) -> set[str]:
    return {key for key, count in Counter(keys).items() if count > 1}


def playbook_from_located(located: Located) -> Playbook:
    """Build a playbook from parsed, located data, or raise with every problem found."""
    problems = _schema_problems(located)
    if problems:
        raise InvalidInput(problems)
    data: Mapping[str, Any] = located.data
    problems = []

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
        for raw in data["roles"]
    )
    role_keys = {role.key for role in roles}
    role_key_list = [role.key for role in roles]
    for index, key in enumerate(role_key_list):
        if role_key_list.index(key) != index:
            problems.append(
                located.problem(
                    ("roles", index, "key"), f"duplicate role key {key!r}", "give each role its own key"
                )
            )
    variants = tuple(
        Variant(key=raw["key"], name=raw["name"], description=_text(raw.get("description")))
        for raw in data.get("variants", ())
    )
    variant_keys = [variant.key for variant in variants]
    for index, key in enumerate(variant_keys):
        if variant_keys.index(key) != index:
            problems.append(
                located.problem(
                    ("variants", index, "key"),
                    f"duplicate variant key {key!r}",
                    "give each variant its own key",
                )
            )

    seen_tasks: dict[str, tuple[str | int, ...]] = {}
    seen_phases: set[str] = set()
    phases = []
    for phase_index, raw_phase in enumerate(data["phases"]):
        phase_path: tuple[str | int, ...] = ("phases", phase_index)
        if raw_phase["key"] in seen_phases:
            problems.append(
                located.problem(
                    (*phase_path, "key"),
                    f"duplicate phase key {raw_phase['key']!r}",
                    "give each phase its own key",
                )
            )
        seen_phases.add(raw_phase["key"])
        tasks = []
        for task_index, raw in enumerate(raw_phase["tasks"]):
            path: tuple[str | int, ...] = (*phase_path, "tasks", task_index)
            key = raw["key"]
            if key in seen_tasks:
                first_line, _ = located.position(seen_tasks[key])
                problems.append(
                    located.problem(
                        (*path, "key"),
                        f"duplicate task key {key!r} (first used on line {first_line})",
                        "task keys are unique across the whole playbook",
                    )
                )
            seen_tasks[key] = path
            raci: dict[str, Raci] = {}
            for role_key, text in (raw.get("raci") or {}).items():
                cell_path = (*path, "raci", role_key)
                if role_key not in role_keys:
                    problems.append(
                        located.problem(
                            cell_path,
                            f"task {key!r} names unknown role {role_key!r}",
                            "define it under roles, or use one of: " + ", ".join(sorted(role_keys)),
                            code="raci-unknown-role",
                        )
                    )
                    continue
                try:
                    raci[role_key] = parse_raci(text)
                except InvalidRaci as error:
                    problems.append(
                        located.problem(
                            cell_path,
                            f"task {key!r}, role {role_key!r}: {error.message}",
                            error.hint,
                            code=error.code,
                        )
                    )
            for variant_index, variant in enumerate(raw.get("variants", ())):
                if variant not in variant_keys:
                    problems.append(
                        located.problem(
                            (*path, "variants", variant_index),
                            f"task {key!r} names unknown variant {variant!r}",
                            "define it under variants, or use one of: "
                            + (", ".join(variant_keys) or "none defined"),
                        )
                    )
            for group_index, group in enumerate(raw.get("alternatives", ())):
                for member_index, member in enumerate(group):
                    if member not in role_keys:
                        problems.append(
                            located.problem(
                                (*path, "alternatives", group_index, member_index),
                                f"task {key!r}: alternative names unknown role {member!r}",
                                "define it under roles",
                            )
                        )
            timing = None
            if "timing" in raw:
                try:
                    timing = timing_from_data(raw["timing"])
                except TimingError as error:
                    problems.append(
                        located.problem(
                            (*path, "timing", *error.path),
                            f"task {key!r}: {error.message}",
                            error.hint,
                            code=error.code,
                        )
                    )
            tasks.append(
                Task(
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
                )
            )
        phases.append(
            Phase(
                key=raw_phase["key"],
                name=raw_phase["name"],
                tasks=tuple(tasks),
                description=_text(raw_phase.get("description")),
            )
        )

    milestones = set(seen_tasks) | seen_phases
    handovers = []
    for index, raw in enumerate(data.get("handovers", ())):
        for field_name in ("role", "to"):
            if raw[field_name] not in role_keys:
                problems.append(
                    located.problem(
                        ("handovers", index, field_name),
                        f"hand-over names unknown role {raw[field_name]!r}",
                        "define it under roles",
                    )
                )
        if raw["after"] not in milestones:
            problems.append(
                located.problem(
                    ("handovers", index, "after"),
                    f"hand-over after unknown task or phase {raw['after']!r}",
                    "use a task key or a phase key",
                )
            )
        handovers.append(
            Handover(role=raw["role"], to=raw["to"], after=raw["after"], note=_text(raw.get("note")))
        )

    change_log = []
    for index, raw in enumerate(data.get("change_log", ())):
        try:
            when = _date(raw.get("date"))
        except ValueError:
            problems.append(
                located.problem(
                    ("change_log", index, "date"),
                    f"{raw.get('date')!r} is not a date",
                    "write dates as YYYY-MM-DD",
                )
            )
            when = None
        change_log.append(
            ChangeLogEntry(
                version=_version(raw["version"]),
                description=raw["description"],
                date=when,
                author=_text(raw.get("author")),
            )
        )

    if problems:
        raise InvalidInput(problems)
    raw_source = data.get("source")
    source = (
        Source(
            file=raw_source["file"],
            title=_text(raw_source.get("title")),
            vendor=_text(raw_source.get("vendor")),
            language=_text(raw_source.get("language")) or "en",
            url=_text(raw_source.get("url")),
        )
        if raw_source
        else None
    )
    return Playbook(
        key=data["key"],
        name=data["name"],
        version=_version(data["version"]),
        roles=roles,
        phases=tuple(phases),
        source=source,
        description=_text(data.get("description")),
        variants=variants,
        change_log=tuple(change_log),
        handovers=tuple(handovers),
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
