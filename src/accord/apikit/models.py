"""API tokens (a person's credentials for the HTTP API) and the idempotency keys of their POSTs."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a token may do; each scope includes the ones before it (admin ⊃ write ⊃ read)."""

    READ = "read", _("read")
    WRITE = "write", _("read and write")
    ADMIN = "admin", _("read, write and administer")


#: Scopes in increasing power: a token holds its own and every scope before it.
SCOPE_ORDER: tuple[Scope, ...] = (Scope.READ, Scope.WRITE, Scope.ADMIN)


def scope_includes(held: str, needed: str) -> bool:
    """Whether a token of scope ``held`` may run an operation that needs ``needed``."""
    return SCOPE_ORDER.index(Scope(held)) >= SCOPE_ORDER.index(Scope(needed))


class ApiToken(models.Model):
    """A bearer token acting as ``user``, never beyond ``scope`` nor beyond what the person may do.

    Only a SHA-256 digest of the token is kept: it is looked up on every request, so it must be
    fast (a password hash is slow on purpose), and the token's 256 random bits make guessing
    hopeless without one. ``prefix`` is the non-secret part, shown on pages to tell tokens apart.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    # The person who made it: the holder themselves, an admin of their workspace, or nobody (the
    # operator's command line).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["digest"], name="api_token_digest_unique"),
            models.CheckConstraint(
                condition=Q(scope__in=["read", "write", "admin"]), name="api_token_scope_known"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["user", "-created_at"], name="api_token_by_user")]

    def __str__(self) -> str:
        return f"{self.name} ({self.display_prefix})"

    @property
    def display_prefix(self) -> str:
        """What pages show of the token: enough to recognise it, nothing to use it."""
        return f"acc_{self.prefix}_…"

    @property
    def scopes(self) -> list[str]:
        """Every scope the token holds, the implied ones included: ``["read", "write"]``."""
        held = SCOPE_ORDER.index(Scope(self.scope))
        return [str(scope.value) for scope in SCOPE_ORDER[: held + 1]]

    def is_usable(self, now: datetime | None = None) -> bool:
        """Neither revoked nor expired (the person's own state is checked apart)."""
        moment = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > moment)


class IdempotencyKey(models.Model):
    """The first answer to a POST sent with an ``Idempotency-Key``, kept 24 hours per token.

    A retry with the same key and the same body gets this answer again without anything being done
    twice; the same key with another body is refused. The unique constraint makes a concurrent
    retry wait for the first request's transaction, then read its answer.
    """

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="idempotency_keys")
    key = models.CharField(max_length=255)
    request_digest = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100, blank=True, default="")
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["token", "key"], name="idempotency_key_unique_per_token"),
        ]
        indexes: ClassVar = [models.Index(fields=["expires_at"], name="idempotency_key_expiry")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code})"
