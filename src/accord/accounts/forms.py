"""The login, password-reset and preferences forms: fields and messages only; the checks live in services."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accord.accounts import services
from accord.accounts.models import User, normalize_email, validate_time_zone

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
        # Only the account's id and the address parts travel through the task queue: the worker
        # makes the link's token when it sends, so no live reset link is ever stored in the
        # queue's table (or its backups).
        user = context["user"]
        services.password_reset_email_queue(
            user_id=user.pk,
            domain=str(context["domain"]),
            protocol=str(context["protocol"]),
            templates=(subject_template_name, email_template_name, html_email_template_name or ""),
        )


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
