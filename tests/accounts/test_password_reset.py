import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import call_command

from accord.accounts import tasks
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "violet-kettle-orbit-58"


def request_reset(client, email, prefix=""):
    return client.post(f"{prefix}/password-reset/", {"email": email})


def test_reset_email_leaves_after_commit_and_its_link_sets_a_new_password(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ada@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = request_reset(client, "ADA@example.com")
    assert response.status_code == 302
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"]
    link = re.search(r"http://testserver(/password-reset/\S+/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.text
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    client.post("/login/", {"username": "ada@example.com", "password": NEW_PASSWORD})
    assert client.session[SESSION_KEY] == str(user.pk)


def test_reset_for_an_unknown_email_answers_the_same_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="ada@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        known = request_reset(client, "ada@example.com")
        unknown = request_reset(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mail.outbox] == [["ada@example.com"]]


def test_a_used_reset_link_no_longer_works(client, django_capture_on_commit_callbacks):
    UserFactory(email="ada@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        request_reset(client, "ada@example.com")
    link = re.search(r"http://testserver(/password-reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert "This link does not work any more" in again.text


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_reset_email_is_in_the_accounts_language_whichever_page_asked(
    client, django_capture_on_commit_callbacks, prefix
):
    UserFactory(email="ada@example.com", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = request_reset(client, "ada@example.com", prefix=prefix)
    assert response["Location"] == f"{prefix}/password-reset/sent/"
    assert mail.outbox[0].subject == "Réinitialisez votre mot de passe Accord"
    assert "/fr/password-reset/" in mail.outbox[0].body


def test_reset_email_to_an_english_account_is_in_english_even_from_the_french_pages(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="ada@example.com", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        request_reset(client, "ada@example.com", prefix="/fr")
    assert "/fr/" not in mail.outbox[0].body
    assert "Réinitialisez" not in mail.outbox[0].subject


# The worker commits and closes its connections as in production: no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_a_queued_email():
    user = UserFactory(email="ada@example.com", language="en")
    tasks.login_warning_email_send.using(backend="database").enqueue(user_id=user.pk)
    assert mail.outbox == []
    call_command("db_worker", "--backend", "database", "--batch", "--no-startup-delay", "--queue-name", "*")
    assert [message.to for message in mail.outbox] == [["ada@example.com"]]
    assert "/password-reset/" in mail.outbox[0].body
