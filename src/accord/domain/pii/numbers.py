"""Numbers with a structure: national identifiers, bank accounts and payment cards.

Each recognizer finds candidates with a pattern, keeps those whose check digits hold (python-
stdnum wherever it has the check) and scores them: a checksum makes a candidate strong on its
own; a pattern without a checksum needs a context word (see :mod:`.context`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban, luhn
from stdnum.fr import nir
from stdnum.us import rtn, ssn

from accord.domain.pii.context import BANK_ACCOUNT, CARD, NINO, NIR, ROUTING, SSN, about, scored
from accord.domain.pii.model import Category, Finding

_SEPARATORS = re.compile(r"[\s.-]")


def _digits(value: str) -> str:
    return _SEPARATORS.sub("", value)


def _repetitive(digits: str) -> bool:
    """All one digit, or a straight run such as 123456789: a placeholder, not a real number."""
    return len(set(digits)) == 1 or digits in "0123456789012345678901234567890"


# --- national identifiers -------------------------------------------------------------------

# US SSN: 3-2-4 digits, one separator used throughout (or none).
_SSN = re.compile(r"(?<![\w-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w-])")
# French NIR: sex (1, 2, or 7, 8 for temporary numbers), year, month, department (2A/2B for
# Corsica), commune, order, then the two-digit key; spaces between the groups are common. The
# rare 3 and 4 are left out: a 15-digit Amex (34, 37) would then read as a NIR once in 97.
_NIR = re.compile(
    r"(?<![\w])[1278] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}(?![\w])"
)
# UK National Insurance number: two prefix letters (HMRC never issues D, F, I, Q, U, V first,
# nor D, F, I, O, Q, U, V second, nor the pairs BG, GB, KN, NK, NT, TN, ZZ), six digits and
# a suffix A to D. stdnum has no NINO module, hence the hand-written rules.
_NINO = re.compile(
    r"(?<![\w])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r" ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])",
    re.IGNORECASE,
)


def national_ids(text: str) -> Iterator[Finding]:
    """US SSNs (invalid ranges excluded), French NIRs (key checked), UK NI numbers (prefix rules)."""
    for match in _SSN.finditer(text):
        digits = match.group(1) + match.group(3) + match.group(4)
        if not ssn.is_valid(digits) or _repetitive(digits):
            continue
        base = 0.55 if match.group(2) else 0.2  # nine bare digits are anything until a word says SSN
        score, word = scored(text, match.start(), match.end(), base, SSN)
        yield Finding(
            Category.NATIONAL_ID, match.start(), match.end(), match.group(), score, "US SSN" + about(word)
        )
    for match in _NIR.finditer(text):
        if not nir.is_valid(_digits(match.group())):
            continue
        score, word = scored(text, match.start(), match.end(), 0.8, NIR)
        yield Finding(
            Category.NATIONAL_ID,
            match.start(),
            match.end(),
            match.group(),
            score,
            "French NIR with a valid key" + about(word),
        )
    for match in _NINO.finditer(text):
        # Upper case as HMRC writes it; a lower-case code is a product key until a word says NINO.
        base = 0.5 if match.group()[:2].isupper() and match.group()[-1].isupper() else 0.15
        score, word = scored(text, match.start(), match.end(), base, NINO)
        yield Finding(
            Category.NATIONAL_ID,
            match.start(),
            match.end(),
            match.group(),
            score,
            "UK NI number" + about(word),
        )


# --- bank accounts ------------------------------------------------------------------------------

# An IBAN as printed (groups of four) or compact; the exact end is found by the checksum.
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Za-z0-9])")
_IBAN_GROUP_END = re.compile(r"[A-Z0-9](?= |$)")
# French RIB: bank (5 digits), branch (5), account (11 letters or digits), key (2).
_RIB = re.compile(r"(?<![\w])(\d{5}) ?(\d{5}) ?([A-Z0-9]{11}) ?(\d{2})(?![\w])")
_RIB_LETTERS = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")
# Bare digits, not a piece of a longer number ("1,234,567", "12 345 678", "4.12.0").
_NINE_DIGITS = re.compile(r"(?<![\w.,/-])(?<!\d )\d{9}(?![\w/-]|[.,]\d| \d)")
_ACCOUNT = re.compile(r"(?<![\w.,/-])(?<!\d )\d{6,17}(?![\w/-]|[.,]\d| \d)")


def _iban_spans(match: re.Match[str]) -> Iterator[tuple[int, int]]:
    """Where a valid IBAN could end inside ``match``: the longest valid prefix first."""
    value = match.group()
    ends = sorted({found.end() for found in _IBAN_GROUP_END.finditer(value)} | {len(value)}, reverse=True)
    for end in ends:
        if iban.is_valid(value[:end]):
            yield match.start(), match.start() + end
            return


def rib_key_is_valid(bank: str, branch: str, account: str, key: str) -> bool:
    """The French RIB key: 97 - (89 × bank + 15 × branch + 3 × account) mod 97 (letters as digits)."""
    account_digits = account.upper().translate(_RIB_LETTERS)
    total = 89 * int(bank) + 15 * int(branch) + 3 * int(account_digits)
    return 97 - total % 97 == int(key)


def bank_accounts(text: str) -> Iterator[Finding]:
    """IBANs (mod 97), French RIBs (key), US routing numbers and account numbers near bank words."""
    for match in _IBAN.finditer(text):
        for start, end in _iban_spans(match):
            yield Finding(Category.BANK, start, end, text[start:end], 0.95, "IBAN with a valid mod-97 check")
    for match in _RIB.finditer(text):
        bank, branch, account, key = match.groups()
        if _repetitive(bank + branch + account) or not rib_key_is_valid(bank, branch, account, key):
            continue
        yield Finding(
            Category.BANK, match.start(), match.end(), match.group(), 0.8, "French RIB with a valid key"
        )
    for match in _NINE_DIGITS.finditer(text):
        if not rtn.is_valid(match.group()) or _repetitive(match.group()):
            continue
        score, word = scored(text, match.start(), match.end(), 0.2, ROUTING)
        yield Finding(
            Category.BANK, match.start(), match.end(), match.group(), score, "US routing number" + about(word)
        )
    for match in _ACCOUNT.finditer(text):
        if _repetitive(match.group()):
            continue
        score, word = scored(text, match.start(), match.end(), 0.2, BANK_ACCOUNT)
        yield Finding(
            Category.BANK, match.start(), match.end(), match.group(), score, "account number" + about(word)
        )


# --- payment cards ------------------------------------------------------------------------------

# 13 to 19 digits, alone or in groups separated by spaces or dashes.
_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
_CARD_GROUPS = re.compile(r"\d+")
# First digits of the card networks: Mastercard 2221–2720 and 51–55, Amex 34/37, Diners 30/36/
# 38/39, JCB 35, Visa 4, Maestro 50/56–58, Discover and UnionPay 6.
_CARD_NETWORK = re.compile(r"2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[0456789]|4|5|6")


def cards(text: str) -> Iterator[Finding]:
    """Payment card numbers: 13–19 digits starting as a card network's do, Luhn-checked."""
    for match in _CARD.finditer(text):
        value = match.group()
        digits = _digits(value)
        if not _CARD_NETWORK.match(digits) or _repetitive(digits) or not luhn.is_valid(digits):
            continue
        groups = _CARD_GROUPS.findall(value)
        # Printed cards come whole or in groups of 4 (Amex 4-6-5): odd groupings are other numbers.
        grouped = len(groups) == 1 or all(3 <= len(group) <= 6 for group in groups)
        score, word = scored(text, match.start(), match.end(), 0.6 if grouped else 0.3, CARD)
        yield Finding(
            Category.CARD, match.start(), match.end(), value, score, "card number passing Luhn" + about(word)
        )
