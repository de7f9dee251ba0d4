"""Reads of API tokens, always scoped by the person asking."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from accord.accounts.models import User
from accord.apikit.models import ApiToken
from accord.apikit.tokens import looks_like_token, token_digest

#: A token's last-used stamp is written at most once per this interval (see token_authenticate).
LAST_USED_PRECISION = timedelta(minutes=1)


def tokens_of(user: User | AnonymousUser, *, include_revoked: bool = False) -> QuerySet[ApiToken]:
    """The requester's own tokens, newest first (revoked ones only when asked)."""
    if not isinstance(user, User) or not user.is_active:
        return ApiToken.objects.none()
    tokens = ApiToken.objects.filter(user=user).select_related("created_by")
    if not include_revoked:
        tokens = tokens.filter(revoked_at__isnull=True)
    return tokens.order_by("-created_at", "-id")


def token_of(user: User | AnonymousUser, *, token_id: int) -> ApiToken:
    """One of the requester's tokens; ApiToken.DoesNotExist for anyone else's (the API answers 404)."""
    return tokens_of(user, include_revoked=True).get(pk=token_id)


def token_authenticate(text: str) -> ApiToken | None:
    """The usable token whose text this is, with its person; None for anything else.

    One indexed query. The last-used stamp is written only when it is more than a minute old, by
    a conditional UPDATE (so several servers racing write it once): reads do not become one write
    per request.
    """
    if not looks_like_token(text):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(text)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    last_used_stamp(token, now)
    return token


def last_used_stamp(token: ApiToken, now: datetime) -> bool:
    """Stamp ``token`` used at ``now`` unless it was within the last minute; whether it wrote.

    The in-memory check spares the query; the condition in the UPDATE makes servers that race
    with the same stale copy write once.
    """
    threshold = now - LAST_USED_PRECISION
    if token.last_used_at is not None and token.last_used_at >= threshold:
        return False
    written = (
        ApiToken.objects.filter(pk=token.pk)
        .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=threshold))
        .update(last_used_at=now)
    )
    token.last_used_at = now
    return bool(written)
