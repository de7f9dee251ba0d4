"""The "Settings" link of the page header: shown only to vendor staff."""

from __future__ import annotations

from typing import Any

from django import template

from accord.workspaces.access import WorkspaceAction, memberships_allowing

register = template.Library()


@register.simple_tag(takes_context=True)
def may_open_settings(context: dict[str, Any]) -> bool:
    """Whether the person is vendor staff in some workspace; one query per request at most."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    if not hasattr(request, "_accord_may_open_settings"):
        request._accord_may_open_settings = memberships_allowing(
            request.user, WorkspaceAction.BROWSE_CATALOG
        ).exists()
    return bool(request._accord_may_open_settings)
