"""What the catalog operations of the API read and answer (see accord.catalog.apis), and the paging
of the catalogue, which is a list (built-in playbooks and the workspace's own) rather than a query."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from accord.apikit.pagination import DEFAULT_LIMIT, MAX_LIMIT, cursor_decode, cursor_encode
from accord.catalog.selectors import CatalogEntry

#: What a version of a playbook can be downloaded as: the pages' files, and the printable matrix.
FileFormat = Literal["yaml", "xlsx", "csv", "md", "html"]
FILE_TYPES: dict[str, str] = {
    "yaml": "application/yaml; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


class LintCountsOut(Schema):
    errors: int
    warnings: int
    infos: int


class PlaybookEntryOut(Schema):
    """One version of a playbook in the catalogue."""

    key: str
    name: str
    version: str
    origin: Literal["builtin", "uploaded"]
    uploaded_by: str = Field(description="the uploader's name; empty for built-in playbooks")
    uploaded_at: datetime | None
    role_count: int
    task_count: int
    lint: LintCountsOut
    is_latest: bool = Field(description="the newest version of its key: what new projects use")

    @staticmethod
    def resolve_lint(entry: CatalogEntry) -> dict[str, int]:
        return {"errors": entry.lint_errors, "warnings": entry.lint_warnings, "infos": entry.lint_infos}


class PlaybookOut(Schema):
    """A playbook of the catalogue with every version, the newest first."""

    key: str
    name: str
    latest_version: str
    versions: list[PlaybookEntryOut]


class FindingOut(Schema):
    """One finding of the linter (code such as RACI001 never changes; name is the rule's slug)."""

    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    phase: str | None
    task: str | None
    roles: list[str]
    message: str
    hint: str


class PlaybookVersionOut(Schema):
    """One version of a playbook: its catalogue entry, the playbook itself, the linter's findings
    and the addresses of its files."""

    entry: PlaybookEntryOut
    playbook: dict[str, Any] = Field(
        description="{key, name, version, source, roles, variants, phases: [{key, name, tasks}]}"
    )
    findings: list[FindingOut]
    files: dict[str, str] = Field(description="file format -> the address to download it from")


class PlaybookUploadOut(Schema):
    """What an uploaded file holds (the preview) and, with ``save=true``, what was saved."""

    filename: str
    saved: bool
    version_taken: bool = Field(description="this key and version exist already: saving would be refused")
    suggested_version: str = Field(
        description="the first free version after the file's: send it as as_version to save the file "
        "as the playbook's next version"
    )
    playbook: dict[str, Any]
    findings: list[FindingOut]
    counts: LintCountsOut
    entry: PlaybookEntryOut | None = Field(description="the catalogue entry saved; null for a preview")
    explanation: dict[str, Any] | None = Field(
        None,
        description="how a matrix file's layout was read (as `accord import --explain --format json`: "
        "table, task_column, phases, roles with their sides, ignored, letters, warnings, decisions); "
        "null for a playbook YAML file",
    )


def finding_data(finding: Any) -> dict[str, Any]:
    return {**finding.as_dict(), "name": finding.name}


class EntryPagination(PaginationBase):
    """Cursor paging over the catalogue's entries, in the catalogue's order; the cursor names the
    last entry given (its key and version: a version never changes once saved)."""

    class Input(Schema):
        cursor: str | None = Field(None, description="next_cursor of the previous page; none for the first")
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="items per page")

    class Output(Schema):
        items: list[Any]
        next_cursor: str | None = Field(None, description="the cursor of the next page; null on the last")

    items_attribute: str = "items"
    SORT = "catalog"

    def paginate_queryset(
        self, queryset: Any, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        entries: list[CatalogEntry] = list(queryset)  # the catalogue: a list, not a query
        start = 0
        if pagination.cursor:
            key, version = cursor_decode(self.SORT, pagination.cursor)
            start = next(
                (
                    index + 1
                    for index, entry in enumerate(entries)
                    if (entry.key, entry.version) == (key, version)
                ),
                len(entries),
            )
        page = entries[start : start + pagination.limit]
        more = start + pagination.limit < len(entries)
        last = page[-1] if page and more else None
        return {
            "items": page,
            "next_cursor": cursor_encode(self.SORT, (last.key, last.version)) if last else None,
        }
