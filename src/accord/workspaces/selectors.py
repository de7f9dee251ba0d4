"""Every read of tenant data, always scoped by the person asking.

Who may see what is decided in :mod:`accord.workspaces.access` (``access_filter``, the one access
rule); these reads only apply it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accord.domain.errors import NotFound
from accord.workspaces.access import (
    Requester,
    WorkspaceAction,
    access_filter,
    access_scopes,
    may,
)
from accord.workspaces.models import Customer, Invitation, Partner, Workspace

__all__ = [
    "pending_invitation",
    "pending_invitations",
    "visible_customers",
    "visible_partners",
    "visible_workspaces",
]


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


def pending_invitations(user: Requester, *, workspace_id: int) -> QuerySet[Invitation]:
    """Invitations still waiting for an answer, shown only to those who may invite."""
    if not may(user, WorkspaceAction.MANAGE, workspace_id):
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(
            workspace_id=workspace_id, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("customer", "partner", "invited_by")
        .order_by("-created_at")
    )


def pending_invitation(user: Requester, *, workspace_id: int, invitation_id: int) -> Invitation:
    """One invitation still waiting for an answer, for those who may invite; NotFound otherwise."""
    invitation = pending_invitations(user, workspace_id=workspace_id).filter(pk=invitation_id).first()
    if invitation is None:
        raise NotFound(_("No such invitation."))
    return invitation
