"""Small lookups for the board's templates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def role_text(texts: Mapping[str, Any] | None, role_key: str) -> Any:
    """What the playbook says role ``role_key`` is and does (``texts`` from
    :func:`accord.work.board_selectors.role_texts`), or None."""
    return (texts or {}).get(role_key)
