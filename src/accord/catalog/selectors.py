"""Reads of the playbook catalogue: the built-in playbooks plus the workspace's own, for vendor staff.

Customer and partner contacts do not see the catalogue (they see their projects' own copies);
for them, and for anyone outside the workspace, the catalogue does not exist (NotFound, a 404).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from itertools import groupby

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accord.catalog.models import WorkspacePlaybook
from accord.domain.errors import NotFound
from accord.domain.lint import Severity, lint
from accord.domain.playbook import Playbook
from accord.formats.playbook_yaml import loads_playbook
from accord.playbooks import BUILTIN_KEYS, builtin_playbook
from accord.workspaces.access import Requester, WorkspaceAction, may, require_membership

BUILTIN = "builtin"
UPLOADED = "uploaded"
# ASCII digits only: int() would refuse "²", which str.isdigit() and \d accept.
_VERSION_PART = re.compile(r"[0-9]+|[^0-9.\-_ ]+")


def version_sort_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Orders versions the way people read them: 1.9 < 1.10 < 2, 1.0 < 1.0.1; text after numbers."""
    return tuple(
        (0, int(part), "") if part[0] in "0123456789" else (1, 0, part.casefold())
        for part in _VERSION_PART.findall(version)
    )


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One playbook version of the catalogue, with what the list pages show about it."""

    key: str
    name: str
    version: str
    origin: str  # BUILTIN or UPLOADED
    uploaded_by: str
    uploaded_at: datetime | None
    role_count: int
    task_count: int
    lint_errors: int
    lint_warnings: int
    lint_infos: int
    #: The newest version of its key: what a new project uses unless told otherwise.
    is_latest: bool = False

    @property
    def is_builtin(self) -> bool:
        return self.origin == BUILTIN

    @property
    def source_label(self) -> str:
        if self.is_builtin:
            return _("built-in")
        if self.uploaded_by:
            return _("uploaded by %(name)s") % {"name": self.uploaded_by}
        return _("uploaded")


def may_view_catalog(user: Requester, workspace_id: int) -> bool:
    """Whether the requester is vendor staff (admin, manager or member) of the workspace."""
    return may(user, WorkspaceAction.BROWSE_CATALOG, workspace_id)


def _require_staff(user: Requester, workspace_id: int) -> None:
    require_membership(user, WorkspaceAction.BROWSE_CATALOG, workspace_id)


@cache
def _builtin_entry(key: str) -> CatalogEntry:
    # Built-in playbooks never change while the process runs: lint them once.
    playbook = builtin_playbook(key)
    counts = Counter(finding.severity for finding in lint(playbook))
    return CatalogEntry(
        key=playbook.key,
        name=playbook.name,
        version=playbook.version,
        origin=BUILTIN,
        uploaded_by="",
        uploaded_at=None,
        role_count=len(playbook.roles),
        task_count=len(playbook.tasks),
        lint_errors=counts.get(Severity.ERROR, 0),
        lint_warnings=counts.get(Severity.WARNING, 0),
        lint_infos=counts.get(Severity.INFO, 0),
    )


def _uploaded_entry(row: WorkspacePlaybook) -> CatalogEntry:
    uploader = row.uploaded_by
    return CatalogEntry(
        key=row.key,
        name=row.name,
        version=row.version,
        origin=UPLOADED,
        uploaded_by=(uploader.get_full_name() or uploader.email) if uploader else "",
        uploaded_at=row.created_at,
        role_count=row.role_count,
        task_count=row.task_count,
        lint_errors=row.lint_errors,
        lint_warnings=row.lint_warnings,
        lint_infos=row.lint_infos,
    )


def _workspace_playbooks(workspace_id: int) -> QuerySet[WorkspacePlaybook]:
    return WorkspacePlaybook.objects.filter(workspace_id=workspace_id)


def _newest_first(entries: Iterable[CatalogEntry]) -> list[CatalogEntry]:
    # Among equal versions (impossible within one workspace, but cheap to order) uploads come first.
    ordered = sorted(
        entries,
        key=lambda entry: (version_sort_key(entry.version), entry.uploaded_at is not None, entry.uploaded_at),
        reverse=True,
    )
    return [replace(entry, is_latest=index == 0) for index, entry in enumerate(ordered)]


def available_playbooks(user: Requester, workspace_id: int) -> list[CatalogEntry]:
    """Every playbook a project of this workspace can start from: built-in ones, then uploaded ones.

    Grouped by key (built-in keys first in their usual order, then uploaded keys alphabetically);
    within a key, the newest version first, marked ``is_latest``. Two queries whatever the size.
    """
    _require_staff(user, workspace_id)
    rows = _workspace_playbooks(workspace_id).select_related("uploaded_by").defer("content")
    entries = [_builtin_entry(key) for key in BUILTIN_KEYS] + [_uploaded_entry(row) for row in rows]
    key_order = {key: index for index, key in enumerate(BUILTIN_KEYS)}
    entries.sort(key=lambda entry: (key_order.get(entry.key, len(key_order)), entry.key))
    result: list[CatalogEntry] = []
    for _key, group in groupby(entries, key=lambda entry: entry.key):
        result.extend(_newest_first(group))
    return result


def catalog_entry(user: Requester, workspace_id: int, key: str, version: str | None = None) -> CatalogEntry:
    """One version of a playbook (the newest when ``version`` is None), or NotFound."""
    for entry in available_playbooks(user, workspace_id):
        if entry.key == key and (entry.is_latest if version is None else entry.version == version):
            return entry
    raise NotFound(_("No such playbook."))


def catalog_playbook(user: Requester, workspace_id: int, key: str, version: str | None = None) -> Playbook:
    """The playbook itself (the newest version when ``version`` is None), or NotFound if not visible."""
    entry = catalog_entry(user, workspace_id, key, version)
    if entry.is_builtin:
        return builtin_playbook(entry.key)
    row = _workspace_playbooks(workspace_id).get(key=entry.key, version=entry.version)
    return loads_playbook(row.content, f"{row.key}@{row.version}")
