"""Schemas of API tokens, shared by the token operations and /me."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from accord.base.ids import MAX_ID

__all__ = ["MAX_ID", "RowId", "ScopeName", "TokenCreatedOut", "TokenIn", "TokenOut"]

ScopeName = Literal["read", "write", "admin"]
#: A row's id in a path or a query: bounded, so an impossible id gets 422 and never reaches the database.
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


class TokenOut(Schema):
    """A token as its person sees it: never its secret."""

    id: int
    name: str
    prefix: str = Field(description="the non-secret start of the token, e.g. acc_1a2b3c4d_…")
    scope: ScopeName
    scopes: list[ScopeName] = Field(description="every scope held, the implied ones included")
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None = Field(description="to the minute")

    @staticmethod
    def resolve_prefix(token: object) -> str:
        return str(token.display_prefix)  # type: ignore[attr-defined]


class TokenCreatedOut(TokenOut):
    """A new token with its whole text, shown this once."""

    token: str = Field(description="the token itself: shown only in this answer; keep it secret")


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    scope: ScopeName = "read"
    expires_at: datetime | None = Field(None, description="none: the token does not expire")
