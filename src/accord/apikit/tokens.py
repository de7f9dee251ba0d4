"""Making API tokens and recognising them: ``acc_<prefix>_<secret>``, stored as a SHA-256 digest."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

#: What every token starts with, so that secret scanners (and people) recognise one.
TOKEN_MARK = "acc"  # noqa: S105 (not a secret: the mark every token starts with)
PREFIX_LENGTH = 8  # hexadecimal characters: never an underscore, so the token splits unambiguously
SECRET_BYTES = 32  # 256 random bits


@dataclass(frozen=True, slots=True)
class NewToken:
    """A freshly made token: the whole text (shown once), its display prefix and its digest."""

    text: str
    prefix: str
    digest: str


def token_digest(text: str) -> str:
    """The SHA-256 (hexadecimal) of a token's whole text: what the database keeps and looks up."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def token_generate() -> NewToken:
    """A new high-entropy token."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    text = f"{TOKEN_MARK}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return NewToken(text=text, prefix=prefix, digest=token_digest(text))


def looks_like_token(text: str) -> bool:
    """Whether ``text`` has a token's shape (cheap; spares a query for obvious garbage)."""
    parts = text.split("_", 2)
    return (
        len(parts) == 3
        and parts[0] == TOKEN_MARK
        and len(parts[1]) == PREFIX_LENGTH
        and len(parts[2]) >= SECRET_BYTES
        and len(text) <= 200
    )
