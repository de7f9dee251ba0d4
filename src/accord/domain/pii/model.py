"""What the personal-data detector returns, and the two operations on its results.

A :class:`Finding` is a span of the checked text, its category and a score in [0, 1];
:func:`resolve_overlaps` keeps the best of overlapping findings and :func:`redact` replaces each
finding by its category code in brackets.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """The kinds of data an escalation to the vendor's support must not carry (seed 004)."""

    EMAIL = "email"
    PHONE = "phone"
    NATIONAL_ID = "national_id"
    BANK = "bank"
    CARD = "card"
    DOB = "dob"
    SALARY = "salary"
    DISTRIBUTION_LIST = "distribution_list"


#: Findings scoring below this are near-misses and are not reported (Presidio's idea of a
#: minimum score: a pattern alone is weak, a checksum or a context word makes it strong).
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: ``text == checked_text[start:end]``.

    ``score`` is in [0, 1]; ``reason`` says in a few words why it was flagged (the checksum
    that passed, the context word that was near), for a person deciding whether to redact.
    """

    category: Category
    start: int
    end: int
    text: str
    score: float
    reason: str

    def as_dict(self) -> dict[str, object]:
        """The finding as the CLI's JSON shows it: category, start, end, text."""
        return {"category": self.category.value, "start": self.start, "end": self.end, "text": self.text}

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep, among findings that overlap, the best one; return the kept ones in text order.

    Best means the highest score, then the longest span (an IBAN beats the phone number a
    matcher saw inside its digits), then the earliest.
    """
    ranked = sorted(findings, key=lambda f: (-f.score, -(f.end - f.start), f.start))
    # The kept spans never overlap, so sorted by start they are sorted by end too: one bisect
    # finds the only two neighbours a new span could overlap.
    starts: list[int] = []
    kept: list[Finding] = []
    for finding in ranked:
        index = bisect.bisect_right(starts, finding.start)
        if index > 0 and kept[index - 1].end > finding.start:
            continue
        if index < len(kept) and kept[index].start < finding.end:
            continue
        starts.insert(index, finding.start)
        kept.insert(index, finding)
    return kept


def placeholder(category: Category) -> str:
    """The text that replaces a finding of ``category``: its code in brackets, e.g. ``[email]``."""
    return f"[{category.value}]"


def redact(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with every finding replaced by :func:`placeholder`; the rest is kept as it was.

    Findings must index ``text`` (as :func:`find_personal_data` returns them); overlapping
    findings are merged so that nothing of either survives.
    """
    spans = sorted((f.start, f.end, f.category) for f in findings if 0 <= f.start < f.end <= len(text))
    merged: list[tuple[int, int, Category]] = []
    for start, end, category in spans:
        if merged and start < merged[-1][1]:
            previous_start, previous_end, previous_category = merged[-1]
            merged[-1] = (previous_start, max(previous_end, end), previous_category)
        else:
            merged.append((start, end, category))
    pieces: list[str] = []
    position = 0
    for start, end, category in merged:
        pieces.append(text[position:start])
        pieces.append(placeholder(category))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
