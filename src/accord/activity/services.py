"""Writes to the activity log: one entry per change, recorded inside the change's transaction.

Every service that changes a project calls :func:`activity_record` in the same transaction, so an
entry exists exactly when its change committed. Notifications (and later webhooks) are derived
from entries after commit.

This app imports no other app of Accord: a project is anything with a primary key and a
workspace (:class:`ProjectRef`), a person any user.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb


class ProjectRef(Protocol):
    """What the log needs of a project: its primary key and its workspace's."""

    @property
    def pk(self) -> Any: ...

    @property
    def workspace_id(self) -> int: ...


@transaction.atomic
def activity_record(
    *,
    actor: AbstractBaseUser | None,
    verb: Verb,
    project: ProjectRef | None = None,
    workspace_id: int | None = None,
    target_type: str = "",
    target_key: str = "",
    summary: str = "",
    before: Any = None,
    after: Any = None,
) -> ActivityEntry:
    """Record one change: who (``actor``, None for the system), what (``verb``, a
    :class:`Verb`), where (``project``, or only ``workspace_id`` for a change outside any
    project), on what (``target_type``/``target_key``), and the values before and after
    (JSON-serialisable, None when not relevant). A verb that is not a :class:`Verb` is refused
    (ValueError)."""
    verb = Verb(verb)
    if project is not None:
        workspace_id = project.workspace_id
    if workspace_id is None:
        raise ValueError("An activity entry needs a project or a workspace.")
    return ActivityEntry.objects.create(
        workspace_id=workspace_id,
        project_id=project.pk if project is not None else None,
        actor_id=actor.pk if actor is not None and actor.pk else None,
        verb=verb,
        target_type=target_type,
        target_key=target_key,
        summary=summary[:500],
        before=before,
        after=after,
    )
