"""When to try a failed delivery again (no Django here).

The first attempt goes at once; after a failure the next waits, with ±20 % jitter so that many
deliveries failing together do not come back together: 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h
seven times — thirteen attempts over about three days and five hours. A ``Retry-After`` answer
(seconds or an HTTP date) makes the wait longer when it asks for more, up to 24 hours; it never
makes it shorter than the schedule's.
"""

from __future__ import annotations

import datetime as dt
import random
from email.utils import parsedate_to_datetime

RETRY_DELAYS: tuple[dt.timedelta, ...] = (
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    *(dt.timedelta(hours=10),) * 7,
)
#: Attempts in all: the first, then one per delay.
MAX_ATTEMPTS = 1 + len(RETRY_DELAYS)
#: The longest wait a ``Retry-After`` answer is granted.
RETRY_AFTER_CAP = dt.timedelta(hours=24)
JITTER = 0.2


def parse_retry_after(value: str | None, now: dt.datetime) -> dt.timedelta | None:
    """The wait a ``Retry-After`` header asks for (delay-seconds or an HTTP date), or None when
    it is absent or unreadable; a date in the past asks for no wait."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit():
        return dt.timedelta(seconds=min(int(text), int(RETRY_AFTER_CAP.total_seconds())))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(when - now, dt.timedelta(0))


def next_delay(
    attempts_made: int, *, retry_after: dt.timedelta | None = None, rng: random.Random | None = None
) -> dt.timedelta | None:
    """How long to wait before the next attempt after ``attempts_made`` attempts failed, or None
    when no attempt is left."""
    if attempts_made < 1 or attempts_made >= MAX_ATTEMPTS:
        return None
    chance = rng or random.Random()
    delay = RETRY_DELAYS[attempts_made - 1] * chance.uniform(1 - JITTER, 1 + JITTER)
    if retry_after is not None:
        delay = max(delay, min(retry_after, RETRY_AFTER_CAP))
    return delay


def schedule_total() -> dt.timedelta:
    """How long the retries span without jitter (for the documentation and its test)."""
    return sum(RETRY_DELAYS, dt.timedelta(0))
