"""Response headers every app's pages share."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

#: What a logged-in person's pages and downloads say to caches: keep nothing, share nothing.
PRIVATE_NO_STORE = "private, no-store"


class PrivateCacheMiddleware:
    """Mark every response to a logged-in person ``Cache-Control: private, no-store``.

    Pages and downloads show one person's projects: a shared proxy must not keep them for the next
    client, nor a shared computer's back button or disk cache after logging out. The check is made
    on the way out, so the response that logs someone in is covered too, and one that logs out is
    covered by the session it ends (Django marks it ``Vary: Cookie``). Static files are answered
    by WhiteNoise before this runs, and stay cacheable. Must come after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        was_logged_in = _logged_in(request)
        response = self.get_response(request)
        if was_logged_in or _logged_in(request):
            response["Cache-Control"] = PRIVATE_NO_STORE
            # An expiry date in the past for HTTP/1.0 caches that ignore Cache-Control.
            response["Expires"] = "0"
        return response


def _logged_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
