"""Each person's time zone for the request, and a first visit's language from the browser."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import is_valid_path
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

from accord.accounts.models import zone_named


class PersonalTimeZoneMiddleware:
    """Activate the logged-in person's time zone for the request (the server's when they chose none).

    Templates convert aware datetimes to the active zone (``|date``, plain output); plain dates such
    as due dates are calendar days and do not move. Must come after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = (
            zone_named(getattr(user, "time_zone", "")) if user is not None and user.is_authenticated else None
        )
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            # Threads serve many people in turn: never let one person's zone leak into the next request.
            timezone.deactivate()


class BrowserLanguageMiddleware:
    """On a first visit, answer in the browser's language (``Accept-Language``) until a choice is saved.

    English pages have no prefix, so Django's LocaleMiddleware serves them in English whatever the
    browser asks. A GET or HEAD of an unprefixed page by someone who has made no choice yet (no
    language cookie, which saving one's preferences or the language menu writes, and not logged in:
    a logged-in person's saved language decides where logging in lands them) is redirected to the
    same page in the browser's language when Accord speaks it and it is not the default. Must come
    after LocaleMiddleware and AuthenticationMiddleware, before LoginRequiredMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = self._browser_language_path(request)
        if target is not None:
            response: HttpResponse = HttpResponseRedirect(target)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        return self.get_response(request)

    @staticmethod
    def _browser_language_path(request: HttpRequest) -> str | None:
        if request.method not in ("GET", "HEAD") or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        if translation.get_language_from_path(request.path_info) is not None:
            return None
        wanted = browser_language(request.headers.get("Accept-Language", ""))
        if wanted is None or wanted == settings.LANGUAGE_CODE:
            return None
        path = f"/{wanted}{request.path_info}"
        urlconf = getattr(request, "urlconf", None)
        with translation.override(wanted):  # i18n_patterns match the active language's prefix
            if not is_valid_path(path, urlconf):
                return None
        query = request.META.get("QUERY_STRING", "")
        return f"{request.META.get('SCRIPT_NAME', '')}{path}" + (f"?{query}" if query else "")


def browser_language(header: str) -> str | None:
    """The language Accord speaks that the browser prefers most (``fr-CA,fr;q=0.9`` → ``fr``), if any."""
    spoken = dict(settings.LANGUAGES)
    for code, _quality in trans_real.parse_accept_lang_header(header):
        if code == "*":
            return None
        candidate = code.lower().split("-")[0]
        if candidate in spoken:
            return candidate
    return None
