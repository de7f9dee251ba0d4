"""Every write to workspaces, customers, partners, memberships and invitations.

Each function takes the acting person, checks they may act, changes everything or nothing, and
returns what it changed. Someone who may not act gets :class:`accord.domain.errors.NotFound`
(:mod:`accord.workspaces.access` decides), never "forbidden": the pages answer 404, so an id
reveals nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accord.accounts.models import (
    User,
    normalize_email,
    supported_language,
    user_language,
    zone_named,
)
from accord.domain.errors import AccordError, InvalidInput, Problem
from accord.workspaces import tasks
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.branding import branded_email_html
from accord.workspaces.models import (
    Customer,
    Invitation,
    Membership,
    MembershipKind,
    Partner,
    Workspace,
)

INVITATION_SALT = "accord.workspaces.invitation"


class InvitationNeedsLogin(AccordError):
    """The invited address has an account: its owner must log in to accept (the link is no password)."""

    code = "invitation-needs-login"


class InvitationUnusable(AccordError):
    """An invitation link that cannot be used: tampered with, expired, already used or withdrawn."""

    code = "invitation-unusable"


@dataclass(frozen=True, slots=True)
class InvitationOffer:
    """The project an invitation is sent from and the role it offers there, with what the role
    means (from the project's playbook copy), copied when the invitation is made."""

    project_id: int
    project_name: str
    customer_name: str
    role_key: str = ""
    role_name: str = ""
    role_description: str = ""
    role_responsibilities: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "role_responsibilities": list(self.role_responsibilities)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InvitationOffer:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["role_responsibilities"] = tuple(known.get("role_responsibilities", ()))
        return cls(**known)


def _inviting_membership(actor: User | AnonymousUser, workspace: Workspace) -> Membership:
    return require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)


@transaction.atomic
def workspace_create(*, actor: User, name: str, slug: str) -> Workspace:
    """Create a workspace; the person creating it becomes its first vendor admin."""
    if Workspace.objects.filter(slug=slug).exists():
        raise InvalidInput(
            [
                Problem(
                    "slug-taken",
                    _("This short name is already used by another workspace."),
                    where="slug",
                    hint=_("Choose another short name."),
                )
            ]
        )
    workspace = Workspace.objects.create(name=name, slug=slug)
    Membership.objects.create(user=actor, workspace=workspace, kind=MembershipKind.VENDOR_ADMIN)
    return workspace


@transaction.atomic
def customer_create(*, actor: User, workspace: Workspace, name: str) -> Customer:
    """Add a customer to the workspace (vendor admins and managers)."""
    _inviting_membership(actor, workspace)
    if workspace.customers.filter(name__iexact=name.strip()).exists():
        raise InvalidInput(
            [Problem("customer-exists", _("A customer with this name already exists."), where="name")]
        )
    return Customer.objects.create(workspace=workspace, name=name.strip())


@transaction.atomic
def partner_create(
    *, actor: User, workspace: Workspace, name: str, kind: str = Partner.Kind.OTHER
) -> Partner:
    """Add a partner organisation to the workspace (vendor admins and managers)."""
    _inviting_membership(actor, workspace)
    if workspace.partners.filter(name__iexact=name.strip()).exists():
        raise InvalidInput(
            [Problem("partner-exists", _("A partner with this name already exists."), where="name")]
        )
    return Partner.objects.create(workspace=workspace, name=name.strip(), kind=kind)


def invitation_token(invitation: Invitation) -> str:
    """The signed token of an invitation's link."""
    return signing.dumps(invitation.token_nonce, salt=INVITATION_SALT)


def invitation_link(invitation: Invitation, *, language: str | None = None) -> str:
    """The absolute address of an invitation's acceptance page, in ``language`` (or the invitation's)."""
    with translation.override(language or invitation.language):
        path = reverse("invitation-accept", kwargs={"token": invitation_token(invitation)})
    return f"{settings.ACCORD_BASE_URL}{path}"


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    workspace: Workspace,
    email: str,
    kind: MembershipKind,
    customer: Customer | None = None,
    partner: Partner | None = None,
    language: str = "en",
    offer: InvitationOffer | None = None,
) -> Invitation:
    """Invite an e-mail address into the workspace; the e-mail leaves from the worker after commit.

    A new invitation to the same address replaces the one still pending. ``offer`` names the
    project the invitation is sent from and the role the person is invited into (the caller, who
    knows projects, checks them); the e-mail says so.
    """
    inviter = _inviting_membership(actor, workspace)
    email = normalize_email(email)
    problems: list[Problem] = []
    if kind == MembershipKind.VENDOR_ADMIN and inviter.kind != MembershipKind.VENDOR_ADMIN:
        problems.append(
            Problem("admin-only", _("Only a vendor admin can invite another admin."), where="kind")
        )
    if kind == MembershipKind.CUSTOMER_CONTACT and (
        customer is None or customer.workspace_id != workspace.pk
    ):
        problems.append(
            Problem("customer-required", _("Choose the customer this contact belongs to."), where="customer")
        )
    if kind == MembershipKind.PARTNER_CONTACT and (partner is None or partner.workspace_id != workspace.pk):
        problems.append(
            Problem("partner-required", _("Choose the partner this contact belongs to."), where="partner")
        )
    if Membership.objects.filter(workspace=workspace, user__email=email).exists():
        problems.append(
            Problem("already-member", _("This person is already a member of the workspace."), where="email")
        )
    if problems:
        raise InvalidInput(problems)
    now = timezone.now()
    workspace.invitations.filter(email=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    invitation = Invitation.objects.create(
        workspace=workspace,
        email=email,
        kind=kind,
        customer=customer if kind == MembershipKind.CUSTOMER_CONTACT else None,
        partner=partner if kind == MembershipKind.PARTNER_CONTACT else None,
        invited_by=actor,
        offer=offer.as_json() if offer is not None else {},
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        token_nonce=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + settings.ACCORD_INVITATION_LIFETIME,
    )
    invitation_id = invitation.pk
    transaction.on_commit(lambda: tasks.invitation_email_send.enqueue(invitation_id=invitation_id))
    return invitation


def invitation_email_deliver(*, invitation_id: int) -> bool:
    """Send the invitation's e-mail if it is still pending; return whether one was sent."""
    invitation = (
        Invitation.objects.select_related("workspace", "invited_by", "customer", "partner")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    # Someone who already has an account chose their language; a newcomer gets the inviter's.
    existing = User.objects.filter(email=invitation.email).only("language", "time_zone").first()
    language = user_language(existing) if existing is not None else invitation.language
    zone = zone_named(existing.time_zone) if existing is not None else None
    with translation.override(language), timezone.override(zone):
        context = {
            "invitation": invitation,
            "link": invitation_link(invitation, language=language),
            "offer": invitation_offer(invitation),
        }
        subject = "".join(render_to_string("workspaces/invitation_subject.txt", context).splitlines())
        body = render_to_string("workspaces/invitation_email.txt", context)
    html = branded_email_html(body, invitation.workspace, language=language)  # the vendor's band on top
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email], html_message=html)
    return True


def invitation_offer(invitation: Invitation) -> InvitationOffer | None:
    """What the invitation offers beyond the workspace (project and role), if anything."""
    return InvitationOffer.from_json(invitation.offer) if invitation.offer else None


def invitation_account(invitation: Invitation) -> User | None:
    """The account that already exists for the invited address, if any."""
    return User.objects.filter(email=invitation.email).first()


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a link's token names; raises InvitationUnusable with the reason."""
    try:
        nonce = signing.loads(token, salt=INVITATION_SALT, max_age=settings.ACCORD_INVITATION_LIFETIME)
    except signing.SignatureExpired:
        raise _expired() from None
    except signing.BadSignature:
        raise InvitationUnusable(
            _("This invitation link is not valid."),
            hint=_("Check that you copied the whole link from the e-mail, or ask for a new invitation."),
            code="invitation-invalid",
        ) from None
    invitation = (
        Invitation.objects.select_related("workspace", "customer", "partner", "invited_by")
        .filter(token_nonce=nonce)
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationUnusable(
            _("This invitation was withdrawn."),
            hint=_("A newer invitation may have been sent to you; otherwise ask for a new one."),
            code="invitation-withdrawn",
        )
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            _("This invitation has already been used."),
            hint=_("Log in with your e-mail address and password."),
            code="invitation-used",
        )
    if invitation.expires_at <= timezone.now():
        raise _expired()
    return invitation


def _expired() -> InvitationUnusable:
    return InvitationUnusable(
        _("This invitation has expired."),
        hint=_("Ask the person who invited you to send a new invitation."),
        code="invitation-expired",
    )


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    actor: User | AnonymousUser,
    full_name: str = "",
    password: str | None = None,
    language: str | None = None,
) -> Membership:
    """Accept an invitation: create the account, or join with the existing one, and the membership.

    The link proves the invitee reads that mailbox, but it is not a password: when the address
    already has an account, only that account, logged in, may accept (``InvitationNeedsLogin``
    otherwise), so a leaked link never opens anyone's account. A new address chooses its password
    here; the caller then logs the new account in. A person logged in under another address
    cannot accept. A new account speaks ``language`` (the page's; by default the invitation's).
    Returns the new membership.
    """
    invitation = invitation_from_token(token)
    # Lock the row so that two clicks on the same link cannot both accept it.
    invitation = Invitation.objects.select_for_update().select_related("workspace").get(pk=invitation.pk)
    if not invitation.is_pending:
        raise InvitationUnusable(_("This invitation has already been used."), code="invitation-used")
    if isinstance(actor, User) and actor.email != invitation.email:
        raise InvitationUnusable(
            _("This invitation is for another e-mail address."),
            hint=_("Log out, then open the link again."),
            code="invitation-other-account",
        )
    user = invitation_account(invitation)
    if user is not None and not (isinstance(actor, User) and actor.pk == user.pk):
        raise InvitationNeedsLogin(
            _("Log in as %(email)s to accept this invitation.") % {"email": invitation.email},
            hint=_("This address already has an account: log in with its password, then accept."),
        )
    if user is None:
        if not password:
            raise InvalidInput([Problem("password-required", _("Choose a password."), where="password1")])
        user = User(
            email=invitation.email,
            full_name=full_name.strip(),
            language=supported_language(language or invitation.language),
        )
        user.set_password(password)
        user.save()
    elif not user.is_active:
        raise InvitationUnusable(
            _("This account is disabled."), hint=_("Ask the person who invited you."), code="account-disabled"
        )
    if Membership.objects.filter(user=user, workspace=invitation.workspace).exists():
        raise InvitationUnusable(
            _("You are already a member of this workspace."),
            hint=_("Log in as usual."),
            code="already-member",
        )
    membership = Membership.objects.create(
        user=user,
        workspace=invitation.workspace,
        kind=invitation.kind,
        customer_id=invitation.customer_id,
        partner_id=invitation.partner_id,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation: its link stops working."""
    _inviting_membership(actor, invitation.workspace)
    if invitation.is_pending:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation
