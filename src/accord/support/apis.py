"""The support operations of the HTTP API (mounted by accord.api; see docs/api.md).

Tickets on a project, escalations of a ticket to the vendor's support, and the agreed first
level of support. An escalation holding personal data or a group recipient answers 422
``{"code": "personal-data", "details": [{field, category, start, end}]}`` and nothing is stored.
"""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody, error_response, error_status_register
from accord.apikit.pagination import CursorPagination
from accord.apikit.schemas import RowId
from accord.support import selectors, services
from accord.support.composer import PersonalDataFound
from accord.support.models import Escalation, Ticket

router = Router(tags=["Support"])
error_status_register(PersonalDataFound.code, 422)

Level = Literal["customer", "partner"]
PriorityName = Literal["low", "normal", "high", "urgent"]


class TicketIn(Schema):
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=20000)
    priority: PriorityName = "normal"
    first_level_owner: Level | None = Field(
        None,
        description="the customer (team) or the partner; by default the agreed support owner",
    )
    partner: RowId | None = Field(None, description="the partner, when first_level_owner is partner")


class TicketOut(Schema):
    id: int
    project_id: int
    subject: str
    body: str
    status: str
    priority: str
    first_level_owner: Level
    partner: int | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_first_level_owner(ticket: Ticket) -> str:
        return ticket.first_level

    @staticmethod
    def resolve_partner(ticket: Ticket) -> int | None:
        return ticket.first_level_partner_id


class EscalationIn(Schema):
    subject: str = Field(max_length=200)
    body: str = Field(max_length=20000)
    recipients: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="further addresses; the vendor's support address is always included",
    )


class EscalationOut(Schema):
    id: int
    ticket_id: int
    subject: str
    body: str
    recipients: list[str]
    created_at: datetime
    emailed_at: datetime | None


class SupportOwnerIn(Schema):
    first_level_owner: Level
    partner: RowId | None = None


class SupportOwnerOut(Schema):
    agreed: bool
    first_level_owner: Level | None = None
    name: str = ""
    partner: int | None = None
    agreed_by: str | None = None
    agreed_at: datetime | None = None


def _owner_out(owner: selectors.SupportOwner | None) -> SupportOwnerOut:
    if owner is None:
        return SupportOwnerOut(agreed=False)
    return SupportOwnerOut(
        agreed=True,
        first_level_owner=owner.first_level.value,  # type: ignore[arg-type]
        name=owner.name,
        partner=owner.partner.pk if owner.partner is not None else None,
        agreed_by=owner.agreed_by.email if owner.agreed_by is not None else None,
        agreed_at=owner.agreed_at,
    )


@router.get("/projects/{project_id}/tickets", response={200: list[TicketOut], 404: ErrorBody})
@paginate(CursorPagination, sort_key="-created_at")
def ticket_list(request: HttpRequest, project_id: RowId) -> Any:
    """The project's support tickets, newest first."""
    _access, tickets = selectors.project_tickets(acting_user(request), project_id)
    return tickets


@router.post("/projects/{project_id}/tickets", response={201: TicketOut, 404: ErrorBody})
def ticket_create(request: HttpRequest, project_id: RowId, payload: TicketIn) -> Status[Ticket]:
    """Open a ticket; its first level is the agreed support owner unless given."""
    access, _tickets = selectors.project_tickets(acting_user(request), project_id)
    ticket = services.ticket_open(
        actor=acting_user(request),
        project=access.project,
        subject=payload.subject,
        body=payload.body,
        priority=payload.priority,
        first_level=payload.first_level_owner,
        first_level_partner=payload.partner,
    )
    return Status(201, ticket)


@router.get("/tickets/{ticket_id}", response={200: TicketOut, 404: ErrorBody})
def ticket_read(request: HttpRequest, ticket_id: RowId) -> Ticket:
    """One ticket."""
    return selectors.ticket_access(acting_user(request), ticket_id).ticket


@router.get("/tickets/{ticket_id}/escalations", response={200: list[EscalationOut], 404: ErrorBody})
@paginate(CursorPagination, sort_key="-created_at")
def escalation_list(request: HttpRequest, ticket_id: RowId) -> Any:
    """The escalations of a ticket, newest first."""
    found = selectors.ticket_access(acting_user(request), ticket_id)
    return selectors.ticket_escalations(found.ticket)


@router.post("/tickets/{ticket_id}/escalations", response={201: EscalationOut, 404: ErrorBody})
def escalation_create(request: HttpRequest, ticket_id: RowId, payload: EscalationIn) -> Any:
    """Escalate a ticket to the vendor's support by e-mail. Personal data in the subject or body,
    or a group recipient, answers 422 ``personal-data`` with each finding's field, category and
    span (never its text), and nothing is stored."""
    found = selectors.ticket_access(acting_user(request), ticket_id)
    try:
        escalation: Escalation = services.escalation_send(
            actor=acting_user(request),
            ticket=found.ticket,
            subject=payload.subject,
            body=payload.body,
            recipients=payload.recipients,
        )
    except PersonalDataFound as error:
        response: HttpResponse = error_response(422, error.code, error.message, error.details())
        return response
    return Status(201, escalation)


@router.get("/projects/{project_id}/support-owner", response={200: SupportOwnerOut, 404: ErrorBody})
def support_owner_read(request: HttpRequest, project_id: RowId) -> SupportOwnerOut:
    """The agreed first level of support: the customer's team or a partner, who agreed and when."""
    _access, owner = selectors.support_owner_for(acting_user(request), project_id)
    return _owner_out(owner)


@router.post("/projects/{project_id}/support-owner", response={200: SupportOwnerOut, 404: ErrorBody})
def support_owner_agree(request: HttpRequest, project_id: RowId, payload: SupportOwnerIn) -> SupportOwnerOut:
    """Record the agreed first level of support (vendor admins and managers)."""
    access, _owner = selectors.support_owner_for(acting_user(request), project_id)
    services.support_owner_agree(
        actor=acting_user(request),
        project=access.project,
        first_level=payload.first_level_owner,
        partner=payload.partner,
    )
    return _owner_out(selectors.support_owner(access.project))


__all__ = ["router"]
