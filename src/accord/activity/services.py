"""Writes to the activity log: one entry per change, recorded inside the change's transaction.

Every service that changes a project calls :func:`activity_record` in the same transaction, so an
entry exists exactly when its change committed. Notifications (and later webhooks) are derived
from entries after commit.

This app imports no other app of Accord: a project is anything with a primary key and a
workspace (:class:`ProjectRef`), a person any user.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
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


#: Who reacts to a committed entry (called in order, after the entry's transaction commits).
ActivityConsumer = Callable[[ActivityEntry], object]
_consumers: list[ActivityConsumer] = []


def activity_consumer_register(consumer: ActivityConsumer) -> None:
    """Have ``consumer`` called with every entry once the transaction that wrote it commits.

    Apps above this one register in their ``AppConfig.ready`` (the inbox today; webhooks next), so
    the services that write entries never import them: a change is recorded once, and each
    consumer decides what it means for it. A write that rolls back tells no consumer anything.
    """
    if consumer not in _consumers:
        _consumers.append(consumer)


def _entry_committed(entry_id: int) -> None:
    entry = ActivityEntry.objects.select_related("actor").filter(pk=entry_id).first()
    if entry is None:
        return
    for consumer in tuple(_consumers):
        consumer(entry)


@transaction.atomic
def activity_record(  # noqa: PLR0913 keyword-only: one per column of the log entry
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
    entry = ActivityEntry.objects.create(
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
    transaction.on_commit(partial(_entry_committed, entry.pk))
    return entry
