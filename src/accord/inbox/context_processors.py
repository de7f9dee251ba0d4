"""The number of unread notifications, for the inbox link of the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accord.inbox.selectors import unread_count


def inbox(request: HttpRequest) -> dict[str, Any]:
    """``inbox_unread_count``: counted only if a template shows it, once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread_count": 0}
    return {"inbox_unread_count": SimpleLazyObject(lambda: unread_count(user))}
