"""Sending deliveries: claimed under a lease, signed, sent, recorded, retried on a schedule.

- **Claim.** A worker takes a due delivery with ``SELECT … FOR UPDATE SKIP LOCKED`` and marks it
  in flight until ``lease_expires_at`` (:data:`LEASE`, far longer than one request may take), with
  a token of its own. While the lease holds, no other worker can claim it: two workers never send
  one delivery twice. Only the holder of the token finishes it.
- **Retry.** A failed attempt schedules the next one (:mod:`accord.webhooks.retries`) and queues
  the task with ``run_after``; a 410 Gone disables the endpoint at once, and so do five days of
  failures without a success; the endpoint's creator and the workspace's admins are e-mailed.
- What a killed worker or a lost task leaves behind is picked up by :mod:`accord.webhooks.sweep`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accord.accounts.models import User, user_language
from accord.webhooks import tasks
from accord.webhooks.addresses import TargetRefused, target_for
from accord.webhooks.models import (
    OPEN_STATUSES,
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookMessage,
)
from accord.webhooks.retries import next_delay, parse_retry_after
from accord.webhooks.transport import Answer, post, signed_headers
from accord.workspaces.access import MANAGING_KINDS
from accord.workspaces.models import Membership, MembershipKind

logger = logging.getLogger(__name__)

#: How long a claimed delivery stays the claimer's: far beyond the 30 s one attempt may last.
LEASE = dt.timedelta(minutes=2)
#: Five days of failures without one success disable an endpoint.
FAILING_LIMIT = dt.timedelta(days=5)
#: How much of a request body the attempt log keeps.
REQUEST_EXCERPT = 4096


# --- Queueing --------------------------------------------------------------------------------------


def delivery_enqueue(delivery_id: int, run_after: dt.datetime | None = None) -> bool:
    """Queue one attempt (at ``run_after`` if given); False when the queue cannot wait (then the
    sweep queues it when it is due)."""
    task = tasks.webhook_delivery_send
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return False  # a backend without a clock (tests): the sweep finds it when it is due
        task = task.using(run_after=run_after)
    task.enqueue(delivery_id=delivery_id)
    return True


def deliveries_queue(delivery_ids: list[int]) -> None:
    """Queue the first attempt of each delivery once the transaction commits (a rollback queues
    nothing), and make sure the sweep runs."""
    if not delivery_ids:
        return

    def queue() -> None:
        from accord.webhooks.sweep import sweep_chain_ensure

        for delivery_id in delivery_ids:
            delivery_enqueue(delivery_id)
        sweep_chain_ensure()

    # Robust: a queueing failure after commit must not fail the request; the sweep re-queues.
    transaction.on_commit(queue, robust=True)


def endpoint_close_open_deliveries(*, endpoint_id: int, reason: str) -> int:
    """Give up the deliveries still waiting for a disabled endpoint; returns how many."""
    return WebhookDelivery.objects.filter(endpoint_id=endpoint_id, status__in=OPEN_STATUSES).update(
        status=DeliveryStatus.GAVE_UP,
        finished_at=timezone.now(),
        lease_expires_at=None,
        lease_token="",
        last_error=reason[:500],
    )


# --- One attempt -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    delivery: WebhookDelivery
    token: str


def delivery_claim(*, delivery_id: int, now: dt.datetime | None = None) -> Claim | None:
    """Take a due delivery (pending, failed with its retry due, or in flight with an expired
    lease) for one attempt, or None when it is not due, is finished, or another worker holds it."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint", "message")
            .filter(pk=delivery_id)
            .filter(
                Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED], next_attempt_at__lte=now)
                | Q(status=DeliveryStatus.IN_FLIGHT, lease_expires_at__lte=now)
            )
            .first()
        )
        if delivery is None:
            return None
        if delivery.endpoint.disabled_at is not None:
            delivery.status = DeliveryStatus.GAVE_UP
            delivery.finished_at = now
            delivery.lease_expires_at = None
            delivery.last_error = "endpoint disabled"
            delivery.save(update_fields=["status", "finished_at", "lease_expires_at", "last_error"])
            return None
        token = secrets.token_hex(16)
        delivery.status = DeliveryStatus.IN_FLIGHT
        delivery.lease_expires_at = now + LEASE
        delivery.lease_token = token
        delivery.attempt_count += 1
        delivery.save(update_fields=["status", "lease_expires_at", "lease_token", "attempt_count"])
        return Claim(delivery, token)


def message_body(message: WebhookMessage) -> str:
    """The exact text sent and signed (keys sorted: the same on every database)."""
    return json.dumps(message.payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def endpoint_secrets(endpoint: WebhookEndpoint, now: dt.datetime) -> list[str]:
    """The secrets a delivery is signed with: the current one, and the previous one while a
    rotation is in progress."""
    return [endpoint.secret] + ([endpoint.previous_secret] if endpoint.rotation_in_progress(now) else [])


def delivery_send(claim: Claim) -> WebhookDelivery:
    """Make one attempt of a claimed delivery and record it."""
    delivery = claim.delivery
    endpoint, message = delivery.endpoint, delivery.message
    started = timezone.now()
    body = message_body(message)
    headers = signed_headers(
        endpoint_secrets(endpoint, started), message_id=message.message_id, timestamp=started, body=body
    )
    allow_private = bool(getattr(settings, "ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS", False))
    try:
        target = target_for(endpoint.url, allow_private=allow_private)
    except TargetRefused as refusal:
        answer = Answer(status=None, error=f"refused: {refusal.code} {refusal.detail}".strip())
    else:
        answer = post(target, body=body.encode("utf-8"), headers=headers)
    return delivery_finish(claim=claim, answer=answer, started=started, headers=headers, body=body)


def delivery_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """Claim a delivery and, if it was ours to take, make one attempt (the task's work)."""
    claim = delivery_claim(delivery_id=delivery_id)
    if claim is None:
        return None
    return delivery_send(claim)


def _outcome_error(answer: Answer) -> str:
    if answer.error:
        return answer.error
    if answer.status is not None and 300 <= answer.status < 400:
        return f"redirect to {answer.headers.get('location', '?')} not followed"[:500]
    if not answer.succeeded:
        return f"HTTP {answer.status}"
    return ""


@transaction.atomic
def delivery_finish(
    *, claim: Claim, answer: Answer, started: dt.datetime, headers: dict[str, str], body: str
) -> WebhookDelivery:
    """Record an attempt and move the delivery on: delivered, retried later, or given up."""
    now = timezone.now()
    delivery = (
        WebhookDelivery.objects.select_for_update(of=("self",))
        .select_related("endpoint")
        .get(pk=claim.delivery.pk)
    )
    error = _outcome_error(answer)
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=claim.delivery.attempt_count,
        started_at=started,
        duration_ms=answer.duration_ms,
        succeeded=answer.succeeded,
        request_url=delivery.endpoint.url,
        request_headers=headers,
        request_body_excerpt=body[:REQUEST_EXCERPT],
        response_status=answer.status,
        response_body_excerpt=answer.body_excerpt,
        error=error,
    )
    if delivery.status != DeliveryStatus.IN_FLIGHT or delivery.lease_token != claim.token:
        return delivery  # our lease ran out and the delivery moved on: the attempt is only logged
    delivery.lease_expires_at = None
    delivery.lease_token = ""
    delivery.last_response_status = answer.status
    delivery.last_error = error
    endpoint_id = delivery.endpoint_id
    if answer.succeeded:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.finished_at = now
        # Stamped at most once a minute: a busy endpoint is not one write per delivery.
        WebhookEndpoint.objects.filter(pk=endpoint_id).filter(
            Q(last_success_at__isnull=True)
            | Q(last_success_at__lt=now - dt.timedelta(minutes=1))
            | Q(failing_since__isnull=False)
        ).update(last_success_at=now, failing_since=None)
    elif answer.status == 410:
        delivery.status = DeliveryStatus.GAVE_UP
        delivery.finished_at = now
        delivery_outcome_save(delivery)
        endpoint_disable_automatically(endpoint_id=endpoint_id, reason=WebhookEndpoint.DisabledReason.GONE)
        return delivery
    else:
        _schedule_retry(delivery, answer, now)
        WebhookEndpoint.objects.filter(pk=endpoint_id, failing_since__isnull=True).update(failing_since=now)
        failing_since = (
            WebhookEndpoint.objects.filter(pk=endpoint_id).values_list("failing_since", flat=True).first()
        )
        if failing_since is not None and now - failing_since >= FAILING_LIMIT:
            delivery_outcome_save(delivery)
            endpoint_disable_automatically(
                endpoint_id=endpoint_id, reason=WebhookEndpoint.DisabledReason.FAILING
            )
            return delivery
    delivery_outcome_save(delivery)
    return delivery


def _schedule_retry(delivery: WebhookDelivery, answer: Answer, now: dt.datetime) -> None:
    delay = next_delay(delivery.attempt_count, retry_after=parse_retry_after(answer.retry_after, now))
    if delay is None:
        delivery.status = DeliveryStatus.GAVE_UP
        delivery.finished_at = now
        return
    delivery.status = DeliveryStatus.FAILED
    delivery.next_attempt_at = now + delay
    run_after, delivery_id = delivery.next_attempt_at, delivery.pk
    transaction.on_commit(lambda: delivery_enqueue(delivery_id, run_after), robust=True)


def delivery_outcome_save(delivery: WebhookDelivery) -> None:
    """Save the fields an attempt or the sweep moves on."""
    delivery.save(
        update_fields=[
            "status",
            "finished_at",
            "next_attempt_at",
            "lease_expires_at",
            "lease_token",
            "last_response_status",
            "last_error",
        ]
    )


# --- Disabling and its notice ---------------------------------------------------------------------


@transaction.atomic
def endpoint_disable_automatically(*, endpoint_id: int, reason: str) -> bool:
    """Disable an endpoint the receiver gave up on (410) or that keeps failing, give up its
    waiting deliveries and e-mail its creator and the workspace's admins; False if it was
    disabled already."""
    now = timezone.now()
    changed = WebhookEndpoint.objects.filter(pk=endpoint_id, disabled_at__isnull=True).update(
        disabled_at=now, disabled_reason=reason, updated_at=now, version=F("version") + 1
    )
    if not changed:
        return False
    endpoint_close_open_deliveries(endpoint_id=endpoint_id, reason=f"endpoint disabled: {reason}")
    transaction.on_commit(
        lambda: tasks.webhook_disabled_notice_send.enqueue(endpoint_id=endpoint_id), robust=True
    )
    return True


def notice_recipients(endpoint: WebhookEndpoint) -> list[User]:
    """Who is told that an endpoint was disabled: its creator while they still manage the
    workspace, and the workspace's vendor admins (active accounts only)."""
    managers = Membership.objects.filter(workspace_id=endpoint.workspace_id, kind__in=sorted(MANAGING_KINDS))
    ids = set(managers.filter(kind=MembershipKind.VENDOR_ADMIN).values_list("user_id", flat=True))
    if endpoint.created_by_id is not None and managers.filter(user_id=endpoint.created_by_id).exists():
        ids.add(endpoint.created_by_id)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def endpoint_disabled_notice_deliver(*, endpoint_id: int) -> int:
    """E-mail the notice of a disabled endpoint, each recipient in their language; returns how
    many were sent (none if the endpoint was deleted or enabled again meanwhile)."""
    endpoint = (
        WebhookEndpoint.objects.select_related("workspace")
        .filter(pk=endpoint_id, disabled_at__isnull=False)
        .exclude(disabled_reason=WebhookEndpoint.DisabledReason.MANUAL)
        .first()
    )
    if endpoint is None:
        return 0
    path = reverse(
        "webhooks:detail", kwargs={"workspace_id": endpoint.workspace_id, "endpoint_id": endpoint.pk}
    )
    sent = 0
    for user in notice_recipients(endpoint):
        with translation.override(user_language(user)):
            context = {
                "endpoint": endpoint,
                "workspace": endpoint.workspace,
                "reason": endpoint.get_disabled_reason_display(),
                "link": f"{settings.ACCORD_BASE_URL}{path}",
            }
            subject = " ".join(render_to_string("webhooks/disabled_subject.txt", context).split())
            body = render_to_string("webhooks/disabled_email.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    return sent


def open_deliveries(endpoint_ids: Iterable[int]) -> int:
    """How many deliveries to these endpoints are still on their way."""
    return WebhookDelivery.objects.filter(
        endpoint_id__in=list(endpoint_ids), status__in=OPEN_STATUSES
    ).count()
