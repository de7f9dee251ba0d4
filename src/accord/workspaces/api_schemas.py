"""What the workspaces operations of the API read and answer (see accord.workspaces.apis)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import AwareDatetime

from accord.apikit.schemas import RowId, ScopeName, TokenCreatedOut, TokenOut

MembershipKindName = Literal[
    "vendor_admin", "vendor_manager", "vendor_member", "customer_contact", "partner_contact"
]
PartnerKindName = Literal[
    "software_provider", "broker", "technology_partner", "third_party_administrator", "other"
]


class NamedOut(Schema):
    id: int
    name: str


class WorkspaceOut(Schema):
    id: int
    name: str
    slug: str
    created_at: datetime


class CustomerOut(Schema):
    id: int
    workspace_id: int
    name: str
    created_at: datetime


class CustomerIn(Schema):
    name: str = Field(min_length=1, max_length=150)


class PartnerOut(Schema):
    id: int
    workspace_id: int
    name: str
    kind: PartnerKindName
    created_at: datetime


class PartnerIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    kind: PartnerKindName = "other"


class PersonOut(Schema):
    """A person as their workspace's managers see them."""

    id: int
    email: str
    full_name: str
    is_active: bool


class MembershipOut(Schema):
    id: int
    person: PersonOut
    kind: MembershipKindName
    customer: NamedOut | None
    partner: NamedOut | None
    created_at: datetime

    @staticmethod
    def resolve_person(membership: object) -> object:
        return membership.user  # type: ignore[attr-defined]


class InvitationOut(Schema):
    """A pending invitation; its link is only in the e-mail the invited person gets."""

    id: int
    workspace_id: int
    email: str
    kind: MembershipKindName
    customer: NamedOut | None
    partner: NamedOut | None
    invited_by: NamedOut | None
    language: str
    created_at: datetime
    expires_at: datetime

    @staticmethod
    def resolve_invited_by(invitation: object) -> dict[str, object] | None:
        person = invitation.invited_by  # type: ignore[attr-defined]
        if person is None:
            return None
        return {"id": person.pk, "name": person.get_full_name() or person.email}


class InvitationIn(Schema):
    email: str = Field(min_length=3, max_length=254, description="the address the invitation is sent to")
    kind: MembershipKindName
    customer_id: RowId | None = Field(None, description="required for a customer contact")
    partner_id: RowId | None = Field(None, description="required for a partner contact")
    language: Literal["en", "fr"] | None = Field(
        None, description="the e-mail's language when the address has no account yet; yours by default"
    )


class IssuedTokenOut(TokenOut):
    """A token a manager issued to a person of the workspace: never its secret."""

    holder: NamedOut
    issued_by: NamedOut | None

    @staticmethod
    def resolve_holder(token: object) -> dict[str, object]:
        person = token.user  # type: ignore[attr-defined]
        return {"id": person.pk, "name": person.get_full_name() or person.email}

    @staticmethod
    def resolve_issued_by(token: object) -> dict[str, object] | None:
        person = token.created_by  # type: ignore[attr-defined]
        if person is None:
            return None
        return {"id": person.pk, "name": person.get_full_name() or person.email}


class IssuedTokenCreatedOut(TokenCreatedOut):
    """A new token issued to a person, with its whole text: shown this once, to hand over safely."""

    holder: NamedOut


class TokenIssueIn(Schema):
    person_id: RowId = Field(description="the person of the workspace the token acts as")
    name: str = Field(min_length=1, max_length=100)
    scope: ScopeName = "read"
    expires_at: AwareDatetime | None = Field(
        None, description="with its time zone; none: the token does not expire"
    )


class BrandingOut(Schema):
    """What the contacts' pages, e-mails and PDFs show of the vendor. ``accent_colour`` is the chosen
    one (empty: Accord's default); ``accent`` the one in use and ``on_accent`` the text colour on it."""

    name: str
    accent_colour: str
    accent: str
    on_accent: str
    logo_data_uri: str | None
    version: int


class BrandingIn(Schema):
    """A change of branding: a field left out keeps its value."""

    accent_colour: str | None = Field(
        None,
        max_length=7,
        description="#rrggbb reaching 4.5:1 with white (WCAG AA); an empty string returns to the default.",
    )
    logo_base64: str | None = Field(
        None, max_length=300_000, description="A PNG or plain SVG, base64-encoded, of at most 200 KB."
    )
    remove_logo: bool = False
