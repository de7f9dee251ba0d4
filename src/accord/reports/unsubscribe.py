"""Signed one-click links: stop the digest (or only its "no change" note) without logging in.

The link carries the subscription's id and what to stop, signed with the site's secret
(:mod:`django.core.signing`, its own salt): it cannot be forged or changed to act on someone
else's subscription. It does not expire: an old e-mail's link still stops the digest.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from accord.reports.models import DigestSubscription

SALT = "accord.reports.unsubscribe"
#: What a link stops: the whole digest, or only the "no change this week" note.
ALL = "all"
NO_CHANGE = "no-change"


def unsubscribe_token(subscription: DigestSubscription, what: str = ALL) -> str:
    return signing.dumps({"s": subscription.pk, "w": what}, salt=SALT, compress=True)


def unsubscribe_url(subscription: DigestSubscription, what: str = ALL) -> str:
    path = reverse(
        "reports:unsubscribe",
        kwargs={"project_id": subscription.project_id, "token": unsubscribe_token(subscription, what)},
    )
    return f"{settings.ACCORD_BASE_URL}{path}"


def token_read(project_id: int, token: str) -> tuple[DigestSubscription, str] | None:
    """The subscription and what to stop, or None for a tampered, foreign or unknown link."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("w") not in (ALL, NO_CHANGE):
        return None
    subscription = (
        DigestSubscription.objects.select_related("project", "user")
        .filter(pk=int(data.get("s") or 0), project_id=project_id)
        .first()
    )
    return (subscription, str(data["w"])) if subscription is not None else None
