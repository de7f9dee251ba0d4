"""Support after go-live (seed 004): who is the first level, tickets, and escalations to the vendor.

The first level of support is the customer's team or the third party, "depending on mutual
agreements": :class:`SupportAgreement` records which, who agreed and when. Questions for the
vendor leave as an :class:`Escalation`, e-mailed to the vendor's support address
(:class:`SupportSettings`) only once the personal-data check passes: a refused escalation is
never stored.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.projects.models import Project
from accord.workspaces.models import Partner, Workspace


class FirstLevel(models.TextChoices):
    """Who answers the first-level questions (seed 004's "CIT or TPA")."""

    CUSTOMER = "customer", _("the customer's team")
    PARTNER = "partner", _("the third party")


class SupportSettings(models.Model):
    """A workspace's support settings: where escalations go (else ``ACCORD_SUPPORT_ADDRESS``)."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="support_settings")
    support_address = models.EmailField(_("vendor's support address"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.support_address


class SupportAgreement(models.Model):
    """The agreed first level of support of a project, who agreed it and when."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="support_agreement")
    first_level = models.CharField(_("first level of support"), max_length=10, choices=FirstLevel.choices)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    agreed_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(first_level="customer", partner__isnull=True)
                | Q(first_level="partner", partner__isnull=False),
                name="support_agreement_partner_iff_partner_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_level} for {self.project_id}"


class TicketStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    ESCALATED = "escalated", _("escalated to the vendor")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")


class TicketPriority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")
    URGENT = "urgent", _("urgent")


class Ticket(models.Model):
    """A support question on a project, owned at first level by the customer's team or a partner."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tickets")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("description"))
    first_level = models.CharField(_("first level of support"), max_length=10, choices=FirstLevel.choices)
    first_level_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.OPEN
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=TicketPriority.choices, default=TicketPriority.NORMAL
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["project", "-created_at"], name="ticket_project_recent")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in TicketStatus]), name="ticket_status_known"
            ),
            models.CheckConstraint(
                condition=Q(priority__in=[priority.value for priority in TicketPriority]),
                name="ticket_priority_known",
            ),
            models.CheckConstraint(
                condition=Q(first_level="customer", first_level_partner__isnull=True)
                | Q(first_level="partner", first_level_partner__isnull=False),
                name="ticket_partner_iff_partner_level",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="ticket_version_positive"),
        ]

    def __str__(self) -> str:
        return self.subject


class TicketComment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.body[:60]


class Escalation(models.Model):
    """A question sent to the vendor's support about a ticket; stored only once it passed the check."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="escalations")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    #: Every address the e-mail goes to, the vendor's support address first.
    recipients = models.JSONField(default=list)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.subject
