"""Bearer-token authentication and scopes: a token acts as its person, never beyond its scope.

``request.auth`` is the token's person (a :class:`~accord.accounts.models.User`), so operations
call the same selectors and services as the pages; ``request.api_token`` is the token itself.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from accord.accounts.models import User
from accord.apikit.models import ApiToken, Scope, scope_includes
from accord.apikit.selectors import token_authenticate

#: Methods that only read; every other method needs the write scope.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CACHED = "_accord_api_token"


def scope_needed(method: str) -> Scope:
    """The scope an operation needs by default: read for GET, write for the rest."""
    return Scope.READ if method.upper() in READING_METHODS else Scope.WRITE


def bearer_token(request: HttpRequest) -> ApiToken | None:
    """The usable token the request carries (looked up once per request), or None."""
    if hasattr(request, _CACHED):
        cached: ApiToken | None = getattr(request, _CACHED)
        return cached
    header = request.headers.get("Authorization", "")
    scheme, _space, text = header.partition(" ")
    token = token_authenticate(text.strip()) if scheme.lower() == "bearer" and text.strip() else None
    setattr(request, _CACHED, token)
    return token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``. No usable token: 401; a token short of the scope: 403.

    ``scope`` fixes what the operation needs (``TokenAuth(scope=Scope.ADMIN)`` for the admin
    operations); left out, it follows the method (:func:`scope_needed`).
    """

    def __init__(self, scope: Scope | None = None) -> None:
        super().__init__()
        self.scope = scope

    def __call__(self, request: HttpRequest) -> Any:
        # The base class would log a malformed header in DEBUG; every case is a plain 401 here.
        return self.authenticate(request, "")

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = bearer_token(request)
        if api_token is None:
            return None
        needed = self.scope or scope_needed(request.method or "GET")
        if not scope_includes(api_token.scope, needed):
            raise AuthorizationError(
                message=_("This token's scope (%(held)s) does not allow this; it needs %(needed)s.")
                % {"held": api_token.scope, "needed": needed.value}
            )
        request.api_token = api_token  # type: ignore[attr-defined]
        request.user = api_token.user
        return api_token.user


#: The default of every operation: a token whose scope follows the method.
token_auth = TokenAuth()
#: For the operations that administer (issue tokens, manage people): an admin-scoped token.
admin_auth = TokenAuth(scope=Scope.ADMIN)


def acting_user(request: HttpRequest) -> User:
    """The person an authenticated operation acts as (``request.auth``), typed."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):  # only reachable from an operation declared with auth=None
        raise AuthorizationError(message=_("This operation needs a token."))
    return user


def request_token(request: HttpRequest) -> ApiToken:
    """The token an authenticated operation was called with."""
    token = getattr(request, "api_token", None)
    if not isinstance(token, ApiToken):
        raise AuthorizationError(message=_("This operation needs a token."))
    return token
