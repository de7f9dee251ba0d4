import pytest
from django.test import Client

from accord.workspaces.models import MembershipKind
from tests.html import page
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_sends_anonymous_people_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_the_home_page_sends_vendor_staff_to_the_portfolio(client):
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")
    client.force_login(admin.user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/projects/"


def test_the_home_page_sends_contacts_to_my_work(client):
    contact = CustomerContactFactory(customer__name="Acme Insurance")
    client.force_login(contact.user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/my-work/"


def test_someone_who_belongs_nowhere_is_told_how_to_get_in(client, django_user_model):
    user = django_user_model.objects.create_user("alone@example.com", "a-long-password-2026")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert "Ask your contact at the vendor for an invitation" in response.text


def test_the_navigation_offers_projects_my_work_and_the_inbox(client):
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    client.force_login(admin.user)
    addresses = page(client.get("/projects/")).hrefs()
    for address in ("/projects/", "/my-work/", "/inbox/"):
        assert address in addresses


def test_pages_carry_the_security_headers(client):
    response = client.get("/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'nonce-" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_only_script_is_the_packaged_htmx_with_the_pages_nonce(client):
    response = client.get("/login/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    scripts = page(response).all("script")
    assert [script.get("nonce") for script in scripts] == [nonce] * len(scripts)
    assert any("django_htmx/htmx-2.min.js" in script.get("src", "") for script in scripts)
    assert "https://" not in response.text  # nothing from a CDN


def test_the_login_page_is_accessible_by_keyboard_and_screen_reader(client):
    document = page(client.get("/login/"))
    assert document.one("a.skip-link").get("href") == "#main"
    assert document.one("main").get("id") == "main"
    assert document.control("username").name  # each field is labelled
    assert document.control("password").name
    assert document.one("html").get("lang") == "en"


def test_the_login_page_speaks_french_under_fr(client):
    response = client.get("/fr/login/")
    assert response.status_code == 200
    document = page(response)
    assert document.one("html").get("lang") == "fr"
    assert document.one("h1").text == "Connexion"
    assert "Mot de passe oublié ?" in response.text
    assert "Adresse e-mail" in response.text


def test_a_wrong_password_is_explained_in_french(client):
    response = client.post("/fr/login/", {"username": "nobody@example.com", "password": "x"})
    assert "ne correspondent pas" in response.text


def test_the_language_switcher_moves_to_the_french_page(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/login/"


def test_the_language_switcher_needs_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/i18n/setlang/", {"language": "fr", "next": "/login/"}).status_code == 403


def test_an_unknown_address_shows_the_not_found_page(client):
    member = MembershipFactory()
    client.force_login(member.user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_the_health_check_needs_no_login(client):
    response = client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok")


def test_static_files_are_served_by_whitenoise(client):
    response = client.get("/static/accord/accord.css")
    assert response.status_code == 200
    assert b":focus-visible" in b"".join(response.streaming_content)
