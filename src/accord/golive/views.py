"""The go-live page: the checklist with who is responsible, its forms, the go-live (or the
override), and the monitoring period after it. Parse, call a selector or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accord.accounts.acting import acting_user
from accord.accounts.models import User
from accord.base.forms import error_lines
from accord.domain.errors import AccordError, InvalidInput, Problem, StaleWrite
from accord.domain.gates import GateClosed
from accord.golive import selectors, services
from accord.golive.forms import CommunicationForm, ContactForm, GoLiveForm, HandoverForm
from accord.projects.access import NotAllowed, ProjectAction


def _status_of(error: AccordError) -> int:
    if isinstance(error, NotAllowed):
        return 403
    if isinstance(error, GateClosed):
        return 409
    if isinstance(error, StaleWrite):
        return 412
    return 422


def _refusal(error: AccordError) -> dict[str, Any]:
    if isinstance(error, GateClosed):
        return {
            "message": error.message,
            "conditions": [(item.code, item.text(), item.lifted_by) for item in error.unmet],
        }
    return {"message": " ".join(error_lines(error)), "conditions": []}


def _page(request: HttpRequest, project_id: int, *, status: int = 200, **extra: Any) -> HttpResponse:
    view = selectors.gate_view(request.user, project_id)
    project = view.project
    may_manage = view.access.allows(ProjectAction.MANAGE)
    gate = view.gate
    return render(
        request,
        "golive/gate.html",
        {
            "project": project,
            "view": view,
            "gate": gate,
            "conditions": view.conditions,
            "may_manage": may_manage,
            "may_override": view.access.allows(ProjectAction.OVERRIDE_GATE),
            "contacts": list(selectors.contact_choices(project)) if may_manage else [],
            "token": selectors.usable_token(gate.integration_contact_id),
            "handover_form": extra.pop("handover_form", None) or HandoverForm(),
            "communication_form": CommunicationForm(
                initial={"ready": gate.communication_ready, "communication_note": gate.communication_note}
            ),
            "go_live_form": extra.pop("go_live_form", None) or GoLiveForm(),
            "section": "go-live",
            **extra,
        },
        status=status,
    )


@require_GET
def gate_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """The go-live checklist of a project, and after go-live its monitoring period."""
    return _page(request, project_id)


def _invalid(form: Any) -> InvalidInput:
    return InvalidInput(
        [
            Problem("form-invalid", f"{form.fields[name].label or name}: {' '.join(errors)}", where=name)
            if name in form.fields
            else Problem("form-invalid", " ".join(errors))
            for name, errors in form.errors.items()
        ]
    )


def _act(
    request: HttpRequest, project_id: int, change: Callable[[User, Any], str], **extra: Any
) -> HttpResponse:
    view = selectors.gate_view(request.user, project_id)
    try:
        message = change(acting_user(request), view.project)
    except AccordError as error:
        return _page(request, project_id, status=_status_of(error), refusal=_refusal(error), **extra)
    messages.success(request, message)
    return redirect("golive:gate", project_id=project_id)


@require_POST
def contact_set(request: HttpRequest, project_id: int) -> HttpResponse:
    form = ContactForm(request.POST)

    def change(actor: User, project: Any) -> str:
        if not form.is_valid():
            raise _invalid(form)
        contact_id = form.cleaned_data["integration_contact"]
        contact = None
        if contact_id is not None:
            contact = next(
                (person for person in selectors.contact_choices(project) if person.pk == contact_id), None
            )
            if contact is None:
                raise InvalidInput(
                    [
                        Problem(
                            "contact-unknown",
                            _("Choose a contact of the customer or of a partner on the project."),
                            where="integration_contact",
                        )
                    ]
                )
        services.integration_contact_set(
            actor=actor, project=project, contact=contact, expected_version=form.cleaned_data["version"]
        )
        return _("Integration contact saved.")

    return _act(request, project_id, change)


@require_POST
def handover_record(request: HttpRequest, project_id: int) -> HttpResponse:
    form = HandoverForm(request.POST)

    def change(actor: User, project: Any) -> str:
        if not form.is_valid():
            raise _invalid(form)
        services.credentials_handover_record(
            actor=actor,
            project=project,
            recipient=form.cleaned_data["recipient"],
            handed_over_on=form.cleaned_data["handed_over_on"],
            note=form.cleaned_data["note"],
        )
        return _("Hand-over recorded.")

    return _act(request, project_id, change, handover_form=form)


@require_POST
def communication_set(request: HttpRequest, project_id: int) -> HttpResponse:
    form = CommunicationForm(request.POST)

    def change(actor: User, project: Any) -> str:
        if not form.is_valid():
            raise _invalid(form)
        services.communication_set(
            actor=actor,
            project=project,
            ready=form.cleaned_data["ready"],
            note=form.cleaned_data["communication_note"],
            expected_version=form.cleaned_data["version"],
        )
        return _("Go-live communication saved.")

    return _act(request, project_id, change)


@require_POST
def go_live(request: HttpRequest, project_id: int) -> HttpResponse:
    form = GoLiveForm(request.POST)

    def change(actor: User, project: Any) -> str:
        if not form.is_valid():
            raise _invalid(form)
        gate = services.go_live(
            actor=actor, project=project, override_reason=form.cleaned_data["override_reason"]
        )
        if gate.overridden:
            return _("The project is live; the gate was overridden and the reason logged.")
        return _("The project is live. Its monitoring period has begun.")

    return _act(request, project_id, change, go_live_form=form)
