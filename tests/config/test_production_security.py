"""Under the production settings, the cookies that carry a login are Secure and HTTPS is enforced.

The values are read from ``accord.config.settings.production`` itself, so a change there that
weakens them fails here; the requests go through the whole middleware stack.
"""

from __future__ import annotations

import importlib
import secrets
import sys

import pytest
from django.test import Client, override_settings

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "violet-kettle-orbit-58"
SECURITY_SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
)


@pytest.fixture
def production(monkeypatch):
    """The security settings exactly as the production module computes them."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    sys.modules.pop("accord.config.settings.production", None)
    module = importlib.import_module("accord.config.settings.production")
    values = {name: getattr(module, name) for name in SECURITY_SETTINGS}
    sys.modules.pop("accord.config.settings.production", None)
    with override_settings(**values):
        yield values


def https_client() -> Client:
    # The TLS-terminating proxy says the request came over HTTPS.
    return Client(HTTP_X_FORWARDED_PROTO="https")


def test_the_session_and_csrf_cookies_are_secure_and_http_only(production):
    user = UserFactory(email="owner@example.com")
    user.set_password(PASSWORD)
    user.save()
    client = https_client()
    login_page = client.get("/login/")
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    response = client.post("/login/", {"username": "owner@example.com", "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_https_pages_carry_hsts_for_a_year_with_subdomains(production):
    response = https_client().get("/login/")
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_plain_http_is_sent_to_https_except_the_health_check(production):
    redirected = Client().get("/login/")
    assert redirected.status_code == 301
    assert redirected["Location"].startswith("https://")
    assert Client().get("/healthz").status_code == 200
