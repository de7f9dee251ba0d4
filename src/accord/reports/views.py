"""The status report pages: the report now or as published, its PDF, publishing, the digest
choice, and the signed unsubscribe link (no login). Parse, call a selector or a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.domain.errors import AccordError
from accord.projects.access import NotAllowed, ProjectAction
from accord.reports import pdf, selectors, services
from accord.reports import unsubscribe as links
from accord.reports.forms import DigestForm
from accord.reports.selectors import ReportView


def _page(request: HttpRequest, view: ReportView, *, status: int = 200, **extra: Any) -> HttpResponse:
    choice = selectors.digest_choice(request.user, view.project.pk)
    return render(
        request,
        "reports/report.html",
        {
            "project": view.project,
            "view": view,
            "past": list(selectors.reports_of(request.user, view.project.pk)[: selectors.PAST_REPORTS]),
            "digest_form": DigestForm(
                initial={"enabled": choice.enabled, "no_change_note": choice.no_change_note}
            ),
            "may_manage": view.access is not None and view.access.allows(ProjectAction.MANAGE),
            "section": "report",
            **extra,
        },
        status=status,
    )


@require_GET
def report_now(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project's status as it stands, compared with its last published report."""
    return _page(request, selectors.report_view(request.user, project_id))


@require_GET
def report_detail(request: HttpRequest, project_id: int, report_id: int) -> HttpResponse:
    """A published report, compared with the one before it."""
    return _page(request, selectors.report_view(request.user, project_id, report_id))


def _pdf_response(view: ReportView) -> HttpResponse:
    response = HttpResponse(pdf.report_pdf(view), content_type="application/pdf")
    day = formats.date_format(view.taken_on, "Y-m-d")
    response["Content-Disposition"] = (
        f'inline; filename="status-report-{slugify(view.project.name)}-{day}.pdf"'
    )
    return response


@require_GET
def report_now_pdf(request: HttpRequest, project_id: int) -> HttpResponse:
    return _pdf_response(selectors.report_view(request.user, project_id))


@require_GET
def report_pdf(request: HttpRequest, project_id: int, report_id: int) -> HttpResponse:
    return _pdf_response(selectors.report_view(request.user, project_id, report_id))


@require_POST
def report_publish(request: HttpRequest, project_id: int) -> HttpResponse:
    view = selectors.report_view(request.user, project_id)
    try:
        report = services.report_publish(actor=acting_user(request), project=view.project)
    except AccordError as error:
        status = 403 if isinstance(error, NotAllowed) else 422
        return _page(request, view, status=status, refusal=error.message)
    messages.success(request, _("Status report published."))
    return redirect("reports:detail", project_id=project_id, report_id=report.pk)


@require_POST
def digest_choose(request: HttpRequest, project_id: int) -> HttpResponse:
    view = selectors.report_view(request.user, project_id)
    form = DigestForm(request.POST)
    form.is_valid()  # two check boxes: always valid
    services.digest_choose(
        actor=acting_user(request),
        project=view.project,
        enabled=bool(form.cleaned_data.get("enabled")),
        no_change_note=bool(form.cleaned_data.get("no_change_note")),
    )
    messages.success(request, _("Your weekly digest choice is saved."))
    return redirect("reports:now", project_id=project_id)


@login_not_required
@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click"; the signature is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, project_id: int, token: str) -> HttpResponse:
    """One click from the e-mail, no login: the signed link stops the digest (or its "no change"
    note). A tampered or foreign link says so, with what to do instead."""
    found = links.token_read(project_id, token)
    if found is None:
        return render(request, "reports/unsubscribe.html", {"invalid": True}, status=400)
    subscription, what = found
    services.digest_stop(subscription=subscription, what=what)
    return render(
        request,
        "reports/unsubscribe.html",
        {"invalid": False, "project": subscription.project, "what": what, "all": links.ALL},
    )
