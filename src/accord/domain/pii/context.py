"""Context words, in English and French, and how they change a candidate's score.

The scheme follows Microsoft Presidio's context enhancer: a pattern gives a base score; a
context word among the few words before (or just after) the candidate adds a boost; we add
negative context (words saying the number is an invoice, an order, a version), which
subtracts. Windows stop at a line break: a word on another line says nothing about this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Words looked at before and after a candidate (Presidio looks at five words before).
WORDS_BEFORE = 6
WORDS_AFTER = 3
#: How far (in characters) to look for those words; keeps the scan cheap on long lines.
_CHARACTERS_BEFORE = 80
_CHARACTERS_AFTER = 40
_WORD = re.compile(r"\S+")


def _terms(words: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``words`` as whole words (or phrases)."""
    alternatives = sorted((re.escape(word).replace(r"\ ", r"\s+") for word in words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Context:
    """Words that make a candidate more likely (``positive``) or less likely (``negative``)."""

    positive: re.Pattern[str]
    negative: re.Pattern[str] | None = None
    boost: float = 0.35
    penalty: float = 0.4

    @classmethod
    def of(cls, positive: Iterable[str], negative: Iterable[str] = (), **weights: float) -> Context:
        negatives = list(negative)
        return cls(_terms(positive), _terms(negatives) if negatives else None, **weights)


_MARK = " | "


def window(text: str, start: int, end: int) -> tuple[str, int]:
    """The few words before and after ``text[start:end]`` on the same line, lower-cased.

    The candidate itself is replaced by ``" | "``, whose position is returned with the words.
    """
    before = text[max(0, start - _CHARACTERS_BEFORE) : start]
    before = before[before.rfind("\n") + 1 :]
    after = text[end : end + _CHARACTERS_AFTER]
    newline = after.find("\n")
    if newline >= 0:
        after = after[:newline]
    words_before = _WORD.findall(before)[-WORDS_BEFORE:]
    words_after = _WORD.findall(after)[:WORDS_AFTER]
    joined_before = " ".join(words_before).lower()  # lower() may change the length: measure after
    return joined_before + _MARK + " ".join(words_after).lower(), len(joined_before)


def _nearest(pattern: re.Pattern[str], near: str, mark: int) -> tuple[int, str] | None:
    """The distance (in characters) from the candidate to the nearest match of ``pattern``."""
    best: tuple[int, str] | None = None
    for found in pattern.finditer(near):
        distance = mark - found.end() if found.end() <= mark else found.start() - mark - len(_MARK)
        if best is None or distance < best[0]:
            best = (distance, found.group(0))
    return best


def scored(text: str, start: int, end: int, base: float, context: Context) -> tuple[float, str]:
    """The candidate's score after its context, and the context word that counted (or "").

    A positive word adds the boost. A negative word subtracts the penalty when it is nearer to
    the candidate than any positive word: in "born 12/03/1985, hired 01/02/2020" the first date
    is a birth date and the second is not.
    """
    near, mark = window(text, start, end)
    positive = _nearest(context.positive, near, mark)
    negative = _nearest(context.negative, near, mark) if context.negative is not None else None
    score = base + (context.boost if positive else 0.0)
    if negative is not None and (positive is None or negative[0] < positive[0]):
        score -= context.penalty
    return max(0.0, min(1.0, score)), positive[1] if positive else ""


def about(word: str) -> str:
    """The end of a finding's reason naming the context word, if one counted."""
    return f" near {word!r}" if word else ""


#: Words saying a number is a document or product reference, not a person's data.
REFERENCE_WORDS = (
    "invoice",
    "inv",
    "facture",
    "order",
    "commande",
    "ticket",
    "ref",
    "réf",
    "reference",
    "référence",
    "version",
    "build",
    "release",
    "id",
    "identifiant",
    "internal",
    "interne",
    "po",
    "sku",
    "siret",
    "siren",
    "tva",
    "vat",
    "error",
    "erreur",
    "code",
    "batch",
)

PHONE = Context.of(
    (
        "phone",
        "telephone",
        "tel",
        "tél",
        "téléphone",
        "mobile",
        "cell",
        "call",
        "sms",
        "whatsapp",
        "fax",
        "portable",
        "appeler",
        "appelez",
        "joindre",
        "contact",
        "numéro",
        "number",
        "ligne",
    ),
    REFERENCE_WORDS,
)

SSN = Context.of(
    ("ssn", "social security", "social security number", "ss#", "ss #", "sécurité sociale"), REFERENCE_WORDS
)
NIR = Context.of(("nir", "sécurité sociale", "numéro de sécurité sociale", "insee", "social security", "ssn"))
NINO = Context.of(("nino", "ni number", "national insurance", "ni no", "nin", "insurance number"))

BANK_ACCOUNT = Context.of(
    (
        "bank account",
        "account number",
        "account no",
        "account #",
        "acct",
        "acct #",
        "acct no",
        "checking",
        "savings",
        "direct deposit",
        "routing",
        "aba",
        "rtn",
        "compte bancaire",
        "numéro de compte",
        "n° de compte",
        "no de compte",
        "rib",
        "virement",
    ),
    REFERENCE_WORDS,
)
ROUTING = Context.of(("routing", "routing number", "aba", "rtn", "transit", "bank", "direct deposit"))

CARD = Context.of(
    (
        "card",
        "credit",
        "debit",
        "visa",
        "mastercard",
        "amex",
        "american express",
        "discover",
        "jcb",
        "diners",
        "maestro",
        "cb",
        "carte",
        "carte bancaire",
        "crédit",
        "débit",
        "cc",
    )
)

DOB = Context.of(
    (
        "born",
        "birth",
        "birthday",
        "date of birth",
        "dob",
        "d.o.b.",
        "d.o.b",
        "né",
        "née",
        "né le",
        "née le",
        "né(e)",
        "né(e) le",
        "date de naissance",
        "naissance",
        "anniversaire",
    ),
    (
        "start",
        "started",
        "starts",
        "hired",
        "hire",
        "joined",
        "go-live",
        "deadline",
        "due",
        "since",
        "until",
        "embauche",
        "embauché",
        "embauchée",
        "début",
        "échéance",
        "depuis",
        "jusqu'au",
    ),
    boost=0.5,
)

SALARY = Context.of(
    (
        "salary",
        "salaries",
        "pay",
        "paid",
        "payslip",
        "paycheck",
        "pay stub",
        "wage",
        "wages",
        "compensation",
        "gross",
        "bonus",
        "earns",
        "earning",
        "salaire",
        "salaires",
        "rémunération",
        "paie",
        "payé",
        "payée",
        "brut",
        "brute",
        "net",
        "nette",
        "prime",
        "gagne",
        "hourly",
        "per hour",
        "an hour",
        "/hour",
        "/hr",
        "de l'heure",
        "horaire",
    ),
    (
        "invoice",
        "facture",
        "license",
        "licence",
        "subscription",
        "abonnement",
        "price",
        "prix",
        "fee",
        "fees",
        "frais",
        "cost",
        "costs",
        "coût",
        "tarif",
        "quote",
        "devis",
        "order",
        "commande",
        "budget",
        "contract value",
        "payroll run",
    ),
    boost=0.5,
)
