"""``{% go_live_panel project %}``: where the project stands on go-live, in one line, for the
project's overview (a lower layer, which cannot import this app). ``project`` is the one the page
found through the access rule; one query."""

from __future__ import annotations

from typing import Any

from django import template

from accord.golive import selectors

register = template.Library()


@register.inclusion_tag("golive/_overview_panel.html")
def go_live_panel(project: Any) -> dict[str, Any]:
    return {"project": project, "gate": selectors.gate_of(project)}
