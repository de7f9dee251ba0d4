"""Token operations: your tokens, a new one (shown once), revoking one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from accord.apikit import selectors, services
from accord.apikit.auth import acting_user, admin_auth, request_token
from accord.apikit.errors import ErrorBody
from accord.apikit.models import ApiToken
from accord.apikit.pagination import CursorPagination
from accord.apikit.schemas import RowId, TokenCreatedOut, TokenIn, TokenOut
from accord.domain.errors import NotFound

router = Router(tags=["tokens"])


class _Shown:
    """A new token's row with its text as ``token``, for TokenCreatedOut (the row never holds it)."""

    def __init__(self, row: ApiToken, text: str) -> None:
        self._row = row
        self.token = text

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


@router.get("/tokens", response=list[TokenOut])
@paginate(CursorPagination, sort_key="-created_at")
def token_list(request: HttpRequest) -> Any:
    """Your tokens that are not revoked, newest first."""
    return selectors.tokens_of(acting_user(request))


@router.post(
    "/tokens",
    auth=admin_auth,
    response={201: TokenCreatedOut},
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[_Shown]:
    """A new token acting as you, never beyond the token that makes it (admin scope needed).

    Its text is in this answer only.
    """
    created = services.token_create(
        user=acting_user(request),
        name=payload.name,
        scope=payload.scope,
        expires_at=payload.expires_at,
        made_with=request_token(request),
    )
    return Status(201, _Shown(created.token, created.text))


@router.delete("/tokens/{token_id}", response={204: None, 404: ErrorBody})
def token_revoke(request: HttpRequest, token_id: RowId) -> Status[None]:
    """Revoke one of your tokens (this one too): it stops working at once."""
    try:
        token = selectors.token_of(acting_user(request), token_id=token_id)
    except ApiToken.DoesNotExist as error:
        raise NotFound(_("No such token."), hint=_("List your tokens with GET /api/v1/tokens.")) from error
    services.token_revoke(actor=acting_user(request), token=token)
    return Status(204, None)
