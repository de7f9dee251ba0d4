"""The linter's findings in the reader's language.

The linter (:mod:`accord.domain.lint`) has no Django and writes its messages in English, for the
CLI and the API. Pages translate them here, at the edge, from what a finding carries: its rule
code, its task and its roles. English pages keep the linter's own words; another language reads
the rule's message from the catalogue, with the task's and the roles' names put in. A code this
table does not know keeps the linter's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.translation import get_language, gettext, ngettext

from accord.domain.lint.model import Finding


@dataclass(frozen=True, slots=True)
class FindingText:
    message: str
    hint: str


def _names(names: list[str]) -> str:
    """Roles named in prose, in the active language: "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _limit(finding: Finding) -> str:
    match = re.search(r"more than (\d+)", finding.message)
    return match.group(1) if match else "?"


def _quoted_keys(finding: Finding) -> str:
    return finding.message.rpartition(": ")[2]


_Texts = Callable[[Finding, dict[str, str]], FindingText]


def _accountable(finding: Finding, values: dict[str, str]) -> FindingText:
    hint = gettext(
        "Name the one role that approves the work (A); seed 000 recommends a single Approver per task."
    )
    if not finding.roles:
        return FindingText(gettext("task “%(task)s” has no Accountable") % values, hint)
    return FindingText(
        gettext("task “%(task)s” has %(count)s Accountables: %(roles)s") % values,
        gettext(
            "Keep one Accountable and make the others Consulted or Informed; seed 000 recommends a "
            "single Approver per task."
        ),
    )


_TABLE: dict[str, _Texts] = {
    "RACI001": _accountable,
    "RACI002": lambda finding, values: FindingText(
        gettext("task “%(task)s” has %(count)s Responsibles: %(roles)s") % values,
        gettext(
            "Keep the one role that does the work as R and make the others Consulted; if only one of "
            "them is chosen per project, record them as owner alternatives."
        ),
    ),
    "RACI003": lambda finding, values: FindingText(
        gettext("task “%(task)s” has no Responsible") % values,
        gettext("Name the one role that does the work (R); without it nobody knows whose move it is."),
    ),
    "RACI004": lambda finding, values: FindingText(
        gettext("%(roles)s is Responsible or Accountable on no task") % values,
        gettext(
            "Give the role a task to do or approve, record the hand-over it takes work over by, or "
            "remove it if it only follows the project."
        ),
    ),
    "RACI005": lambda finding, values: FindingText(
        ngettext(
            "task “%(task)s”: %(roles)s is Informed and also Responsible or Accountable",
            "task “%(task)s”: %(roles)s are Informed and also Responsible or Accountable",
            len(finding.roles),
        )
        % values,
        gettext("Drop the I: whoever does or approves the work already knows how it is going."),
    ),
    "RACI006": lambda finding, values: FindingText(
        gettext("task “%(task)s” consults %(count)s roles (more than %(limit)s): %(roles)s")
        % (values | {"limit": _limit(finding)}),
        gettext(
            "Consult only the roles whose advice the work needs and inform the others: each "
            "Consulted role is a two-way exchange that slows the task."
        ),
    ),
    "RACI007": lambda finding, values: FindingText(
        gettext("“%(task)s” names roles the playbook does not define: %(keys)s")
        % (values | {"keys": _quoted_keys(finding)}),
        gettext("Add the role to the playbook or fix the key."),
    ),
    "RACI008": lambda finding, values: FindingText(
        gettext(
            "task “%(task)s”: %(whole)s stands for a whole side and %(roles)s of that side also "
            "do the work (R)"
        )
        % values,
        gettext("Keep R on the specific role and make the whole side Informed, or keep only the whole side."),
    ),
    "RACI009": lambda finding, values: FindingText(
        gettext("task “%(task)s” is N/A for every role: nobody does, approves or hears of it") % values,
        gettext(
            "Give it a Responsible and an Accountable, restrict it to the variants where it applies, or "
            "remove it."
        ),
    ),
}


def finding_text(finding: Finding, *, task_name: str, role_names: Mapping[str, str]) -> FindingText:
    """The finding's message and hint in the active language, with the task's and roles' names."""
    texts = _TABLE.get(finding.code)
    if texts is None or (get_language() or "en").startswith("en"):
        return FindingText(finding.message, finding.hint)
    names = [role_names.get(role, role) for role in finding.roles]
    values = {
        "task": task_name or finding.task or "",
        "count": str(len(finding.roles)),
        "roles": _names(names[1:] if finding.code == "RACI008" else names),
        "whole": names[0] if names else "",
    }
    return texts(finding, values)
