"""The access log never holds a working invitation or password-reset link."""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from accord.base.redaction import REDACTED, RedactingFilter, redact
from accord.config.gunicorn_logging import RedactingLogger

SECRET_PATHS = [
    ("/invitations/eyJhbGciOi.abc:1x2y3z/", "/invitations/[redacted]/"),
    ("/fr/invitations/token-123/", "/fr/invitations/[redacted]/"),
    ("/password-reset/MQ/cxyz-0123456789abcdef/", "/password-reset/[redacted]/[redacted]/"),
    ("/password-reset/MQ/set-password/", "/password-reset/[redacted]/[redacted]/"),
]
PLAIN_PATHS = ["/password-reset/", "/password-reset/sent/", "/password-reset/done/", "/projects/12/board/"]


@pytest.mark.parametrize(("path", "expected"), SECRET_PATHS)
def test_secret_parts_of_addresses_are_redacted(path, expected):
    assert redact(path) == expected
    assert redact(f"GET {path}?next=/ HTTP/1.1") == f"GET {expected}?next=/ HTTP/1.1"


@pytest.mark.parametrize("path", PLAIN_PATHS)
def test_other_addresses_stay_as_they_are(path):
    assert redact(path) == path


def test_the_access_log_line_holds_no_token():
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/invitations/secret-token-42/",
        "PATH_INFO": "/invitations/secret-token-42/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://accord.example.com/password-reset/MQ/abc-123/",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    atoms = logger.atoms(response, request, environ, dt.timedelta(milliseconds=5))
    line = logger.cfg.access_log_format % atoms
    assert "secret-token-42" not in line
    assert "abc-123" not in line
    assert REDACTED in line


def test_django_log_records_are_redacted():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/invitations/tok-9/",), None
    )
    assert RedactingFilter().filter(record) is True
    assert record.getMessage() == "Not Found: /invitations/[redacted]/"
