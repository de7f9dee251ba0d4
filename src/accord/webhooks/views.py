"""Webhook settings pages: parse the request, call a selector or a service, render. No rules here.

Vendor admins and managers of the workspace only; everyone else gets 404, as if nothing existed.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.base.forms import error_text, problems_to_form
from accord.domain.errors import InvalidInput, NotFound, StaleWrite
from accord.webhooks import selectors, services
from accord.webhooks.forms import EndpointEditForm, EndpointForm, ReplayForm, VersionForm
from accord.webhooks.models import DeliveryStatus, EventType, WebhookEndpoint
from accord.workspaces.models import Workspace


def _workspace_or_404(request: HttpRequest, workspace_id: int) -> Workspace:
    try:
        return selectors.managed_workspace(request.user, workspace_id)
    except NotFound:
        raise Http404("No such workspace") from None


def _endpoint_or_404(request: HttpRequest, workspace_id: int, endpoint_id: int) -> WebhookEndpoint:
    try:
        return selectors.endpoint_for(request.user, endpoint_id, workspace_id=workspace_id)
    except NotFound:
        raise Http404("No such webhook endpoint") from None


def _context(workspace: Workspace, **values: Any) -> dict[str, Any]:
    # The settings pages' frame: the webhooks section, shown to those who manage the workspace.
    return {"workspace": workspace, "may_manage": True, "section": "webhooks", **values}


@require_GET
def endpoint_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace's webhook endpoints."""
    workspace = _workspace_or_404(request, workspace_id)
    endpoints = list(selectors.workspace_endpoints(request.user, workspace_id))
    return render(request, "webhooks/list.html", _context(workspace, endpoints=endpoints, labels=_labels()))


def _labels() -> dict[str, str]:
    return {str(value): str(label) for value, label in EventType.choices}


@require_http_methods(["GET", "POST"])
def endpoint_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """A form to add an endpoint; once added, its secret is shown this once."""
    workspace = _workspace_or_404(request, workspace_id)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.endpoint_create(
                actor=acting_user(request),
                workspace=workspace,
                url=form.cleaned_data["url"],
                event_types=form.cleaned_data["event_types"],
                description=form.cleaned_data["description"],
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            return render(
                request,
                "webhooks/secret.html",
                _context(workspace, endpoint=endpoint, secret=endpoint.secret, rotated=False),
            )
    return render(
        request, "webhooks/create.html", _context(workspace, form=form), status=422 if form.errors else 200
    )


def _detail(
    request: HttpRequest, workspace: Workspace, endpoint: WebhookEndpoint, **forms: Any
) -> dict[str, Any]:
    status = request.GET.get("status", "")
    status = status if status in DeliveryStatus.values else ""
    edit_form = forms.get("edit_form") or EndpointEditForm(
        initial={
            "url": endpoint.url,
            "description": endpoint.description,
            "event_types": endpoint.event_types,
            "version": endpoint.version,
        }
    )
    return _context(
        workspace,
        endpoint=endpoint,
        deliveries=selectors.endpoint_deliveries(request.user, endpoint, status=status),
        status=status,
        statuses=DeliveryStatus.choices,
        edit_form=edit_form,
        replay_form=forms.get("replay_form") or ReplayForm(),
        labels=_labels(),
        rotating=endpoint.rotation_in_progress(),
    )


@require_GET
def endpoint_detail(request: HttpRequest, workspace_id: int, endpoint_id: int) -> HttpResponse:
    """An endpoint: its settings, its actions, and the log of its latest deliveries."""
    workspace = _workspace_or_404(request, workspace_id)
    endpoint = _endpoint_or_404(request, workspace_id, endpoint_id)
    return render(request, "webhooks/detail.html", _detail(request, workspace, endpoint))


@require_POST
def endpoint_update(request: HttpRequest, workspace_id: int, endpoint_id: int) -> HttpResponse:
    """Change an endpoint's URL, events or description."""
    workspace = _workspace_or_404(request, workspace_id)
    endpoint = _endpoint_or_404(request, workspace_id, endpoint_id)
    form = EndpointEditForm(request.POST)
    if form.is_valid():
        try:
            services.endpoint_update(
                actor=acting_user(request),
                endpoint=endpoint,
                expected_version=form.cleaned_data["version"],
                url=form.cleaned_data["url"],
                event_types=form.cleaned_data["event_types"],
                description=form.cleaned_data["description"],
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        except StaleWrite as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Webhook saved."))
            return redirect("webhooks:detail", workspace_id=workspace_id, endpoint_id=endpoint_id)
    return render(
        request, "webhooks/detail.html", _detail(request, workspace, endpoint, edit_form=form), status=422
    )


def _versioned_action(request: HttpRequest, workspace_id: int, endpoint_id: int, action: str) -> HttpResponse:
    workspace = _workspace_or_404(request, workspace_id)
    endpoint = _endpoint_or_404(request, workspace_id, endpoint_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("The form was incomplete; nothing was changed. Reload the page and try again.")
        )
        return redirect("webhooks:detail", workspace_id=workspace_id, endpoint_id=endpoint_id)
    arguments = {
        "actor": acting_user(request),
        "endpoint": endpoint,
        "expected_version": form.cleaned_data["version"],
    }
    try:
        if action == "rotate":
            endpoint = services.endpoint_secret_rotate(**arguments)
            return render(
                request,
                "webhooks/secret.html",
                _context(workspace, endpoint=endpoint, secret=endpoint.secret, rotated=True),
            )
        if action == "delete":
            services.endpoint_delete(**arguments)
            messages.success(request, _("Webhook deleted."))
            return redirect("webhooks:list", workspace_id=workspace_id)
        if action == "disable":
            services.endpoint_disable(**arguments)
            messages.success(request, _("Webhook disabled: nothing is sent to it until you enable it."))
        else:
            services.endpoint_enable(**arguments)
            messages.success(request, _("Webhook enabled. Replay what it missed while it was disabled."))
    except StaleWrite as error:
        messages.error(request, error_text(error))
    return redirect("webhooks:detail", workspace_id=workspace_id, endpoint_id=endpoint_id)


@require_POST
def endpoint_rotate(request: HttpRequest, workspace_id: int, endpoint_id: int) -> HttpResponse:
    """Give the endpoint a new secret, shown once; the old one signs too for 24 hours."""
    return _versioned_action(request, workspace_id, endpoint_id, "rotate")


@require_POST
def endpoint_disable(request: HttpRequest, workspace_id: int, endpoint_id: int) -> HttpResponse:
    """Stop sending to the endpoint."""
    return _versioned_action(request, workspace_id, endpoint_id, "disable")


@require_POST
def endpoint_enable(request: HttpRequest, workspace_id: int, endpoint_id: int) -> HttpResponse:
    """Send to the endpoint again."""
    return _versioned_action(request, workspace_id, endpoint_id, "enable")


@require_POST
def endpoint_delete(request: HttpRequest, workspace_id: int, endpoint_id: int) -> HttpResponse:
    """Delete the endpoint and its delivery log."""
    return _versioned_action(request, workspace_id, endpoint_id, "delete")


@require_POST
def endpoint_replay(request: HttpRequest, workspace_id: int, endpoint_id: int) -> HttpResponse:
    """Send one message again, or every message since a moment."""
    workspace = _workspace_or_404(request, workspace_id)
    endpoint = _endpoint_or_404(request, workspace_id, endpoint_id)
    form = ReplayForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["message_id"]:
                delivery = services.message_replay(
                    actor=acting_user(request),
                    endpoint=endpoint,
                    message_id=form.cleaned_data["message_id"].strip(),
                )
                count = 1 if delivery is not None else 0
            else:
                count = services.messages_replay(
                    actor=acting_user(request), endpoint=endpoint, since=form.cleaned_data["since"]
                )
        except InvalidInput as error:
            problems_to_form(form, error, default_field="message_id")
        except NotFound as error:
            form.add_error("message_id", error_text(error))
        else:
            messages.success(request, _("%(count)s deliveries queued.") % {"count": count})
            return redirect("webhooks:detail", workspace_id=workspace_id, endpoint_id=endpoint_id)
    return render(
        request, "webhooks/detail.html", _detail(request, workspace, endpoint, replay_form=form), status=422
    )


@require_GET
def delivery_detail(
    request: HttpRequest, workspace_id: int, endpoint_id: int, delivery_id: int
) -> HttpResponse:
    """One delivery: its message and every attempt (request, response code, timing)."""
    workspace = _workspace_or_404(request, workspace_id)
    endpoint = _endpoint_or_404(request, workspace_id, endpoint_id)
    try:
        delivery = selectors.delivery_for(request.user, delivery_id)
    except NotFound:
        raise Http404("No such delivery") from None
    if delivery.endpoint_id != endpoint.pk:
        raise Http404("No such delivery")
    return render(
        request,
        "webhooks/delivery.html",
        _context(
            workspace,
            endpoint=endpoint,
            delivery=delivery,
            payload=json.dumps(delivery.message.payload, indent=2, sort_keys=True, ensure_ascii=False),
        ),
    )
