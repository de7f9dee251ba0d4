"""The retry schedule and Retry-After, without Django."""

import datetime as dt
import random

from accord.webhooks.retries import (
    MAX_ATTEMPTS,
    RETRY_AFTER_CAP,
    RETRY_DELAYS,
    next_delay,
    parse_retry_after,
    schedule_total,
)

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def test_the_schedule_spans_about_three_days():
    assert RETRY_DELAYS[:5] == (
        dt.timedelta(seconds=5),
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=30),
        dt.timedelta(hours=2),
        dt.timedelta(hours=5),
    )
    assert dt.timedelta(days=3) < schedule_total() < dt.timedelta(days=3, hours=6)
    assert MAX_ATTEMPTS == 13


def test_each_wait_is_jittered_within_twenty_percent():
    rng = random.Random(1)
    for attempts, base in enumerate(RETRY_DELAYS, start=1):
        waits = {next_delay(attempts, rng=rng) for _ in range(20)}
        assert all(base * 0.8 <= wait <= base * 1.2 for wait in waits)
        assert len(waits) > 1


def test_no_attempt_is_left_after_the_last():
    assert next_delay(MAX_ATTEMPTS) is None
    assert next_delay(MAX_ATTEMPTS - 1) is not None


def test_retry_after_lengthens_the_wait_but_never_shortens_it():
    rng = random.Random(2)
    assert next_delay(1, retry_after=dt.timedelta(minutes=10), rng=rng) == dt.timedelta(minutes=10)
    assert next_delay(3, retry_after=dt.timedelta(seconds=1), rng=rng) >= dt.timedelta(minutes=24)
    assert next_delay(1, retry_after=dt.timedelta(days=9), rng=rng) == RETRY_AFTER_CAP


def test_retry_after_in_seconds_or_as_an_http_date():
    assert parse_retry_after("120", NOW) == dt.timedelta(seconds=120)
    assert parse_retry_after("Mon, 02 Mar 2026 10:05:00 GMT", NOW) == dt.timedelta(minutes=5)
    assert parse_retry_after("Mon, 02 Mar 2026 09:00:00 GMT", NOW) == dt.timedelta(0)
    assert parse_retry_after("99999999999", NOW) == RETRY_AFTER_CAP
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None
