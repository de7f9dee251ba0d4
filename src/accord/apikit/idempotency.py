"""``Idempotency-Key`` on POST: a retry gets the first answer, and nothing is done twice.

Keys are kept per token, with a SHA-256 of the request (method, path, body), for 24 hours. The
whole request runs in one transaction that first inserts the key: a concurrent request with the
same key waits on the unique constraint (on PostgreSQL; SQLite's IMMEDIATE transactions wait
earlier), then finds the committed answer and replays it. Only successful answers (2xx) are
kept: after a refusal or an error the key is free again, so a corrected retry runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.apikit.auth import bearer_token
from accord.apikit.errors import error_response
from accord.apikit.models import ApiToken, IdempotencyKey

HEADER = "Idempotency-Key"
KEY_MAX_LENGTH = 255
LIFETIME = timedelta(hours=24)
#: Response headers a replay repeats.
REPLAYED_HEADERS = ("ETag", "Location")


def request_digest(request: HttpRequest) -> str:
    """SHA-256 of what makes two requests the same: method, path (with query) and body."""
    digest = hashlib.sha256()
    for part in (request.method or "", request.get_full_path()):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    digest.update(request.body)
    return digest.hexdigest()


#: Prefixes of the secrets some answers show once (API tokens, webhook and trigger secrets).
SECRET_PREFIXES = ("acc_", "whsec_")


def _withheld(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(SECRET_PREFIXES):
        return None
    if isinstance(value, dict):
        return {name: _withheld(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_withheld(item) for item in value]
    return value


def stored_body(response: HttpResponse) -> bytes:
    """The answer as kept for replays, without the secrets it showed: a secret is shown once and
    stored nowhere but hashed (a replay answers the same object with the secret as null)."""
    if "json" not in response.get("Content-Type", ""):
        return response.content
    try:
        data = json.loads(response.content)
    except ValueError:
        return response.content
    return json.dumps(_withheld(data)).encode("utf-8")


def _replay(record: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(
        bytes(record.body), status=record.status_code, content_type=record.content_type or None
    )
    for name, value in record.headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def _key_problem(key: str) -> HttpResponse | None:
    if len(key) > KEY_MAX_LENGTH or not key.isprintable():
        return error_response(
            422,
            "invalid-idempotency-key",
            _("The Idempotency-Key is not usable."),
            [
                {
                    "field": "header.Idempotency-Key",
                    "hint": _("Send at most 255 printable characters, e.g. a UUID."),
                }
            ],
        )
    return None


def _claim(token: ApiToken, key: str, digest: str) -> IdempotencyKey | None:
    """Insert the key; None if this request runs, else the stored answer of the earlier one."""
    now = timezone.now()
    IdempotencyKey.objects.filter(token=token, expires_at__lte=now).delete()
    try:
        with transaction.atomic():
            IdempotencyKey.objects.create(
                token=token,
                key=key,
                request_digest=digest,
                status_code=0,
                created_at=now,
                expires_at=now + LIFETIME,
            )
    except IntegrityError:
        return IdempotencyKey.objects.select_for_update().get(token=token, key=key)
    return None


def idempotent(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap an API view so that every POST with an ``Idempotency-Key`` runs at most once."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = request.headers.get(HEADER, "").strip()
        if request.method != "POST" or not key:
            return view(request, *args, **kwargs)
        token = bearer_token(request)
        if token is None:  # the operation answers 401 (or runs, if it needs no token)
            return view(request, *args, **kwargs)
        if (problem := _key_problem(key)) is not None:
            return problem
        digest = request_digest(request)
        with transaction.atomic():
            earlier = _claim(token, key, digest)
            if earlier is not None:
                if earlier.request_digest != digest:
                    return error_response(
                        422,
                        "idempotency-key-reused",
                        _("This Idempotency-Key was used for another request in the last 24 hours."),
                        [{"field": "header.Idempotency-Key", "hint": _("Use a new key for a new request.")}],
                    )
                return _replay(earlier)
            response = view(request, *args, **kwargs)
            if 200 <= response.status_code < 300 and not getattr(response, "streaming", False):
                IdempotencyKey.objects.filter(token=token, key=key).update(
                    status_code=response.status_code,
                    content_type=response.get("Content-Type", ""),
                    headers={name: response[name] for name in REPLAYED_HEADERS if name in response},
                    body=stored_body(response),
                )
            else:
                # A refusal keeps nothing (nor the key): the client may correct and retry.
                transaction.set_rollback(True)
            return response

    return wrapped
