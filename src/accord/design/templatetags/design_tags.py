"""Template tags of the design pages."""

from __future__ import annotations

from django import template

from accord.domain.decision_tree import Text

register = template.Library()


@register.simple_tag
def tree_text(text: Text | None, language: str) -> str:
    """A decision tree's text in ``language`` (English for any other); empty for none."""
    return text.get(language) if text is not None else ""
