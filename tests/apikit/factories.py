"""Tokens for tests: ``bearer(user, "write")`` gives the Authorization header of a new token."""

from __future__ import annotations

from datetime import datetime

from accord.apikit.services import CreatedToken, token_create


def token_for(
    user, scope: str = "read", *, expires_at: datetime | None = None, name: str = "Test"
) -> CreatedToken:
    return token_create(user=user, name=name, scope=scope, expires_at=expires_at)


def bearer(user, scope: str = "read", **kwargs) -> dict[str, str]:
    """Headers for the django test client (``client.get(url, headers=bearer(user))``)."""
    return {"Authorization": f"Bearer {token_for(user, scope, **kwargs).text}"}
