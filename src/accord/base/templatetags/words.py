"""``{{ workspace.name|of_name }}``: a name after "of", elided in French ("d’Accord Demo")."""

from __future__ import annotations

from django import template

from accord.base import words

register = template.Library()


@register.filter
def of_name(name: object) -> str:
    return words.of_name(name)
