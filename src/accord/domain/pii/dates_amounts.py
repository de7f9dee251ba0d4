"""Dates of birth and pay figures: ordinary dates and amounts that context makes personal.

A date is a date of birth only near "born", "DOB", "né le", "date de naissance"…; an amount is
a salary only near "salary", "wage", "salaire", "brut"… and not near "invoice", "licence",
"prix"…: without such words neither is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from accord.domain.pii.context import DOB, SALARY, about, scored
from accord.domain.pii.model import Category, Finding

_MONTHS = {
    **dict.fromkeys(("january", "jan", "janvier", "janv"), 1),
    **dict.fromkeys(("february", "feb", "février", "fevrier", "févr", "fevr", "fév"), 2),
    **dict.fromkeys(("march", "mar", "mars"), 3),
    **dict.fromkeys(("april", "apr", "avril", "avr"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("june", "jun", "juin"), 6),
    **dict.fromkeys(("july", "jul", "juillet", "juil"), 7),
    **dict.fromkeys(("august", "aug", "août", "aout"), 8),
    **dict.fromkeys(("september", "sep", "sept", "septembre"), 9),
    **dict.fromkeys(("october", "oct", "octobre"), 10),
    **dict.fromkeys(("november", "nov", "novembre"), 11),
    **dict.fromkeys(("december", "dec", "décembre", "decembre", "déc"), 12),
}
_MONTH = "(?P<month_name>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/-]|\.\d)"
)
_ISO_DATE = re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-]|\.\d)")
_TEXT_DATES = (
    # 12 March 1985, 12th of March 1985, 1er mars 1985
    re.compile(rf"(?<!\w){_DAY}\s+(?:of\s+)?{_MONTH}\s+{_YEAR}(?!\w)", re.IGNORECASE),
    # March 12, 1985
    re.compile(rf"(?<!\w){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\w)", re.IGNORECASE),
)


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2099


def _full_year(text: str) -> int:
    year = int(text)
    return year if len(text) == 4 else 1900 + year if year >= 30 else 2000 + year


def _dates(text: str) -> Iterator[re.Match[str]]:
    """Every calendar date in ``text``: 12/03/1985, 03-12-85, 1985-03-12, 12 March 1985, 12 mars 1985."""
    for match in _NUMERIC_DATE.finditer(text):
        year = _full_year(match.group("y"))
        first, second = int(match.group("a")), int(match.group("b"))
        if _is_date(year, second, first) or _is_date(year, first, second):  # day first, or US month first
            yield match
    for match in _ISO_DATE.finditer(text):
        if _is_date(int(match.group("y")), int(match.group("m")), int(match.group("d"))):
            yield match
    for pattern in _TEXT_DATES:
        for match in pattern.finditer(text):
            month = _MONTHS[match.group("month_name").lower()]
            if _is_date(int(match.group("year")), month, int(match.group("day"))):
                yield match


def dates_of_birth(text: str) -> Iterator[Finding]:
    """Dates near a birth word ("born", "DOB", "né le", "date de naissance"), and not near a start word."""
    for match in _dates(text):
        score, word = scored(text, match.start(), match.end(), 0.2, DOB)
        yield Finding(Category.DOB, match.start(), match.end(), match.group(), score, "date" + about(word))


_CURRENCY = r"(?:[$€£]|US\$|USD|EUR|GBP|euros?|dollars?|pounds?)"
_NUMBER = r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNTS = (
    # $85,000 · € 3 200 · USD 120k
    re.compile(rf"(?<![\w.,]){_CURRENCY}\s?(?:{_NUMBER})(?:\s?[kK](?!\w))?(?![\d\w])"),
    # 85 000 € · 3 200,50 EUR · 45k€ · 1200 euros
    re.compile(rf"(?<![\w.,])(?:{_NUMBER})\s?(?:[kK]\s?)?{_CURRENCY}(?!\w)"),
    # 45k, 3 200 brut: a figure written as pay figures are, without a currency
    re.compile(rf"(?<![\w.,$€£])(?:\d+(?:[.,]\d)?\s?[kK]|(?:{_NUMBER})(?=\s?(?:brut|net|gross)\b))(?!\w)"),
)


def salaries(text: str) -> Iterator[Finding]:
    """Amounts near pay words (salary, wage, salaire, rémunération, brut, net…) and not near price words."""
    for pattern in _AMOUNTS:
        for match in pattern.finditer(text):
            score, word = scored(text, match.start(), match.end(), 0.2, SALARY)
            yield Finding(
                Category.SALARY, match.start(), match.end(), match.group(), score, "amount" + about(word)
            )
