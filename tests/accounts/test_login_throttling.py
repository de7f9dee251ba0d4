"""Login throttling: per e-mail and address, per address, and a high cap per e-mail over all addresses."""

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from accord.accounts import services
from accord.accounts.models import ThrottleEvent
from tests.accounts.factories import PASSWORD, UserFactory
from tests.html import page as parsed

pytestmark = pytest.mark.django_db

LOGIN = "/login/"
ATTACKER = "198.51.100.66"
OWNER = "203.0.113.10"
Scope = ThrottleEvent.Scope


def post_login(email, password, address, client=None):
    """A login attempt from ``address``, in a fresh session unless a client is given."""
    client = client or Client()
    response = client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)
    response.logged_in = SESSION_KEY in client.session
    return response


def error_text(response):
    errors = parsed(response).first("#form-errors[role=alert]")
    assert errors is not None, "the page shows no error"
    return errors.text


def throttled(response):
    return not response.logged_in and "Too many failed attempts" in error_text(response)


def fail(email, address, times):
    for _ in range(times):
        response = post_login(email, "wrong password", address)
        assert not response.logged_in
        assert "do not match" in error_text(response)


def age_all_events(by):
    ThrottleEvent.objects.update(occurred_at=timezone.now() - by)


def test_the_owner_logs_in_from_another_address_while_the_attackers_address_is_refused():
    UserFactory(email="ada@example.com")
    limit = settings.ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS
    assert limit == 5
    fail("ada@example.com", ATTACKER, times=5)

    assert post_login("ada@example.com", PASSWORD, OWNER).logged_in
    refused = post_login("ada@example.com", PASSWORD, ATTACKER)
    assert throttled(refused)
    assert "ada@example.com" not in error_text(refused)


@pytest.mark.parametrize("exists", [True, False])
def test_an_email_and_address_pair_is_throttled_alike_whether_or_not_the_account_exists(exists):
    if exists:
        UserFactory(email="ada@example.com")
    fail("ada@example.com", ATTACKER, times=4)
    assert not throttled(post_login("ada@example.com", "wrong password", ATTACKER))
    assert throttled(post_login("ada@example.com", PASSWORD, ATTACKER))
    # Another e-mail from the same address is not held back by this pair.
    assert "do not match" in error_text(post_login("other@example.com", "wrong password", ATTACKER))


def test_a_throttled_attempt_checks_no_password_and_counts_nothing():
    UserFactory(email="ada@example.com")
    fail("ada@example.com", ATTACKER, times=5)
    events = ThrottleEvent.objects.count()
    with mock.patch.object(services, "authenticate", wraps=services.authenticate) as authenticate:
        assert throttled(post_login("ada@example.com", PASSWORD, ATTACKER))
    authenticate.assert_not_called()
    assert ThrottleEvent.objects.count() == events


@override_settings(ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS=4)
def test_an_address_guessing_many_accounts_is_throttled_for_every_email_but_others_are_not():
    UserFactory(email="ada@example.com")
    for number in range(4):
        fail(f"guess{number}@example.com", ATTACKER, times=1)
    assert throttled(post_login("ada@example.com", PASSWORD, ATTACKER))
    assert throttled(post_login("fresh@example.com", "anything", ATTACKER))
    assert post_login("ada@example.com", PASSWORD, OWNER).logged_in


def test_the_default_cap_per_address_stops_thirty_failures_over_many_emails():
    assert settings.ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS == 30
    UserFactory(email="ada@example.com")
    for number in range(30):
        fail(f"guess{number}@example.com", ATTACKER, times=1)
    assert throttled(post_login("ada@example.com", PASSWORD, ATTACKER))


@override_settings(ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES=3)
def test_the_cap_per_email_over_all_addresses_stops_everyone_and_warns_the_owner_once_in_their_language(
    django_capture_on_commit_callbacks,
):
    UserFactory(email="ada@example.com", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            fail("ada@example.com", f"192.0.2.{number}", times=1)
        # Tripped: the owner, from an address never seen, is held back too; and warned once only.
        assert throttled(post_login("ada@example.com", PASSWORD, OWNER))
        for number in range(3, 6):
            assert throttled(post_login("ada@example.com", "wrong password", f"192.0.2.{number}"))
    assert len(mail.outbox) == 1
    warning = mail.outbox[0]
    assert warning.to == ["ada@example.com"]
    assert warning.subject == "Nombreuses tentatives de connexion échouées à votre compte Accord"
    assert "ada@example.com" in warning.body
    assert "15 minutes" in warning.body
    assert "http://testserver/fr/password-reset/" in warning.body


@override_settings(ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES=2)
def test_the_owner_is_warned_again_only_once_the_window_has_passed(django_capture_on_commit_callbacks):
    UserFactory(email="ada@example.com", language="en")
    # Queued e-mails leave when each block ends (as after each request's commit).
    with django_capture_on_commit_callbacks(execute=True):
        fail("ada@example.com", "192.0.2.1", times=1)
        fail("ada@example.com", "192.0.2.2", times=1)
    assert len(mail.outbox) == 1
    # The oldest failure leaves the window, not the warning: one more failure trips the cap again.
    first = ThrottleEvent.objects.filter(scope=Scope.LOGIN_EMAIL).order_by("pk").first()
    first.occurred_at -= settings.ACCORD_LOGIN_WINDOW
    first.save()
    with django_capture_on_commit_callbacks(execute=True):
        fail("ada@example.com", "192.0.2.3", times=1)
    assert len(mail.outbox) == 1
    age_all_events(by=settings.ACCORD_LOGIN_WINDOW + timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        fail("ada@example.com", "192.0.2.4", times=2)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Many failed attempts to log in to your Accord account"


@override_settings(ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES=3)
def test_the_cap_per_email_over_all_addresses_throttles_an_unknown_email_alike_and_warns_nobody(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            fail("nobody@example.com", f"192.0.2.{number}", times=1)
        assert throttled(post_login("nobody@example.com", PASSWORD, OWNER))
    assert mail.outbox == []
    assert ThrottleEvent.objects.filter(scope=Scope.LOGIN_WARNING).count() == 1


def test_a_successful_login_forgets_only_the_failures_of_that_email_from_that_address():
    UserFactory(email="ada@example.com")
    fail("ada@example.com", OWNER, times=4)
    fail("ada@example.com", ATTACKER, times=4)
    assert post_login("ada@example.com", PASSWORD, OWNER).logged_in
    # The owner's address starts afresh; the attacker's keeps its four failures.
    fail("ada@example.com", OWNER, times=4)
    assert post_login("ada@example.com", PASSWORD, OWNER).logged_in
    fail("ada@example.com", ATTACKER, times=1)
    assert throttled(post_login("ada@example.com", PASSWORD, ATTACKER))
    # Failures per address and per e-mail over all addresses are kept.
    assert ThrottleEvent.objects.filter(scope=Scope.LOGIN_EMAIL).count() == 13
    assert ThrottleEvent.objects.filter(scope=Scope.LOGIN_ADDRESS).count() == 13


def test_the_lockout_ends_when_the_failures_leave_the_window():
    UserFactory(email="ada@example.com")
    fail("ada@example.com", ATTACKER, times=5)
    age_all_events(by=settings.ACCORD_LOGIN_WINDOW + timedelta(seconds=1))
    assert post_login("ada@example.com", PASSWORD, ATTACKER).logged_in


@override_settings(ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS=2)
def test_the_limit_per_email_and_address_follows_its_setting():
    UserFactory(email="ada@example.com")
    fail("ada@example.com", ATTACKER, times=2)
    assert throttled(post_login("ada@example.com", PASSWORD, ATTACKER))


@override_settings(ACCORD_LOGIN_WINDOW=timedelta(minutes=1))
def test_the_window_follows_its_setting():
    UserFactory(email="ada@example.com")
    fail("ada@example.com", ATTACKER, times=5)
    age_all_events(by=timedelta(minutes=2))  # still inside the default 15 minutes
    assert post_login("ada@example.com", PASSWORD, ATTACKER).logged_in


def test_failures_are_stored_as_digests_only():
    post_login("secret-typed-here@example.com", "wrong", "192.0.2.9")
    events = list(ThrottleEvent.objects.values_list("scope", "key_digest"))
    assert sorted(scope for scope, _ in events) == ["address", "email", "email_address"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for _, digest in events)
    assert len({digest for _, digest in events}) == 3


def settings_from_environment(**environment):
    """The throttle settings the settings module reads from this environment (a fresh process)."""
    names = [
        "ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS",
        "ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS",
        "ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES",
        "ACCORD_PASSWORD_RESET_MAX_PER_EMAIL",
        "ACCORD_PASSWORD_RESET_MAX_PER_ADDRESS",
    ]
    code = (
        "import json; from accord.config.settings import base; "
        f"print(json.dumps({{name: getattr(base, name) for name in {names!r}}} | "
        "{'login_minutes': base.ACCORD_LOGIN_WINDOW.total_seconds() / 60, "
        "'reset_minutes': base.ACCORD_PASSWORD_RESET_WINDOW.total_seconds() / 60}))"
    )
    clean = {key: value for key, value in os.environ.items() if not key.startswith("ACCORD_")}
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean | environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_settings_have_their_documented_defaults_and_the_older_name_still_works():
    assert settings_from_environment() == {
        "ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS": 5,
        "ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS": 30,
        "ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES": 100,
        "ACCORD_PASSWORD_RESET_MAX_PER_EMAIL": 3,
        "ACCORD_PASSWORD_RESET_MAX_PER_ADDRESS": 10,
        "login_minutes": 15,
        "reset_minutes": 60,
    }
    older = settings_from_environment(ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL="4")
    assert older["ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS"] == 4
    both = settings_from_environment(
        ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL="4", ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS="7"
    )
    assert both["ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS"] == 7
