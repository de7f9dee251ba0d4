"""The person acting in a request, for the services that take them."""

from __future__ import annotations

from django.http import HttpRequest

from accord.accounts.models import User


def acting_user(request: HttpRequest) -> User:
    """The logged-in person making ``request``.

    LoginRequiredMiddleware lets no one else reach a view that does not say otherwise; a view
    open to everyone must not call this.
    """
    user = request.user
    if not isinstance(user, User):  # pragma: no cover - LoginRequiredMiddleware sends them to log in
        raise TypeError("acting_user() needs a logged-in person; is the view login_not_required?")
    return user
