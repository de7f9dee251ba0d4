"""Personal data in text: what an escalation to the vendor's support must not carry (seed 004).

:func:`find_personal_data` returns :class:`Finding` objects (category, span, text, score,
reason) for e-mail addresses, phone numbers, national identifiers, bank accounts, payment
cards, dates of birth, pay figures and distribution lists; :func:`redact` replaces them with
``[category]``; :func:`check_recipients` flags groups among an escalation's recipients.
``docs/support.md`` lists every rule and its limits.
"""

from accord.domain.pii.detector import check_recipients, find_personal_data
from accord.domain.pii.model import (
    DEFAULT_THRESHOLD,
    Category,
    Finding,
    placeholder,
    redact,
    resolve_overlaps,
)
from accord.domain.pii.numbers import rib_key_is_valid

__all__ = [
    "DEFAULT_THRESHOLD",
    "Category",
    "Finding",
    "check_recipients",
    "find_personal_data",
    "placeholder",
    "redact",
    "resolve_overlaps",
    "rib_key_is_valid",
]
