"""The letters of a matrix: what each cell says, in the many ways people write it.

A cell reads as *empty* (nothing, ``-``, ``—``, ``/``), as *letters* (``R/A``, ``A / R``, ``R,A``,
``R A``, ``RA``, ``(Consulted)``, ``Responsable``, ``A/R*``), as *unknown letters* (``S``, ``R/V``:
letter-shaped, but the vocabulary does not say what they mean) or as *text* (anything else).
The vocabulary starts with R, A, C, I and N/A and their English and French words; the file's
own legend and the person's ``--letter S=C`` add to it. Unknown letters are never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from accord.domain.raci import InvalidRaci, Raci, parse_raci

NOTHING = frozenset({"", "-", "--", "—", "–", "/", "·", "."})
NOT_APPLICABLE = frozenset(
    {"n/a", "na", "n.a.", "n.a", "not applicable", "non applicable", "sans objet", "s.o.", "so", "nd"}
)
# English and French words for the four letters (accents folded away before lookup).
WORDS: Mapping[str, Raci] = {
    "responsible": Raci.R,
    "responsable": Raci.R,
    "realise": Raci.R,
    "realisateur": Raci.R,
    "execute": Raci.R,
    "does": Raci.R,
    "accountable": Raci.A,
    "approver": Raci.A,
    "approve": Raci.A,
    "approves": Raci.A,
    "approbateur": Raci.A,
    "approbatrice": Raci.A,
    "approuve": Raci.A,
    "autorite": Raci.A,
    "consulted": Raci.C,
    "consult": Raci.C,
    "consulte": Raci.C,
    "consultee": Raci.C,
    "informed": Raci.I,
    "inform": Raci.I,
    "informe": Raci.I,
    "informee": Raci.I,
}
BASE_LETTERS: Mapping[str, Raci] = {"R": Raci.R, "A": Raci.A, "C": Raci.C, "I": Raci.I}

_FOOTNOTES = re.compile(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d\)|\[\d\]")
_SEPARATORS = re.compile(r"\s*(?:[/,;+&|\n]|\band\b|\bet\b)\s*|\s+", re.IGNORECASE)
_NOT_APPLICABLE_INSIDE = re.compile(r"(?<![A-Za-z])n/a(?![A-Za-z])", re.IGNORECASE)
_LETTER_RUN = re.compile(r"^[A-Za-z]{1,4}$")
_ACCENTS = str.maketrans("éèêëàâäîïôöûüùç", "eeeeaaaiioouuuc")


class Kind(StrEnum):
    EMPTY = "empty"
    LETTERS = "letters"
    UNKNOWN = "unknown"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Reading:
    """What one cell says: its kind, its letters, and the unknown letters it holds."""

    kind: Kind
    value: Raci = Raci(0)  # noqa: RUF009 an IntFlag value, immutable
    unknown: tuple[str, ...] = ()

    @property
    def letter_like(self) -> bool:
        return self.kind in (Kind.LETTERS, Kind.UNKNOWN)


EMPTY_READING = Reading(Kind.EMPTY)
TEXT_READING = Reading(Kind.TEXT)


def fold(text: str) -> str:
    """Lower-case, accents dropped: the form words are looked up in."""
    return text.lower().translate(_ACCENTS)


def clean_cell(text: str) -> str:
    """The cell without footnote marks, outer spaces and outer brackets."""
    cleaned = _FOOTNOTES.sub("", text).strip()
    while len(cleaned) >= 2 and cleaned[0] in "([" and cleaned[-1] in ")]":
        cleaned = cleaned[1:-1].strip()
    return cleaned


@dataclass(slots=True)
class Vocabulary:
    """Letters and words with their meaning; ``meanings`` keeps what a legend says of a letter
    it does not map (e.g. ``S`` → "Support"), so a refusal can quote it."""

    letters: dict[str, Raci] = field(default_factory=lambda: dict(BASE_LETTERS))
    sources: dict[str, str] = field(default_factory=lambda: dict.fromkeys(BASE_LETTERS, "RACI"))
    meanings: dict[str, str] = field(default_factory=dict)
    ignored: set[str] = field(default_factory=set)
    _cache: dict[str, Reading] = field(default_factory=dict)

    def add(self, letter: str, value: Raci, source: str) -> None:
        self.letters[letter.upper()] = value
        self.sources[letter.upper()] = source
        self._cache.clear()

    def ignore(self, letter: str, source: str) -> None:
        """``--letter X=-``: cells holding X read as if X were not there."""
        self.ignored.add(letter.upper())
        self.sources[letter.upper()] = source
        self._cache.clear()

    def read(self, text: str) -> Reading:
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._read(text)
        return cached

    def _read(self, text: str) -> Reading:
        cleaned = clean_cell(text)
        if cleaned in NOTHING:
            return EMPTY_READING
        if fold(cleaned) in NOT_APPLICABLE:
            return Reading(Kind.LETTERS, Raci.NA)
        if _NOT_APPLICABLE_INSIDE.search(cleaned):
            return TEXT_READING  # N/A mixed with letters: a cell is one or the other
        value = Raci(0)
        unknown: list[str] = []
        ignored = False
        for token in filter(None, _SEPARATORS.split(cleaned)):
            read = self._token(token)
            if read is None:
                return TEXT_READING
            letters, strangers, skipped = read
            value |= letters
            unknown.extend(strangers)
            ignored = ignored or skipped
        if unknown:
            return Reading(Kind.UNKNOWN, value, tuple(dict.fromkeys(unknown)))
        if value.is_empty:
            # Only letters the person asked to ignore: still a cell of letters, holding none.
            return Reading(Kind.LETTERS, value) if ignored else EMPTY_READING
        if value & Raci.NA and value != Raci.NA:
            return TEXT_READING  # N/A mixed with letters
        return Reading(Kind.LETTERS, value)

    def _token(self, token: str) -> tuple[Raci, list[str], bool] | None:
        """One word or run of letters: (letters, unknown letters, held an ignored letter), or
        ``None`` when it is not letters at all."""
        word = fold(clean_cell(token))
        if word in WORDS:
            return WORDS[word], [], False
        if word in NOT_APPLICABLE:
            return Raci.NA, [], False
        upper = token.upper()
        letter_shaped = _LETTER_RUN.match(token) and (
            len(token) == 1 or token.isupper() or upper in self.letters
        )
        if not letter_shaped or len(set(upper)) != len(upper):
            return None
        if len(token) > 1 and not any(char in self.letters or char in self.ignored for char in upper):
            return None  # "PM", "OK": an acronym, not letters
        value = Raci(0)
        for char in upper:
            value |= self.letters.get(char, Raci(0))
        unknown = [char for char in upper if char not in self.letters and char not in self.ignored]
        return value, unknown, any(char in self.ignored for char in upper)


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line of a file's legend: ``letter`` explained by ``meaning``, found at ``where``."""

    letter: str
    meaning: str
    where: str

    @property
    def value(self) -> Raci | None:
        """The letters the meaning stands for, when it starts with a known word or letter."""
        first = re.split(r"[\s–—:,(-]+", self.meaning.strip(), maxsplit=1)[0]
        word = fold(clean_cell(first))
        if word in WORDS:
            return WORDS[word]
        if fold(self.meaning.strip()) in NOT_APPLICABLE:
            return Raci.NA
        return None


_LEGEND_TEXT = re.compile(r"^\s*([A-Za-z])\s*(?:=|:|–|—|-|\)|→|->)\s*(\S.*?)\s*$")


def legend_entries_in_text(text: str) -> list[tuple[str, str]]:
    """``R = Responsible, A = Accountable`` or one entry per line: (letter, meaning) pairs."""
    pieces = re.split(r"[\n;]|,\s*(?=[A-Za-z]\s*(?:=|:|–|—|-|→|->)\s)", text)
    entries = []
    for piece in pieces:
        match = _LEGEND_TEXT.match(piece)
        if match:
            entries.append((match.group(1).upper(), match.group(2)))
    return entries


def apply_legend(vocabulary: Vocabulary, entries: Iterable[LegendEntry]) -> list[LegendEntry]:
    """Teach ``vocabulary`` the letters a legend maps to known meanings; returns those used."""
    used = []
    for entry in entries:
        value = entry.value
        if value is None:
            vocabulary.meanings.setdefault(entry.letter, entry.meaning)
            continue
        if entry.letter in BASE_LETTERS and BASE_LETTERS[entry.letter] == value:
            vocabulary.meanings.setdefault(entry.letter, entry.meaning)
            used.append(entry)
            continue
        if entry.letter not in vocabulary.sources or vocabulary.sources[entry.letter] == "RACI":
            vocabulary.add(entry.letter, value, f"legend ({entry.where})")
            vocabulary.meanings[entry.letter] = entry.meaning
            used.append(entry)
    return used


class LetterOptionError(ValueError):
    """A ``--letter`` option that cannot be read."""


def parse_letter_option(text: str) -> tuple[str, Raci | None]:
    """``S=C`` → (``S``, C); ``S=R/A`` → (``S``, R/A); ``S=-`` → (``S``, None: ignore the letter)."""
    letter, separator, meaning = text.partition("=")
    letter = letter.strip().upper()
    if not separator or len(letter) != 1 or not letter.isalpha():
        raise LetterOptionError(f"{text!r} is not LETTER=MEANING")
    meaning = meaning.strip()
    if meaning in ("", "-", "none", "nothing"):
        return letter, None
    try:
        value = parse_raci(meaning)
    except InvalidRaci as error:
        raise LetterOptionError(
            f"{meaning!r} is not R, A, C, I, a combination such as R/A, or N/A"
        ) from error
    if value.is_empty:
        return letter, None
    return letter, value
