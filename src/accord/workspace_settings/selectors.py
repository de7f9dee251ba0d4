"""Reads the settings pages need beyond the catalogue's and the workspaces' own selectors."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from accord.workspaces.access import Requester, WorkspaceAction, may
from accord.workspaces.models import Customer, Membership, Partner


def workspace_members(user: Requester, workspace_id: int) -> QuerySet[Membership]:
    """Everyone in the workspace, for those who manage it; nobody for anyone else."""
    if not may(user, WorkspaceAction.MANAGE, workspace_id):
        return Membership.objects.none()
    return (
        Membership.objects.filter(workspace_id=workspace_id)
        .select_related("user", "customer", "partner")
        .order_by("kind", "user__full_name", "user__email")
    )


def workspace_customers(user: Requester, workspace_id: int) -> QuerySet[Customer]:
    """The workspace's customers with their number of contacts, for those who manage it."""
    if not may(user, WorkspaceAction.MANAGE, workspace_id):
        return Customer.objects.none()
    return (
        Customer.objects.filter(workspace_id=workspace_id)
        .annotate(contact_count=Count("memberships"))
        .order_by("name")
    )


def workspace_partners(user: Requester, workspace_id: int) -> QuerySet[Partner]:
    """The workspace's partners with their number of contacts, for those who manage it."""
    if not may(user, WorkspaceAction.MANAGE, workspace_id):
        return Partner.objects.none()
    return (
        Partner.objects.filter(workspace_id=workspace_id)
        .annotate(contact_count=Count("memberships"))
        .order_by("name")
    )
