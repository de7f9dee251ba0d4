"""Reads of support: the agreed first level, tickets and escalations, always through the access rule.

:func:`support_owner` is public: the go-live gate's "support owner agreed" condition reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet

from accord.accounts.models import User
from accord.domain.errors import NotFound
from accord.projects.access import ProjectAccess, ProjectAction, project_access, visible_projects
from accord.projects.models import Project, ProjectPartner
from accord.support.models import (
    Escalation,
    FirstLevel,
    SupportAgreement,
    SupportSettings,
    Ticket,
    TicketComment,
)
from accord.workspaces.access import Requester, WorkspaceAction, require_membership
from accord.workspaces.models import Partner, Workspace

__all__ = [
    "SupportOwner",
    "TicketAccess",
    "project_partners",
    "project_tickets",
    "support_address",
    "support_owner",
    "support_owner_for",
    "ticket_access",
    "ticket_comments",
    "ticket_escalations",
]


@dataclass(frozen=True, slots=True)
class SupportOwner:
    """The agreed first level of support of a project: the customer's team or a partner, who
    agreed it and when."""

    first_level: FirstLevel
    #: The customer's name, or the partner's.
    name: str
    partner: Partner | None
    agreed_by: User | None
    agreed_at: datetime

    @property
    def label(self) -> str:
        return f"{self.first_level.label} ({self.name})"


def support_owner(project: Project) -> SupportOwner | None:
    """The agreed first level of support of ``project`` (already visible to the caller), or None
    when nothing is agreed yet. One query."""
    agreement = (
        SupportAgreement.objects.select_related("partner", "agreed_by", "project__customer")
        .filter(project_id=project.pk)
        .first()
    )
    if agreement is None:
        return None
    level = FirstLevel(agreement.first_level)
    partner = agreement.partner
    return SupportOwner(
        first_level=level,
        name=partner.name if partner is not None else agreement.project.customer.name,
        partner=partner,
        agreed_by=agreement.agreed_by,
        agreed_at=agreement.agreed_at,
    )


def support_owner_for(user: Requester, project_id: int) -> tuple[ProjectAccess, SupportOwner | None]:
    """The project (NotFound unless visible) and its agreed first level of support."""
    access = project_access(user, project_id)
    return access, support_owner(access.project)


def project_partners(project: Project) -> list[Partner]:
    """The partners working on a project (who may be its first level of support)."""
    return [
        link.partner
        for link in ProjectPartner.objects.select_related("partner")
        .filter(project_id=project.pk)
        .order_by("partner__name")
    ]


def project_tickets(user: Requester, project_id: int) -> tuple[ProjectAccess, QuerySet[Ticket]]:
    """A visible project and its tickets, newest first (NotFound otherwise)."""
    access = project_access(user, project_id)
    tickets = (
        Ticket.objects.filter(project_id=access.project.pk)
        .select_related("first_level_partner", "opened_by", "project__customer")
        .order_by("-created_at", "-pk")
    )
    return access, tickets


@dataclass(frozen=True, slots=True)
class TicketAccess:
    ticket: Ticket
    access: ProjectAccess

    @property
    def may_manage(self) -> bool:
        return self.access.allows(ProjectAction.MANAGE)


def ticket_access(user: Requester, ticket_id: int, *, project_id: int | None = None) -> TicketAccess:
    """A ticket of a project the requester sees (and of ``project_id`` when given); NotFound
    otherwise, whether it exists or not."""
    ticket = (
        Ticket.objects.filter(pk=ticket_id, project__in=visible_projects(user))
        .select_related(
            "project", "project__customer", "project__workspace", "first_level_partner", "opened_by"
        )
        .first()
    )
    if ticket is None or (project_id is not None and ticket.project_id != project_id):
        raise NotFound(_no_such_ticket())
    return TicketAccess(ticket=ticket, access=project_access(user, ticket.project_id))


def _no_such_ticket() -> str:
    from django.utils.translation import gettext

    return gettext("No such ticket.")


def ticket_comments(ticket: Ticket) -> QuerySet[TicketComment]:
    return (
        TicketComment.objects.filter(ticket_id=ticket.pk)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def ticket_escalations(ticket: Ticket) -> QuerySet[Escalation]:
    return (
        Escalation.objects.filter(ticket_id=ticket.pk)
        .select_related("sent_by")
        .order_by("-created_at", "-pk")
    )


def support_address(workspace_id: int) -> str:
    """Where the workspace's escalations go: its own setting, else ``ACCORD_SUPPORT_ADDRESS``."""
    own = (
        SupportSettings.objects.filter(workspace_id=workspace_id)
        .values_list("support_address", flat=True)
        .first()
    )
    return (own or settings.ACCORD_SUPPORT_ADDRESS or "").strip()


def managed_workspace(user: Requester, workspace_id: int) -> Workspace:
    """A workspace the requester manages (NotFound otherwise)."""
    return require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace
