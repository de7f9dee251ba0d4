"""The workspaces operations of the HTTP API (mounted by accord.api; see docs/api.md).

Workspaces, their customers and partners, their people and invitations, and the API tokens their
managers issue: the same selectors and services as the settings pages, the same rule
(:mod:`accord.workspaces.access`): what a person may not see answers 404.
"""

import base64
import binascii
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.apikit.auth import acting_user, admin_auth, request_token
from accord.apikit.errors import ErrorBody
from accord.apikit.models import ApiToken
from accord.apikit.pagination import CursorPagination
from accord.apikit.schemas import RowId
from accord.apikit.versions import etag_set, version_required
from accord.domain.errors import InvalidInput, NotFound, Problem
from accord.workspaces import api_tokens, branding, selectors, services
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.api_schemas import (
    BrandingIn,
    BrandingOut,
    CustomerIn,
    CustomerOut,
    InvitationIn,
    InvitationOut,
    IssuedTokenCreatedOut,
    IssuedTokenOut,
    MembershipKindName,
    MembershipOut,
    PartnerIn,
    PartnerOut,
    TokenIssueIn,
    WorkspaceOut,
)
from accord.workspaces.models import Customer, MembershipKind, Partner, Workspace

router = Router(tags=["Workspaces"])

NOT_FOUND = {404: ErrorBody}


def _location(response: HttpResponse, path: str) -> None:
    response["Location"] = f"/api/v1{path}"


# Workspaces


@router.get("/workspaces", response=list[WorkspaceOut])
@paginate(CursorPagination, sort_key="name")
def workspace_list(request: HttpRequest) -> Any:
    """The workspaces you belong to (your kind of membership in each: GET /api/v1/me)."""
    return selectors.visible_workspaces(acting_user(request))


@router.get("/workspaces/{workspace_id}", response={200: WorkspaceOut, **NOT_FOUND})
def workspace_read(request: HttpRequest, workspace_id: RowId) -> Any:
    """One workspace you belong to."""
    return require_membership(acting_user(request), WorkspaceAction.VIEW, workspace_id).workspace


# Branding


def _branding_out(workspace: Workspace, response: HttpResponse) -> dict[str, Any]:
    etag_set(response, workspace.pk, workspace.branding_version)
    shown = branding.branding_for(workspace)
    return {
        "name": shown.name,
        "accent_colour": workspace.accent_colour,
        "accent": shown.accent,
        "on_accent": shown.on_accent,
        "logo_data_uri": shown.logo_data_uri,
        "version": workspace.branding_version,
    }


@router.get("/workspaces/{workspace_id}/branding", response={200: BrandingOut, **NOT_FOUND})
def branding_read(request: HttpRequest, workspace_id: RowId, response: HttpResponse) -> Any:
    """The workspace's name, logo and accent colour, as its customers' pages and e-mails show them."""
    workspace = require_membership(acting_user(request), WorkspaceAction.VIEW, workspace_id).workspace
    return _branding_out(workspace, response)


@router.patch("/workspaces/{workspace_id}/branding", response={200: BrandingOut, **NOT_FOUND})
def branding_update(
    request: HttpRequest, workspace_id: RowId, payload: BrandingIn, response: HttpResponse
) -> Any:
    """Change the accent colour or logo (vendor admins and managers; If-Match with the ETag read).
    422 names the field: a colour below 4.5:1 on white comes with a darker shade that passes."""
    user = acting_user(request)
    workspace = require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace
    logo = None
    if payload.logo_base64 is not None:
        try:
            logo = base64.b64decode(payload.logo_base64, validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput(
                [
                    Problem(
                        "logo-not-base64",
                        _("The logo is not valid base64."),
                        hint=_("Encode the PNG or SVG file's bytes in base64."),
                        where="logo_base64",
                    )
                ]
            ) from None
    changed = branding.branding_update(
        actor=user,
        workspace=workspace,
        version=version_required(request, workspace.pk),
        accent_colour=payload.accent_colour,
        logo=logo,
        remove_logo=payload.remove_logo,
    )
    return _branding_out(changed, response)


# Customers and partners


class OrganisationFilter(Schema):
    name: str | None = None


@router.get("/workspaces/{workspace_id}/customers", response={200: list[CustomerOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="name")
def customer_list(request: HttpRequest, workspace_id: RowId, filters: Query[OrganisationFilter]) -> Any:
    """The workspace's customers you may see: all of them for vendor staff, your own for a contact.

    ``name`` keeps those whose name contains it (any case).
    """
    user = acting_user(request)
    require_membership(user, WorkspaceAction.VIEW, workspace_id)
    customers = selectors.visible_customers(user).filter(workspace_id=workspace_id)
    if filters.name:
        customers = customers.filter(name__icontains=filters.name)
    return customers


@router.post("/workspaces/{workspace_id}/customers", response={201: CustomerOut, **NOT_FOUND})
def customer_create(
    request: HttpRequest, workspace_id: RowId, payload: CustomerIn, response: HttpResponse
) -> Status[Customer]:
    """Add a customer (vendor admins and managers): 422 when the name is taken."""
    user = acting_user(request)
    workspace = require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace
    customer = services.customer_create(actor=user, workspace=workspace, name=payload.name)
    _location(response, f"/customers/{customer.pk}")
    return Status(201, customer)


@router.get("/customers/{customer_id}", response={200: CustomerOut, **NOT_FOUND})
def customer_read(request: HttpRequest, customer_id: RowId) -> Any:
    """One customer you may see."""
    customer = selectors.visible_customers(acting_user(request)).filter(pk=customer_id).first()
    if customer is None:
        raise NotFound(_("No such customer."))
    return customer


@router.get("/workspaces/{workspace_id}/partners", response={200: list[PartnerOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="name")
def partner_list(request: HttpRequest, workspace_id: RowId, filters: Query[OrganisationFilter]) -> Any:
    """The workspace's partners you may see: all of them for vendor staff, your own for a contact."""
    user = acting_user(request)
    require_membership(user, WorkspaceAction.VIEW, workspace_id)
    partners = selectors.visible_partners(user).filter(workspace_id=workspace_id)
    if filters.name:
        partners = partners.filter(name__icontains=filters.name)
    return partners


@router.post("/workspaces/{workspace_id}/partners", response={201: PartnerOut, **NOT_FOUND})
def partner_create(
    request: HttpRequest, workspace_id: RowId, payload: PartnerIn, response: HttpResponse
) -> Status[Partner]:
    """Add a partner organisation (vendor admins and managers): 422 when the name is taken."""
    user = acting_user(request)
    workspace = require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace
    partner = services.partner_create(
        actor=user, workspace=workspace, name=payload.name, kind=Partner.Kind(payload.kind)
    )
    _location(response, f"/partners/{partner.pk}")
    return Status(201, partner)


@router.get("/partners/{partner_id}", response={200: PartnerOut, **NOT_FOUND})
def partner_read(request: HttpRequest, partner_id: RowId) -> Any:
    """One partner you may see."""
    partner = selectors.visible_partners(acting_user(request)).filter(pk=partner_id).first()
    if partner is None:
        raise NotFound(_("No such partner."))
    return partner


# People and invitations


class PeopleFilter(Schema):
    kind: MembershipKindName | None = None


@router.get("/workspaces/{workspace_id}/people", response={200: list[MembershipOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="user__email")
def person_list(request: HttpRequest, workspace_id: RowId, filters: Query[PeopleFilter]) -> Any:
    """Everyone in the workspace with their kind of membership, by e-mail address (its managers only,
    as on the settings people page). ``kind`` keeps one kind."""
    people = selectors.workspace_people(acting_user(request), workspace_id=workspace_id)
    if filters.kind:
        people = people.filter(kind=filters.kind)
    return people


@router.get("/workspaces/{workspace_id}/invitations", response={200: list[InvitationOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="-created_at")
def invitation_list(request: HttpRequest, workspace_id: RowId) -> Any:
    """Invitations still waiting for an answer, newest first (the workspace's managers only)."""
    user = acting_user(request)
    require_membership(user, WorkspaceAction.MANAGE, workspace_id)
    return selectors.pending_invitations(user, workspace_id=workspace_id)


@router.post("/workspaces/{workspace_id}/invitations", response={201: InvitationOut, **NOT_FOUND})
def invitation_create(
    request: HttpRequest, workspace_id: RowId, payload: InvitationIn, response: HttpResponse
) -> Any:
    """Invite an e-mail address (the e-mail leaves after the request); a new invitation to the same
    address replaces the pending one. A customer contact needs ``customer_id``, a partner contact
    ``partner_id``; only a vendor admin invites an admin."""
    user = acting_user(request)
    workspace = require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace
    customer = partner = None
    if payload.customer_id is not None:
        customer = selectors.visible_customers(user).filter(pk=payload.customer_id).first()
    if payload.partner_id is not None:
        partner = selectors.visible_partners(user).filter(pk=payload.partner_id).first()
    invitation = services.invitation_create(
        actor=user,
        workspace=workspace,
        email=payload.email,
        kind=MembershipKind(payload.kind),
        customer=customer,
        partner=partner,
        language=payload.language or user.language,
    )
    _location(response, f"/workspaces/{workspace_id}/invitations")
    return Status(201, invitation)


@router.delete("/invitations/{invitation_id}", response={204: None, **NOT_FOUND})
def invitation_revoke(request: HttpRequest, invitation_id: RowId) -> Status[None]:
    """Withdraw a pending invitation: its link stops working. One no longer pending: 404."""
    user = acting_user(request)
    invitation = selectors.managed_pending_invitation(user, invitation_id=invitation_id)
    services.invitation_revoke(actor=user, invitation=invitation)
    return Status(204, None)


# API tokens issued by the workspace's managers (admin scope)


class _Issued:
    """A new token's row with its text and holder, for IssuedTokenCreatedOut."""

    def __init__(self, row: ApiToken, text: str) -> None:
        self._row = row
        self.token = text
        self.holder = {"id": row.user.pk, "name": row.user.get_full_name() or row.user.email}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


@router.get(
    "/workspaces/{workspace_id}/tokens",
    auth=admin_auth,
    response={200: list[IssuedTokenOut], **NOT_FOUND},
)
@paginate(CursorPagination, sort_key="-created_at")
def workspace_token_list(request: HttpRequest, workspace_id: RowId) -> Any:
    """Tokens the workspace's managers issued to its people and that are not revoked (admin scope)."""
    return api_tokens.issued_tokens(acting_user(request), workspace_id=workspace_id)


@router.post(
    "/workspaces/{workspace_id}/tokens",
    auth=admin_auth,
    response={201: IssuedTokenCreatedOut, **NOT_FOUND},
)
def workspace_token_issue(request: HttpRequest, workspace_id: RowId, payload: TokenIssueIn) -> Any:
    """Issue a token acting as a person of the workspace, e.g. a customer's integration contact
    (admin scope; never beyond the token you call with). Its text is in this answer only."""
    user = acting_user(request)
    holder = (
        api_tokens.token_holders(user, workspace_id=workspace_id).filter(user_id=payload.person_id).first()
    )
    if holder is None:
        raise InvalidInput(
            [
                Problem(
                    "unknown-person",
                    _("No active person of this workspace has this id."),
                    hint=_("List the workspace's people with GET /api/v1/workspaces/{id}/people."),
                    where="person_id",
                )
            ]
        )
    created = api_tokens.token_issue(
        actor=user,
        workspace=holder.workspace,
        holder=holder.user,
        name=payload.name,
        scope=payload.scope,
        expires_at=payload.expires_at,
        made_with=request_token(request),
    )
    return Status(201, _Issued(created.token, created.text))


@router.delete(
    "/workspaces/{workspace_id}/tokens/{token_id}",
    auth=admin_auth,
    response={204: None, **NOT_FOUND},
)
def workspace_token_revoke(request: HttpRequest, workspace_id: RowId, token_id: RowId) -> Status[None]:
    """Revoke a token issued in the workspace (admin scope): it stops working at once."""
    user = acting_user(request)
    workspace = require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace
    api_tokens.issued_token_revoke(actor=user, workspace=workspace, token_id=token_id)
    return Status(204, None)
