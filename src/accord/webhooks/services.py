"""Writes to the webhooks: endpoints (create, update, rotate the secret, disable, enable,
delete), replays, and the messages made from committed activity.

Only vendor admins and managers of a workspace change its webhooks (anyone else: NotFound, as if
nothing existed). Messages are made after the change they tell of committed
(:func:`webhook_consumer`, registered in the app's ``ready``); each delivery is queued on commit
and sent by the worker (:mod:`accord.webhooks.delivery`).
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.domain.errors import InvalidInput, NotFound, Problem, StaleWrite
from accord.webhooks import selectors
from accord.webhooks.addresses import TargetRefused, target_for
from accord.webhooks.delivery import deliveries_queue, endpoint_close_open_deliveries
from accord.webhooks.events import envelope, events_for_entry, possible_types
from accord.webhooks.models import (
    OPEN_STATUSES,
    EventType,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookMessage,
)
from accord.workspaces.models import Workspace

logger = logging.getLogger(__name__)

#: How long deliveries still carry a signature made with the previous secret after a rotation.
ROTATION_OVERLAP = dt.timedelta(hours=24)
#: Endpoints one workspace may have.
MAX_ENDPOINTS = 20
#: Messages one replay of a time range may send again.
MAX_REPLAY = 10_000


def new_secret() -> str:
    """A signing secret in the Standard Webhooks form: ``whsec_`` + base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def new_message_id() -> str:
    """A message id: ``msg_`` + 26 random characters (unguessable, unique)."""
    return "msg_" + secrets.token_urlsafe(20)[:26]


def private_targets_allowed() -> bool:
    """The development switch: private addresses and plain http:// allowed (never in production)."""
    return bool(getattr(settings, "ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS", False))


def refusal_text(error: TargetRefused) -> tuple[str, str]:
    """What a refused URL is told, and a hint, in the active language."""
    public = _("Use the public address of the receiver.")
    texts = {
        "scheme": (
            _("The URL must start with https://."),
            _("Webhooks are sent over HTTPS only; plain http:// is for local development."),
        ),
        "credentials": (
            _("The URL must not contain a user name or password."),
            _("Check deliveries with the signature (webhook-signature) instead."),
        ),
        "host": (_("The URL has no valid host or port."), _("For example https://hooks.example.com/accord.")),
        "unresolvable": (
            _("The host %(host)s could not be found.") % {"host": error.detail},
            _("Check the spelling of the host name, or try again later."),
        ),
    }
    if error.code in texts:
        return texts[error.code]
    kinds = {
        "unspecified": _("an unspecified address"),
        "loopback": _("a loopback address"),
        "link-local": _("a link-local address"),
        "multicast": _("a multicast address"),
        "private": _("a private address"),
        "reserved": _("a reserved address"),
        "not-global": _("an address that is not public"),
    }
    return (
        _("The URL leads to %(kind)s (%(address)s): webhooks are only sent to public addresses.")
        % {"kind": kinds.get(error.code, error.code), "address": error.detail},
        public,
    )


def _checked_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise InvalidInput([Problem("url-required", _("Enter the URL to send events to."), where="url")])
    if len(url) > WebhookEndpoint._meta.get_field("url").max_length:  # type: ignore[operator]
        raise InvalidInput(
            [Problem("url-too-long", _("The URL is too long (2,000 characters at most)."), where="url")]
        )
    try:
        target_for(url, allow_private=private_targets_allowed())
    except TargetRefused as error:
        message, hint = refusal_text(error)
        raise InvalidInput([Problem(error.code, message, where="url", hint=hint)]) from None
    return url


def _checked_types(event_types: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(str(value) for value in event_types))
    unknown = [value for value in chosen if value not in EventType.values]
    if unknown or not chosen:
        raise InvalidInput(
            [
                Problem(
                    "event-types-invalid" if unknown else "event-types-required",
                    _("Unknown event type: %(types)s.") % {"types": ", ".join(unknown)}
                    if unknown
                    else _("Choose at least one event to send."),
                    where="event_types",
                    hint=_("Known events: %(types)s.") % {"types": ", ".join(EventType.values)},
                )
            ]
        )
    return [value for value in EventType.values if value in chosen]


def _locked(actor: User, endpoint: WebhookEndpoint, expected_version: int) -> WebhookEndpoint:
    visible = selectors.endpoint_for(actor, endpoint.pk)
    locked = WebhookEndpoint.objects.select_for_update().get(pk=visible.pk)
    if locked.version != expected_version:
        raise StaleWrite(
            _("This webhook was changed by someone else since you opened it; nothing was changed."),
            hint=_("Reload the page to see the latest version, then try again."),
        )
    return locked


def _save(endpoint: WebhookEndpoint, *fields: str) -> WebhookEndpoint:
    endpoint.version += 1
    endpoint.updated_at = timezone.now()
    endpoint.save(update_fields=[*fields, "version", "updated_at"])
    return endpoint


@transaction.atomic
def endpoint_create(
    *, actor: User, workspace: Workspace, url: str, event_types: Iterable[str], description: str = ""
) -> WebhookEndpoint:
    """Subscribe ``url`` to ``event_types`` of the workspace; returns the endpoint with its
    secret (``endpoint.secret``), which is shown to people this once."""
    workspace = selectors.managed_workspace(actor, workspace.pk)
    problems: list[Problem] = []
    try:
        url = _checked_url(url)
    except InvalidInput as error:
        problems.extend(error.problems)
    try:
        types = _checked_types(event_types)
    except InvalidInput as error:
        problems.extend(error.problems)
    if problems:
        raise InvalidInput(problems)
    if WebhookEndpoint.objects.filter(workspace=workspace).count() >= MAX_ENDPOINTS:
        raise InvalidInput(
            [
                Problem(
                    "too-many-endpoints",
                    _("A workspace may have %(count)s webhook endpoints at most.") % {"count": MAX_ENDPOINTS},
                    where="url",
                    hint=_("Delete an endpoint you no longer use."),
                )
            ]
        )
    endpoint = WebhookEndpoint.objects.create(
        workspace=workspace,
        url=url,
        event_types=types,
        description=description.strip()[:200],
        secret=new_secret(),
        created_by=actor,
    )
    return endpoint


@transaction.atomic
def endpoint_update(
    *,
    actor: User,
    endpoint: WebhookEndpoint,
    expected_version: int,
    url: str | None = None,
    event_types: Iterable[str] | None = None,
    description: str | None = None,
) -> WebhookEndpoint:
    """Change an endpoint's URL, events or description (what is None stays)."""
    endpoint = _locked(actor, endpoint, expected_version)
    fields = []
    if url is not None and url.strip() != endpoint.url:
        endpoint.url = _checked_url(url)
        fields.append("url")
    if event_types is not None:
        endpoint.event_types = _checked_types(event_types)
        fields.append("event_types")
    if description is not None:
        endpoint.description = description.strip()[:200]
        fields.append("description")
    return _save(endpoint, *fields) if fields else endpoint


@transaction.atomic
def endpoint_secret_rotate(
    *, actor: User, endpoint: WebhookEndpoint, expected_version: int
) -> WebhookEndpoint:
    """Give the endpoint a new secret (returned once, as ``endpoint.secret``). For
    :data:`ROTATION_OVERLAP` deliveries carry two signatures, the new secret's and the old one's,
    so that the receiver can switch without losing an event."""
    endpoint = _locked(actor, endpoint, expected_version)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = timezone.now() + ROTATION_OVERLAP
    endpoint.secret = new_secret()
    return _save(endpoint, "secret", "previous_secret", "previous_secret_expires_at")


@transaction.atomic
def endpoint_disable(*, actor: User, endpoint: WebhookEndpoint, expected_version: int) -> WebhookEndpoint:
    """Stop sending to the endpoint; deliveries on their way are given up (replay them later)."""
    endpoint = _locked(actor, endpoint, expected_version)
    if endpoint.disabled_at is not None:
        return endpoint
    endpoint.disabled_at = timezone.now()
    endpoint.disabled_reason = WebhookEndpoint.DisabledReason.MANUAL
    _save(endpoint, "disabled_at", "disabled_reason")
    endpoint_close_open_deliveries(endpoint_id=endpoint.pk, reason="endpoint disabled")
    return endpoint


@transaction.atomic
def endpoint_enable(*, actor: User, endpoint: WebhookEndpoint, expected_version: int) -> WebhookEndpoint:
    """Send to the endpoint again (new events; replay what was missed meanwhile)."""
    endpoint = _locked(actor, endpoint, expected_version)
    if endpoint.disabled_at is None:
        return endpoint
    endpoint.disabled_at = None
    endpoint.disabled_reason = ""
    endpoint.failing_since = None
    return _save(endpoint, "disabled_at", "disabled_reason", "failing_since")


@transaction.atomic
def endpoint_delete(*, actor: User, endpoint: WebhookEndpoint, expected_version: int) -> None:
    """Delete the endpoint with its delivery log (the messages stay for other endpoints)."""
    endpoint = _locked(actor, endpoint, expected_version)
    endpoint.delete()


def _replay(endpoint: WebhookEndpoint, messages: Iterable[WebhookMessage]) -> list[WebhookDelivery]:
    now = timezone.now()
    already = set(
        WebhookDelivery.objects.filter(endpoint=endpoint, status__in=OPEN_STATUSES).values_list(
            "message_id", flat=True
        )
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, message=message, next_attempt_at=now, created_at=now, replay=True)
        for message in messages
        if message.pk not in already
    )
    deliveries_queue([delivery.pk for delivery in deliveries])
    return deliveries


def _require_enabled(endpoint: WebhookEndpoint) -> None:
    if endpoint.disabled_at is not None:
        raise InvalidInput(
            [
                Problem(
                    "endpoint-disabled",
                    _("This endpoint is disabled: nothing can be sent to it."),
                    where="endpoint",
                    hint=_("Enable it first, then replay."),
                )
            ]
        )


@transaction.atomic
def message_replay(*, actor: User, endpoint: WebhookEndpoint, message_id: str) -> WebhookDelivery | None:
    """Send one message again to the endpoint (same id and payload, a new delivery); None when a
    delivery of it is still on its way."""
    endpoint = selectors.endpoint_for(actor, endpoint.pk)
    _require_enabled(endpoint)
    message = WebhookMessage.objects.filter(message_id=message_id, workspace_id=endpoint.workspace_id).first()
    if message is None:
        raise NotFound(_("No such message."), hint=_("Pick a message from the delivery log."))
    deliveries = _replay(endpoint, [message])
    return deliveries[0] if deliveries else None


@transaction.atomic
def messages_replay(
    *, actor: User, endpoint: WebhookEndpoint, since: dt.datetime, until: dt.datetime | None = None
) -> int:
    """Send again every message of the endpoint's events from ``since`` to ``until`` (now by
    default), whether or not it was delivered; returns how many deliveries were queued."""
    endpoint = selectors.endpoint_for(actor, endpoint.pk)
    _require_enabled(endpoint)
    until = until or timezone.now()
    if since > until:
        raise InvalidInput(
            [Problem("range-reversed", _("The start of the range is after its end."), where="since")]
        )
    messages = (
        WebhookMessage.objects.filter(
            workspace_id=endpoint.workspace_id,
            event_type__in=endpoint.event_types,
            created_at__gte=since,
            created_at__lte=until,
        )
        .only("pk")
        .order_by("created_at", "pk")[:MAX_REPLAY]
    )
    return len(_replay(endpoint, messages))


# --- Messages from committed activity ------------------------------------------------------------


def messages_for_entry(entry: ActivityEntry) -> list[WebhookMessage]:
    """Make the messages a committed entry means for the workspace's enabled endpoints (those that
    existed when it happened and want its events), and queue their deliveries. Reading the same
    entry again makes nothing new."""
    types = possible_types(entry)
    if not types:
        return []
    endpoints = list(
        WebhookEndpoint.objects.filter(
            workspace_id=entry.workspace_id, disabled_at__isnull=True, created_at__lte=entry.created_at
        ).only("pk", "event_types")
    )
    wanted = {EventType(value) for endpoint in endpoints for value in endpoint.event_types} & types
    if not wanted:
        return []
    events = events_for_entry(entry, wanted)
    if not events:
        return []
    return _messages_create(entry, events, endpoints)


@transaction.atomic
def _messages_create(
    entry: ActivityEntry, events: dict[EventType, dict[str, Any]], endpoints: list[WebhookEndpoint]
) -> list[WebhookMessage]:
    existing = set(WebhookMessage.objects.filter(activity=entry).values_list("event_type", flat=True))
    messages: list[WebhookMessage] = []
    for event_type, data in events.items():
        if event_type.value in existing:
            continue
        try:
            with transaction.atomic():
                messages.append(
                    WebhookMessage.objects.create(
                        workspace_id=entry.workspace_id,
                        message_id=new_message_id(),
                        event_type=event_type,
                        payload=envelope(event_type, entry.created_at, data),
                        created_at=entry.created_at,
                        activity=entry,
                    )
                )
        except IntegrityError:
            continue  # made meanwhile by the other reader of this entry
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, message=message, next_attempt_at=now, created_at=now)
        for message in messages
        for endpoint in endpoints
        if message.event_type in endpoint.event_types
    )
    deliveries_queue([delivery.pk for delivery in deliveries])
    return messages


def webhook_consumer(entry: ActivityEntry) -> None:
    """The activity consumer: never lets a failure reach the request that made the change (the
    sweep reads the activity log again and makes what is missing)."""
    try:
        messages_for_entry(entry)
    except Exception:
        logger.exception("Webhook messages for activity entry %s failed; the sweep will retry", entry.pk)
