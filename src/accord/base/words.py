"""Small grammar helpers for names put into sentences, in the active language.

French elides "de" before a vowel: "Paramètres d’Accord Demo", but "Paramètres de Globex". A
sentence that names something after "of" takes :func:`of_name`'s result as one placeholder
(``%(of_name)s``, ``{{ of_name }}``) so that each language chooses its own form.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from django.utils import formats, translation
from django.utils.translation import pgettext

#: First letters before which French elides "de" (an "h" may be aspirated: it keeps "de").
_VOWELS = frozenset("aeiouy")


def starts_with_vowel(name: str) -> bool:
    """Whether ``name`` starts with a vowel sound written as a vowel ("Éric", "Accord", "Yves")."""
    text = name.strip()
    if not text:
        return False
    first = unicodedata.normalize("NFKD", text[0])[0].lower()
    return first in _VOWELS


def of_name(name: object) -> str:
    """``name`` after "of" in the active language: "of Accord Demo" / "d’Accord Demo", "de Globex"."""
    text = str(name)
    if starts_with_vowel(text):
        return pgettext("of a name starting with a vowel", "of %(name)s") % {"name": text}
    return pgettext("of a name", "of %(name)s") % {"name": text}


def day_text(day: date, language: str | None = None) -> str:
    """``day`` as pages write it in ``language`` (by default the active one): Django's
    ``DATE_FORMAT`` of accord.config.formats ("18 Nov 2026", "18 novembre 2026"). Exports made
    outside a template (PPTX, PDF) take it so that one date reads the same everywhere."""
    if language is None:
        return formats.date_format(day, "DATE_FORMAT")
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")
