"""The login and password-reset forms: fields and messages only; the checks live in services."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader

from accord.accounts import services
from accord.accounts.models import User, normalize_email


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
    """Django's reset form, but the e-mail leaves from the worker: the page answers at once either way."""

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
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html_body = (
            loader.render_to_string(html_email_template_name, context) if html_email_template_name else None
        )
        services.email_queue(subject=subject, body=body, recipients=[to_email], html_body=html_body)
