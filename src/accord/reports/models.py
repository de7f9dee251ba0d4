"""Status reports of a project and the weekly digest that sends them.

- :class:`StatusReport` — one report: who made it and when, and the snapshot of the project it
  showed (phase, progress, forecast, late and blocked tasks, decisions needed from the customer,
  next milestones), kept so that the next report can say what moved. The weekly digest makes one
  report per project and ISO week (``iso_week`` set, ``created_by`` empty).
- :class:`DigestSubscription` — whether a person gets the weekly digest of a project, and the
  short "no change this week" note. Rows are created lazily: the default recipients (see
  :mod:`accord.reports.digest`) get theirs at the first run; anyone else when they choose.
- :class:`DigestDelivery` — one digest of one week to one subscription: never two (unique).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.projects.models import Project


class StatusReport(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_reports")
    created_at = models.DateTimeField(default=timezone.now)
    # Empty for the reports the weekly digest makes.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # "2026-W49" for the digest's weekly report; empty for a report someone published.
    iso_week = models.CharField(max_length=8, blank=True, default="")
    snapshot = models.JSONField(_("snapshot"))

    class Meta:
        ordering = ("project", "-created_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["project", "-created_at"], name="report_project_newest")]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["project", "iso_week"], condition=~Q(iso_week=""), name="report_one_weekly_per_week"
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.pk} of {self.project_id}"


class DigestSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscriptions"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="digest_subscriptions")
    enabled = models.BooleanField(_("weekly digest"), default=True)
    no_change_note = models.BooleanField(_("“no change this week” note"), default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "project"], name="digest_subscription_once"),
        ]

    def __str__(self) -> str:
        return f"digest of {self.project_id} for {self.user_id}{'' if self.enabled else ' (off)'}"


class DigestDelivery(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", _("status report")
        NO_CHANGE = "no-change", _("no change this week")
        SKIPPED = "skipped", _("not sent: no change, note turned off")

    subscription = models.ForeignKey(DigestSubscription, on_delete=models.CASCADE, related_name="deliveries")
    # The ISO week in the recipient's time zone: "2026-W49".
    iso_week = models.CharField(max_length=8)
    report = models.ForeignKey(StatusReport, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["subscription", "iso_week"], name="digest_once_a_week"),
        ]

    def __str__(self) -> str:
        return f"digest {self.iso_week} of subscription {self.subscription_id}"
