"""The account's own pages: your preferences, and where logging in lands you."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord.accounts import services
from accord.accounts.acting import acting_user
from accord.accounts.forms import COMMON_TIME_ZONES, PreferencesForm
from accord.accounts.models import user_language
from accord.base.forms import problems_to_form
from accord.domain.errors import InvalidInput


class PersonalLoginView(LoginView):
    """Django's login page; without a `next` address, it lands you on home in your language.

    A login page in another language than the default (``/fr/login/``) keeps it: being there is
    the person's choice. On the unprefixed page, the language saved in their preferences decides.
    """

    def get_default_redirect_url(self) -> str:
        page_language = translation.get_language() or settings.LANGUAGE_CODE
        if page_language == settings.LANGUAGE_CODE:
            page_language = user_language(self.request.user)
        with translation.override(page_language):
            return reverse(settings.LOGIN_REDIRECT_URL)


def _with_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    # The same cookie Django's set_language view writes: unprefixed pages then know the choice too.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Your language and time zone. Saving shows this page again in the language chosen."""
    user = acting_user(request)
    server_time_zone = str(settings.TIME_ZONE)
    initial: dict[str, Any] = {"language": user.language, "time_zone": user.time_zone}
    form = PreferencesForm(request.POST or None, initial=initial, server_time_zone=server_time_zone)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(
                actor=user, language=form.cleaned_data["language"], time_zone=form.cleaned_data["time_zone"]
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            with translation.override(user.language):
                messages.success(request, _("Your preferences are saved."))
                address = reverse("account-preferences")
            return _with_language_cookie(redirect(address), user.language)
    return render(
        request,
        "accounts/preferences.html",
        {"form": form, "time_zones": COMMON_TIME_ZONES, "server_time_zone": server_time_zone},
        status=422 if form.errors else 200,
    )
