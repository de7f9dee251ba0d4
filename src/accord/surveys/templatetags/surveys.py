"""``{% onboarding_close_summary project %}``: the close of onboarding on the project overview."""

from __future__ import annotations

from typing import Any

from django import template

from accord.surveys.selectors import close_summary

register = template.Library()


@register.inclusion_tag("surveys/_overview_close.html", takes_context=True)
def onboarding_close_summary(context: Any, project: Any) -> dict[str, Any]:
    """The main point of contact, the hand-overs and the survey's score (vendor staff only)."""
    summary = close_summary(context["request"].user, project, may_manage=bool(context.get("may_manage")))
    return {"project": project, "summary": summary}
