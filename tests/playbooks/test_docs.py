"""The playbook documentation stays true to the schema and to the built-in playbooks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord.domain.errors import InvalidInput
from accord.formats.playbook_yaml import loads_playbook, playbook_schema
from accord.playbooks import BUILTIN_KEYS, builtin_playbook

DOCS = Path(__file__).resolve().parents[2] / "docs"
FORMAT = DOCS / "playbook-format.md"
PLAYBOOKS = DOCS / "playbooks.md"


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)


def documented_fields(text: str) -> set[str]:
    """Fields named in the first column of a table row: | `field` | ..."""
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE))


def test_the_format_example_loads() -> None:
    example = yaml_blocks(FORMAT.read_text("utf-8"))[0]
    playbook = loads_playbook(example, "example.yaml")
    assert playbook.variants
    assert any(task.milestone for task in playbook.tasks)


def test_the_error_shown_is_the_one_the_loader_gives() -> None:
    text = FORMAT.read_text("utf-8")
    example = yaml_blocks(text)[0]
    broken = example.replace("project-manager: R/A", "pm: R/A", 1)
    with pytest.raises(InvalidInput) as caught:
        loads_playbook(broken, "my-playbook.yaml")
    assert str(caught.value) in text


def test_every_schema_field_is_documented() -> None:
    schema = playbook_schema()
    properties = schema["properties"]
    fields = set(properties)
    for name in ("source",):
        fields |= set(properties[name]["properties"])
    for name in ("change_log", "roles", "variants", "handovers", "phases"):
        fields |= set(properties[name]["items"]["properties"])
    fields |= set(schema["$defs"]["task"]["properties"])
    assert fields - documented_fields(FORMAT.read_text("utf-8")) == set()


def test_every_built_in_playbook_is_described_with_its_figures() -> None:
    text = PLAYBOOKS.read_text("utf-8")
    rows = {
        match[0]: match[1:]
        for match in re.findall(
            r"^\| `([a-z-]+)` \| [^|]+ \| `([^`]+)` \| [^|]+ \| (\d+) \| (\d+) \| (\d+|—) \|$",
            text,
            re.MULTILINE,
        )
    }
    assert sorted(rows) == sorted(BUILTIN_KEYS)
    for key in BUILTIN_KEYS:
        playbook = builtin_playbook(key)
        assert playbook.source is not None
        variants = str(len(playbook.variants)) if playbook.variants else "—"
        assert rows[key] == (
            playbook.source.file,
            str(len(playbook.roles)),
            str(len(playbook.tasks)),
            variants,
        )
        assert f"## `{key}`" in text
