"""Tenancy: the vendor's workspace, its customers and partners, who belongs, and invitations."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Workspace(models.Model):
    """The vendor's Accord space: the tenant. Everything else belongs to exactly one workspace."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name"), max_length=60)
    created_at = models.DateTimeField(default=timezone.now)
    # Branding (accord.workspaces.branding): a small PNG or sanitised SVG, kept in the row so that
    # pages, e-mails and PDFs embed it without a file store; and an accent colour checked for contrast.
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_type = models.CharField(_("logo type"), max_length=20, blank=True, default="")
    accent_colour = models.CharField(_("accent colour"), max_length=7, blank=True, default="")
    branding_version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["slug"], name="workspace_slug_unique"),
            models.CheckConstraint(
                condition=Q(logo_type__in=["", "image/png", "image/svg+xml"]),
                name="workspace_logo_type_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Customer(models.Model):
    """A client organisation of the vendor."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="customers")
    name = models.CharField(_("name"), max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)
        constraints: ClassVar = [
            models.UniqueConstraint("workspace", Lower("name"), name="customer_name_unique_in_workspace"),
        ]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """A third party working on customers' projects: software provider, broker, technology partner, TPA."""

    class Kind(models.TextChoices):
        SOFTWARE_PROVIDER = "software_provider", _("software provider")
        BROKER = "broker", _("broker")
        TECHNOLOGY_PARTNER = "technology_partner", _("technology partner")
        THIRD_PARTY_ADMINISTRATOR = "third_party_administrator", _("third-party administrator")
        OTHER = "other", _("other")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)
        constraints: ClassVar = [
            models.UniqueConstraint("workspace", Lower("name"), name="partner_name_unique_in_workspace"),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "software_provider",
                        "broker",
                        "technology_partner",
                        "third_party_administrator",
                        "other",
                    ]
                ),
                name="partner_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipKind(models.TextChoices):
    """How a person belongs to a workspace; decides what they may see and do there."""

    VENDOR_ADMIN = "vendor_admin", _("vendor admin")
    VENDOR_MANAGER = "vendor_manager", _("vendor manager")
    VENDOR_MEMBER = "vendor_member", _("vendor member")
    CUSTOMER_CONTACT = "customer_contact", _("customer contact")
    PARTNER_CONTACT = "partner_contact", _("partner contact")


VENDOR_KINDS = frozenset(
    {MembershipKind.VENDOR_ADMIN, MembershipKind.VENDOR_MANAGER, MembershipKind.VENDOR_MEMBER}
)


def kind_matches_scope() -> Q:
    """Vendor staff name neither a customer nor a partner; a customer contact names exactly its
    customer; a partner contact names exactly its partner."""
    vendor = sorted(kind.value for kind in VENDOR_KINDS)  # sorted: a stable migration
    return (
        Q(kind__in=vendor, customer__isnull=True, partner__isnull=True)
        | Q(kind=MembershipKind.CUSTOMER_CONTACT, customer__isnull=False, partner__isnull=True)
        | Q(kind=MembershipKind.PARTNER_CONTACT, partner__isnull=False, customer__isnull=True)
    )


class Membership(models.Model):
    """A person's place in one workspace.

    A partner contact sees only the projects they take part in; that participation is its own model,
    added with projects, so this row only ties the person to their partner organisation.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    kind = models.CharField(_("kind"), max_length=20, choices=MembershipKind.choices)
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "workspace"], name="membership_one_per_user_and_workspace"
            ),
            models.CheckConstraint(condition=kind_matches_scope(), name="membership_kind_matches_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.workspace}"

    @property
    def is_vendor_staff(self) -> bool:
        return self.kind in VENDOR_KINDS


class Invitation(models.Model):
    """An e-mailed offer to join a workspace with a given kind of membership.

    The link carries a signed copy of ``token_nonce``; it works once, until ``expires_at``.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=20, choices=MembershipKind.choices)
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: What the invitation offers beyond the workspace, as it was when sent (an InvitationOffer:
    #: the project it was sent from, its customer, and the role with what it means), or {}. Kept
    #: as a copy, not a foreign key: workspaces sit below projects and never refer up to them.
    offer = models.JSONField(default=dict, blank=True)
    #: The language of the e-mail and of the page the link opens.
    language = models.CharField(max_length=10, default="en")
    token_nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["token_nonce"], name="invitation_token_unique"),
            models.UniqueConstraint(
                "workspace",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_email",
            ),
            models.CheckConstraint(condition=kind_matches_scope(), name="invitation_kind_matches_scope"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="invitation_expires_after_creation"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_both_accepted_and_revoked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.workspace} ({self.get_kind_display()})"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
