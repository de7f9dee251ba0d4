"""Every read of webhook data, scoped by the person asking: only the vendor admins and managers of
a workspace (``WorkspaceAction.MANAGE`` of :mod:`accord.workspaces.access`) see its endpoints,
messages and deliveries; everyone else sees nothing, so the pages answer 404."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from accord.domain.errors import NotFound
from accord.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookMessage
from accord.workspaces.access import Requester, WorkspaceAction, memberships_allowing, require_membership
from accord.workspaces.models import Workspace

#: Deliveries one page of the log shows.
DELIVERY_PAGE = 50


def managed_workspace_ids(user: Requester) -> set[int]:
    """The workspaces whose webhooks the requester manages (as a vendor admin or manager)."""
    return set(memberships_allowing(user, WorkspaceAction.MANAGE).values_list("workspace_id", flat=True))


def managed_workspace(user: Requester, workspace_id: int) -> Workspace:
    """The workspace if the requester manages its webhooks; :class:`NotFound` otherwise."""
    return require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace


def visible_endpoints(user: Requester) -> QuerySet[WebhookEndpoint]:
    """Every endpoint the requester may see and change, oldest first."""
    return (
        WebhookEndpoint.objects.filter(workspace_id__in=managed_workspace_ids(user))
        .select_related("created_by")
        .order_by("created_at", "pk")
    )


def workspace_endpoints(user: Requester, workspace_id: int) -> QuerySet[WebhookEndpoint]:
    """The endpoints of one workspace, for those who manage it; none for anyone else."""
    return visible_endpoints(user).filter(workspace_id=workspace_id)


def endpoint_for(user: Requester, endpoint_id: int, *, workspace_id: int | None = None) -> WebhookEndpoint:
    """One endpoint the requester may see (in ``workspace_id`` when given), or :class:`NotFound`."""
    endpoints = visible_endpoints(user).filter(pk=endpoint_id)
    if workspace_id is not None:
        endpoints = endpoints.filter(workspace_id=workspace_id)
    endpoint = endpoints.first()
    if endpoint is None:
        raise NotFound(_("No such webhook."))
    return endpoint


def endpoint_deliveries(
    user: Requester, endpoint: WebhookEndpoint, *, status: str = "", limit: int = DELIVERY_PAGE
) -> list[WebhookDelivery]:
    """The latest deliveries to an endpoint the requester may see, newest first, each with its
    message and attempts: three queries whatever the number."""
    deliveries = WebhookDelivery.objects.filter(
        endpoint_id=endpoint.pk, endpoint__workspace_id__in=managed_workspace_ids(user)
    )
    if status:
        deliveries = deliveries.filter(status=status)
    return list(
        deliveries.select_related("message")
        .prefetch_related(Prefetch("attempts", queryset=WebhookAttempt.objects.order_by("number", "pk")))
        .order_by("-created_at", "-pk")[: max(1, min(limit, 500))]
    )


def delivery_log(
    user: Requester, endpoint: WebhookEndpoint, *, status: str = ""
) -> QuerySet[WebhookDelivery]:
    """Every delivery to an endpoint the requester may see (with ``status`` when given), each with
    its message and attempts, for a paged list: a page costs three queries whatever its length."""
    deliveries = WebhookDelivery.objects.filter(
        endpoint_id=endpoint.pk, endpoint__workspace_id__in=managed_workspace_ids(user)
    )
    if status:
        deliveries = deliveries.filter(status=status)
    return deliveries.select_related("message").prefetch_related(
        Prefetch("attempts", queryset=WebhookAttempt.objects.order_by("number", "pk"))
    )


def delivery_for(user: Requester, delivery_id: int) -> WebhookDelivery:
    """One delivery with its message, endpoint and attempts, or :class:`NotFound`."""
    delivery = (
        WebhookDelivery.objects.filter(pk=delivery_id, endpoint__workspace_id__in=managed_workspace_ids(user))
        .select_related("message", "endpoint")
        .prefetch_related(Prefetch("attempts", queryset=WebhookAttempt.objects.order_by("number", "pk")))
        .first()
    )
    if delivery is None:
        raise NotFound(_("No such delivery."))
    return delivery


def message_for(user: Requester, message_id: str) -> WebhookMessage:
    """One message (by its ``msg_…`` id) of a workspace the requester manages, or :class:`NotFound`."""
    message = WebhookMessage.objects.filter(
        message_id=message_id, workspace_id__in=managed_workspace_ids(user)
    ).first()
    if message is None:
        raise NotFound(_("No such message."))
    return message
