"""Reads of the inbox, always the requester's own notifications on projects they may still see."""

from __future__ import annotations

from django.db.models import QuerySet

from accord.accounts.models import User
from accord.inbox.models import Notification
from accord.projects.access import visible_projects
from accord.workspaces.access import Requester


def inbox_for(user: Requester, unread_only: bool = False) -> QuerySet[Notification]:
    """The requester's notifications, newest first, with what a list shows (two queries)."""
    if not isinstance(user, User) or not user.is_active:
        return Notification.objects.none()
    notifications = Notification.objects.filter(user=user, project__in=visible_projects(user).values("pk"))
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return (
        notifications.select_related("project", "project__customer", "task", "activity", "activity__actor")
        .defer("project__playbook_data")  # lists never need the playbook copy; decoding it is costly
        .order_by("-created_at", "-pk")
    )


def unread_count(user: Requester) -> int:
    """How many of the requester's notifications are unread (the badge next to the inbox)."""
    return inbox_for(user, unread_only=True).count()
