"""Support pages: parse, call one selector or service, render. No rules here.

The escalation composer re-renders a refused draft with every finding marked; nothing of it is
stored, logged or kept in the session. The redaction helper is one POST that answers the form
with each finding replaced by its placeholder (htmx swaps the form in place when present).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.base.forms import error_lines, problems_to_form
from accord.domain.errors import InvalidInput, StaleWrite
from accord.projects.access import NotAllowed, ProjectAction
from accord.support import selectors, services
from accord.support.composer import (
    CATEGORY_NAMES,
    Draft,
    PersonalDataFound,
    draft_redacted,
    findings_in,
    segments,
)
from accord.support.forms import (
    AgreementForm,
    CommentForm,
    EscalationForm,
    SupportAddressForm,
    TicketChangeForm,
    TicketForm,
)
from accord.support.models import FirstLevel
from accord.support.selectors import TicketAccess


def _project_context(access: Any, **values: Any) -> dict[str, Any]:
    return {
        "project": access.project,
        "may_manage": access.allows(ProjectAction.MANAGE),
        "section": "support",
        **values,
    }


def _support_page(request: HttpRequest, project_id: int, *, status: int = 200, **forms: Any) -> HttpResponse:
    access, tickets = selectors.project_tickets(request.user, project_id)
    project = access.project
    owner = selectors.support_owner(project)
    context = _project_context(
        access,
        tickets=list(tickets[:200]),
        owner=owner,
        partners=selectors.project_partners(project),
        ticket_form=forms.get("ticket_form") or TicketForm(),
        agreement_form=forms.get("agreement_form")
        or AgreementForm(
            initial={
                "first_level": owner.first_level if owner else FirstLevel.CUSTOMER,
                "partner": owner.partner.pk if owner and owner.partner else None,
            }
        ),
        errors=forms.get("errors", []),
    )
    return render(request, "support/project_support.html", context, status=status)


@require_GET
def project_support(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's support: the agreed first level, its tickets, and a form to open one."""
    return _support_page(request, project_id)


@require_POST
def ticket_create(request: HttpRequest, project_id: int) -> HttpResponse:
    """Open a ticket; its first level is the agreed support owner."""
    access, _tickets = selectors.project_tickets(request.user, project_id)
    form = TicketForm(request.POST)
    if form.is_valid():
        try:
            ticket = services.ticket_open(
                actor=acting_user(request),
                project=access.project,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                priority=form.cleaned_data["priority"],
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            messages.success(request, _("Ticket #%(number)s opened.") % {"number": ticket.pk})
            return redirect("support:ticket", project_id=project_id, ticket_id=ticket.pk)
    return _support_page(request, project_id, ticket_form=form, status=422)


@require_POST
def agreement_set(request: HttpRequest, project_id: int) -> HttpResponse:
    """Record the agreed first level of support (vendor admins and managers)."""
    access, _tickets = selectors.project_tickets(request.user, project_id)
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            services.support_owner_agree(
                actor=acting_user(request),
                project=access.project,
                first_level=form.cleaned_data["first_level"],
                partner=form.cleaned_data["partner"],
            )
        except NotAllowed as error:
            return _support_page(request, project_id, errors=error_lines(error), status=403)
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            messages.success(request, _("The first level of support is recorded."))
            return redirect("support:project", project_id=project_id)
    return _support_page(request, project_id, agreement_form=form, status=422)


def _ticket_page(
    request: HttpRequest, found: TicketAccess, *, status: int = 200, **values: Any
) -> HttpResponse:
    ticket = found.ticket
    context = _project_context(
        found.access,
        ticket=ticket,
        comments=list(selectors.ticket_comments(ticket)),
        escalations=list(selectors.ticket_escalations(ticket)),
        comment_form=values.pop("comment_form", None) or CommentForm(),
        change_form=values.pop("change_form", None)
        or TicketChangeForm(
            initial={"status": ticket.status, "priority": ticket.priority, "version": ticket.version}
        ),
        **values,
    )
    return render(request, "support/ticket.html", context, status=status)


@require_GET
def ticket_detail(request: HttpRequest, project_id: int, ticket_id: int) -> HttpResponse:
    """A ticket: its description, status, comments and escalations."""
    return _ticket_page(request, selectors.ticket_access(request.user, ticket_id, project_id=project_id))


@require_POST
def ticket_update(request: HttpRequest, project_id: int, ticket_id: int) -> HttpResponse:
    """Change a ticket's status or priority."""
    found = selectors.ticket_access(request.user, ticket_id, project_id=project_id)
    form = TicketChangeForm(request.POST)
    if form.is_valid():
        try:
            services.ticket_change(
                actor=acting_user(request),
                ticket=found.ticket,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                priority=form.cleaned_data["priority"],
            )
        except StaleWrite as error:
            return _ticket_page(request, found, errors=error_lines(error), status=412)
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            messages.success(request, _("Ticket changed."))
            return redirect("support:ticket", project_id=project_id, ticket_id=ticket_id)
    return _ticket_page(request, found, change_form=form, status=422)


@require_POST
def ticket_comment(request: HttpRequest, project_id: int, ticket_id: int) -> HttpResponse:
    """Comment on a ticket."""
    found = selectors.ticket_access(request.user, ticket_id, project_id=project_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.ticket_comment_add(
                actor=acting_user(request), ticket=found.ticket, body=form.cleaned_data["body"]
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            return redirect("support:ticket", project_id=project_id, ticket_id=ticket_id)
    return _ticket_page(request, found, comment_form=form, status=422)


def _draft(form: EscalationForm) -> Draft:
    data = form.data
    return Draft(
        subject=str(data.get("subject", "")),
        body=str(data.get("body", "")),
        recipients=services.recipients_parsed(str(data.get("recipients", ""))),
    )


def _composer(
    request: HttpRequest, found: TicketAccess, form: EscalationForm, *, status: int = 200, **values: Any
) -> HttpResponse:
    context = _project_context(
        found.access,
        ticket=found.ticket,
        form=form,
        support_address=selectors.support_address(found.ticket.project.workspace_id),
        **values,
    )
    template = "support/_composer.html" if request.headers.get("HX-Request") else "support/escalate.html"
    return render(request, template, context, status=status)


def _refusal(draft: Draft, error: PersonalDataFound) -> dict[str, Any]:
    located = error.located
    categories = sorted({item.finding.category for item in located}, key=list(CATEGORY_NAMES).index)
    return {
        "refused": True,
        "subject_segments": segments(draft.subject, located, "subject"),
        "body_segments": segments(draft.body, located, "body"),
        "recipient_findings": [
            (item.index + 1 if item.index is not None else 0, item.finding.text, item.category_name)
            for item in located
            if item.field == "recipients"
        ],
        "found_categories": [(category.value, CATEGORY_NAMES[category]) for category in categories],
        "found_count": len(located),
    }


@require_http_methods(["GET", "POST"])
def escalation_compose(request: HttpRequest, project_id: int, ticket_id: int) -> HttpResponse:
    """Write an escalation to the vendor's support; refused with every finding marked when it
    holds personal data or group recipients, sent by e-mail otherwise."""
    found = selectors.ticket_access(request.user, ticket_id, project_id=project_id)
    if request.method == "GET":
        ticket = found.ticket
        form = EscalationForm(initial={"subject": ticket.subject, "body": ticket.body})
        return _composer(request, found, form)
    form = EscalationForm(request.POST)
    draft = _draft(form)
    try:
        services.escalation_send(
            actor=acting_user(request),
            ticket=found.ticket,
            subject=draft.subject,
            body=draft.body,
            recipients=draft.recipients,
        )
    except PersonalDataFound as error:
        return _composer(request, found, form, status=422, **_refusal(draft, error))
    except InvalidInput as error:
        form.is_valid()
        problems_to_form(form, error)
        return _composer(request, found, form, status=422)
    messages.success(request, _("The escalation was sent to the vendor's support."))
    return redirect("support:ticket", project_id=project_id, ticket_id=ticket_id)


@require_POST
def escalation_redact(request: HttpRequest, project_id: int, ticket_id: int) -> HttpResponse:
    """The draft back in the form with each finding replaced by its placeholder (nothing stored)."""
    found = selectors.ticket_access(request.user, ticket_id, project_id=project_id)
    address = selectors.support_address(found.ticket.project.workspace_id)
    draft = _draft(EscalationForm(request.POST))
    redacted = draft_redacted(draft, support_address=address)
    replaced = len(findings_in(draft, support_address=address))
    form = EscalationForm(
        initial={
            "subject": redacted.subject,
            "body": redacted.body,
            "recipients": "\n".join(redacted.recipients),
        }
    )
    return _composer(request, found, form, redacted_count=replaced)


@require_http_methods(["GET", "POST"])
def support_settings(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Where the workspace's escalations go (vendor admins and managers)."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    form = SupportAddressForm(
        request.POST or None, initial={"support_address": selectors.support_address(workspace.pk)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.support_address_set(
                actor=acting_user(request), workspace=workspace, address=form.cleaned_data["support_address"]
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            messages.success(request, _("The vendor's support address is saved."))
            return redirect("support:settings", workspace_id=workspace.pk)
    return render(
        request,
        "support/settings.html",
        {"workspace": workspace, "form": form},
        status=422 if form.errors else 200,
    )
