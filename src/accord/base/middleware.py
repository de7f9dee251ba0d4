"""Middleware every app's pages share: response headers, and the one mapping of NotFound to 404."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from accord.domain.errors import AccordError, NotFound

#: Refusals any write may meet, whichever view made it (a closed project refuses every change:
#: accord.projects.access.refuse_if_closed): said on the page the person came from, never a
#: traceback.
REFUSALS_SHOWN_AS_MESSAGES = frozenset({"project-closed"})


def _refusal(request: HttpRequest, error: AccordError) -> HttpResponse:
    text = " ".join(filter(None, [error.message, error.hint]))
    if request.method in {"GET", "HEAD"}:
        return HttpResponse(text, status=409, content_type="text/plain; charset=utf-8")
    messages.error(request, text)
    back = request.headers.get("referer", "")
    target = back if back and url_has_allowed_host_and_scheme(back, {request.get_host()}) else request.path
    return HttpResponseRedirect(target, status=303)


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


class NotFoundMiddleware:
    """Answer :class:`accord.domain.errors.NotFound`, raised anywhere below a view, with the site's
    normal 404 page: the one place where "you may not see this, or it does not exist" becomes an
    HTTP answer, so no view catches it itself.

    Comes after LoginRequiredMiddleware in MIDDLEWARE: someone not logged in is still sent to the
    login page before any view runs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, AccordError) and exception.code in REFUSALS_SHOWN_AS_MESSAGES:
            return _refusal(request, exception)
        if not isinstance(exception, NotFound):
            return None
        # The same path as an Http404 raised by a view: the handler404 page, logged as a 404.
        return response_for_exception(request, Http404(exception.message))
