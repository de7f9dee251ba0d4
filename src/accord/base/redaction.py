"""Keep the secrets some addresses carry out of every log.

An invitation link (valid for days) and a password-reset link (valid for hours) hold their token in
the path. Logs are kept, shipped and read by more people than the database: they must not hold a
working link. gunicorn's access log (:mod:`accord.config.gunicorn_logging`) and Django's own log
records (:class:`RedactingFilter`, on every handler of LOGGING) both pass through :func:`redact`.
"""

from __future__ import annotations

import logging
import re

#: The secret parts of an address: the invitation token, the reset link's account and token.
SECRET_IN_PATH = re.compile(
    r"(?P<prefix>/invitations/)[^/?#\s'\"]+"
    r"|(?P<reset>/password-reset/)(?!sent/|done/)[^/?#\s'\"]+/[^/?#\s'\"]+"
)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """``text`` (a path, a request line, a referrer, a message) with any address's secrets replaced."""

    def hide(match: re.Match[str]) -> str:
        if match["prefix"]:
            return f"{match['prefix']}{REDACTED}"
        return f"{match['reset']}{REDACTED}/{REDACTED}"

    return SECRET_IN_PATH.sub(hide, text)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts a record's message ("Not Found: /invitations/…/")."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
