"""The login, password-reset and preferences forms: fields and messages only; the checks live in services."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.http import HttpRequest
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accord.accounts import services
from accord.accounts.models import User, normalize_email, user_language, validate_time_zone

#: Time zones offered first in the preferences; any tz database name works.
COMMON_TIME_ZONES = (
    "Europe/Paris",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Brussels",
    "Europe/Zurich",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
)


class LoginForm(AuthenticationForm):
    """E-mail and password, checked through the throttled login service."""

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "autofocus": True})

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            try:
                self.user_cache = services.login_authenticate(
                    request=self.request, email=email, password=password
                )
            except (services.LoginRejected, services.LoginThrottled) as error:
                raise forms.ValidationError(error.message, code=error.code) from error
        return self.cleaned_data

    def get_user(self) -> User:
        user = self.user_cache
        assert isinstance(user, User)
        return user


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but throttled, and the e-mail leaves from the worker.

    The page answers the same at once whether the account exists and whether the request was
    throttled: past the limits (per e-mail asked for, per client address) only the e-mail is not sent.
    """

    def save(self, *args: Any, **kwargs: Any) -> None:
        # PasswordResetView passes the request by keyword: the client's address is known only through it.
        request: HttpRequest | None = kwargs.get("request")
        address = services.client_address(request) if request is not None else "unknown"
        if services.password_reset_admit(email=self.cleaned_data["email"], address=address):
            super().save(*args, **kwargs)

    def get_users(self, email: str) -> Iterator[User]:
        # Django skips accounts without a usable password (meant for external logins); here every
        # account is local, and a first admin created from the command line sets theirs this way.
        return iter(User.objects.filter(email=normalize_email(email), is_active=True))

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Written in the account's language (its link too), whatever page the reset was asked from.
        with translation.override(user_language(context.get("user"))):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
            html_body = (
                loader.render_to_string(html_email_template_name, context)
                if html_email_template_name
                else None
            )
        services.email_queue(subject=subject, body=body, recipients=[to_email], html_body=html_body)


class PreferencesForm(forms.Form):
    """A person's language and time zone."""

    language = forms.ChoiceField(label=_("Your language"), choices=settings.LANGUAGES)
    time_zone = forms.CharField(
        label=_("Your time zone"),
        max_length=64,
        required=False,
        validators=[validate_time_zone],
        widget=forms.TextInput(
            attrs={"list": "time-zone-list", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, server_time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].help_text = _(
            "A name such as Europe/Paris or America/New_York; leave empty for the server's (%(zone)s)."
        ) % {"zone": server_time_zone}
