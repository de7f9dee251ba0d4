"""``{% campaigns_panel project %}``: the project's test campaigns and their progress, for the
project's overview (which lives in a lower layer and so cannot import this app; templates may).

``project`` is the one the page found through the access rule; the panel reads only its
campaigns: one query without campaigns, three with (whatever their size)."""

from __future__ import annotations

from typing import Any

from django import template

from accord.campaigns import selectors

register = template.Library()


@register.inclusion_tag("campaigns/_overview_panel.html")
def campaigns_panel(project: Any) -> dict[str, Any]:
    """Cases run, passed, failed and blocked, and open defects by severity, per campaign."""
    campaigns = list(selectors.campaigns_of(project).order_by("created_at", "pk"))
    return {"project": project, "progress": selectors.progress_of(campaigns)}
