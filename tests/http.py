"""Checks on HTTP responses that every page test may share."""

from __future__ import annotations

from typing import Any


def assert_private_if_logged_in(response: Any, logged_in: bool) -> None:
    """A logged-in person's responses, pages and downloads alike, are kept by no cache."""
    if logged_in:
        assert response["Cache-Control"] == "private, no-store", (
            response.status_code,
            response.get("Cache-Control"),
        )
