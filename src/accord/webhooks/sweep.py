"""The sweep: what a dead worker or a lost task left behind is queued again, every minute.

- deliveries whose lease expired (a worker killed mid-attempt) are queued again, the interrupted
  attempt logged;
- due deliveries still waiting :data:`OVERDUE` after their time (their task was lost) are queued
  again;
- the activity log is read again for entries older than :data:`ACTIVITY_GRACE` whose messages
  were never made (a process that stopped between the commit and the consumer);
- secrets of finished rotations are forgotten.

One chain of sweep tasks runs at a time: :func:`sweep_chain_ensure` starts it (idempotently)
whenever deliveries are queued, each link queues the next one a minute later with ``run_after``
while anything needs looking after, and a link of a replaced chain stops.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accord.activity.models import ActivityEntry
from accord.webhooks import tasks
from accord.webhooks.delivery import LEASE, delivery_enqueue, delivery_outcome_save
from accord.webhooks.events import EVENT_VERBS
from accord.webhooks.models import (
    OPEN_STATUSES,
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookSweepState,
)
from accord.webhooks.retries import MAX_ATTEMPTS

#: How often the sweep runs, and when its chain counts as dead (then the next queueing restarts it).
SWEEP_EVERY = dt.timedelta(minutes=1)
SWEEP_STALE = dt.timedelta(minutes=5)
#: A due delivery still waiting this long after its time lost its task: the sweep queues it again.
OVERDUE = dt.timedelta(minutes=5)
#: The consumer runs right after commit; the sweep reads entries older than this again.
ACTIVITY_GRACE = dt.timedelta(minutes=10)
SWEEP_BATCH = 1000
SWEEP_PRIORITY = 10


@dataclass(frozen=True, slots=True)
class SweepReport:
    leases_expired: int
    overdue_queued: int
    entries_read: int


def _expired_leases(now: dt.datetime) -> int:
    count = 0
    with transaction.atomic():
        stuck = list(
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.IN_FLIGHT, lease_expires_at__lte=now)
            .order_by("lease_expires_at")[:SWEEP_BATCH]
        )
        for delivery in stuck:
            # The worker holding it stopped before it finished: the receiver may or may not have
            # it; it is sent again with the same webhook-id, which receivers use to ignore repeats.
            WebhookAttempt.objects.create(
                delivery=delivery,
                number=delivery.attempt_count,
                started_at=delivery.lease_expires_at - LEASE if delivery.lease_expires_at else now,
                request_url="",
                error="interrupted: the worker stopped before the attempt finished",
            )
            gave_up = delivery.attempt_count >= MAX_ATTEMPTS
            delivery.status = DeliveryStatus.GAVE_UP if gave_up else DeliveryStatus.FAILED
            delivery.finished_at = now if gave_up else None
            delivery.next_attempt_at = now
            delivery.lease_expires_at = None
            delivery.lease_token = ""
            delivery.last_error = "interrupted"
            delivery_outcome_save(delivery)
            if not gave_up:
                transaction.on_commit(partial(delivery_enqueue, delivery.pk), robust=True)
                count += 1
    return count


def _overdue(now: dt.datetime) -> int:
    with transaction.atomic():
        ids = list(
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .filter(
                status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED],
                next_attempt_at__lte=now - OVERDUE,
            )
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        # Due now: queued once more, and not again before another OVERDUE has passed.
        WebhookDelivery.objects.filter(pk__in=ids).update(next_attempt_at=now)
        transaction.on_commit(lambda: [delivery_enqueue(delivery_id) for delivery_id in ids], robust=True)
    return len(ids)


def _activity_catch_up(state: WebhookSweepState, now: dt.datetime) -> int:
    from accord.webhooks.services import messages_for_entry

    cutoff = now - ACTIVITY_GRACE
    workspace_ids = set(
        WebhookEndpoint.objects.filter(disabled_at__isnull=True).values_list("workspace_id", flat=True)
    )
    entries = list(
        ActivityEntry.objects.select_related("actor")
        .filter(
            pk__gt=state.activity_checked_up_to,
            created_at__lte=cutoff,
            workspace_id__in=workspace_ids,
            verb__in=[verb.value for verb in EVENT_VERBS],
        )
        .order_by("pk")[:SWEEP_BATCH]
    )
    for entry in entries:
        messages_for_entry(entry)
    if len(entries) == SWEEP_BATCH:
        state.activity_checked_up_to = entries[-1].pk
    else:
        newest = ActivityEntry.objects.filter(created_at__lte=cutoff).aggregate(newest=Max("pk"))["newest"]
        state.activity_checked_up_to = max(state.activity_checked_up_to, newest or 0)
    return len(entries)


def _state_locked() -> WebhookSweepState:
    state = WebhookSweepState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        # Start reading the activity log from now: events before webhooks existed are not sent.
        newest = ActivityEntry.objects.aggregate(newest=Max("pk"))["newest"] or 0
        WebhookSweepState.objects.get_or_create(pk=1, defaults={"activity_checked_up_to": newest})
        state = WebhookSweepState.objects.select_for_update().get(pk=1)
    return state


def webhooks_sweep(*, now: dt.datetime | None = None) -> SweepReport:
    """One pass of the sweep: expired leases and overdue deliveries queued again, missed activity
    turned into messages, expired rotations forgotten."""
    now = now or timezone.now()
    leases = _expired_leases(now)
    overdue = _overdue(now)
    with transaction.atomic():
        state = _state_locked()
        read = _activity_catch_up(state, now)
        state.save(update_fields=["activity_checked_up_to"])
    WebhookEndpoint.objects.filter(previous_secret_expires_at__lte=now).update(
        previous_secret="", previous_secret_expires_at=None
    )
    return SweepReport(leases_expired=leases, overdue_queued=overdue, entries_read=read)


def _sweep_supported() -> bool:
    return bool(tasks.webhooks_sweep_run.get_backend().supports_defer)


def sweep_chain_ensure(*, now: dt.datetime | None = None) -> bool:
    """Start the sweep's chain unless it is alive (it ran or is due within :data:`SWEEP_STALE`);
    returns whether it was started. Idempotent: a chain that comes back after being replaced
    sees another token and stops."""
    if not _sweep_supported():
        return False
    now = now or timezone.now()
    state = WebhookSweepState.objects.filter(pk=1).first()
    if state is not None and state.next_run_at is not None and state.next_run_at > now - SWEEP_STALE:
        return False
    with transaction.atomic():
        state = _state_locked()
        if state.next_run_at is not None and state.next_run_at > now - SWEEP_STALE:
            return False
        state.chain_token = secrets.token_hex(16)
        state.next_run_at = now
        state.save(update_fields=["chain_token", "next_run_at"])
        token = state.chain_token

        def start() -> None:
            tasks.webhooks_sweep_run.using(priority=SWEEP_PRIORITY).enqueue(chain_token=token)

        transaction.on_commit(start)
    return True


def _sweep_needed() -> bool:
    return (
        WebhookEndpoint.objects.filter(disabled_at__isnull=True).exists()
        or WebhookDelivery.objects.filter(status__in=OPEN_STATUSES).exists()
    )


def sweep_chain_run(*, chain_token: str) -> SweepReport | None:
    """One link of the chain: sweep, then queue the next link a minute later (while there is
    anything to look after). A link of a replaced chain does nothing."""
    with transaction.atomic():
        state = _state_locked()
        if state.chain_token != chain_token:
            return None
    report = webhooks_sweep()
    now = timezone.now()
    with transaction.atomic():
        state = _state_locked()
        if state.chain_token != chain_token:
            return report
        if _sweep_needed() and _sweep_supported():
            state.next_run_at = now + SWEEP_EVERY
            state.save(update_fields=["next_run_at"])
            run_after = state.next_run_at
            transaction.on_commit(
                lambda: tasks.webhooks_sweep_run.using(priority=SWEEP_PRIORITY, run_after=run_after).enqueue(
                    chain_token=chain_token
                )
            )
        else:
            state.chain_token = ""
            state.next_run_at = None
            state.save(update_fields=["chain_token", "next_run_at"])
    return report
