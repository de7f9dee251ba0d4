"""Logging in with throttling, and the e-mail of a password reset.

Throttling counts failures per e-mail typed and per client address over a sliding window, in the
database, so every server and worker shares the count. An unknown e-mail and a wrong password are
treated exactly alike (same message, same password-hashing work, same throttle), so the login form
never tells whether an account exists.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts import tasks
from accord.accounts.models import LoginFailure, User, known_time_zones, normalize_email
from accord.domain.errors import AccordError, InvalidInput, Problem


class LoginRejected(AccordError):
    """The e-mail and password do not match an active account (which of the two is wrong is not said)."""

    code = "login-rejected"


class LoginThrottled(AccordError):
    """Too many recent failures for this e-mail or from this address; nothing was checked."""

    code = "login-throttled"


def client_address(request: HttpRequest) -> str:
    """The client's network address, trusting X-Forwarded-For only as far as our own proxies go."""
    proxy_count: int = settings.ACCORD_PROXY_COUNT
    if proxy_count > 0:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxy_count:
            return forwarded[-proxy_count]
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _digest(scope: str, value: str) -> str:
    return hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()


def _recent_failures(scope: str, value: str, since: datetime) -> int:
    return LoginFailure.objects.filter(
        scope=scope, key_digest=_digest(scope, value), failed_at__gte=since
    ).count()


def login_throttled(*, email: str, address: str) -> bool:
    """Whether a login for this e-mail or from this address must wait before trying again."""
    since = timezone.now() - settings.ACCORD_LOGIN_WINDOW
    max_per_email: int = settings.ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL
    max_per_address: int = settings.ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS
    return (
        _recent_failures(LoginFailure.Scope.EMAIL, normalize_email(email), since) >= max_per_email
        or _recent_failures(LoginFailure.Scope.ADDRESS, address, since) >= max_per_address
    )


@transaction.atomic
def login_failure_record(*, email: str, address: str) -> None:
    """Count one failed login against the e-mail and against the address; forget expired failures."""
    now = timezone.now()
    LoginFailure.objects.filter(failed_at__lt=now - settings.ACCORD_LOGIN_WINDOW).delete()
    LoginFailure.objects.bulk_create(
        [
            LoginFailure(
                scope=LoginFailure.Scope.EMAIL,
                key_digest=_digest(LoginFailure.Scope.EMAIL, normalize_email(email)),
                failed_at=now,
            ),
            LoginFailure(
                scope=LoginFailure.Scope.ADDRESS,
                key_digest=_digest(LoginFailure.Scope.ADDRESS, address),
                failed_at=now,
            ),
        ]
    )


def login_authenticate(*, request: HttpRequest | None, email: str, password: str) -> User:
    """Check an e-mail and password, honouring the throttle; return the user (not yet logged in).

    Raises LoginThrottled without checking anything when there were too many recent failures, and
    LoginRejected (recording the failure) when the pair does not match an active account.
    """
    address = client_address(request) if request is not None else "unknown"
    if login_throttled(email=email, address=address):
        raise LoginThrottled(
            str(_("Too many failed attempts to log in. Wait a few minutes, then try again.")),
            hint=str(_("If you forgot your password, you can reset it by e-mail.")),
        )
    # Django's backend runs the password hasher even for an unknown e-mail, so both cost the same.
    user = authenticate(request, username=normalize_email(email), password=password)
    if not isinstance(user, User):
        login_failure_record(email=email, address=address)
        raise LoginRejected(
            str(_("This e-mail address and password do not match. Check both and try again.")),
            hint=str(_("Passwords are case-sensitive.")),
        )
    LoginFailure.objects.filter(
        scope=LoginFailure.Scope.EMAIL,
        key_digest=_digest(LoginFailure.Scope.EMAIL, normalize_email(email)),
    ).delete()
    return user


def email_queue(*, subject: str, body: str, recipients: list[str], html_body: str | None = None) -> None:
    """Send an e-mail from the background worker once the current transaction commits."""
    transaction.on_commit(
        lambda: tasks.email_send.enqueue(
            subject=subject, body=body, recipients=recipients, html_body=html_body
        )
    )


@transaction.atomic
def preferences_set(*, actor: User, language: str, time_zone: str) -> User:
    """Record the actor's own language and time zone (blank: the server's); all or nothing.

    Raises InvalidInput naming ``language`` or ``time_zone`` when either is unknown.
    """
    time_zone = time_zone.strip()
    problems: list[Problem] = []
    if language not in dict(settings.LANGUAGES):
        problems.append(
            Problem(
                "unknown-language",
                str(_("Accord does not speak this language.")),
                where="language",
                hint=str(_("Choose English or French.")),
            )
        )
    if time_zone and time_zone not in known_time_zones():
        problems.append(
            Problem(
                "unknown-time-zone",
                str(_("“%(name)s” is not a time zone we know.") % {"name": time_zone}),
                where="time_zone",
                hint=str(_("Use a name such as Europe/Paris or America/New_York.")),
            )
        )
    if problems:
        raise InvalidInput(problems)
    actor.language = language
    actor.time_zone = time_zone
    actor.save(update_fields=["language", "time_zone"])
    return actor
