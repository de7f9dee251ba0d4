"""The webhooks operations of the HTTP API (mounted by accord.api; see docs/api.md and
docs/webhooks.md).

The same services and selectors as the settings pages, for the same people: the vendor admins and
managers of a workspace; for anyone else its webhooks do not exist (404). An endpoint is versioned:
its ``ETag`` goes back in ``If-Match`` on PATCH and DELETE (428 without, 412 when stale); the
actions (rotate-secret, enable, disable) honour ``If-Match`` when sent.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody
from accord.apikit.pagination import CursorPagination
from accord.apikit.schemas import RowId
from accord.apikit.versions import etag_set, version_required
from accord.domain.errors import InvalidInput, NotFound, Problem
from accord.webhooks import selectors, services
from accord.webhooks.api_schemas import (
    DeliveryDetailOut,
    DeliveryOut,
    DeliveryStatusName,
    EventTypeOut,
    ReplayIn,
    ReplayOut,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
    WebhookSecretOut,
)
from accord.webhooks.models import EventType, WebhookEndpoint
from accord.workspaces.access import WorkspaceAction
from accord.workspaces.selectors import workspace_chosen

router = Router(tags=["Webhooks"])

NOT_FOUND = {404: ErrorBody}
VERSIONED = {404: ErrorBody, 412: ErrorBody, 428: ErrorBody}


class _WithSecret:
    """An endpoint whose secret this answer shows (WebhookSecretOut)."""

    def __init__(self, endpoint: WebhookEndpoint) -> None:
        self._endpoint = endpoint

    def __getattr__(self, name: str) -> Any:
        return getattr(self._endpoint, name)


def _answer(response: HttpResponse, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    etag_set(response, endpoint.pk, endpoint.version)
    return endpoint


def _version_if_sent(request: HttpRequest, endpoint: WebhookEndpoint) -> int:
    """The version ``If-Match`` names, or the current one when the client sent none."""
    if request.headers.get("If-Match", "").strip():
        return version_required(request, endpoint.pk)
    return endpoint.version


class WebhookFilter(Schema):
    workspace_id: RowId | None = None
    enabled: bool | None = None


@router.get("/webhooks", response=list[WebhookOut])
@paginate(CursorPagination, sort_key="created_at")
def webhook_list(request: HttpRequest, filters: Query[WebhookFilter]) -> Any:
    """The endpoints of the workspaces you manage, oldest first (``workspace_id``, ``enabled``
    narrow it)."""
    endpoints = selectors.visible_endpoints(acting_user(request))
    if filters.workspace_id is not None:
        endpoints = endpoints.filter(workspace_id=filters.workspace_id)
    if filters.enabled is not None:
        endpoints = endpoints.filter(disabled_at__isnull=filters.enabled)
    return endpoints


@router.post("/webhooks", response={201: WebhookSecretOut, **NOT_FOUND})
def webhook_create(request: HttpRequest, payload: WebhookIn, response: HttpResponse) -> Any:
    """Subscribe a URL to events: the answer carries the signing secret, this once. The workspace is
    ``workspace_id``, which may be left out by someone who manages one workspace only."""
    user = acting_user(request)
    workspace = workspace_chosen(user, WorkspaceAction.MANAGE, payload.workspace_id).workspace
    endpoint = services.endpoint_create(
        actor=user,
        workspace=workspace,
        url=payload.url,
        event_types=payload.events,
        description=payload.description,
    )
    response["Location"] = f"/api/v1/webhooks/{endpoint.pk}"
    return Status(201, _WithSecret(_answer(response, endpoint)))


@router.get("/webhooks/{webhook_id}", response={200: WebhookOut, **NOT_FOUND})
def webhook_read(request: HttpRequest, webhook_id: RowId, response: HttpResponse) -> Any:
    """One endpoint, with its ETag."""
    return _answer(response, selectors.endpoint_for(acting_user(request), webhook_id))


@router.patch("/webhooks/{webhook_id}", response={200: WebhookOut, **VERSIONED})
def webhook_update(
    request: HttpRequest, webhook_id: RowId, payload: WebhookPatch, response: HttpResponse
) -> Any:
    """Change the URL, the events or the description (what is left out stays); needs If-Match."""
    user = acting_user(request)
    endpoint = selectors.endpoint_for(user, webhook_id)
    endpoint = services.endpoint_update(
        actor=user,
        endpoint=endpoint,
        expected_version=version_required(request, endpoint.pk),
        url=payload.url,
        event_types=payload.events,
        description=payload.description,
    )
    return _answer(response, endpoint)


@router.delete("/webhooks/{webhook_id}", response={204: None, **VERSIONED})
def webhook_delete(request: HttpRequest, webhook_id: RowId) -> Status[None]:
    """Delete the endpoint and its delivery log; needs If-Match."""
    user = acting_user(request)
    endpoint = selectors.endpoint_for(user, webhook_id)
    services.endpoint_delete(
        actor=user, endpoint=endpoint, expected_version=version_required(request, endpoint.pk)
    )
    return Status(204, None)


@router.post("/webhooks/{webhook_id}/rotate-secret", response={200: WebhookSecretOut, **VERSIONED})
def webhook_secret_rotate(request: HttpRequest, webhook_id: RowId, response: HttpResponse) -> Any:
    """A new secret, in this answer only; for 24 hours deliveries carry a signature made with the
    previous one too, so the receiver can switch without losing an event."""
    user = acting_user(request)
    endpoint = selectors.endpoint_for(user, webhook_id)
    endpoint = services.endpoint_secret_rotate(
        actor=user, endpoint=endpoint, expected_version=_version_if_sent(request, endpoint)
    )
    return _WithSecret(_answer(response, endpoint))


@router.post("/webhooks/{webhook_id}/enable", response={200: WebhookOut, **VERSIONED})
def webhook_enable(request: HttpRequest, webhook_id: RowId, response: HttpResponse) -> Any:
    """Send to the endpoint again: new events only (replay what it missed)."""
    user = acting_user(request)
    endpoint = selectors.endpoint_for(user, webhook_id)
    endpoint = services.endpoint_enable(
        actor=user, endpoint=endpoint, expected_version=_version_if_sent(request, endpoint)
    )
    return _answer(response, endpoint)


@router.post("/webhooks/{webhook_id}/disable", response={200: WebhookOut, **VERSIONED})
def webhook_disable(request: HttpRequest, webhook_id: RowId, response: HttpResponse) -> Any:
    """Stop sending to the endpoint; deliveries on their way are given up."""
    user = acting_user(request)
    endpoint = selectors.endpoint_for(user, webhook_id)
    endpoint = services.endpoint_disable(
        actor=user, endpoint=endpoint, expected_version=_version_if_sent(request, endpoint)
    )
    return _answer(response, endpoint)


class DeliveryFilter(Schema):
    status: DeliveryStatusName | None = None


@router.get("/webhooks/{webhook_id}/deliveries", response={200: list[DeliveryOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="-created_at")
def webhook_delivery_list(request: HttpRequest, webhook_id: RowId, filters: Query[DeliveryFilter]) -> Any:
    """The delivery log, newest first: each delivery with its attempts (request, response code,
    duration, error). ``status`` keeps one status."""
    user = acting_user(request)
    endpoint = selectors.endpoint_for(user, webhook_id)
    return selectors.delivery_log(user, endpoint, status=filters.status or "")


@router.get("/webhooks/{webhook_id}/deliveries/{delivery_id}", response={200: DeliveryDetailOut, **NOT_FOUND})
def webhook_delivery_read(request: HttpRequest, webhook_id: RowId, delivery_id: RowId) -> Any:
    """One delivery with its attempts and the payload sent."""
    user = acting_user(request)
    endpoint = selectors.endpoint_for(user, webhook_id)
    delivery = selectors.delivery_for(user, delivery_id)
    if delivery.endpoint_id != endpoint.pk:
        raise NotFound(_("No such delivery."))
    return delivery


@router.post("/webhooks/{webhook_id}/replay", response={202: ReplayOut, **NOT_FOUND})
def webhook_replay(request: HttpRequest, webhook_id: RowId, payload: ReplayIn) -> Status[dict[str, int]]:
    """Send again, as new deliveries with the same webhook-id and payload: one message
    (``message_id``), or every message of the endpoint's events from ``since`` to ``until``
    (10,000 at most). A disabled endpoint: 422."""
    user = acting_user(request)
    endpoint = selectors.endpoint_for(user, webhook_id)
    if bool(payload.message_id) == (payload.since is not None):
        raise InvalidInput(
            [
                Problem(
                    "replay-what",
                    _("Give either a message id or the moment from which to send every message again."),
                    hint=_(
                        "Send message_id (msg_…), or since (e.g. 2026-03-01T00:00:00Z) and perhaps until."
                    ),
                    where="message_id",
                )
            ]
        )
    queued = 0
    if payload.message_id:
        delivery = services.message_replay(
            actor=user, endpoint=endpoint, message_id=payload.message_id.strip()
        )
        queued = 0 if delivery is None else 1
    elif payload.since is not None:
        queued = services.messages_replay(
            actor=user, endpoint=endpoint, since=payload.since, until=payload.until
        )
    return Status(202, {"queued": queued})


@router.get("/webhook-events", response=list[EventTypeOut])
def webhook_event_list(request: HttpRequest) -> Any:
    """Every event an endpoint may subscribe to (a fixed catalogue, not paged; payloads are
    described in the webhooks guide)."""
    return [{"type": value, "description": str(label)} for value, label in EventType.choices]
