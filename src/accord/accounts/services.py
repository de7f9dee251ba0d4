"""Logging in with throttling, the e-mail of a password reset and its throttling.

Login throttling counts failed logins over a sliding window, in the database, so every server and
worker shares the count:

- per e-mail typed AND client address together (a few): an attacker's address is stopped without
  locking the owner out of every other address;
- per client address (more): one address guessing many accounts is stopped;
- per e-mail over all addresses (many): guessing spread over many addresses is stopped too, and the
  account's owner, if there is one, is warned by e-mail once per window.

An unknown e-mail and a wrong password are treated exactly alike (same message, same password-hashing
work, same throttle, same rows written), so the login form never tells whether an account exists.

Password-reset requests are counted the same way, per e-mail asked for and per client address;
past either limit the page answers as usual and only the e-mail is not sent.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from accord.accounts import tasks
from accord.accounts.models import ThrottleEvent, User, known_time_zones, normalize_email, user_language
from accord.domain.errors import AccordError, InvalidInput, Problem

Scope = ThrottleEvent.Scope


class LoginRejected(AccordError):
    """The e-mail and password do not match an active account (which of the two is wrong is not said)."""

    code = "login-rejected"


class LoginThrottled(AccordError):
    """Too many recent failures for this e-mail from this address, from this address, or for this
    e-mail from everywhere; nothing was checked."""

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


# --- Throttle events: counted per scope and keyed digest, shared by every server -------------------


def _throttle_key(scope: str, *parts: str) -> str:
    # Keyed with SECRET_KEY: a plain hash of an IPv4 address or of a known e-mail is reversed by
    # trying every candidate; this one cannot be without the key.
    value = "\n".join(parts)
    return salted_hmac("accord.accounts.throttle", f"{scope}:{value}", algorithm="sha256").hexdigest()


def _throttle_count(scope: str, key: str, *, since: datetime) -> int:
    return ThrottleEvent.objects.filter(scope=scope, key_digest=key, occurred_at__gte=since).count()


def _throttle_record(keys: dict[str, str], *, now: datetime) -> None:
    """Record one event per scope → key; forget the events older than every window."""
    oldest_kept = now - max(settings.ACCORD_LOGIN_WINDOW, settings.ACCORD_PASSWORD_RESET_WINDOW)
    ThrottleEvent.objects.filter(occurred_at__lt=oldest_kept).delete()
    ThrottleEvent.objects.bulk_create(
        [ThrottleEvent(scope=scope, key_digest=key, occurred_at=now) for scope, key in keys.items()]
    )


# --- Logging in ------------------------------------------------------------------------------------


def _login_keys(*, email: str, address: str) -> dict[str, str]:
    email = normalize_email(email)
    return {
        Scope.LOGIN_EMAIL_ADDRESS: _throttle_key(Scope.LOGIN_EMAIL_ADDRESS, email, address),
        Scope.LOGIN_ADDRESS: _throttle_key(Scope.LOGIN_ADDRESS, address),
        Scope.LOGIN_EMAIL: _throttle_key(Scope.LOGIN_EMAIL, email),
    }


def _login_limits() -> dict[str, int]:
    return {
        Scope.LOGIN_EMAIL_ADDRESS: settings.ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS,
        Scope.LOGIN_ADDRESS: settings.ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS,
        Scope.LOGIN_EMAIL: settings.ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES,
    }


def login_throttled(*, email: str, address: str) -> bool:
    """Whether a login for this e-mail from this address must wait before trying again.

    True after too many recent failures for this e-mail from this address, from this address for
    any e-mails, or for this e-mail from all addresses together.
    """
    since = timezone.now() - settings.ACCORD_LOGIN_WINDOW
    keys = _login_keys(email=email, address=address)
    return any(
        _throttle_count(scope, keys[scope], since=since) >= limit for scope, limit in _login_limits().items()
    )


@transaction.atomic
def login_failure_record(*, email: str, address: str) -> None:
    """Count one failed login for the e-mail from the address, from the address, and for the e-mail.

    When this failure brings the e-mail's count over all addresses to its cap, the account's owner
    (if the e-mail is an active account's) is warned by e-mail after commit, once per window.
    """
    now = timezone.now()
    keys = _login_keys(email=email, address=address)
    _throttle_record(keys, now=now)
    since = now - settings.ACCORD_LOGIN_WINDOW
    cap: int = settings.ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES
    if _throttle_count(Scope.LOGIN_EMAIL, keys[Scope.LOGIN_EMAIL], since=since) < cap:
        return
    warning_key = _throttle_key(Scope.LOGIN_WARNING, normalize_email(email))
    if _throttle_count(Scope.LOGIN_WARNING, warning_key, since=since):
        return
    # Recorded whether or not an account uses the e-mail: the same rows either way.
    _throttle_record({Scope.LOGIN_WARNING: warning_key}, now=now)
    owner_id = (
        User.objects.filter(email=normalize_email(email), is_active=True).values_list("pk", flat=True).first()
    )
    if owner_id is not None:
        transaction.on_commit(lambda: tasks.login_warning_email_send.enqueue(user_id=owner_id))


def login_warning_email_deliver(*, user_id: int) -> bool:
    """E-mail an account's owner, in their language, that its logins are paused after many failures.

    Returns whether an e-mail was sent (not when the account is gone or inactive).
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    minutes = int(settings.ACCORD_LOGIN_WINDOW / timedelta(minutes=1))
    with translation.override(user_language(user)):
        context = {
            "email": user.email,
            "minutes": minutes,
            "reset_link": f"{settings.ACCORD_BASE_URL}{reverse('password_reset')}",
        }
        subject = "".join(render_to_string("accounts/login_warning_subject.txt", context).splitlines())
        body = render_to_string("accounts/login_warning_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True


def login_authenticate(*, request: HttpRequest | None, email: str, password: str) -> User:
    """Check an e-mail and password, honouring the throttle; return the user (not yet logged in).

    Raises LoginThrottled without checking anything when there were too many recent failures, and
    LoginRejected (recording the failure) when the pair does not match an active account. A
    success forgets the failures of this e-mail from this address only.
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
    pair_key = _login_keys(email=email, address=address)[Scope.LOGIN_EMAIL_ADDRESS]
    ThrottleEvent.objects.filter(scope=Scope.LOGIN_EMAIL_ADDRESS, key_digest=pair_key).delete()
    return user


# --- Password reset --------------------------------------------------------------------------------


@transaction.atomic
def password_reset_admit(*, email: str, address: str) -> bool:
    """Whether a reset e-mail may be sent for this e-mail to this client; if so, count it.

    Counted whether or not an account uses the e-mail (the same work either way); a refused
    request is not counted.
    """
    now = timezone.now()
    since = now - settings.ACCORD_PASSWORD_RESET_WINDOW
    email = normalize_email(email)
    keys: dict[str, str] = {
        Scope.RESET_EMAIL: _throttle_key(Scope.RESET_EMAIL, email),
        Scope.RESET_ADDRESS: _throttle_key(Scope.RESET_ADDRESS, address),
    }
    limits: dict[str, int] = {
        Scope.RESET_EMAIL: settings.ACCORD_PASSWORD_RESET_MAX_PER_EMAIL,
        Scope.RESET_ADDRESS: settings.ACCORD_PASSWORD_RESET_MAX_PER_ADDRESS,
    }
    if any(_throttle_count(scope, keys[scope], since=since) >= limit for scope, limit in limits.items()):
        return False
    _throttle_record(keys, now=now)
    return True


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


def password_reset_email_queue(
    *, user_id: int, domain: str, protocol: str, templates: tuple[str, str, str]
) -> None:
    """Queue a password-reset e-mail for the worker, once the current transaction commits.

    The task carries no token: :func:`password_reset_email_deliver` makes it when it sends.
    """
    transaction.on_commit(
        lambda: tasks.password_reset_email_send.enqueue(
            user_id=user_id, domain=domain, protocol=protocol, templates=list(templates)
        )
    )


def password_reset_email_deliver(*, user_id: int, domain: str, protocol: str, templates: list[str]) -> bool:
    """Make a reset link for the account and e-mail it, in the account's language.

    Returns False (nothing sent) when the account is gone or disabled meanwhile.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    subject_template, email_template, html_template = templates
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    with translation.override(user_language(user)):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        body = render_to_string(email_template, context)
        html_body = render_to_string(html_template, context) if html_template else None
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
    return True
