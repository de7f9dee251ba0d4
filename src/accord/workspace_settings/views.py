"""Settings pages: parse the request, call a selector or a service, render. No rules here.

Who sees what: vendor staff (admins, managers, members) may browse the playbook catalogue and
download its files; vendor admins and managers also upload playbooks and manage people,
customers and partners. Everyone else gets 404, as if the workspace did not exist.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.base.forms import error_text, problems_to_form
from accord.catalog import selectors as catalog_selectors
from accord.catalog import services as catalog_services
from accord.catalog.uploads import (
    MAX_UPLOAD_BYTES,
    check_upload_size,
    clean_filename,
    detection_from_upload,
    is_matrix_file,
    options_from_data,
    options_to_data,
)
from accord.domain.errors import InvalidInput, NotFound, StaleWrite
from accord.domain.lint import lint
from accord.domain.playbook import Playbook
from accord.formats.matrix import (
    Detection,
    DetectionOptions,
    matrix_to_csv,
    matrix_to_markdown,
    matrix_to_xlsx,
)
from accord.formats.matrix.layout import matrix_roles
from accord.formats.playbook_yaml import dump_playbook
from accord.workspace_settings import presenters, preview, selectors
from accord.workspace_settings.forms import (
    BrandingForm,
    CustomerCreateForm,
    DetectionCorrectionForm,
    PartnerCreateForm,
    PlaybookSaveForm,
    PlaybookUploadForm,
)
from accord.workspace_settings.upload_token import Upload, upload_from_token, upload_token
from accord.workspaces import selectors as workspace_selectors
from accord.workspaces import services as workspace_services
from accord.workspaces.access import WorkspaceAction, kind_allows, memberships_allowing, require_membership
from accord.workspaces.branding import branding_for, branding_update
from accord.workspaces.models import Membership, Partner, Workspace

DOWNLOADS: dict[str, tuple[str, str]] = {
    "yaml": ("yaml", "application/yaml; charset=utf-8"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("csv", "text/csv; charset=utf-8"),
    "markdown": ("md", "text/markdown; charset=utf-8"),
}


def _staff_membership_or_404(request: HttpRequest, workspace_id: int) -> Membership:
    return require_membership(request.user, WorkspaceAction.BROWSE_CATALOG, workspace_id)


def _managing_membership_or_404(request: HttpRequest, workspace_id: int) -> Membership:
    return require_membership(request.user, WorkspaceAction.MANAGE, workspace_id)


def _context(membership: Membership, section: str, **values: Any) -> dict[str, Any]:
    return {
        "workspace": membership.workspace,
        "may_manage": kind_allows(membership.kind, WorkspaceAction.MANAGE),
        "section": section,
        **values,
    }


@require_GET
def settings_home(request: HttpRequest) -> HttpResponse:
    """The "Settings" link: the workspace's settings, or a choice when one runs several workspaces."""
    staff = list(memberships_allowing(request.user, WorkspaceAction.BROWSE_CATALOG))
    if not staff:
        raise NotFound(_("No such workspace."))
    if len(staff) == 1:
        return redirect("settings-playbooks", workspace_id=staff[0].workspace_id)
    return render(request, "workspace_settings/home.html", {"memberships": staff})


# The playbook catalogue


def _catalog_page(
    request: HttpRequest, membership: Membership, form: PlaybookUploadForm, status: int = 200
) -> HttpResponse:
    entries = catalog_selectors.available_playbooks(request.user, membership.workspace_id)
    return render(
        request,
        "workspace_settings/playbook_list.html",
        _context(membership, "playbooks", entries=entries, form=form),
        status=status,
    )


@require_GET
def playbook_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every playbook of the catalogue, and the upload form for those who manage the workspace."""
    membership = _staff_membership_or_404(request, workspace_id)
    return _catalog_page(request, membership, PlaybookUploadForm())


def _preview_page(
    request: HttpRequest,
    membership: Membership,
    *,
    upload: Upload,
    preview_result: catalog_services.PlaybookPreview | None = None,
    error: InvalidInput | None = None,
) -> HttpResponse:
    """The preview: a refusal, or what saving would add — for a matrix, beside the file's cells."""
    values: dict[str, Any] = {"filename": upload.filename}
    if preview_result is not None:
        playbook = preview_result.playbook
        values |= {
            "playbook": playbook,
            "task_count": len(playbook.tasks),
            "findings": presenters.finding_rows(playbook, preview_result.findings),
            "counts": presenters.severity_counts(preview_result.findings),
            "version_taken": preview_result.version_taken,
            "suggested_version": preview_result.next_version,
            "save_form": PlaybookSaveForm(
                initial={"token": _token(membership, upload), "expected_key": playbook.key}
            ),
        }
    if error is not None:
        values["problems"] = presenters.problem_rows(error.problems)
    return render(
        request,
        "workspace_settings/playbook_preview.html",
        _context(membership, "playbooks", **values),
        status=422 if error is not None else 200,
    )


def _token(membership: Membership, upload: Upload) -> str:
    return upload_token(workspace_id=membership.workspace_id, user_id=membership.user_id, upload=upload)


def _detect(upload: Upload, options: DetectionOptions) -> Detection:
    """The detection of a matrix upload, even when problems block it (InvalidInput if unreadable)."""
    detection = detection_from_upload(filename=upload.filename, data=upload.data, options=options)
    stale = [problem for problem in detection.problems if problem.code == "matrix-unknown-role"]
    if stale and options.sides:
        # Sides chosen for roles another header row or column choice no longer reads: forget them.
        named = preview.roles_named(detection.explanation)
        kept = {name: side for name, side in options.sides.items() if name.lower() in named}
        detection = detection_from_upload(
            filename=upload.filename, data=upload.data, options=replace(options, sides=kept)
        )
    return detection


def _matrix_preview_page(
    request: HttpRequest,
    membership: Membership,
    *,
    upload: Upload,
    options: DetectionOptions,
) -> HttpResponse:
    """A matrix file's preview: its cells, what was detected, the corrections form, the playbook."""
    try:
        detection = _detect(upload, options)
    except InvalidInput as error:
        return _preview_page(request, membership, upload=upload, error=error)
    options = _options_in_use(detection, options)
    upload = replace(upload, options=options_to_data(options))
    result: catalog_services.PlaybookPreview | None = None
    problems: tuple[Any, ...] = detection.problems
    if not problems:
        try:
            result = catalog_services.playbook_preview(
                actor=acting_user(request),
                workspace=membership.workspace,
                filename=upload.filename,
                data=upload.data,
                options=options,
            )
        except InvalidInput as error:
            problems = error.problems
    filename = clean_filename(upload.filename)
    grid = preview.display_grid(
        detection, data=upload.data, filename=filename, suffix=PurePath(filename).suffix.lower()
    )
    token = _token(membership, upload)
    choices = preview.correction_choices(detection.explanation, grid, options)
    values: dict[str, Any] = {
        "filename": upload.filename,
        "matrix": True,
        "token": token,
        "grid": preview.grid_view(grid, detection.explanation) if grid is not None else None,
        "explanation": preview.explanation_view(detection.explanation),
        "correction_form": DetectionCorrectionForm(choices=choices, options=options, token=token),
        "blocking": [preview.problem_line(problem) for problem in problems],
    }
    if result is not None:
        playbook = result.playbook
        values |= {
            "playbook": playbook,
            "task_count": len(playbook.tasks),
            "roles": matrix_roles(playbook),
            "rows": presenters.matrix_rows(playbook),
            "findings": presenters.finding_rows(playbook, result.findings),
            "counts": presenters.severity_counts(result.findings),
            "version_taken": result.version_taken,
            "suggested_version": result.next_version,
            "save_form": PlaybookSaveForm(initial={"token": token, "expected_key": playbook.key}),
        }
    # Set by django_htmx's middleware: the corrections came from htmx, which swaps the preview in.
    htmx = bool(getattr(request, "htmx", False))
    template = (
        "workspace_settings/_matrix_preview.html" if htmx else "workspace_settings/playbook_preview.html"
    )
    # htmx swaps only successful answers: a preview that still asks questions is one too.
    status = 422 if problems and not htmx else 200
    return render(request, template, _context(membership, "playbooks", **values), status=status)


def _options_in_use(detection: Detection, options: DetectionOptions) -> DetectionOptions:
    """The options without sides for roles the file no longer has (see :func:`_detect`)."""
    named = preview.roles_named(detection.explanation)
    kept = {name: side for name, side in options.sides.items() if name.lower() in named}
    return replace(options, sides=kept) if len(kept) != len(options.sides) else options


@require_POST
def playbook_upload(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Read an uploaded file and show what saving it would add, with the linter's findings."""
    membership = _managing_membership_or_404(request, workspace_id)
    form = PlaybookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _catalog_page(request, membership, form, status=422)
    uploaded = form.cleaned_data["file"]
    filename = uploaded.name or ""
    try:
        # Django knows the real size: a file over the limit is refused, naming it, without being read.
        check_upload_size(filename=filename, size=uploaded.size)
    except InvalidInput as error:
        return _preview_page(request, membership, upload=Upload(filename=filename, data=b""), error=error)
    # Read one byte past the limit: enough to refuse an oversized file without holding all of it.
    upload = Upload(filename=filename, data=uploaded.read(MAX_UPLOAD_BYTES + 1))
    if is_matrix_file(filename):
        return _matrix_preview_page(request, membership, upload=upload, options=DetectionOptions())
    try:
        result = catalog_services.playbook_preview(
            actor=acting_user(request),
            workspace=membership.workspace,
            filename=upload.filename,
            data=upload.data,
        )
    except InvalidInput as error:
        return _preview_page(request, membership, upload=upload, error=error)
    return _preview_page(request, membership, upload=upload, preview_result=result)


def _upload_back(request: HttpRequest, membership: Membership) -> tuple[Upload, DetectionOptions] | None:
    """The upload and corrections a preview's token carries, or None (with a message) if unusable."""
    token = request.POST.get("token", "")
    try:
        upload = upload_from_token(token, workspace_id=membership.workspace_id, user_id=membership.user_id)
        return upload, options_from_data(upload.options)
    except InvalidInput as error:
        messages.error(request, error_text(error))
    except ValueError:
        messages.error(request, _("The preview could not be read back. Upload the file again."))
    return None


@require_POST
def playbook_redetect(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Read the previewed matrix again with the person's corrections, and show the new preview."""
    membership = _managing_membership_or_404(request, workspace_id)
    back = _upload_back(request, membership)
    if back is None or not is_matrix_file(back[0].filename):
        if back is not None:
            messages.error(request, _("Only a RACI matrix file can be corrected. Upload the file again."))
        return redirect("settings-playbooks", workspace_id=workspace_id)
    upload, previous = back
    try:
        detection = _detect(upload, previous)
    except InvalidInput as error:
        return _preview_page(request, membership, upload=upload, error=error)
    filename = clean_filename(upload.filename)
    grid = preview.display_grid(
        detection, data=upload.data, filename=filename, suffix=PurePath(filename).suffix.lower()
    )
    choices = preview.correction_choices(detection.explanation, grid, previous)
    form = DetectionCorrectionForm(request.POST, choices=choices, options=previous)
    options = form.options(previous) if form.is_valid() else previous
    return _matrix_preview_page(request, membership, upload=upload, options=options)


@require_POST
def playbook_save(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Save the previewed file to the catalogue, read with the corrections previewed."""
    membership = _managing_membership_or_404(request, workspace_id)
    form = PlaybookSaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The preview could not be read back. Upload the file again."))
        return redirect("settings-playbooks", workspace_id=workspace_id)
    back = _upload_back(request, membership)
    if back is None:
        return redirect("settings-playbooks", workspace_id=workspace_id)
    upload, options = back
    try:
        saved = catalog_services.playbook_save(
            actor=acting_user(request),
            workspace=membership.workspace,
            filename=upload.filename,
            data=upload.data,
            expected_key=form.cleaned_data["expected_key"],
            options=options,
            as_version=form.cleaned_data["as_version"] or None,
        )
    except InvalidInput as error:
        return _preview_page(request, membership, upload=upload, error=error)
    messages.success(
        request,
        _("Playbook %(name)s, version %(version)s, is in the catalogue.")
        % {"name": saved.name, "version": saved.version},
    )
    return redirect(_detail_url(workspace_id, saved.key, saved.version))


def _detail_url(workspace_id: int, key: str, version: str) -> str:
    path = reverse("settings-playbook-detail", kwargs={"workspace_id": workspace_id, "key": key})
    return f"{path}?{_version_query(version)}"


def _version_query(version: str) -> str:
    return urlencode({"version": version})


def _requested_version(request: HttpRequest) -> str | None:
    return request.GET.get("version") or None


@require_GET
def playbook_detail(request: HttpRequest, workspace_id: int, key: str) -> HttpResponse:
    """A playbook's summary, findings and RACI matrix, with its files to download."""
    membership = _staff_membership_or_404(request, workspace_id)
    version = _requested_version(request)
    entry = catalog_selectors.catalog_entry(request.user, workspace_id, key, version)
    playbook = catalog_selectors.catalog_playbook(request.user, workspace_id, key, entry.version)
    findings = lint(playbook)
    versions = [
        other
        for other in catalog_selectors.available_playbooks(request.user, workspace_id)
        if other.key == key
    ]
    return render(
        request,
        "workspace_settings/playbook_detail.html",
        _context(
            membership,
            "playbooks",
            entry=entry,
            playbook=playbook,
            versions=versions,
            roles=matrix_roles(playbook),
            rows=presenters.matrix_rows(playbook),
            findings=presenters.finding_rows(playbook, findings),
            counts=presenters.severity_counts(findings),
            version_query=_version_query(entry.version),
            downloads=list(DOWNLOADS),
        ),
    )


def _file_content(playbook: Playbook, file_format: str) -> str | bytes:
    if file_format == "yaml":
        return dump_playbook(playbook)
    if file_format == "xlsx":
        return matrix_to_xlsx(playbook)
    if file_format == "csv":
        return matrix_to_csv(playbook)
    return matrix_to_markdown(playbook)


@require_GET
def playbook_download(request: HttpRequest, workspace_id: int, key: str, file_format: str) -> HttpResponse:
    """The playbook as a YAML file, or its matrix as XLSX, CSV or Markdown."""
    _staff_membership_or_404(request, workspace_id)
    if file_format not in DOWNLOADS:
        raise NotFound(_("No such file format."))
    playbook = catalog_selectors.catalog_playbook(
        request.user, workspace_id, key, _requested_version(request)
    )
    suffix, content_type = DOWNLOADS[file_format]
    response = HttpResponse(_file_content(playbook, file_format), content_type=content_type)
    filename = f"{playbook.key}-{playbook.version}.{suffix}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


# People, customers and partners


@require_GET
def people(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Who belongs to the workspace, and who has been invited."""
    membership = _managing_membership_or_404(request, workspace_id)
    return render(
        request,
        "workspace_settings/people.html",
        _context(
            membership,
            "people",
            members=selectors.workspace_members(request.user, workspace_id),
            pending=workspace_selectors.pending_invitations(request.user, workspace_id=workspace_id),
        ),
    )


def _organisation_page(
    request: HttpRequest,
    workspace_id: int,
    *,
    section: str,
    form_class: type[CustomerCreateForm] | type[PartnerCreateForm],
) -> HttpResponse:
    membership = _managing_membership_or_404(request, workspace_id)
    workspace: Workspace = membership.workspace
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(form, PartnerCreateForm):
                created: Any = workspace_services.partner_create(
                    actor=acting_user(request),
                    workspace=workspace,
                    name=form.cleaned_data["name"],
                    kind=Partner.Kind(form.cleaned_data["kind"]),
                )
            else:
                created = workspace_services.customer_create(
                    actor=acting_user(request), workspace=workspace, name=form.cleaned_data["name"]
                )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            messages.success(request, _("%(name)s added.") % {"name": created.name})
            return redirect(f"settings-{section}", workspace_id=workspace_id)
    if section == "partners":
        items: Any = selectors.workspace_partners(request.user, workspace_id)
    else:
        items = selectors.workspace_customers(request.user, workspace_id)
    return render(
        request,
        f"workspace_settings/{section}.html",
        _context(membership, section, form=form, items=items),
        status=422 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def customers(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace's customers, and a form to add one."""
    return _organisation_page(request, workspace_id, section="customers", form_class=CustomerCreateForm)


@require_http_methods(["GET", "POST"])
def partners(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace's partners, and a form to add one."""
    return _organisation_page(request, workspace_id, section="partners", form_class=PartnerCreateForm)


@require_http_methods(["GET", "POST"])
def branding(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace's accent colour and logo, as the customers' pages and e-mails show them."""
    membership = _managing_membership_or_404(request, workspace_id)
    workspace: Workspace = membership.workspace
    initial = {"version": workspace.branding_version, "accent_colour": workspace.accent_colour}
    form = BrandingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["logo"]
        try:
            branding_update(
                actor=acting_user(request),
                workspace=workspace,
                version=form.cleaned_data["version"],
                accent_colour=form.cleaned_data["accent_colour"],
                logo=upload.read() if upload else None,
                remove_logo=form.cleaned_data["remove_logo"],
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        except StaleWrite as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Branding saved."))
            return redirect("settings-branding", workspace_id=workspace_id)
    return render(
        request,
        "workspace_settings/branding.html",
        _context(membership, "branding", form=form, branding=branding_for(workspace)),
        status=422 if form.errors else 200,
    )
