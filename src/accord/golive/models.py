"""The go-live gate of a project ("Move to Production", seed 004): what it records beside what
other apps already hold (campaign sign-offs, automation rules, API tokens, the support agreement).

- :class:`GoLiveGate` — the named integration contact (who must hold API credentials), whether the
  go-live communication to end users is ready, and the go-live itself (when, by whom, whether the
  gate was overridden and why, and until when the project is monitored).
- :class:`CredentialHandover` — credentials handed over outside Accord's API: to whom and when;
  never the secret itself.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.projects.models import Project


class GoLiveGate(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="go_live_gate")
    # The person on the customer's (or the third party's) side who receives the API credentials.
    integration_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("integration contact"),
    )
    communication_ready = models.BooleanField(_("go-live communication ready"), default=False)
    communication_note = models.TextField(_("communication"), blank=True)
    communication_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    communication_marked_at = models.DateTimeField(null=True, blank=True)
    went_live_at = models.DateTimeField(null=True, blank=True)
    went_live_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overridden = models.BooleanField(default=False)
    override_reason = models.TextField(blank=True)
    # The last day of the monitoring period (ACCORD_GOLIVE_MONITORING_DAYS after go-live).
    monitoring_until = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(version__gte=1), name="golive_gate_version_positive"),
            models.CheckConstraint(
                condition=Q(overridden=False) | ~Q(override_reason=""), name="golive_override_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(went_live_at__isnull=True) | Q(monitoring_until__isnull=False),
                name="golive_live_has_monitoring_end",
            ),
        ]

    def __str__(self) -> str:
        return f"go-live gate of {self.project_id}"

    @property
    def is_live(self) -> bool:
        return self.went_live_at is not None


class CredentialHandover(models.Model):
    """API credentials handed over outside Accord (a vendor portal, a password manager): who got
    them and when. The secret itself is never recorded."""

    gate = models.ForeignKey(GoLiveGate, on_delete=models.CASCADE, related_name="handovers")
    recipient = models.CharField(_("recipient"), max_length=200)
    handed_over_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("gate", "-handed_over_on", "-pk")

    def __str__(self) -> str:
        return f"{self.recipient} on {self.handed_over_on}"
