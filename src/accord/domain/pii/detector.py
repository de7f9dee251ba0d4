"""Find the personal data in a text before it goes to the vendor's support (seed 004).

Every recognizer proposes scored candidates; those under the threshold are near-misses and
are dropped; among overlapping candidates the best is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from accord.domain.pii.contact import allowed_spans, emails, group_names, phones, recipient_findings
from accord.domain.pii.dates_amounts import dates_of_birth, salaries
from accord.domain.pii.model import DEFAULT_THRESHOLD, Category, Finding, resolve_overlaps
from accord.domain.pii.numbers import bank_accounts, cards, national_ids

_RECOGNIZERS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    phones,
    national_ids,
    bank_accounts,
    cards,
    dates_of_birth,
    salaries,
    group_names,
)


def _lowered(values: Iterable[str]) -> frozenset[str]:
    return frozenset(value.strip().lower() for value in values if value.strip())


def find_personal_data(
    text: str,
    *,
    allowed_domains: Iterable[str] = (),
    allowed_addresses: Iterable[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
    categories: Iterable[Category] | None = None,
) -> list[Finding]:
    """The personal data in ``text``, in text order, one finding per span.

    Every e-mail address is a person's and is reported, except the ``allowed_addresses``
    (e.g. the vendor's support address, never reported) and the addresses of people in
    ``allowed_domains`` (e.g. the vendor's own staff). Group addresses (all@, team@, dl-…@,
    support@) are reported as distribution lists whatever their domain. ``categories``
    limits the search; ``threshold`` is the least score reported.
    """
    domains = _lowered(domain.lstrip("@") for domain in allowed_domains)
    addresses = _lowered(allowed_addresses)
    wanted = frozenset(Category) if categories is None else frozenset(categories)
    candidates: list[Finding] = list(emails(text, allowed_domains=domains, allowed_addresses=addresses))
    for recognizer in _RECOGNIZERS:
        candidates.extend(recognizer(text))
    masked = allowed_spans(text, addresses)
    kept = [
        finding
        for finding in candidates
        if finding.score >= threshold
        and finding.category in wanted
        and not any(finding.start < end and start < finding.end for start, end in masked)
    ]
    return resolve_overlaps(kept)


def check_recipients(addresses: Iterable[str], *, allowed_addresses: Iterable[str] = ()) -> list[Finding]:
    """The recipients of an escalation that are groups or distribution lists.

    Each recipient is an address (``dl-payroll@acme.com``), a name and an address
    (``Payroll Team <payroll-team@acme.com>``) or a bare name (``All Staff``). One finding per
    group found: ``start``/``end`` index that recipient's own string, ``text`` is the group's
    address or name, and ``reason`` names the recipient's position (1-based). The vendor's
    support address goes in ``allowed_addresses``.
    """
    return recipient_findings(addresses, allowed_addresses=_lowered(allowed_addresses))
