"""Every read of tenant data, always scoped by the person asking.

Who may see what is decided in :mod:`accord.workspaces.access` (``access_filter``, the one access
rule); these reads only apply it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accord.domain.errors import InvalidInput, NotFound, Problem
from accord.workspaces.access import (
    Requester,
    WorkspaceAction,
    access_filter,
    access_scopes,
    may,
    memberships_allowing,
    require_membership,
)
from accord.workspaces.models import Customer, Invitation, Membership, Partner, Workspace

__all__ = [
    "managed_pending_invitation",
    "pending_invitation",
    "pending_invitations",
    "visible_customers",
    "visible_partners",
    "visible_workspaces",
    "workspace_chosen",
    "workspace_people",
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


def managed_pending_invitation(user: Requester, *, invitation_id: int) -> Invitation:
    """A pending invitation of any workspace the requester manages, by id alone; NotFound otherwise."""
    managed = memberships_allowing(user, WorkspaceAction.MANAGE).values("workspace_id")
    invitation = (
        Invitation.objects.filter(
            pk=invitation_id, workspace_id__in=managed, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("workspace", "customer", "partner", "invited_by")
        .first()
    )
    if invitation is None:
        raise NotFound(_("No such invitation."))
    return invitation


def workspace_people(user: Requester, *, workspace_id: int) -> QuerySet[Membership]:
    """Everyone in the workspace with their kind of membership, for those who manage it (the settings
    people page); NotFound for anyone else."""
    require_membership(user, WorkspaceAction.MANAGE, workspace_id)
    return Membership.objects.filter(workspace_id=workspace_id).select_related("user", "customer", "partner")


def workspace_chosen(user: Requester, action: WorkspaceAction, workspace_id: int | None) -> Membership:
    """The requester's membership allowing ``action`` in ``workspace_id``; when it is None, in the one
    workspace where they may (for a client that need not name it).

    NotFound when there is no such membership; InvalidInput naming ``workspace_id`` when it is
    None and several workspaces would do.
    """
    if workspace_id is not None:
        return require_membership(user, action, workspace_id)
    memberships = list(memberships_allowing(user, action)[:2])
    if not memberships:
        raise NotFound(_("No such workspace."))
    if len(memberships) > 1:
        raise InvalidInput(
            [
                Problem(
                    "workspace-required",
                    _("You belong to several workspaces: say which one."),
                    hint=_("Send workspace_id; GET /api/v1/workspaces lists yours."),
                    where="workspace_id",
                )
            ]
        )
    return memberships[0]
