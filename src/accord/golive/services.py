"""Every write to the go-live gate: the integration contact, a credential hand-over, the
communication, and the go-live itself (refused while the gate is closed, unless a vendor admin
overrides it with a written reason, which the activity log keeps).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.errors import InvalidInput, Problem, StaleWrite
from accord.domain.gates import Condition, GateClosed, unmet
from accord.golive import selectors
from accord.golive.models import CredentialHandover, GoLiveGate
from accord.projects.access import NotAllowed, ProjectAction, project_access, require, visible_projects
from accord.projects.models import Project

TEXT_MAX = 2000
REASON_MIN = 10
#: Something that looks like a secret: a long run of letters and digits mixed, or a known token
#: prefix. Hand-overs record who and when, never the credentials themselves.
_SECRET = re.compile(
    r"acc_[A-Za-z0-9]|whsec_|(?=[A-Za-z0-9_\-]*\d)(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{24,}"
)


def _problem(code: str, message: str, where: str, hint: str = "") -> InvalidInput:
    return InvalidInput([Problem(code, message, hint=hint, where=where)])


def _locked_gate(project: Project) -> GoLiveGate:
    gate, _created = GoLiveGate.objects.select_for_update().get_or_create(project=project)
    gate.project = project
    return gate


def _check_version(gate: GoLiveGate, expected_version: int | None) -> None:
    if expected_version is not None and gate.version != expected_version:
        raise StaleWrite(
            _(
                "The go-live checklist was changed by someone else while you were looking at it; "
                "nothing was changed."
            ),
            hint=_("Reload the page to see the change, then try again."),
        )


def _save(gate: GoLiveGate, *fields: str) -> None:
    gate.version += 1
    gate.updated_at = timezone.now()
    gate.save(update_fields=[*fields, "version", "updated_at"])


def _person(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "email": user.email, "name": user.get_full_name()}


def _record(actor: User, project: Project, verb: Verb, **after: Any) -> None:
    activity_record(
        actor=actor,
        project=project,
        verb=verb,
        target_type="golive",
        target_key=str(project.pk),
        summary=str(after.get("item") or verb.label)[:200],
        after=after,
    )


def _refuse_secret(text: str, where: str) -> None:
    if _SECRET.search(text):
        raise _problem(
            "looks-like-a-secret",
            _(
                "This looks like a credential; Accord records who received the credentials and when, "
                "never them."
            ),
            where,
            _("Remove the secret and write only the recipient, the date and how they were sent."),
        )


@transaction.atomic
def integration_contact_set(
    *, actor: User, project: Project, contact: User | None, expected_version: int | None = None
) -> GoLiveGate:
    """Name the person who receives the API credentials (seed 004's "integration team contact"):
    someone who sees the project. Vendor admins and managers."""
    require(actor, ProjectAction.MANAGE, project)
    gate = _locked_gate(project)
    _check_version(gate, expected_version)
    if contact is not None and not visible_projects(contact).filter(pk=project.pk).exists():
        raise _problem(
            "contact-unknown",
            _("%(person)s does not take part in this project.") % {"person": contact.get_full_name()},
            "integration_contact",
            _("Choose a contact of the customer or of a partner on the project."),
        )
    gate.integration_contact = contact
    _save(gate, "integration_contact")
    _record(actor, project, Verb.GOLIVE_GATE_CHANGED, item="integration-contact", person=_person(contact))
    return gate


@transaction.atomic
def credentials_handover_record(
    *, actor: User, project: Project, recipient: str, handed_over_on: dt.date, note: str = ""
) -> CredentialHandover:
    """Record that API credentials were handed over outside Accord: to whom, on which day, how.
    Never the secret itself (a text that looks like one is refused). Vendor admins and managers."""
    require(actor, ProjectAction.MANAGE, project)
    recipient = (recipient or "").strip()
    note = (note or "").strip()
    if not recipient:
        raise _problem("required", _("Name who received the credentials."), "recipient")
    if len(recipient) > 200 or len(note) > 300:
        raise _problem("too-long", _("Keep it short: a name, a date, a few words."), "note")
    if handed_over_on > timezone.localdate():
        raise _problem("date-in-future", _("The hand-over cannot be in the future."), "handed_over_on")
    _refuse_secret(recipient, "recipient")
    _refuse_secret(note, "note")
    gate = _locked_gate(project)
    handover = CredentialHandover.objects.create(
        gate=gate, recipient=recipient, handed_over_on=handed_over_on, note=note, recorded_by=actor
    )
    _save(gate)
    _record(
        actor,
        project,
        Verb.CREDENTIALS_HANDED_OVER,
        person={"name": recipient},
        date=handed_over_on.isoformat(),
    )
    return handover


@transaction.atomic
def communication_set(
    *, actor: User, project: Project, ready: bool, note: str = "", expected_version: int | None = None
) -> GoLiveGate:
    """Mark the go-live communication to end users ready (or not yet). Vendor admins and managers."""
    require(actor, ProjectAction.MANAGE, project)
    gate = _locked_gate(project)
    _check_version(gate, expected_version)
    note = (note or "").strip()
    if len(note) > TEXT_MAX:
        raise _problem(
            "too-long", _("At most %(limit)s characters.") % {"limit": TEXT_MAX}, "communication_note"
        )
    gate.communication_ready = ready
    gate.communication_note = note
    gate.communication_marked_by = actor
    gate.communication_marked_at = timezone.now()
    _save(
        gate,
        "communication_ready",
        "communication_note",
        "communication_marked_by",
        "communication_marked_at",
    )
    _record(
        actor,
        project,
        Verb.GOLIVE_GATE_CHANGED,
        item="communication-ready" if ready else "communication-not-ready",
    )
    return gate


def _already_live(gate: GoLiveGate) -> None:
    if gate.went_live_at is not None:
        condition = Condition(
            "already-live",
            False,
            _("The project went live on %(date)s.")
            % {"date": formats.date_format(timezone.localdate(gate.went_live_at))},
            lifted_by=_("nobody: a project goes live once"),
        )
        raise GateClosed(_("The project is already live."), [condition])


@transaction.atomic
def go_live(*, actor: User, project: Project, override_reason: str = "") -> GoLiveGate:
    """Take the project live and open its monitoring period (ACCORD_GOLIVE_MONITORING_DAYS).

    Refused (GateClosed, with every unmet condition and who is responsible) until the checklist
    holds; a vendor admin may override it with a written reason, logged with the conditions it
    overrode. Vendor admins and managers."""
    require(actor, ProjectAction.MANAGE, project)
    access = project_access(actor, project.pk)
    gate = _locked_gate(access.project)
    _already_live(gate)
    missing = unmet(selectors.gate_conditions(access.project, gate))
    reason = (override_reason or "").strip()
    if missing and not reason:
        raise GateClosed(
            _("The project cannot go live yet: %(count)s condition(s) of the checklist do not hold.")
            % {"count": len(missing)},
            missing,
            hint=_("A vendor admin may override the gate with a written reason."),
        )
    if missing:
        if not access.allows(ProjectAction.OVERRIDE_GATE):
            raise NotAllowed(
                _("Only a vendor admin can override the go-live gate."),
                hint=_("Ask a vendor admin of this workspace, or meet the conditions."),
            )
        if len(reason) < REASON_MIN:
            raise _problem(
                "reason-too-short",
                _(
                    "Write why the project goes live although the gate is closed "
                    "(at least %(count)s characters)."
                )
                % {"count": REASON_MIN},
                "override_reason",
            )
    now = timezone.now()
    gate.went_live_at = now
    gate.went_live_by = actor
    gate.overridden = bool(missing)
    gate.override_reason = reason if missing else ""
    gate.monitoring_until = timezone.localdate(now) + dt.timedelta(
        days=settings.ACCORD_GOLIVE_MONITORING_DAYS
    )
    _save(gate, "went_live_at", "went_live_by", "overridden", "override_reason", "monitoring_until")
    if missing:
        _record(
            actor,
            access.project,
            Verb.GOLIVE_OVERRIDDEN,
            reason=reason,
            overridden=[condition.code for condition in missing],
        )
    else:
        _record(actor, access.project, Verb.WENT_LIVE, monitoring_until=gate.monitoring_until.isoformat())
    return gate
