"""What the browser tests share: logging a page in, the overflow check, screenshots."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def log_in(page, live_server, user) -> None:
    """Give the browser page a logged-in session of ``user`` (the login page has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def page_overflows(page) -> bool:
    """Whether the page scrolls sideways (it must not, at desktop or phone width)."""
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def screenshot(page, name: str) -> None:
    """A full-page screenshot kept as a test artefact, test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
