"""Reads of the activity log. The caller has already found the project through the one access
rule for projects (``accord.projects.selectors.project_for``): this app knows no other."""

from __future__ import annotations

from accord.activity.models import ActivityEntry
from accord.activity.services import ProjectRef


def project_activity(project: ProjectRef, limit: int = 50) -> list[ActivityEntry]:
    """The latest changes to ``project`` (one the caller was allowed to see), newest first, with
    their actors; one query whatever the length of the log."""
    return list(
        ActivityEntry.objects.filter(project_id=project.pk)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
