"""Ways to reach people: e-mail addresses, phone numbers, and groups (distribution lists).

Seed 004: a question to the vendor's web-services support must not include other groups or
distribution lists, nor personal data. So an address is either a person's (``email``), or a
group's (``distribution_list``: all@, team@, dl-…@, a role mailbox such as support@ or payroll@),
or explicitly allowed by the caller (the vendor's support address, the vendor's own domain).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatch, PhoneNumberMatcher

from accord.domain.pii.context import PHONE, about, scored
from accord.domain.pii.model import Category, Finding

#: Regions whose national formats the phone matcher reads; international (+…) numbers are read
#: whatever the region.
PHONE_REGIONS = ("US", "FR", "GB")

EMAIL = re.compile(
    r"(?<![\w.%+-])[\w%+-](?:[\w.%+-]*[\w%+-])?@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,24}(?![\w-])"
)
# Group names written out: DL-Payroll, dl_hr_emea, GRP-Integration; chat mentions @here, @all.
_GROUP_NAME = re.compile(
    r"(?<![\w@.-])(?:DL|GRP|GG)[-_][A-Za-z0-9][\w.-]*[A-Za-z0-9]"
    r"|(?<![\w@.-])dl[-_][a-z0-9][\w.-]*[a-z0-9]"
)
_NAME_WORDS = re.compile(r"[^\W_]+")
_MENTION = re.compile(r"(?<![\w@.])@(?:here|channel|everyone|all|team|tous)(?![\w@.-])", re.IGNORECASE)

#: Words that make a mailbox a group when they are one part of its local part (dl-hr, all.staff).
GROUP_PARTS = frozenset(
    {
        "all",
        "everyone",
        "everybody",
        "team",
        "teams",
        "staff",
        "dl",
        "grp",
        "group",
        "groups",
        "list",
        "lists",
        "members",
        "users",
        "equipe",
        "équipe",
        "tous",
        "toutes",
        "liste",
        "distrib",
        "distribution",
    }
)
#: Role mailboxes, read by a group of people rather than one person.
ROLE_MAILBOXES = frozenset(
    {
        "support",
        "helpdesk",
        "help",
        "servicedesk",
        "service-desk",
        "info",
        "infos",
        "contact",
        "hello",
        "sales",
        "hr",
        "rh",
        "payroll",
        "paie",
        "finance",
        "accounting",
        "compta",
        "comptabilite",
        "billing",
        "facturation",
        "it",
        "ops",
        "operations",
        "admin",
        "office",
        "integrations",
        "integration",
        "implementation",
        "webservices",
        "direction",
    }
)
_LOCAL_PARTS = re.compile(r"[._+-]")


#: File names such as logo@2x.png look like addresses; these endings are files, not domains.
FILE_SUFFIXES = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "css", "js", "ts", "json", "zip"}
)


def is_address(candidate: str) -> bool:
    """Whether an address-shaped string is an e-mail address rather than a file name."""
    return candidate.rsplit(".", 1)[-1].lower() not in FILE_SUFFIXES


def is_group_address(address: str) -> bool:
    """Whether an e-mail address belongs to a group (all@, team@, dl-…@, support@…), not a person."""
    local = address.rsplit("@", 1)[0].lower()
    parts = [part for part in _LOCAL_PARTS.split(local) if part]
    return local in ROLE_MAILBOXES or any(part in GROUP_PARTS for part in parts)


def _domain_allowed(address: str, allowed_domains: Collection[str]) -> bool:
    domain = address.rsplit("@", 1)[1].lower()
    return any(domain == allowed or domain.endswith("." + allowed) for allowed in allowed_domains)


def allowed_spans(text: str, allowed_addresses: Collection[str]) -> list[tuple[int, int]]:
    """Where the explicitly allowed addresses (e.g. the vendor's support address) sit in ``text``."""
    if not allowed_addresses:
        return []
    return [
        (match.start(), match.end())
        for match in EMAIL.finditer(text)
        if match.group().lower() in allowed_addresses
    ]


def emails(
    text: str, *, allowed_domains: Collection[str] = (), allowed_addresses: Collection[str] = ()
) -> Iterator[Finding]:
    """Every address in ``text``: a group's is a distribution list, a person's is an e-mail.

    Allowed addresses are never reported; a person's address in an allowed domain is not
    reported either, but a group address is, whatever its domain (seed 004: no other groups
    of the vendor either).
    """
    for match in EMAIL.finditer(text):
        address = match.group()
        if address.lower() in allowed_addresses or not is_address(address):
            continue
        if is_group_address(address):
            yield Finding(
                Category.DISTRIBUTION_LIST,
                match.start(),
                match.end(),
                address,
                0.9,
                "group or role mailbox",
            )
        elif not _domain_allowed(address, allowed_domains):
            yield Finding(Category.EMAIL, match.start(), match.end(), address, 0.9, "e-mail address")


def group_names(text: str) -> Iterator[Finding]:
    """Distribution lists written by name (DL-Payroll, GRP-…) and chat mentions of everyone (@here)."""
    for pattern, reason in ((_GROUP_NAME, "distribution list name"), (_MENTION, "mention of a whole group")):
        for match in pattern.finditer(text):
            yield Finding(Category.DISTRIBUTION_LIST, match.start(), match.end(), match.group(), 0.8, reason)


_GLUED = re.compile(r"\d[ .-]?$")
_GLUED_AFTER = re.compile(r"^[ .-]?\d")
_PHONE_SEPARATOR = re.compile(r"[\s().-]")
# A run of digits and the characters phone numbers are written with. A US, French or British
# number has ten digits with its area code or trunk 0, and at most 17 with an international
# prefix (00 44 …): shorter runs (dates, versions) and longer ones (IBANs, card numbers) are
# skipped without parsing. Two numbers separated by a bare space make one long run: a limit.
_DIGIT_CLUSTER = re.compile(r"[+(]?\d[\d \t().-]*\d\)?")
_PHONE_DIGITS = range(10, 18)
_INTERNATIONAL_PREFIX = re.compile(r"00[1-9]")
_CODE_PREFIX = re.compile(r"(?:\w|[\w#][-_#])$")
_DATE_OR_TIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d{2}")


def phones(text: str) -> Iterator[Finding]:
    """Phone numbers read by phonenumbers' matcher in the US, French and British formats.

    A valid number written as people write phone numbers (with + or separators) is enough on
    its own; bare digits, and numbers that are only *possible* (the fictional 555 and 07700 900
    ranges among them), need a word such as "phone" or "tél" nearby. Digits glued to longer
    digit runs (a card, an IBAN) are not a phone number.
    """
    for cluster in _DIGIT_CLUSTER.finditer(text):
        if sum(character.isdigit() for character in cluster.group()) not in _PHONE_DIGITS:
            continue
        if _CODE_PREFIX.search(text, max(0, cluster.start() - 2), cluster.start()):
            continue  # INV-2025-000123, #4155550132, ref_0612345678: digits glued to a code
        # The matcher reads only the digit cluster (and the character before it, for a "+" or
        # a letter glued to it): running it over a whole ticket export is ten times slower.
        offset = max(0, cluster.start() - 1)
        piece = text[offset : cluster.end() + 1]
        best: dict[tuple[int, int], Finding] = {}
        for region in _regions(cluster.group()):  # the same digits may be valid in one region only
            for match in PhoneNumberMatcher(piece, region, leniency=Leniency.POSSIBLE):
                found = _phone(text, match, region, offset)
                span = (found.start, found.end) if found else (0, 0)
                if found is not None and (span not in best or found.score > best[span].score):
                    best[span] = found
        yield from best.values()


def _regions(cluster: str) -> tuple[str, ...]:
    """The regions worth parsing ``cluster`` in: national French and British numbers start with
    their trunk 0, American ones never do; an international number parses anywhere."""
    digits = "".join(character for character in cluster[:6] if character.isdigit())
    if cluster.startswith("+") or _INTERNATIONAL_PREFIX.match(digits):
        return PHONE_REGIONS
    national = tuple(region for region in PHONE_REGIONS if region != "US")
    return national if digits.startswith("0") else ("US",)


def _phone(text: str, match: PhoneNumberMatch, region: str, offset: int) -> Finding | None:
    start, end = offset + match.start, offset + match.end
    if _GLUED.search(text[max(0, start - 2) : start]) or _GLUED_AFTER.search(text[end : end + 2]):
        return None
    raw = match.raw_string
    if _DATE_OR_TIME.search(raw):
        return None  # "2025-01-15 10:32" parses as a number somewhere in the world
    digits = "".join(character for character in raw if character.isdigit())
    international = raw.startswith("+") or bool(_INTERNATIONAL_PREFIX.match(digits))
    if region != "US" and not international and not digits.startswith("0"):
        return None  # French and British numbers are written with their trunk 0
    valid = phonenumbers.is_valid_number(match.number)
    if not valid and len(digits) < 10:
        return None
    formatted = international or bool(_PHONE_SEPARATOR.search(raw))
    base = (0.6 if formatted else 0.3) if valid else (0.3 if formatted else 0.1)
    score, word = scored(text, start, end, base, PHONE)
    kind = "phone number" if valid else "possible phone number (fictional ranges: 555, 07700 900…)"
    return Finding(Category.PHONE, start, end, raw, score, kind + about(word))


def recipient_findings(recipients: Iterable[str], *, allowed_addresses: Collection[str]) -> list[Finding]:
    """Distribution lists among an escalation's recipients; see :func:`check_recipients`."""
    findings: list[Finding] = []
    for index, recipient in enumerate(recipients, start=1):
        reason = f"recipient {index} is a group or distribution list"
        addresses = list(EMAIL.finditer(recipient))
        for match in addresses:
            if match.group().lower() not in allowed_addresses and is_group_address(match.group()):
                findings.append(
                    Finding(
                        Category.DISTRIBUTION_LIST, match.start(), match.end(), match.group(), 0.9, reason
                    )
                )
        if addresses:
            continue
        # A recipient without an address is a name: a group's when it says so (All Staff, DL-HR).
        name = recipient.strip()
        words = {word.lower() for word in _NAME_WORDS.findall(name)}
        if name and (words & GROUP_PARTS or _GROUP_NAME.search(name) or _MENTION.search(name)):
            start = recipient.index(name)
            findings.append(Finding(Category.DISTRIBUTION_LIST, start, start + len(name), name, 0.9, reason))
    return findings
