import statistics
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from accord.accounts import services
from accord.accounts.models import User
from accord.config.settings import base
from tests.accounts.factories import PASSWORD, UserFactory
from tests.html import page as parsed

pytestmark = pytest.mark.django_db

LOGIN = "/login/"


def post_login(client, email, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def error_text(response):
    errors = parsed(response).first("#form-errors[role=alert]")
    assert errors is not None, "the page shows no error"
    return errors.text


def test_login_with_any_case_of_the_email_logs_in_and_redirects_home(client):
    user = UserFactory(email="ada@example.com")
    response = post_login(client, "ADA@Example.com", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == str(user.pk)


def test_login_rotates_the_session_key(client):
    UserFactory(email="ada@example.com")
    client.get(LOGIN)
    session = client.session
    session["before_login"] = True
    session.save()
    key_before = session.session_key
    post_login(client, "ada@example.com", PASSWORD)
    assert client.session.session_key != key_before
    assert client.session[SESSION_KEY]


def test_unknown_email_and_wrong_password_get_the_same_answer(client):
    UserFactory(email="ada@example.com")
    unknown = post_login(client, "nobody@example.com", PASSWORD)
    wrong = post_login(client, "ada@example.com", "not the password")
    assert unknown.status_code == wrong.status_code == 200
    assert error_text(unknown) == error_text(wrong)
    assert "nobody@example.com" not in error_text(unknown)
    assert "ada@example.com" not in error_text(wrong)


def test_an_inactive_account_gets_the_same_answer_as_a_wrong_password(client):
    UserFactory(email="gone@example.com", is_active=False)
    inactive = post_login(client, "gone@example.com", PASSWORD)
    unknown = post_login(client, "nobody@example.com", PASSWORD)
    assert error_text(inactive) == error_text(unknown)
    assert SESSION_KEY not in client.session


@override_settings(ACCORD_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_address_is_the_last_forwarded_one():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.5", REMOTE_ADDR="127.0.0.1")
    assert services.client_address(request) == "203.0.113.5"


def test_without_proxies_a_forwarded_header_is_ignored():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.0.0.1", REMOTE_ADDR="203.0.113.8")
    assert services.client_address(request) == "203.0.113.8"


@override_settings(
    PASSWORD_HASHERS=base.PASSWORD_HASHERS,
    ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS=1000,
    ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS=1000,
    ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES=1000,
)
def test_unknown_email_and_wrong_password_take_similar_time():
    User.objects.create_user("ada@example.com", PASSWORD)
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="192.0.2.50")

    def duration(email):
        started = time.perf_counter()
        with pytest.raises(services.LoginRejected):
            services.login_authenticate(request=request, email=email, password="wrong password")
        return time.perf_counter() - started

    duration("ada@example.com")  # warm up the hasher
    unknown = statistics.median(duration(f"nobody{n}@example.com") for n in range(5))
    wrong = statistics.median(duration("ada@example.com") for _ in range(5))
    assert 0.5 < unknown / wrong < 2.0


def test_login_refuses_a_post_without_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    UserFactory(email="ada@example.com")
    response = client.post(LOGIN, {"username": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_login_accepts_a_post_with_the_csrf_token_of_its_form():
    client = Client(enforce_csrf_checks=True)
    UserFactory(email="ada@example.com")
    page = client.get(LOGIN)
    token = parsed(page).first("input[name=csrfmiddlewaretoken]").get("value")
    response = client.post(
        LOGIN, {"username": "ada@example.com", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_logout_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/logout/").status_code == 405
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.post("/logout/").status_code == 302
    assert SESSION_KEY not in client.session


def test_next_parameter_outside_the_site_is_ignored(client):
    UserFactory(email="ada@example.com")
    response = client.post(
        LOGIN, {"username": "ada@example.com", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")
