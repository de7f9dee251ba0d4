"""Reads of projects, always scoped by the requester.

:func:`visible_projects` is THE access rule for everything that hangs off a project: tasks, RACI
cells, comments, activity, notifications, exports, API calls and background tasks all start from
it. A project the requester may not see does not exist for them (404, never 403).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.projects.models import Project, ProjectParticipant
from accord.workspaces.models import MembershipKind
from accord.workspaces.selectors import Requester, access_scopes


def visible_projects(user: Requester) -> QuerySet[Project]:
    """The projects the requester may see.

    - vendor staff (admin, manager, member): every project of their workspace;
    - a customer contact: the projects of their customer;
    - a partner contact: the projects they were invited to, on which their partner works.
    """
    allowed = Q(pk__in=[])
    for scope in access_scopes(user):
        if scope.is_vendor_staff:
            allowed |= Q(workspace_id=scope.workspace_id)
        elif scope.kind == MembershipKind.CUSTOMER_CONTACT:
            allowed |= Q(workspace_id=scope.workspace_id, customer_id=scope.customer_id)
        elif scope.kind == MembershipKind.PARTNER_CONTACT and scope.partner_id is not None and user.pk:
            invited = ProjectParticipant.objects.filter(
                user_id=user.pk, project__project_partners__partner_id=scope.partner_id
            ).values("project_id")
            allowed |= Q(workspace_id=scope.workspace_id, pk__in=invited)
    return Project.objects.filter(allowed)


def project_for(user: Requester, project_id: int) -> Project:
    """One visible project, or Http404 whether it does not exist or is not the requester's to see."""
    project = visible_projects(user).select_related("workspace", "customer").filter(pk=project_id).first()
    if project is None:
        raise Http404("No such project")
    return project
