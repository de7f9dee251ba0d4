"""RACI letters and the many ways people write them.

A cell holds any combination of R, A, C and I, or N/A ("not applicable"), or nothing. Sources
write cells as "R", "R/A", "RA", "R, A", "Responsible & Accountable", "Informed & Responsible"
or "N/A"; all of them parse to the same value, and every value has one canonical spelling.
"""

from __future__ import annotations

import re
from enum import IntFlag

from accord.domain.errors import AccordError


class Raci(IntFlag):
    """The letters one role holds on one task. ``Raci(0)`` is an empty cell."""

    R = 1
    A = 2
    C = 4
    I = 8  # noqa: E741 - the letter is the domain's own word
    NA = 16

    @property
    def canonical(self) -> str:
        """The one spelling used in exports: letters in R, A, C, I order joined by "/"."""
        return _CANONICAL[self.value]

    @property
    def words(self) -> str:
        """The letters spelled out, e.g. "Responsible & Accountable"."""
        if self & Raci.NA:
            return "Not applicable"
        return " & ".join(_WORDS[letter] for letter in LETTERS if self & letter)

    @property
    def is_empty(self) -> bool:
        return self.value == 0


LETTERS: tuple[Raci, ...] = (Raci.R, Raci.A, Raci.C, Raci.I)
_WORDS = {Raci.R: "Responsible", Raci.A: "Accountable", Raci.C: "Consulted", Raci.I: "Informed"}


def _spell(value: int) -> str:
    if value & Raci.NA:
        return "N/A"
    return "/".join(letter.name or "" for letter in LETTERS if value & letter)


_CANONICAL = {value: _spell(value) for value in range(32)}

_WORD_LETTERS = {
    "r": Raci.R,
    "responsible": Raci.R,
    "a": Raci.A,
    "accountable": Raci.A,
    "approver": Raci.A,
    "approve": Raci.A,
    "c": Raci.C,
    "consulted": Raci.C,
    "consult": Raci.C,
    "i": Raci.I,
    "informed": Raci.I,
    "inform": Raci.I,
}
_NOT_APPLICABLE = {"n/a", "na", "n.a.", "not applicable", "-", "—", "–"}
_SEPARATORS = re.compile(r"\s*(?:[/,;+&|]|\band\b|\bet\b)\s*|\s+", re.IGNORECASE)


class InvalidRaci(AccordError):
    code = "raci-invalid-letter"


def parse_raci(text: str | None) -> Raci:
    """Parse a RACI cell written any of the usual ways.

    Accepts "R/A", "RA", "R, A", "r a", "Responsible & Accountable", "Approver", "N/A" and
    an empty cell. Raises :class:`InvalidRaci` with a hint on anything else, including N/A
    mixed with letters.
    """
    raw = (text or "").strip()
    if not raw:
        return Raci(0)
    lowered = raw.lower()
    if lowered in _NOT_APPLICABLE:
        return Raci.NA
    value = Raci(0)
    for token in filter(None, _SEPARATORS.split(lowered)):
        letter = _WORD_LETTERS.get(token)
        if letter is not None:
            value |= letter
        elif token in _NOT_APPLICABLE:
            raise InvalidRaci(
                f"{raw!r} mixes N/A with letters",
                hint="a cell is either N/A or any of R, A, C, I",
            )
        elif token.isalpha() and all(char in "raci" for char in token):
            # Letters run together: "RA", "RACI".
            for char in token:
                value |= _WORD_LETTERS[char]
        else:
            raise InvalidRaci(
                f"{raw!r} is not a RACI value",
                hint="use R, A, C, I (combined as R/A), N/A, or leave the cell empty",
            )
    return value
