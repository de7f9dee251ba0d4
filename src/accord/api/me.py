"""``GET /me``: the token's person and where they belong."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from accord.apikit.auth import acting_user, request_token
from accord.apikit.schemas import TokenOut
from accord.workspaces.access import memberships_of

router = Router(tags=["me"])


class MyNamedOut(Schema):
    id: int
    name: str


class MyMembershipOut(Schema):
    workspace: MyNamedOut
    kind: str
    customer: MyNamedOut | None
    partner: MyNamedOut | None


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    language: str
    time_zone: str
    token: TokenOut
    memberships: list[MyMembershipOut]


@router.get("/me", response=MeOut)
def me_read(request: HttpRequest) -> Any:
    """Who the token acts as, the token itself, and the person's memberships."""
    user = acting_user(request)
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "time_zone": user.time_zone,
        "token": request_token(request),
        "memberships": list(memberships_of(user)),
    }
