"""One signed HTTP POST to a checked address (no Django here).

Signing follows the Standard Webhooks scheme through its own package: ``webhook-id`` (the
message id, the same on every attempt and replay), ``webhook-timestamp`` (the attempt's time)
and ``webhook-signature`` (``v1,<base64>``; two, space-separated, while a secret rotation is in
progress). The request goes to the address :func:`accord.webhooks.addresses.target_for` checked,
with the URL's host as the Host header and as the TLS server name; redirects are never followed
(a 3xx is a failure), the connection waits 5 s and each read 15 s, and at most
:data:`RESPONSE_BODY_CAP` bytes of the answer are read.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

import urllib3
from standardwebhooks.webhooks import Webhook
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from accord.webhooks.addresses import Target

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 15.0
#: The whole answer must have come by then (a slow drip of bytes cannot hold a worker longer).
DEADLINE_S = 30.0
RESPONSE_BODY_CAP = 4096
USER_AGENT = "Accord-Webhooks/1"

#: Connection pools kept per checked address, so a busy endpoint reuses its connections.
_POOLS: OrderedDict[tuple[str, str, int, str], HTTPConnectionPool] = OrderedDict()
_POOLS_KEPT = 32


@dataclass(frozen=True, slots=True)
class Answer:
    """What came back: a status (None when no answer came), the start of the body, the headers
    that matter, and what went wrong (empty when an answer came)."""

    status: int | None
    body_excerpt: str = ""
    retry_after: str | None = None
    error: str = ""
    duration_ms: int = 0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def signature_header(secrets: Iterable[str], *, message_id: str, timestamp: dt.datetime, body: str) -> str:
    """The ``webhook-signature`` value: one ``v1,<base64>`` per secret, space-separated."""
    return " ".join(
        Webhook(secret).sign(msg_id=message_id, timestamp=timestamp.astimezone(dt.UTC), data=body)
        for secret in secrets
    )


def signed_headers(
    secrets: Iterable[str], *, message_id: str, timestamp: dt.datetime, body: str
) -> dict[str, str]:
    """The request headers of one attempt, signatures included."""
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "identity",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature_header(secrets, message_id=message_id, timestamp=timestamp, body=body),
    }


def _pool(target: Target) -> HTTPConnectionPool:
    key = (target.scheme, target.address, target.port, target.host)
    pool = _POOLS.get(key)
    if pool is not None:
        _POOLS.move_to_end(key)
        return pool
    timeout = urllib3.Timeout(connect=CONNECT_TIMEOUT_S, read=READ_TIMEOUT_S)
    if target.scheme == "https":
        pool = HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    else:
        pool = HTTPConnectionPool(target.address, target.port, timeout=timeout, retries=False, maxsize=1)
    _POOLS[key] = pool
    while len(_POOLS) > _POOLS_KEPT:
        _key, oldest = _POOLS.popitem(last=False)
        oldest.close()
    return pool


def pool_for(target: Target) -> HTTPConnectionPool:
    """The connection pool to ``target``'s checked address (kept for the next delivery)."""
    return _pool(target)


def _read_capped(response: urllib3.BaseHTTPResponse, deadline: float) -> tuple[bytes, bool]:
    body = b""
    while len(body) <= RESPONSE_BODY_CAP and time.monotonic() < deadline:
        chunk = response.read(1024, decode_content=False)
        if not chunk:
            return body, True
        body += chunk
    return body[:RESPONSE_BODY_CAP], False


def post(target: Target, *, body: bytes, headers: dict[str, str]) -> Answer:
    """POST ``body`` to ``target`` once: no redirect followed, no retry, the answer capped."""
    started = time.monotonic()
    deadline = started + DEADLINE_S

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    pool = _pool(target)
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers={**headers, "Host": target.host_header},
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
    except (urllib3.exceptions.HTTPError, OSError) as error:
        return Answer(status=None, error=_describe(error), duration_ms=elapsed())
    read_error = ""
    try:
        content, complete = _read_capped(response, deadline)
    except (urllib3.exceptions.HTTPError, OSError) as failure:
        content, complete, read_error = b"", False, _describe(failure)
    if complete:
        response.release_conn()
    else:
        # Not read to its end: the connection cannot carry another request.
        response.close()
        response.release_conn()
    kept = {name.lower(): value for name, value in response.headers.items() if name.lower() in _KEPT_HEADERS}
    return Answer(
        status=response.status,
        body_excerpt=content.decode("utf-8", errors="replace"),
        retry_after=response.headers.get("Retry-After"),
        error=read_error,
        duration_ms=elapsed(),
        headers=kept,
    )


_KEPT_HEADERS = frozenset({"content-type", "location", "retry-after"})


def _describe(error: BaseException) -> str:
    reason = getattr(error, "reason", None)
    kind = type(reason if isinstance(reason, BaseException) else error).__name__
    return f"{kind}: {error}"[:500]
