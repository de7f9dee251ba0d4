"""Ids typed by people or programs: in an address, a form field or a query string.

A row's id is a positive 64-bit integer. Anything else (0, negative, past 2**63 - 1, not a
number) names no row: an address answers 404 and a form field says the value is not valid. It
must never reach the database, where SQLite refuses integers past 64 bits with an OverflowError
and PostgreSQL with a DataError.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

#: The largest id a database row can have (a signed 64-bit integer, Django's BigAutoField).
MAX_ID = 2**63 - 1

_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: object) -> int | None:
    """The id ``value`` spells (``"42"``, ``42``), or None when it names no possible row."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not _DIGITS.fullmatch(text):
            return None
        number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """The ``<id:…>`` path converter: digits naming a possible row, else no match (404)."""

    regex = _DIGITS.pattern

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            # Django's resolver takes a ValueError as "this pattern does not match".
            raise ValueError(value)
        return number

    def to_url(self, value: Any) -> str:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"not an id: {value!r}")
        return str(number)


class IdField(forms.IntegerField):
    """A form field holding a row's id: a positive 64-bit integer, else "not a valid choice"."""

    default_error_messages = {  # noqa: RUF012 (Django merges these class attributes)
        "invalid": _("This is not a valid reference. Reload the page and try again."),
        "min_value": _("This is not a valid reference. Reload the page and try again."),
        "max_value": _("This is not a valid reference. Reload the page and try again."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A ModelChoiceField that refuses impossible ids before they reach the database."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if self.to_field_name is None and parse_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
