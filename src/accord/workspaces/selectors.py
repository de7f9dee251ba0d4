"""Every read of tenant data, always scoped by the person asking.

``access_filter`` is the one access rule: who may see which rows of a model that hangs off a workspace
(and perhaps a customer or a partner). Later models — projects first — reuse it with their own paths,
so every page, API endpoint, export and task answers the same question the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from accord.accounts.models import User
from accord.workspaces.models import (
    INVITING_KINDS,
    VENDOR_KINDS,
    Customer,
    Invitation,
    Membership,
    MembershipKind,
    Partner,
    Workspace,
)

Requester = User | AnonymousUser


@dataclass(frozen=True, slots=True)
class AccessScope:
    """What one membership opens: the whole workspace (vendor staff), one customer, or one partner."""

    workspace_id: int
    kind: MembershipKind
    customer_id: int | None
    partner_id: int | None

    @property
    def is_vendor_staff(self) -> bool:
        return self.kind in VENDOR_KINDS


def memberships_of(user: Requester) -> QuerySet[Membership]:
    """The requester's memberships, with what the pages show about them, in one query."""
    if not isinstance(user, User) or not user.is_active:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("workspace", "customer", "partner")
        .order_by("workspace__name")
    )


def access_scopes(user: Requester) -> list[AccessScope]:
    """The scopes the requester's memberships open (empty for anonymous or inactive people)."""
    return [
        AccessScope(
            workspace_id=membership.workspace_id,
            kind=MembershipKind(membership.kind),
            customer_id=membership.customer_id,
            partner_id=membership.partner_id,
        )
        for membership in memberships_of(user)
    ]


def access_filter(
    user: Requester,
    *,
    workspace_path: str,
    customer_path: str | None = None,
    partner_path: str | None = None,
) -> Q:
    """A filter keeping only the rows the requester may see.

    ``workspace_path`` leads from the model to its workspace id (e.g. ``"workspace"``,
    ``"project__workspace"``); ``customer_path`` to the customer a customer contact must match;
    ``partner_path`` to the partner a partner contact must match (for projects: through their
    participants, added with projects). A path left out means that kind of contact sees nothing.
    """
    allowed = Q(pk__in=[])
    for scope in access_scopes(user):
        if scope.is_vendor_staff:
            allowed |= Q(**{workspace_path: scope.workspace_id})
        elif scope.kind == MembershipKind.CUSTOMER_CONTACT and customer_path is not None:
            allowed |= Q(**{workspace_path: scope.workspace_id, customer_path: scope.customer_id})
        elif scope.kind == MembershipKind.PARTNER_CONTACT and partner_path is not None:
            allowed |= Q(**{workspace_path: scope.workspace_id, partner_path: scope.partner_id})
    return allowed


def visible_workspaces(user: Requester) -> QuerySet[Workspace]:
    """The workspaces the requester belongs to."""
    return Workspace.objects.filter(pk__in={scope.workspace_id for scope in access_scopes(user)}).order_by(
        "name"
    )


def visible_customers(user: Requester) -> QuerySet[Customer]:
    """Customers the requester may see: all of their workspace for vendor staff, their own for a contact."""
    return (
        Customer.objects.filter(access_filter(user, workspace_path="workspace", customer_path="pk"))
        .select_related("workspace")
        .order_by("workspace__name", "name")
    )


def visible_partners(user: Requester) -> QuerySet[Partner]:
    """Partners the requester may see: all of their workspace for vendor staff, their own for a contact."""
    return (
        Partner.objects.filter(access_filter(user, workspace_path="workspace", partner_path="pk"))
        .select_related("workspace")
        .order_by("workspace__name", "name")
    )


def inviting_membership(user: Requester, *, workspace_id: int) -> Membership:
    """The requester's membership in the workspace if it lets them invite people.

    Raises Membership.DoesNotExist otherwise, which the pages turn into 404: nothing tells an
    outsider that the workspace exists.
    """
    return memberships_of(user).get(
        workspace_id=workspace_id, kind__in=[kind.value for kind in INVITING_KINDS]
    )


def pending_invitations(user: Requester, *, workspace_id: int) -> QuerySet[Invitation]:
    """Invitations still waiting for an answer, shown only to those who may invite."""
    if (
        not memberships_of(user)
        .filter(workspace_id=workspace_id, kind__in=[kind.value for kind in INVITING_KINDS])
        .exists()
    ):
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(
            workspace_id=workspace_id, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("customer", "partner", "invited_by")
        .order_by("-created_at")
    )
