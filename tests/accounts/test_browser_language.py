"""A first visit is answered in the browser's language (Accept-Language) until a choice is saved."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from accord.accounts.middleware import browser_language
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

FRENCH_BROWSER = "fr-CA,fr;q=0.9,en;q=0.5"


def test_a_french_browser_on_its_first_visit_is_sent_to_the_french_page():
    response = Client(headers={"Accept-Language": FRENCH_BROWSER}).get("/login/?next=/projects/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/login/?next=/projects/"
    assert "Accept-Language" in response["Vary"]
    french = Client(headers={"Accept-Language": FRENCH_BROWSER}).get(response["Location"])
    assert french.status_code == 200
    assert 'lang="fr"' in french.text


def test_an_anonymous_french_browser_asking_for_a_page_lands_on_the_french_login():
    client = Client(headers={"Accept-Language": FRENCH_BROWSER})
    response = client.get("/projects/", follow=True)
    assert response.redirect_chain[0] == ("/fr/projects/", 302)
    assert response.request["PATH_INFO"] == "/fr/login/"


def test_an_english_or_unknown_browser_stays_on_the_english_page():
    for header in ("en-GB,en;q=0.9,fr;q=0.8", "de-DE,de;q=0.9", "*", ""):
        response = Client(headers={"Accept-Language": header}).get("/login/")
        assert response.status_code == 200, header


def test_a_saved_choice_wins_over_the_browser():
    client = Client(headers={"Accept-Language": FRENCH_BROWSER})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/login/").status_code == 200


def test_a_logged_in_person_keeps_the_page_they_asked_for():
    client = Client(headers={"Accept-Language": FRENCH_BROWSER})
    client.force_login(UserFactory(language="en"))
    assert client.get("/account/preferences/").status_code == 200


def test_posts_the_api_and_prefixed_pages_are_never_redirected():
    client = Client(headers={"Accept-Language": FRENCH_BROWSER})
    assert client.post("/login/", {"username": "x@example.com", "password": "y"}).status_code != 302
    assert client.get("/fr/login/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code != 302


@pytest.mark.parametrize(
    ("header", "expected"),
    [("fr-CA,fr;q=0.9", "fr"), ("en-US,fr;q=0.5", "en"), ("de,fr;q=0.1", "fr"), ("de", None), ("", None)],
)
def test_browser_language_is_the_most_preferred_one_accord_speaks(header, expected):
    assert browser_language(header) == expected
