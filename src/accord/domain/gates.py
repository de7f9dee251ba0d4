"""Gates: conditions that must all hold before a step may be taken, and the refusal that names them.

A test campaign has two gates (start, sign-off) and a project one more (go-live). Each gate is a
list of :class:`Condition` — a stable code, whether it is met, a sentence saying what fails, and
who can lift it — decided here from plain facts; the shell fills in names and translations.
A gate with an unmet condition is refused with :class:`GateClosed`, which carries every unmet
condition (never only the first), so a person sees at once all that stands in the way.

Messages are English templates marked with :func:`mark_for_translation`; the shell renders them
through gettext with :meth:`Condition.translated`, as :mod:`accord.domain.workflow` does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from accord.domain.errors import AccordError


def mark_for_translation(text: str) -> str:
    """Return ``text`` unchanged; marks it for the message catalogue (like gettext_noop)."""
    return text


_ = mark_for_translation


class CampaignKind(StrEnum):
    """SIT (testers, data flows as designed, first), UAT (users, requirements, after SIT) and
    E2E (one end-to-end session per integration case)."""

    SIT = "sit"
    UAT = "uat"
    E2E = "e2e"


class CampaignState(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    SIGNED_OFF = "signed_off"


class RunResult(StrEnum):
    PASS = "pass"  # noqa: S105 - a test result, not a password
    FAIL = "fail"
    BLOCKED = "blocked"


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of a gate.

    ``message`` is what the condition says (an English template with ``%(name)s`` placeholders
    filled from ``values``); ``lifted_by`` who can make it hold (already a name or a translated
    phrase, from the shell). ``applicable`` is False when the condition does not concern this
    project (shown as "not applicable", and met).
    """

    code: str
    met: bool
    message: str
    lifted_by: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    applicable: bool = True

    def text(self, translate: Callable[[str], str] = mark_for_translation) -> str:
        """The message with its values, through ``translate`` (a gettext)."""
        return translate(self.message) % dict(self.values) if self.values else translate(self.message)

    def translated(self, translate: Callable[[str], str]) -> Condition:
        """The same condition with its message rendered through ``translate``."""
        return replace(self, message=self.text(translate), values={})


class GateClosed(AccordError):
    """A gate refused: ``unmet`` are the conditions that do not hold; nothing was changed."""

    code = "gate-closed"

    def __init__(self, message: str, unmet: Sequence[Condition], *, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.unmet: tuple[Condition, ...] = tuple(unmet)

    def details(self) -> list[dict[str, str]]:
        """The unmet conditions as the API's error details: ``[{code, message, lifted_by}]``."""
        return [
            {"code": item.code, "message": item.text(), "lifted_by": item.lifted_by} for item in self.unmet
        ]


def unmet(conditions: Sequence[Condition]) -> tuple[Condition, ...]:
    """The conditions that do not hold."""
    return tuple(item for item in conditions if not item.met)


def is_open(conditions: Sequence[Condition]) -> bool:
    """Whether every condition holds."""
    return not unmet(conditions)


# --- The campaign gates ----------------------------------------------------------------------


def start_conditions(
    *, kind: CampaignKind, state: CampaignState, sit_signed_off: bool, sit_lifted_by: str, lifted_by: str
) -> tuple[Condition, ...]:
    """What must hold to start a campaign: it has not started yet, and a UAT waits for a SIT
    signed off (SIT checks the data flows before users check their requirements)."""
    conditions = [
        Condition(
            "campaign-already-started",
            state is CampaignState.NOT_STARTED,
            _("The campaign has already started."),
            lifted_by=lifted_by,
        )
    ]
    if kind is CampaignKind.UAT:
        conditions.append(
            Condition(
                "sit-not-signed-off",
                sit_signed_off,
                _("UAT cannot start before a SIT campaign of this project is signed off."),
                lifted_by=sit_lifted_by,
            )
        )
    return tuple(conditions)


def sign_off_conditions(
    *,
    state: CampaignState,
    failing_cases: Sequence[str],
    critical_defects: Sequence[str],
    lifted_by_testers: str,
    lifted_by_defect_owners: str,
    lifted_by: str,
) -> tuple[Condition, ...]:
    """What must hold to sign a campaign off: it is running, no case's latest run fails, and no
    critical defect is open."""
    return (
        Condition(
            "campaign-not-running",
            state is CampaignState.RUNNING,
            _("Only a running campaign can be signed off; start it first.")
            if state is CampaignState.NOT_STARTED
            else _("The campaign is already signed off."),
            lifted_by=lifted_by,
        ),
        Condition(
            "run-failing",
            not failing_cases,
            _("The latest run of %(count)s case(s) fails: %(cases)s."),
            lifted_by=lifted_by_testers,
            values={"count": len(failing_cases), "cases": ", ".join(failing_cases[:5])},
        ),
        Condition(
            "critical-defect-open",
            not critical_defects,
            _("%(count)s critical defect(s) still open: %(defects)s."),
            lifted_by=lifted_by_defect_owners,
            values={"count": len(critical_defects), "defects": ", ".join(critical_defects[:5])},
        ),
    )


# --- The go-live gate ------------------------------------------------------------------------


class GoLiveCode(StrEnum):
    UAT_SIGNED_OFF = "uat-signed-off"
    TEMPLATE_SWITCHED = "template-switched"
    CREDENTIALS_ISSUED = "credentials-issued"
    SUPPORT_OWNER_AGREED = "support-owner-agreed"
    COMMUNICATION_READY = "communication-ready"


#: The order the checklist shows them in.
GO_LIVE_CODES: tuple[GoLiveCode, ...] = tuple(GoLiveCode)
