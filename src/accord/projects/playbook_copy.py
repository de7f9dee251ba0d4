"""The project's own copy of its playbook, typed: the one way to read ``Project.playbook_data``.

A project stores its playbook in the canonical plain-data form
(:func:`accord.formats.playbook_yaml.playbook_to_data`). Everything that needs its roles, variants,
phases, tasks, notes, hand-overs or names reads them from :func:`project_playbook`, a
:class:`~accord.domain.playbook.Playbook`, never from the raw dicts.

Parsing checks the copy against the playbook schema, which costs milliseconds (a 1,000-task copy
about a quarter of a second). So a parse is kept twice: on the project instance (one request
reads it as often as it likes) and, by the copy's content, for the whole process (every request
for a project whose copy has not changed reuses it; the parsed playbook is immutable). Lists
never call this: they defer ``playbook_data`` and read the names copied onto the task rows.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from accord.domain.playbook import Playbook
from accord.formats.playbook_yaml import playbook_from_data
from accord.projects.models import Project

#: Parsed copies kept for the whole process, the most recently used first out last.
PARSED_COPIES_KEPT = 64

_INSTANCE_ATTRIBUTE = "_accord_playbook_copy"
_parsed: OrderedDict[str, Playbook] = OrderedDict()
_lock = threading.Lock()


class _Kept:
    """The parse kept on one project instance, for the ``playbook_data`` object it was read from.

    Copying or pickling a project (a test's deep copy, a cache) keeps an empty slot: the parsed
    playbook is rebuilt on demand, never carried along (it does not pickle)."""

    __slots__ = ("data", "playbook")

    def __init__(self, data: object = None, playbook: Playbook | None = None) -> None:
        self.data = data
        self.playbook = playbook

    def __reduce__(self) -> tuple[type[_Kept], tuple[()]]:
        return (_Kept, ())

    def __deepcopy__(self, memo: dict[int, object]) -> _Kept:
        return _Kept()


def _fingerprint(data: object) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def _parse(project: Project) -> Playbook:
    key = _fingerprint(project.playbook_data)
    with _lock:
        playbook = _parsed.get(key)
        if playbook is not None:
            _parsed.move_to_end(key)
            return playbook
    playbook = playbook_from_data(project.playbook_data, where=f"playbook copy of project {project.pk}")
    with _lock:
        _parsed[key] = playbook
        _parsed.move_to_end(key)
        while len(_parsed) > PARSED_COPIES_KEPT:
            _parsed.popitem(last=False)
    return playbook


def project_playbook(project: Project) -> Playbook:
    """The project's own copy of its playbook (all variants, alternatives unresolved).

    Parsed once per instance while its ``playbook_data`` stays the same object (an upgrade that
    assigns a new copy is read afresh), and once per process for the same content.
    """
    data = project.playbook_data
    kept = vars(project).get(_INSTANCE_ATTRIBUTE)
    if isinstance(kept, _Kept) and kept.playbook is not None and kept.data is data:
        return kept.playbook
    playbook = _parse(project)
    vars(project)[_INSTANCE_ATTRIBUTE] = _Kept(data, playbook)
    return playbook


def role_name(project: Project, role_key: str) -> str:
    """The name of role ``role_key`` in the project's playbook, or the key when it has none."""
    return next((role.name for role in project_playbook(project).roles if role.key == role_key), role_key)


def role_keys(project: Project) -> list[str]:
    """The role keys of the project's playbook, in its order."""
    return [role.key for role in project_playbook(project).roles]
