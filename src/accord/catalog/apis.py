"""The catalog operations of the HTTP API (mounted by accord.api; see docs/api.md).

The playbook catalogue of a workspace (built-in playbooks and its own uploads) for its vendor
staff, and uploads for its admins and managers: the same selectors and services as the settings
pages. Customer and partner contacts, and people of other workspaces, get 404.

The workspace: ``workspace_id`` in the query, which may be left out by someone whose staff
membership is in one workspace only.
"""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody
from accord.apikit.schemas import RowId
from accord.catalog import selectors, services
from accord.catalog.api_schemas import (
    FILE_TYPES,
    EntryPagination,
    FileFormat,
    PlaybookEntryOut,
    PlaybookOut,
    PlaybookUploadOut,
    PlaybookVersionOut,
    finding_data,
)
from accord.catalog.models import VERSION_MAX_LENGTH
from accord.catalog.uploads import MAX_UPLOAD_BYTES, check_upload_size, options_from_pairs
from accord.domain.lint import Severity, lint
from accord.domain.playbook import Playbook
from accord.formats.matrix import matrix_to_csv, matrix_to_html, matrix_to_markdown, matrix_to_xlsx
from accord.formats.playbook_json import playbook_to_json_data
from accord.formats.playbook_yaml import dump_playbook
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.selectors import workspace_chosen

router = Router(tags=["Catalog"])

NOT_FOUND = {404: ErrorBody}


class WorkspaceQuery(Schema):
    workspace_id: RowId | None = None


class CatalogFilter(WorkspaceQuery):
    key: str | None = None
    origin: Literal["builtin", "uploaded"] | None = None
    latest: bool | None = None


def _workspace_id(request: HttpRequest, workspace_id: int | None) -> int:
    return workspace_chosen(acting_user(request), WorkspaceAction.BROWSE_CATALOG, workspace_id).workspace_id


def _files(key: str, version: str, workspace_id: int) -> dict[str, str]:
    return {
        file_format: f"/api/v1/playbooks/{key}/{version}/files/{file_format}?workspace_id={workspace_id}"
        for file_format in FILE_TYPES
    }


@router.get("/playbooks", response={200: list[PlaybookEntryOut], **NOT_FOUND})
@paginate(EntryPagination)
def playbook_list(request: HttpRequest, filters: Query[CatalogFilter]) -> Any:
    """Every playbook version a project of the workspace can start from: built-in ones, then the
    workspace's uploads, the newest version of each key first. Filters: ``key``, ``origin``
    (builtin, uploaded), ``latest`` (only the newest version of each key)."""
    workspace_id = _workspace_id(request, filters.workspace_id)
    entries = selectors.available_playbooks(acting_user(request), workspace_id)
    return [
        entry
        for entry in entries
        if (filters.key is None or entry.key == filters.key)
        and (filters.origin is None or entry.origin == filters.origin)
        and (filters.latest is None or entry.is_latest == filters.latest)
    ]


@router.get("/playbooks/{key}", response={200: PlaybookOut, **NOT_FOUND})
def playbook_read(request: HttpRequest, key: str, query: Query[WorkspaceQuery]) -> Any:
    """A playbook with every version of it in the catalogue, the newest first."""
    workspace_id = _workspace_id(request, query.workspace_id)
    latest = selectors.catalog_entry(acting_user(request), workspace_id, key)
    versions = [
        entry
        for entry in selectors.available_playbooks(acting_user(request), workspace_id)
        if entry.key == key
    ]
    return {"key": key, "name": latest.name, "latest_version": latest.version, "versions": versions}


@router.get("/playbooks/{key}/{version}", response={200: PlaybookVersionOut, **NOT_FOUND})
def playbook_version_read(request: HttpRequest, key: str, version: str, query: Query[WorkspaceQuery]) -> Any:
    """One version of a playbook: its roles, phases and tasks with their RACI, the linter's
    findings (the worst first), and where to download it as a file."""
    workspace_id = _workspace_id(request, query.workspace_id)
    entry = selectors.catalog_entry(acting_user(request), workspace_id, key, version)
    playbook = selectors.catalog_playbook(acting_user(request), workspace_id, key, version)
    findings = sorted(lint(playbook), key=lambda finding: finding.severity.rank)
    return {
        "entry": entry,
        "playbook": playbook_to_json_data(playbook),
        "findings": [finding_data(finding) for finding in findings],
        "files": _files(key, version, workspace_id),
    }


def _file_content(playbook: Playbook, file_format: str) -> str | bytes:
    if file_format == "yaml":
        return dump_playbook(playbook)
    if file_format == "xlsx":
        return matrix_to_xlsx(playbook)
    if file_format == "csv":
        return matrix_to_csv(playbook)
    if file_format == "html":
        return matrix_to_html(playbook)
    return matrix_to_markdown(playbook)


def _binary(media_type: str) -> dict[str, Any]:
    return (
        {"schema": {"type": "string", "format": "binary"}}
        if "spreadsheet" in media_type
        else {"schema": {"type": "string"}}
    )


@router.get(
    "/playbooks/{key}/{version}/files/{file_format}",
    response={404: ErrorBody},
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as the settings pages download it.",
                "content": {
                    media_type.split(";")[0]: _binary(media_type) for media_type in FILE_TYPES.values()
                },
            }
        }
    },
)
def playbook_file_read(
    request: HttpRequest, key: str, version: str, file_format: FileFormat, query: Query[WorkspaceQuery]
) -> HttpResponse:
    """One version of a playbook as a file: the playbook YAML, or its RACI matrix as XLSX, CSV,
    Markdown or a printable HTML page (a download, named ``<key>-<version>.<format>``)."""
    workspace_id = _workspace_id(request, query.workspace_id)
    playbook = selectors.catalog_playbook(acting_user(request), workspace_id, key, version)
    response = HttpResponse(_file_content(playbook, file_format), content_type=FILE_TYPES[file_format])
    filename = f"{playbook.key}-{playbook.version}.{file_format}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


class UploadQuery(Schema):
    save: bool = False
    expected_key: str | None = None
    as_version: str | None = Field(
        None,
        max_length=VERSION_MAX_LENGTH,
        description="save the file as this version instead of its own, e.g. the preview's "
        "suggested_version when the file's version exists already (an exported file uploaded "
        "again as the playbook's next version)",
    )
    letters: list[str] = Field(
        default_factory=list,
        description="what a letter the matrix does not explain means: S=C (S=- ignores it); repeatable",
    )
    sides: list[str] = Field(
        default_factory=list,
        description="a role's side, e.g. 'Customer IT=customer' (vendor, customer, partner); repeatable",
    )
    header_row: int | None = Field(None, ge=1, description="the matrix's header row in the file")
    task_column: str | None = Field(None, max_length=8, description="the column of task names (a letter)")
    roles: list[str] = Field(default_factory=list, description="columns (letters) that are roles")
    not_roles: list[str] = Field(default_factory=list, description="columns (letters) that are not roles")


@router.post(
    "/workspaces/{workspace_id}/playbooks",
    response={200: PlaybookUploadOut, 201: PlaybookUploadOut, **NOT_FOUND},
)
def playbook_upload(
    request: HttpRequest,
    workspace_id: RowId,
    file: File[UploadedFile],
    query: Query[UploadQuery],
    response: HttpResponse,
) -> Any:
    """Upload a playbook (YAML, or a RACI matrix as XLSX, CSV or Markdown in any layout; 1 MB at
    most) as multipart ``file``; vendor admins and managers only.

    Without ``save`` (the first step, as on the page): the preview — the playbook read from the
    file, the linter's findings, whether its version exists already, and for a matrix how its
    layout was read (``explanation``) — and nothing is saved (200). With ``save=true``: the same,
    and the file is added to the catalogue (201); ``expected_key`` refuses a file that holds
    another playbook than the one previewed. A matrix in Accord's own layout is read exactly; any
    other layout is detected, and imports when it is unambiguous. A letter the file does not
    explain is never guessed: 422 ``matrix-unknown-letter``, whose hint names the ``letters``
    option to send (``letters=S=C``); ``sides`` names a role's side (``sides=Customer IT=customer``;
    a role without one is the vendor's, with a warning in the explanation), and ``header_row``,
    ``task_column``, ``roles`` and ``not_roles`` correct the rest. A file that cannot be read is
    refused with 422, each problem naming the file and its line, or row and column.
    """
    user = acting_user(request)
    workspace = require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace
    options = options_from_pairs(
        letters=query.letters,
        sides=query.sides,
        header_row=query.header_row,
        task_column=query.task_column,
        roles=query.roles,
        not_roles=query.not_roles,
    )
    filename = file.name or ""
    check_upload_size(filename=filename, size=file.size)
    data = file.read(MAX_UPLOAD_BYTES + 1)
    preview = services.playbook_preview(
        actor=user, workspace=workspace, filename=filename, data=data, options=options
    )
    counts = dict.fromkeys(Severity, 0)
    for finding in preview.findings:
        counts[finding.severity] += 1
    answer: dict[str, Any] = {
        "filename": preview.filename,
        "saved": False,
        "version_taken": preview.version_taken,
        "suggested_version": preview.next_version,
        "playbook": playbook_to_json_data(preview.playbook),
        "findings": [
            finding_data(finding) for finding in sorted(preview.findings, key=lambda item: item.severity.rank)
        ],
        "counts": {
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
        },
        "entry": None,
        "explanation": preview.detection.explanation.as_dict() if preview.detection else None,
    }
    if not query.save:
        return Status(200, answer)
    saved = services.playbook_save(
        actor=user,
        workspace=workspace,
        filename=filename,
        data=data,
        expected_key=query.expected_key,
        options=options,
        as_version=query.as_version,
    )
    entry = selectors.catalog_entry(user, workspace_id, saved.key, saved.version)
    response["Location"] = f"/api/v1/playbooks/{saved.key}/{saved.version}?workspace_id={workspace_id}"
    return Status(201, answer | {"saved": True, "version_taken": True, "entry": entry})
