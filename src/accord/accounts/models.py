"""People who log in (by e-mail) and the events that throttle guessing logins and resetting passwords."""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.domain.time_zones import known_zone


def normalize_email(email: str) -> str:
    """The one spelling of an e-mail address we store and look up: trimmed and lower-cased.

    Mail servers treat the local part case-sensitively in theory, never in practice; people type
    their address in any case and expect to be recognised.
    """
    return email.strip().lower()


@cache
def known_time_zones() -> frozenset[str]:
    """Every time zone name of the tz database Python finds (read once: it scans the disk)."""
    return frozenset(available_timezones())


def validate_time_zone(name: str) -> None:
    """Refuse anything but a tz database name such as ``Europe/Paris`` (blank is allowed: the server's)."""
    if name and name not in known_time_zones():
        raise ValidationError(
            _("“%(name)s” is not a time zone we know. Use a name such as Europe/Paris or America/New_York."),
            code="unknown-time-zone",
            params={"name": name},
        )


def zone_named(name: str) -> ZoneInfo | None:
    """The zone of that name, or None when blank or no longer known (the server's zone then applies)."""
    if not name or name not in known_time_zones():
        return None
    return known_zone(name)


def supported_language(code: str | None) -> str:
    """``code`` if Accord speaks it (``fr-ca`` counts as ``fr``), else the site's default language."""
    languages = dict(settings.LANGUAGES)
    code = (code or "").lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in languages:
            return candidate
    return str(settings.LANGUAGE_CODE)


def user_language(user: object) -> str:
    """The language to write to ``user`` in: theirs if it is one we speak, else the site's default."""
    return supported_language(str(getattr(user, "language", "") or ""))


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalize_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra_fields: Any) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: vendor staff, a customer's contact or a partner's; what they see comes from memberships."""

    # Stored lower-cased (normalize_email); the Lower() constraint also refuses case variants that
    # bypass the manager, e.g. raw updates.
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("operator"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Pages follow the address (/fr/…); this is what e-mails and the landing page after login use.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    # Blank: the server's TIME_ZONE. Dates and times on pages are shown in this zone.
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, default="", validators=[validate_time_zone]
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ThrottleEvent(models.Model):
    """One event a throttle counts: a failed login, a password-reset request, a warning sent.

    Keyed by a scope and a keyed digest of what is counted (an e-mail typed, a client address, or
    both), so a password typed into the e-mail field, an e-mail or an address never ends up here in
    clear text. Kept in the database so that every app server sees the same counts; rows older
    than the longest window are deleted as new ones arrive.
    """

    class Scope(models.TextChoices):
        # Failed logins: per e-mail over all addresses, per client address, per e-mail and address.
        LOGIN_EMAIL = "email", _("failed login: e-mail")
        LOGIN_ADDRESS = "address", _("failed login: network address")
        LOGIN_EMAIL_ADDRESS = "email_address", _("failed login: e-mail and network address")
        # The owner was warned that the e-mail's cap over all addresses tripped.
        LOGIN_WARNING = "login_warning", _("warning of failed logins sent")
        RESET_EMAIL = "reset_email", _("password reset: e-mail")
        RESET_ADDRESS = "reset_address", _("password reset: network address")

    scope = models.CharField(max_length=20, choices=Scope.choices)
    key_digest = models.CharField(max_length=64)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["scope", "key_digest", "occurred_at"], name="throttle_event_lookup"),
            models.Index(fields=["occurred_at"], name="throttle_event_age"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(
                    scope__in=[
                        "email",
                        "address",
                        "email_address",
                        "login_warning",
                        "reset_email",
                        "reset_address",
                    ]
                ),
                name="throttle_event_scope_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} at {self.occurred_at:%Y-%m-%d %H:%M:%S}"
