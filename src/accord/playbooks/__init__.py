"""The built-in playbooks, one per source document, shipped as YAML data."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from accord.domain.errors import NotFound
from accord.domain.playbook import Playbook
from accord.formats.playbook_yaml import load_playbook, loads_playbook

#: Keys of the built-in playbooks, in the order of their source documents.
BUILTIN_KEYS: tuple[str, ...] = (
    "tomorro-integration",
    "tomorro-automation",
    "socialtalent-onboarding",
    "invoicecloud-integration",
    "paylocity-integration",
)


@cache
def builtin_playbook(key: str) -> Playbook:
    """A built-in playbook by key."""
    if key not in BUILTIN_KEYS:
        raise NotFound(
            f"there is no built-in playbook {key!r}", hint="built-in playbooks: " + ", ".join(BUILTIN_KEYS)
        )
    resource = resources.files("accord.playbooks").joinpath(f"{key}.yaml")
    return loads_playbook(resource.read_bytes(), f"accord/playbooks/{key}.yaml")


def builtin_playbooks() -> tuple[Playbook, ...]:
    return tuple(builtin_playbook(key) for key in BUILTIN_KEYS)


def resolve_playbook(key_or_path: str) -> Playbook:
    """A built-in playbook by key, or a playbook file by path (YAML)."""
    if key_or_path in BUILTIN_KEYS:
        return builtin_playbook(key_or_path)
    path = Path(key_or_path)
    if path.suffix.lower() in {".yaml", ".yml"} or path.exists():
        return load_playbook(path)
    raise NotFound(
        f"{key_or_path!r} is neither a built-in playbook nor a file",
        hint="built-in playbooks: " + ", ".join(BUILTIN_KEYS) + "; or give the path of a .yaml file",
    )
