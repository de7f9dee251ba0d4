"""The runs of the rules that touched a project, for its overview (managers of its workspace only):
``{% load automations %}{% project_automation_runs project %}``."""

from __future__ import annotations

from typing import Any

from django import template

from accord.automations.selectors import project_runs

register = template.Library()


@register.inclusion_tag("automations/_project_runs.html", takes_context=True)
def project_automation_runs(context: Any, project: Any) -> dict[str, Any]:
    """The latest runs that touched ``project`` (nothing for those who do not manage it)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    # The page already knows whether the person manages the project: no query for anyone else.
    if user is None or not context.get("may_manage"):
        return {"runs": []}
    return {"runs": project_runs(user, project.pk)}
