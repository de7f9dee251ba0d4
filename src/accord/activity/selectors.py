"""Reads of the activity log, through the one access rule for projects."""

from __future__ import annotations

from accord.activity.models import ActivityEntry
from accord.projects.selectors import project_for
from accord.workspaces.selectors import Requester


def project_activity(user: Requester, project_id: int, limit: int = 50) -> list[ActivityEntry]:
    """The latest changes to a project the user may see (Http404 otherwise), newest first, with
    their actors; three queries whatever the length of the log."""
    project = project_for(user, project_id)
    return list(
        ActivityEntry.objects.filter(project=project)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
