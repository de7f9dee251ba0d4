"""Password-reset throttling: a few e-mails per address asked for, more per client address."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accord.accounts.models import ThrottleEvent
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/password-reset/"


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words = []

    def handle_starttag(self, tag, attrs):
        # Per-response values (CSRF tokens, CSP nonces) are not part of the answer.
        self.words.extend(
            f"{name}={value}" for name, value in attrs if name not in {"value", "nonce", "content"}
        )

    def handle_data(self, data):
        self.words.extend(data.split())


def page_words(html):
    collector = _TextCollector()
    collector.feed(html)
    return collector.words


def request_reset(email, address, client=None):
    """A reset request from ``address``; the redirect and the page it leads to."""
    client = client or Client()
    response = client.post(RESET, {"email": email}, REMOTE_ADDR=address)
    page = client.get(response["Location"], REMOTE_ADDR=address) if response.status_code == 302 else None
    return response, page


def recipients():
    return [message.to for message in mail.outbox]


def test_six_requests_for_one_email_send_three_emails(django_capture_on_commit_callbacks):
    assert settings.ACCORD_PASSWORD_RESET_MAX_PER_EMAIL == 3
    UserFactory(email="ada@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(6):
            response, _ = request_reset("ada@example.com", f"192.0.2.{number}")
            assert response.status_code == 302
    assert recipients() == [["ada@example.com"]] * 3


def test_the_answer_is_the_same_for_an_existing_an_unknown_and_a_throttled_email(
    django_capture_on_commit_callbacks,
):
    UserFactory(email="ada@example.com")
    UserFactory(email="bob@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            request_reset("bob@example.com", "192.0.2.1")
    sent_before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        answers = {
            "existing": request_reset("ada@example.com", "192.0.2.2"),
            "unknown": request_reset("nobody@example.com", "192.0.2.3"),
            "throttled": request_reset("bob@example.com", "192.0.2.4"),
        }
    assert recipients()[sent_before:] == [["ada@example.com"]]
    redirects = {name: (r.status_code, r["Location"], r.content) for name, (r, _) in answers.items()}
    assert (
        redirects["existing"]
        == redirects["unknown"]
        == redirects["throttled"]
        == (
            302,
            "/password-reset/sent/",
            b"",
        )
    )
    pages = {name: (page.status_code, page_words(page.text)) for name, (_, page) in answers.items()}
    assert pages["existing"] == pages["unknown"] == pages["throttled"]
    assert "Check your e-mail" in " ".join(pages["existing"][1])


def test_the_limit_per_client_address_stops_emails_across_different_emails(
    django_capture_on_commit_callbacks,
):
    assert settings.ACCORD_PASSWORD_RESET_MAX_PER_ADDRESS == 10
    users = [UserFactory(email=f"person{number}@example.com") for number in range(12)]
    with django_capture_on_commit_callbacks(execute=True):
        for user in users:
            request_reset(user.email, "198.51.100.66")
    assert len(mail.outbox) == 10
    # Another client asking for one of the refused addresses still gets its e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        request_reset(users[-1].email, "203.0.113.10")
    assert len(mail.outbox) == 11
    assert mail.outbox[-1].to == [users[-1].email]


def test_unknown_emails_count_against_the_client_address_too(django_capture_on_commit_callbacks):
    UserFactory(email="ada@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(10):
            request_reset(f"guess{number}@example.com", "198.51.100.66")
        request_reset("ada@example.com", "198.51.100.66")
    assert mail.outbox == []


@override_settings(ACCORD_PASSWORD_RESET_MAX_PER_EMAIL=1, ACCORD_PASSWORD_RESET_MAX_PER_ADDRESS=2)
def test_the_reset_limits_follow_their_settings(django_capture_on_commit_callbacks):
    UserFactory(email="ada@example.com")
    UserFactory(email="bob@example.com")
    UserFactory(email="eve@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        request_reset("ada@example.com", "192.0.2.1")
        request_reset("ada@example.com", "192.0.2.2")  # one per e-mail
        request_reset("bob@example.com", "192.0.2.1")
        request_reset("eve@example.com", "192.0.2.1")  # two per client address
    assert recipients() == [["ada@example.com"], ["bob@example.com"]]


@pytest.mark.parametrize(
    ("window", "age", "sent"),
    [
        (timedelta(hours=1), timedelta(minutes=59), 3),
        (timedelta(hours=1), timedelta(minutes=61), 4),
        (timedelta(minutes=10), timedelta(minutes=11), 4),
    ],
)
def test_the_reset_limit_ends_when_the_requests_leave_the_window(
    django_capture_on_commit_callbacks, window, age, sent
):
    UserFactory(email="ada@example.com")
    with (
        override_settings(ACCORD_PASSWORD_RESET_WINDOW=window),
        django_capture_on_commit_callbacks(execute=True),
    ):
        for _ in range(3):
            request_reset("ada@example.com", "192.0.2.1")
        ThrottleEvent.objects.update(occurred_at=timezone.now() - age)
        request_reset("ada@example.com", "192.0.2.1")
    assert len(mail.outbox) == sent


def test_reset_requests_are_stored_as_digests_only():
    request_reset("secret-typed-here@example.com", "192.0.2.9")
    events = list(ThrottleEvent.objects.values_list("scope", "key_digest"))
    assert sorted(scope for scope, _ in events) == ["reset_address", "reset_email"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for _, digest in events)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_no_live_reset_link_is_stored_in_the_task_queue(client, django_capture_on_commit_callbacks):
    """The queued task names the account, not its link: the worker makes the token when it sends."""
    user = UserFactory(email="owner@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/password-reset/", {"email": "owner@example.com"})
    [queued] = DBTaskResult.objects.all()
    stored = str(queued.args_kwargs)
    assert str(user.pk) in stored
    assert "password-reset/" not in stored
    assert default_token_generator.make_token(user) not in stored
