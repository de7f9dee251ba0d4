"""Writes of support: the agreed first level, tickets, comments and escalations (seed 004).

An escalation is checked for personal data and group recipients *before* anything is written:
a refused one raises :class:`~accord.support.composer.PersonalDataFound` and leaves no row, no
activity entry and no log line with its text. An accepted one is stored, logged without its text,
and e-mailed to the vendor's support address by the worker after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.errors import InvalidInput, Problem, StaleWrite
from accord.projects.access import ProjectAction, require
from accord.projects.models import Project, ProjectParticipant, ProjectPartner, RoleAssignment
from accord.support import selectors, tasks
from accord.support.composer import Draft, PersonalDataFound, findings_in
from accord.support.models import (
    Escalation,
    FirstLevel,
    SupportAgreement,
    SupportSettings,
    Ticket,
    TicketComment,
    TicketPriority,
    TicketStatus,
)
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.models import Membership, MembershipKind, Partner, Workspace

__all__ = [
    "escalation_email_deliver",
    "escalation_send",
    "support_address_set",
    "support_owner_agree",
    "ticket_change",
    "ticket_comment_add",
    "ticket_open",
]

SUBJECT_MAX = 200


def _problem(code: str, message: str, where: str, hint: str = "") -> InvalidInput:
    return InvalidInput([Problem(code, message, hint=hint, where=where)])


def _partner_on(project: Project, partner: Partner | int | None, where: str) -> Partner:
    partner_id = partner.pk if isinstance(partner, Partner) else partner
    link = (
        ProjectPartner.objects.select_related("partner")
        .filter(project_id=project.pk, partner_id=partner_id)
        .first()
        if partner_id is not None
        else None
    )
    if link is None:
        partners = selectors.project_partners(project)
        if partner_id is None and len(partners) == 1:
            return partners[0]
        raise _problem(
            "partner-not-on-project",
            _("Choose a partner working on this project."),
            where,
            hint=_("Add the partner on the People page first.") if not partners else "",
        )
    return link.partner


def _level(value: FirstLevel | str, where: str) -> FirstLevel:
    try:
        return FirstLevel(value)
    except ValueError:
        raise _problem(
            "unknown-first-level",
            _("The first level of support is the customer's team or the third party."),
            where,
            hint=_("Use “customer” or “partner”."),
        ) from None


@transaction.atomic
def support_owner_agree(
    *, actor: User, project: Project, first_level: FirstLevel | str, partner: Partner | int | None = None
) -> SupportAgreement:
    """Record who answers the first-level questions of ``project`` (seed 004: "CIT or TPA,
    depending on mutual agreements"), who agreed and when. Vendor admins and managers."""
    require(actor, ProjectAction.MANAGE, project)
    level = _level(first_level, "first_level")
    chosen = _partner_on(project, partner, "partner") if level is FirstLevel.PARTNER else None
    agreement = SupportAgreement.objects.select_for_update().filter(project_id=project.pk).first()
    before = None
    if agreement is None:
        agreement = SupportAgreement(project=project)
    else:
        before = {"first_level": agreement.first_level, "partner": agreement.partner_id}
        agreement.version += 1
    agreement.first_level = level.value
    agreement.partner = chosen
    agreement.agreed_by = actor
    agreement.agreed_at = timezone.now()
    agreement.save()
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.SUPPORT_OWNER_AGREED,
        target_type="support",
        target_key=str(project.pk),
        summary=level.value,
        before=before,
        after={
            "first_level": level.value,
            "partner": chosen.pk if chosen is not None else None,
            "owner": chosen.name if chosen is not None else project.customer.name,
        },
    )
    return agreement


@transaction.atomic
def support_address_set(*, actor: User, workspace: Workspace, address: str) -> SupportSettings:
    """Set where the workspace's escalations go (empty: back to ``ACCORD_SUPPORT_ADDRESS``)."""
    require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)
    address = address.strip()
    if address:
        try:
            validate_email(address)
        except ValidationError:
            raise _problem(
                "invalid-address",
                _("“%(address)s” is not an e-mail address.") % {"address": address},
                "support_address",
                hint=_("Write the vendor's support address, e.g. webservices@vendor.com."),
            ) from None
    row, _created = SupportSettings.objects.get_or_create(workspace=workspace)
    row.support_address = address
    row.updated_by = actor
    row.updated_at = timezone.now()
    row.save()
    activity_record(
        actor=actor,
        verb=Verb.SUPPORT_ADDRESS_SET,
        workspace_id=workspace.pk,
        target_type="support",
        target_key=str(workspace.pk),
        after={"address": address},
    )
    return row


def _clean(text: str, where: str, *, limit: int | None = None) -> str:
    text = (text or "").strip()
    if not text:
        raise _problem("required", _("This field is required."), where, hint=_("Write a few words."))
    if limit is not None and len(text) > limit:
        raise _problem(
            "too-long",
            _("At most %(limit)s characters.") % {"limit": limit},
            where,
            hint=_("Shorten it; put the details in the description."),
        )
    return text


def _priority(value: TicketPriority | str) -> TicketPriority:
    try:
        return TicketPriority(value)
    except ValueError:
        raise _problem(
            "unknown-priority",
            _("“%(value)s” is not a priority.") % {"value": value},
            "priority",
            hint=_("Use one of: %(values)s.") % {"values": ", ".join(TicketPriority.values)},
        ) from None


def first_level_people(project: Project, level: str, partner_id: int | None) -> list[int]:
    """Who is told of a new ticket: the customer's contacts staffing the project's roles (all of
    the customer's contacts when none does), or the partner's contacts on the project."""
    if level == FirstLevel.PARTNER and partner_id is not None:
        return list(
            ProjectParticipant.objects.filter(
                project_id=project.pk, user__memberships__partner_id=partner_id, user__is_active=True
            )
            .values_list("user_id", flat=True)
            .distinct()
        )
    contacts = Membership.objects.filter(
        workspace_id=project.workspace_id,
        kind=MembershipKind.CUSTOMER_CONTACT,
        customer_id=project.customer_id,
        user__is_active=True,
    ).values_list("user_id", flat=True)
    staffing = set(
        RoleAssignment.objects.filter(project_id=project.pk, user_id__in=contacts).values_list(
            "user_id", flat=True
        )
    )
    return sorted(staffing) or sorted(contacts)


@transaction.atomic
def ticket_open(
    *,
    actor: User,
    project: Project,
    subject: str,
    body: str,
    priority: TicketPriority | str = TicketPriority.NORMAL,
    first_level: FirstLevel | str | None = None,
    first_level_partner: Partner | int | None = None,
) -> Ticket:
    """Open a ticket on a project anyone who sees it may open one on. Its first level defaults to
    the agreed support owner (the customer's team when nothing is agreed); the first level's
    people are told through the inbox."""
    require(actor, ProjectAction.VIEW, project)
    subject = _clean(subject, "subject", limit=SUBJECT_MAX)
    body = _clean(body, "body")
    chosen_priority = _priority(priority)
    if first_level is None or first_level == "":
        owner = selectors.support_owner(project)
        level = owner.first_level if owner is not None else FirstLevel.CUSTOMER
        partner = owner.partner if owner is not None else None
    else:
        level = _level(first_level, "first_level_owner")
        partner = (
            _partner_on(project, first_level_partner, "first_level_owner")
            if level is FirstLevel.PARTNER
            else None
        )
    ticket = Ticket.objects.create(
        project=project,
        subject=subject,
        body=body,
        priority=chosen_priority.value,
        first_level=level.value,
        first_level_partner=partner,
        opened_by=actor,
    )
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.TICKET_OPENED,
        target_type="ticket",
        target_key=str(ticket.pk),
        summary=f"ticket #{ticket.pk}",
        after={
            "ticket": ticket.pk,
            "priority": ticket.priority,
            "first_level": ticket.first_level,
            "notify": first_level_people(project, ticket.first_level, ticket.first_level_partner_id),
        },
    )
    return ticket


def _locked(actor: User, ticket: Ticket) -> Ticket:
    locked = (
        Ticket.objects.select_for_update().select_related("project", "project__customer").get(pk=ticket.pk)
    )
    require(actor, ProjectAction.VIEW, locked.project)
    return locked


@transaction.atomic
def ticket_change(
    *,
    actor: User,
    ticket: Ticket,
    expected_version: int,
    status: str | None = None,
    priority: str | None = None,
    first_level: str | None = None,
    first_level_partner: Partner | int | None = None,
) -> Ticket:
    """Change a ticket's status, priority or first level (anyone who sees its project)."""
    ticket = _locked(actor, ticket)
    if ticket.version != expected_version:
        raise StaleWrite(
            _("Someone changed this ticket meanwhile; nothing was changed."),
            hint=_("Reload the ticket and apply your change again."),
        )
    before = {"status": ticket.status, "priority": ticket.priority, "first_level": ticket.first_level}
    if status:
        if status not in TicketStatus.values:
            raise _problem("unknown-status", _("“%(value)s” is not a status.") % {"value": status}, "status")
        ticket.status = status
    if priority:
        ticket.priority = _priority(priority).value
    if first_level:
        level = _level(first_level, "first_level")
        ticket.first_level = level.value
        ticket.first_level_partner = (
            _partner_on(ticket.project, first_level_partner, "first_level_partner")
            if level is FirstLevel.PARTNER
            else None
        )
    after = {"status": ticket.status, "priority": ticket.priority, "first_level": ticket.first_level}
    if after == before and not first_level:
        return ticket
    ticket.version += 1
    ticket.updated_at = timezone.now()
    ticket.save()
    activity_record(
        actor=actor,
        project=ticket.project,
        verb=Verb.TICKET_CHANGED,
        target_type="ticket",
        target_key=str(ticket.pk),
        before=before,
        after=after,
    )
    return ticket


@transaction.atomic
def ticket_comment_add(*, actor: User, ticket: Ticket, body: str) -> TicketComment:
    """Add a comment to a ticket (anyone who sees its project)."""
    ticket = _locked(actor, ticket)
    comment = TicketComment.objects.create(ticket=ticket, author=actor, body=_clean(body, "body"))
    Ticket.objects.filter(pk=ticket.pk).update(updated_at=timezone.now())
    activity_record(
        actor=actor,
        project=ticket.project,
        verb=Verb.TICKET_COMMENTED,
        target_type="ticket",
        target_key=str(ticket.pk),
        after={"comment": comment.pk},
    )
    return comment


def recipients_parsed(recipients: Iterable[str] | str) -> tuple[str, ...]:
    """Recipients as written: one per line or separated by commas or semicolons."""
    if isinstance(recipients, str):
        recipients = recipients.replace(";", "\n").replace(",", "\n").splitlines()
    return tuple(item.strip() for item in recipients if item and item.strip())


def _address_of(recipient: str) -> str:
    inside = recipient.rsplit("<", 1)[-1].rstrip(">").strip() if "<" in recipient else recipient
    return inside


def _recipient_problems(recipients: tuple[str, ...]) -> list[Problem]:
    problems = []
    for index, recipient in enumerate(recipients, start=1):
        try:
            validate_email(_address_of(recipient))
        except ValidationError:
            problems.append(
                Problem(
                    "invalid-recipient",
                    _("Recipient %(index)s is not an e-mail address.") % {"index": index},
                    hint=_("Write one address a line, e.g. someone@example.com."),
                    where="recipients",
                )
            )
    return problems


@transaction.atomic
def escalation_send(
    *, actor: User, ticket: Ticket, subject: str, body: str, recipients: Iterable[str] | str = ()
) -> Escalation:
    """Escalate a ticket to the vendor's support: refused, with nothing written, when the text holds
    personal data or a recipient is a group (:class:`PersonalDataFound`); otherwise stored, logged
    without its text, and e-mailed by the worker to the support address and the other recipients."""
    require(actor, ProjectAction.VIEW, ticket.project)
    address = selectors.support_address(ticket.project.workspace_id)
    draft = Draft(subject=subject or "", body=body or "", recipients=recipients_parsed(recipients))
    found = findings_in(draft, support_address=address)
    if found:
        raise PersonalDataFound(found)
    subject = _clean(draft.subject, "subject", limit=SUBJECT_MAX)
    body = _clean(draft.body, "body")
    problems = _recipient_problems(draft.recipients)
    if problems:
        raise InvalidInput(problems)
    if not address:
        raise _problem(
            "no-support-address",
            _("The vendor's support address is not set."),
            "recipients",
            hint=_("A vendor manager sets it on the workspace's support settings."),
        )
    others = [item for item in draft.recipients if _address_of(item).lower() != address.lower()]
    ticket = _locked(actor, ticket)
    escalation = Escalation.objects.create(
        ticket=ticket, subject=subject, body=body, recipients=[address, *others], sent_by=actor
    )
    before = ticket.status
    ticket.status = TicketStatus.ESCALATED
    ticket.version += 1
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=["status", "version", "updated_at"])
    activity_record(
        actor=actor,
        project=ticket.project,
        verb=Verb.TICKET_ESCALATED,
        target_type="ticket",
        target_key=str(ticket.pk),
        before={"status": before},
        after={
            "escalation": escalation.pk,
            "recipients": len(escalation.recipients),
            "status": ticket.status,
        },
    )
    escalation_id = escalation.pk
    transaction.on_commit(lambda: tasks.escalation_email_send.enqueue(escalation_id=escalation_id))
    return escalation


def escalation_email_deliver(*, escalation_id: int) -> bool:
    """E-mail an escalation to its recipients once; returns whether it was sent now."""
    escalation = (
        Escalation.objects.select_related("ticket__project__customer", "sent_by")
        .filter(pk=escalation_id, emailed_at__isnull=True)
        .first()
    )
    if escalation is None:
        return False
    ticket = escalation.ticket
    sender = escalation.sent_by
    context: dict[str, Any] = {
        "escalation": escalation,
        "ticket": ticket,
        "project": ticket.project,
        "sender": sender,
        "link": settings.ACCORD_BASE_URL
        + reverse("support:ticket", kwargs={"project_id": ticket.project_id, "ticket_id": ticket.pk}),
    }
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("support/escalation_email.txt", context)
    message = EmailMessage(
        subject=f"[{ticket.project.customer.name}] {escalation.subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(escalation.recipients),
        reply_to=[sender.email] if sender is not None else None,
    )
    message.send()
    Escalation.objects.filter(pk=escalation.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return True
