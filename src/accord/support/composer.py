"""The escalation composer's check: what personal data a draft holds, where, and its redaction.

Built on the pure detector (:mod:`accord.domain.pii`). A refused draft raises
:class:`PersonalDataFound`, whose details give each finding's field, category and span, never the
text itself: the refusal must not repeat what it refuses into a log or an API answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.domain.errors import AccordError
from accord.domain.pii import Category, Finding, check_recipients, find_personal_data, redact

#: Each category as people read it, in English and French.
CATEGORY_NAMES: dict[Category, Promise] = {
    Category.EMAIL: gettext_lazy("e-mail address"),
    Category.PHONE: gettext_lazy("phone number"),
    Category.NATIONAL_ID: gettext_lazy("national identifier"),
    Category.BANK: gettext_lazy("bank account (IBAN, RIB)"),
    Category.CARD: gettext_lazy("payment card number"),
    Category.DOB: gettext_lazy("date of birth"),
    Category.SALARY: gettext_lazy("salary or pay figure"),
    Category.DISTRIBUTION_LIST: gettext_lazy("group or distribution list"),
}


@dataclass(frozen=True, slots=True)
class Located:
    """A finding in one field of the draft (``recipients``: ``index`` is the recipient's)."""

    field: str
    finding: Finding
    index: int | None = None

    @property
    def category_name(self) -> str:
        return str(CATEGORY_NAMES[self.finding.category])

    def as_detail(self) -> dict[str, Any]:
        """What the API answers for it: no text."""
        detail: dict[str, Any] = {
            "field": self.field,
            "category": self.finding.category.value,
            "start": self.finding.start,
            "end": self.finding.end,
        }
        if self.index is not None:
            detail["recipient"] = self.index
        return detail


class PersonalDataFound(AccordError):
    """The draft holds personal data or group recipients; nothing was stored or sent."""

    code = "personal-data"

    def __init__(self, located: Sequence[Located]) -> None:
        self.located = tuple(located)
        super().__init__(
            _("This escalation holds personal data or group recipients; nothing was sent or kept."),
            hint=_("Remove or redact each marked part, then send again."),
        )

    def details(self) -> list[dict[str, Any]]:
        return [item.as_detail() for item in self.located]


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str
    body: str
    recipients: tuple[str, ...]


def findings_in(draft: Draft, *, support_address: str) -> list[Located]:
    """Every finding of the draft: in its subject, its body, and group recipients."""
    allowed = [support_address] if support_address else []
    located = [
        Located(field, finding)
        for field, text in (("subject", draft.subject), ("body", draft.body))
        for finding in find_personal_data(text, allowed_addresses=allowed)
    ]
    for finding in check_recipients(draft.recipients, allowed_addresses=allowed):
        index = _recipient_index(finding)
        located.append(Located("recipients", finding, index))
    return located


def _recipient_index(finding: Finding) -> int:
    # check_recipients names the recipient's 1-based position in its reason ("recipient 2 is …").
    digits = "".join(ch if ch.isdigit() else " " for ch in finding.reason).split()
    return int(digits[0]) - 1 if digits else 0


def draft_redacted(draft: Draft, *, support_address: str) -> Draft:
    """The draft with each finding replaced by its placeholder and group recipients dropped."""
    located = findings_in(draft, support_address=support_address)
    groups = {item.index for item in located if item.field == "recipients"}
    return Draft(
        subject=redact(draft.subject, [item.finding for item in located if item.field == "subject"]),
        body=redact(draft.body, [item.finding for item in located if item.field == "body"]),
        recipients=tuple(address for index, address in enumerate(draft.recipients) if index not in groups),
    )


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a field's text, marked when it is a finding."""

    text: str
    category: str = ""
    category_name: str = ""


def segments(text: str, located: Sequence[Located], field: str) -> list[Segment]:
    """``text`` cut into plain and marked pieces, for a page that highlights the findings."""
    pieces: list[Segment] = []
    position = 0
    for item in sorted(
        (item for item in located if item.field == field), key=lambda item: item.finding.start
    ):
        start, end = item.finding.start, item.finding.end
        if start < position:
            continue
        if start > position:
            pieces.append(Segment(text[position:start]))
        pieces.append(Segment(text[start:end], item.finding.category.value, item.category_name))
        position = end
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return pieces
