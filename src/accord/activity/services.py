"""Writes to the activity log: one entry per change, recorded inside the change's transaction.

Every service that changes a project calls :func:`activity_record` in the same transaction, so an
entry exists exactly when its change committed. Notifications (and later webhooks) are derived
from entries after commit.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.projects.models import Project


@transaction.atomic
def activity_record(
    *,
    actor: User | None,
    project: Project,
    verb: str,
    target_type: str = "",
    target_key: str = "",
    summary: str = "",
    before: Any = None,
    after: Any = None,
) -> ActivityEntry:
    """Record one change to a project: who (``actor``, None for the system), what (``verb`` such
    as "task.approved"), on what (``target_type``/``target_key``), and the values before and
    after (JSON-serialisable, None when not relevant)."""
    return ActivityEntry.objects.create(
        workspace_id=project.workspace_id,
        project=project,
        actor=actor if actor is not None and actor.pk else None,
        verb=verb,
        target_type=target_type,
        target_key=target_key,
        summary=summary[:500],
        before=before,
        after=after,
    )
