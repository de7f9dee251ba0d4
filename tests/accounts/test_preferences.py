"""Each person's language and time zone: the fields, the page, the middleware, and the e-mails."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accord.accounts import services
from accord.accounts.middleware import PersonalTimeZoneMiddleware
from accord.accounts.models import (
    User,
    known_time_zones,
    supported_language,
    user_language,
    validate_time_zone,
    zone_named,
)
from accord.domain.errors import InvalidInput
from accord.inbox.services import recipient_language
from accord.projects.models import TaskComment
from accord.work import services as work
from accord.workspaces.models import MembershipKind
from accord.workspaces.services import invitation_accept, invitation_create, invitation_token
from tests.accounts.factories import PASSWORD, UserFactory
from tests.html import page as parsed
from tests.work.factories import task
from tests.workspaces.factories import MembershipFactory

PREFERENCES = "/account/preferences/"
# A quarter past eight in the evening in London, the next morning in Auckland (UTC+13 in January).
COMMENT_TIME = dt.datetime(2026, 1, 15, 20, 15, tzinfo=dt.UTC)


# --- the fields -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_account_speaks_english_in_the_servers_time_zone():
    user = User.objects.create_user("new@example.com", PASSWORD)
    user.refresh_from_db()
    assert (user.language, user.time_zone) == ("en", "")


@given(st.sampled_from(sorted(known_time_zones())))
@hypothesis_settings(max_examples=60)
def test_every_tz_database_name_is_accepted(name):
    validate_time_zone(name)
    assert zone_named(name) == ZoneInfo(name)


@given(st.text(min_size=1, max_size=40).filter(lambda text: text not in known_time_zones()))
@hypothesis_settings(max_examples=60)
def test_anything_else_is_refused_and_never_activated(text):
    with pytest.raises(ValidationError) as refused:
        validate_time_zone(text)
    assert refused.value.code == "unknown-time-zone"
    assert zone_named(text) is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [("fr", "fr"), ("en", "en"), ("fr-ca", "fr"), ("FR", "fr"), ("de", "en"), ("", "en")],
)
def test_supported_language(code, expected):
    assert supported_language(code) == expected


# --- the service --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_preferences_are_saved_for_the_actor():
    user = UserFactory()
    services.preferences_set(actor=user, language="fr", time_zone=" Europe/Paris ")
    user.refresh_from_db()
    assert (user.language, user.time_zone) == ("fr", "Europe/Paris")


@pytest.mark.django_db
def test_bad_preferences_name_their_field_and_change_nothing():
    user = UserFactory(language="en", time_zone="UTC")
    with pytest.raises(InvalidInput) as refused:
        services.preferences_set(actor=user, language="tlh", time_zone="Mars/Olympus_Mons")
    assert {problem.where for problem in refused.value.problems} == {"language", "time_zone"}
    assert all(problem.hint for problem in refused.value.problems)
    user.refresh_from_db()
    assert (user.language, user.time_zone) == ("en", "UTC")


# --- the middleware -----------------------------------------------------------------------------


def zone_seen_by_view(user):
    seen = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        return None

    request = RequestFactory().get("/")
    request.user = user
    PersonalTimeZoneMiddleware(view)(request)
    return seen[0]


@pytest.mark.django_db
def test_the_middleware_activates_the_persons_zone_only_for_their_request():
    assert zone_seen_by_view(UserFactory(time_zone="Asia/Tokyo")) == "Asia/Tokyo"
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


@pytest.mark.django_db
def test_without_a_zone_of_their_own_people_see_the_servers(settings):
    settings.TIME_ZONE = "America/Chicago"
    assert zone_seen_by_view(UserFactory(time_zone="")) == "America/Chicago"
    assert zone_seen_by_view(AnonymousUser()) == "America/Chicago"
    # A name that stopped being known (an older tz database) falls back instead of failing.
    assert zone_seen_by_view(UserFactory.build(time_zone="Nowhere/Atlantis")) == "America/Chicago"


def test_the_middleware_sits_right_after_authentication():
    middleware = list(settings.MIDDLEWARE)
    position = middleware.index("accord.accounts.middleware.PersonalTimeZoneMiddleware")
    assert middleware[position - 1] == "django.contrib.auth.middleware.AuthenticationMiddleware"


# --- times on pages -----------------------------------------------------------------------------


def task_page(crew, reader, prefix=""):
    build = task(crew.project, "build")
    build.planned_finish = dt.date(2026, 1, 20)
    build.save(update_fields=["planned_finish"])
    comment = work.comment_add(actor=crew.pm, task=build, body="Connector drafted")
    TaskComment.objects.filter(pk=comment.pk).update(created_at=COMMENT_TIME)
    client = Client()
    client.force_login(reader)
    response = client.get(f"{prefix}/projects/{crew.project.pk}/tasks/{build.pk}/")
    assert response.status_code == 200
    return response.text


def shown_time(page, pattern):
    """The first time on the page whose machine-readable value matches ``pattern``: (value, text)."""
    times = parsed(page).all("time")
    return next(
        (time.get("datetime"), time.text) for time in times if re.fullmatch(pattern, time.get("datetime"))
    )


def comment_time(page):
    return shown_time(page, r"2026-01-1[56]T.+")


def due_date(page):
    return shown_time(page, r"2026-01-\d\d")


def test_a_comment_shows_in_the_readers_time_zone(crew):
    crew.pm.time_zone = "Pacific/Auckland"
    crew.pm.save()
    iso, shown = comment_time(task_page(crew, crew.pm))
    assert iso == "2026-01-16T09:15:00+13:00"
    assert "16 Jan 2026" in shown
    assert "9:15" in shown


def test_a_comment_shows_in_the_servers_zone_without_a_preference(crew):
    iso, shown = comment_time(task_page(crew, crew.pm))
    assert iso == "2026-01-15T20:15:00+00:00"
    assert "15 Jan 2026" in shown


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", ""])
def test_a_due_date_is_a_calendar_day_in_every_zone(crew, zone):
    crew.pm.time_zone = zone
    crew.pm.save()
    assert due_date(task_page(crew, crew.pm)) == ("2026-01-20", "20 Jan 2026")


def test_french_and_paris_time_on_the_french_task_page(crew):
    crew.pm.language, crew.pm.time_zone = "fr", "Europe/Paris"
    crew.pm.save()
    page = task_page(crew, crew.pm, prefix="/fr")
    assert comment_time(page) == ("2026-01-15T21:15:00+01:00", "15 janvier 2026 21:15")
    assert due_date(page)[1] == "20 janvier 2026"


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture
def person(db):
    return UserFactory(full_name="Claire Martin", language="en", time_zone="")


@pytest.fixture
def person_client(person):
    client = Client()
    client.force_login(person)
    return client


def test_the_navigation_links_the_persons_name_to_their_preferences(person_client):
    who = parsed(person_client.get("/account/preferences/")).one("a.who")
    assert (who.text, who.get("href")) == ("Claire Martin — your preferences", "/account/preferences/")
    french = parsed(person_client.get("/fr/account/preferences/")).one("a.who")
    assert french.get("href") == "/fr/account/preferences/"
    assert french.text.startswith("Claire Martin — ")


def test_the_page_shows_the_current_choices(person, person_client):
    person.language, person.time_zone = "fr", "America/Toronto"
    person.save()
    page = parsed(person_client.get(PREFERENCES))
    form = page.one("main form")
    assert form.value("language") == "fr"
    assert form.value("time_zone") == "America/Toronto"
    suggested = [
        value for value, _, _ in page.one(f"datalist#{form.control('time_zone').get('list')}").options()
    ]
    assert "Europe/Paris" in suggested  # the common zones are suggested
    assert "Dates and times are shown in America/Toronto (now: " in page.text


def test_choosing_french_switches_to_the_french_pages(person, person_client):
    response = person_client.post(PREFERENCES, {"language": "fr", "time_zone": "Europe/Paris"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/account/preferences/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    person.refresh_from_db()
    assert (person.language, person.time_zone) == ("fr", "Europe/Paris")
    page = parsed(person_client.get(response["Location"]))
    assert page.one("html").get("lang") == "fr"
    assert "Déconnexion" in page.text
    with translation.override("fr"):
        saved = gettext("Your preferences are saved.")
    assert [message.text for message in page.all("li.message-success")] == [saved]
    assert page.one("main form").value("time_zone") == "Europe/Paris"


def test_choosing_english_from_the_french_page_goes_back_unprefixed(person, person_client):
    person.language = "fr"
    person.save()
    response = person_client.post("/fr" + PREFERENCES, {"language": "en", "time_zone": ""})
    assert response["Location"] == PREFERENCES
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Your preferences are saved." in person_client.get(PREFERENCES).text
    person.refresh_from_db()
    assert (person.language, person.time_zone) == ("en", "")


def test_an_unknown_zone_is_explained_at_its_field_and_nothing_is_saved(person, person_client):
    response = person_client.post(PREFERENCES, {"language": "fr", "time_zone": "Europe/Pariss"})
    assert response.status_code == 422
    error = parsed(response).field_errors()["time_zone"]
    assert "Europe/Pariss" in error
    assert "not a time zone" in error
    person.refresh_from_db()
    assert (person.language, person.time_zone) == ("en", "")


def test_an_unknown_language_is_explained_at_its_field(person_client):
    response = person_client.post(PREFERENCES, {"language": "tlh", "time_zone": ""})
    assert response.status_code == 422
    assert "language" in parsed(response).field_errors()


def test_the_page_needs_a_login(client):
    response = client.get(PREFERENCES)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_page_needs_a_csrf_token(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    assert client.post(PREFERENCES, {"language": "fr", "time_zone": ""}).status_code == 403


# --- logging in, invitations and e-mails ----------------------------------------------------------


@pytest.mark.parametrize(("language", "landing"), [("fr", "/fr/"), ("en", "/")])
def test_logging_in_lands_on_home_in_ones_language(client, db, language, landing):
    UserFactory(email="ada@example.com", language=language)
    response = client.post("/login/", {"username": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == landing


@pytest.mark.parametrize("language", ["en", "fr"])
def test_logging_in_on_a_french_page_stays_in_french(client, db, language):
    UserFactory(email="ada@example.com", language=language)
    response = client.post("/fr/login/", {"username": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_an_explicit_next_address_is_kept_at_login(client, db):
    UserFactory(email="ada@example.com", language="fr")
    response = client.post("/login/?next=/my-work/", {"username": "ada@example.com", "password": PASSWORD})
    assert response["Location"] == "/my-work/"


@pytest.fixture
def admin(db):
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro").user


def invite(admin, email, django_capture_on_commit_callbacks, language="en"):
    workspace = admin.memberships.get().workspace
    with django_capture_on_commit_callbacks(execute=True):
        return invitation_create(
            actor=admin,
            workspace=workspace,
            email=email,
            kind=MembershipKind.VENDOR_MEMBER,
            language=language,
        )


def test_an_invitation_accepted_on_the_french_page_makes_a_french_account(
    admin, django_capture_on_commit_callbacks
):
    invitation = invite(admin, "claire@example.com", django_capture_on_commit_callbacks)
    form = {"full_name": "Claire", "password1": PASSWORD, "password2": PASSWORD}
    response = Client().post(f"/fr/invitations/{invitation_token(invitation)}/", form)
    assert response.status_code == 302
    assert User.objects.get(email="claire@example.com").language == "fr"


def test_an_invitation_accepted_without_a_language_keeps_the_invitations(
    admin, django_capture_on_commit_callbacks
):
    invitation = invite(admin, "claire@example.com", django_capture_on_commit_callbacks, language="fr")
    membership = invitation_accept(
        token=invitation_token(invitation), actor=AnonymousUser(), full_name="Claire", password=PASSWORD
    )
    assert membership.user.language == "fr"


def test_accepting_does_not_change_an_existing_accounts_language(admin, django_capture_on_commit_callbacks):
    existing = UserFactory(email="claire@example.com", language="en")
    invitation = invite(admin, existing.email, django_capture_on_commit_callbacks)
    invitation_accept(token=invitation_token(invitation), actor=existing, language="fr")
    existing.refresh_from_db()
    assert existing.language == "en"


def test_an_invitation_to_an_existing_account_is_in_its_language_and_zone(
    admin, django_capture_on_commit_callbacks
):
    UserFactory(email="claire@example.com", language="fr", time_zone="Pacific/Kiritimati")
    invitation = invite(admin, "claire@example.com", django_capture_on_commit_callbacks, language="en")
    [message] = mail.outbox
    assert "http://testserver/fr/invitations/" in message.body
    assert "Tomorro" in message.subject
    # The expiry date is the day in Kiritimati (UTC+14), which may be the next one.
    expected_day = timezone.localtime(invitation.expires_at, ZoneInfo("Pacific/Kiritimati")).day
    assert re.search(rf"\b{expected_day} \w+ 20\d\d\b", message.body)


def test_an_invitation_to_a_newcomer_is_in_the_inviters_language(admin, django_capture_on_commit_callbacks):
    invite(admin, "newcomer@example.com", django_capture_on_commit_callbacks, language="fr")
    assert "http://testserver/fr/invitations/" in mail.outbox[0].body


def test_notification_emails_use_the_recipients_saved_language(
    crew,
    django_capture_on_commit_callbacks,
):
    crew.it.language = "fr"
    crew.it.save()
    assert recipient_language(User.objects.get(pk=crew.it.pk)) == "fr"
    assert user_language(crew.pm) == "en"
    with django_capture_on_commit_callbacks(execute=True):
        work.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="When?")
    [french] = [message for message in mail.outbox if message.to == [crew.it.email]]
    assert "http://testserver/fr/" in french.body
    assert "Bonjour" in french.body
