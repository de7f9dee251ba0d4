"""Reads of the contacts' side of Accord: the projects a contact sees, for their landing page."""

from __future__ import annotations

from django.db.models import QuerySet

from accord.projects.access import visible_projects
from accord.projects.models import Project
from accord.workspaces.access import Requester


def contact_projects(user: Requester) -> QuerySet[Project]:
    """The open projects the requester sees, by name, with their customer and workspace (one query)."""
    return (
        visible_projects(user)
        .exclude(status=Project.Status.CLOSED)
        .select_related("customer", "workspace")
        .order_by("name", "pk")
    )
