"""Outgoing webhooks: where a workspace wants its events sent, what was sent, and how it went.

- :class:`WebhookEndpoint` — a subscription: a URL, the event types it wants, its signing secret
  (and the previous one while a rotation is in progress), and whether it is disabled and why.
- :class:`WebhookMessage` — one event (``msg_…``), its type and JSON payload, written once.
- :class:`WebhookDelivery` — one message on its way to one endpoint: pending, in flight under a
  lease, succeeded, failed (a retry is scheduled) or given up. A replay is a new delivery of the
  same message.
- :class:`WebhookAttempt` — one HTTP request of a delivery, for the delivery log.
- :class:`WebhookSweepState` — one row: the periodic sweep's chain and how far it has read the
  activity log.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.workspaces.models import Workspace


class EventType(models.TextChoices):
    """Every event an endpoint may subscribe to (docs/webhooks.md describes their payloads). An
    event told by one verb of the activity log has that verb's name."""

    PROJECT_CREATED = Verb.PROJECT_CREATED.value, _("A project was created")
    TASK_STATUS_CHANGED = "task.status_changed", _("A task changed status")
    TASK_APPROVED = Verb.TASK_APPROVED.value, _("A task was approved")
    TASK_SENT_BACK = Verb.TASK_SENT_BACK.value, _("A task was sent back")
    PHASE_COMPLETED = "phase.completed", _("Every task of a phase is done")
    PLAN_CHANGED = Verb.PLAN_CHANGED.value, _("The plan of a project changed")
    GO_LIVE_MOVED = "go_live.moved", _("The forecast go-live moved")


class WebhookEndpoint(models.Model):
    class DisabledReason(models.TextChoices):
        MANUAL = "manual", _("disabled by a person")
        GONE = "gone", _("the receiver answered 410 Gone")
        FAILING = "failing", _("no successful delivery for 5 days")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(_("URL"), max_length=2000)
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = models.JSONField(_("events"), default=list)  # a list of EventType values
    # "whsec_" + base64 of 32 random bytes. Kept readable: every delivery is signed with it.
    secret = models.CharField(max_length=100)
    # While a rotation is in progress, deliveries carry a second signature made with this one.
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=20, choices=DisabledReason.choices, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # The first failed attempt since the last success: five days of it disables the endpoint.
    failing_since = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("created_at", "pk")
        indexes: ClassVar = [
            models.Index(fields=["workspace", "disabled_at"], name="webhook_endpoint_active")
        ]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(version__gte=1), name="webhook_endpoint_version_positive"),
            models.CheckConstraint(
                condition=Q(disabled_at__isnull=True, disabled_reason="")
                | Q(disabled_at__isnull=False) & ~Q(disabled_reason=""),
                name="webhook_endpoint_disabled_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def is_enabled(self) -> bool:
        return self.disabled_at is None

    def rotation_in_progress(self, now: dt.datetime | None = None) -> bool:
        """Whether deliveries are still signed with the previous secret too."""
        moment = now or timezone.now()
        return bool(
            self.previous_secret
            and self.previous_secret_expires_at is not None
            and self.previous_secret_expires_at > moment
        )


class WebhookMessage(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="webhook_messages")
    message_id = models.CharField(max_length=40, unique=True)  # "msg_" + 26 random characters
    event_type = models.CharField(max_length=40, choices=EventType.choices)
    payload = models.JSONField()  # the whole body sent: {"type", "timestamp", "data"}
    created_at = models.DateTimeField(default=timezone.now)
    # The change it tells of: one message per entry and type, however often the entry is read.
    activity = models.ForeignKey(
        ActivityEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [
            models.Index(fields=["workspace", "event_type", "created_at"], name="webhook_message_range")
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["activity", "event_type"],
                condition=Q(activity__isnull=False),
                name="webhook_message_once_per_entry",
            )
        ]

    def __str__(self) -> str:
        return f"{self.message_id} {self.event_type}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    IN_FLIGHT = "in_flight", _("sending")
    SUCCEEDED = "succeeded", _("delivered")
    FAILED = "failed", _("failed, will retry")
    GAVE_UP = "gave_up", _("given up")


#: Deliveries still on their way (at most one per endpoint and message at a time).
OPEN_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.IN_FLIGHT, DeliveryStatus.FAILED)


class WebhookDelivery(models.Model):
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    message = models.ForeignKey(WebhookMessage, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempt_count = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    # While in flight: until when the worker that claimed it holds it, and its claim's token.
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    lease_token = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_response_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    replay = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
            models.Index(fields=["status", "lease_expires_at"], name="webhook_delivery_lease"),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_log"),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["endpoint", "message"],
                condition=Q(status__in=["pending", "in_flight", "failed"]),
                name="webhook_delivery_one_open",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in DeliveryStatus]),
                name="webhook_delivery_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="in_flight") | Q(lease_expires_at__isnull=False),
                name="webhook_delivery_in_flight_has_lease",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} to {self.endpoint_id}: {self.status}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    duration_ms = models.PositiveIntegerField(default=0)
    succeeded = models.BooleanField(default=False)
    request_url = models.CharField(max_length=2000)
    request_headers = models.JSONField(default=dict)
    request_body_excerpt = models.TextField(blank=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    response_body_excerpt = models.TextField(blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("delivery", "number", "pk")

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"


class WebhookSweepState(models.Model):
    """One row (pk 1): which sweep chain is the live one, and the activity read so far."""

    chain_token = models.CharField(max_length=40, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True)
    activity_checked_up_to = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"sweep {self.chain_token} next at {self.next_run_at}"
