"""The weekly digest with the worker (tasks run on commit): the right business day in the
recipient's zone, never twice, skipped when opted out, "no change" when nothing moved, and the
signed one-click unsubscribe."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_calendar
from accord.reports.digest import (
    DIGEST_HOUR,
    default_recipient_ids,
    digests_send,
    due_week,
    first_business_day_of_week,
)
from accord.reports.models import DigestDelivery, DigestSubscription
from accord.reports.unsubscribe import NO_CHANGE, unsubscribe_token
from tests.projects.cast import cast_made
from tests.work.factories import staff

pytestmark = pytest.mark.django_db(transaction=True)

#: Monday 7 December 2026, 09:00 in Paris: the first business day of its week in France.
MONDAY_MORNING = dt.datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))


def _project(**fields):
    cast = cast_made("socialtalent-onboarding", **fields)
    sponsor = staff(cast.project, "executive-sponsor", cast.people["customer"].user, lead=True)
    sponsor.time_zone = "Europe/Paris"
    sponsor.language = "fr"
    sponsor.save()
    lead = staff(cast.project, "onboarding-specialist", cast.people["manager"].user, lead=True)
    return cast, sponsor, lead


def test_the_defaults_are_the_customer_sponsor_and_project_manager_and_the_vendor_lead():
    cast, sponsor, lead = _project()
    manager = staff(cast.project, "program-manager")
    staff(cast.project, "it")  # not a default recipient
    assert default_recipient_ids(cast.project) == {sponsor.pk, lead.pk, manager.pk}


def test_sent_once_on_the_first_business_day_in_the_recipients_language_with_one_click_headers():
    _cast, sponsor, lead = _project()
    assert digests_send(now=MONDAY_MORNING) == 2
    assert digests_send(now=MONDAY_MORNING + dt.timedelta(hours=3)) == 0  # not twice
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {sponsor.email, lead.email}
    french = sent[sponsor.email]
    assert "rapport" in french.subject.lower()
    assert french.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = french.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in french.body
    assert DigestDelivery.objects.filter(sent_at__isnull=False).count() == 2


def test_skipped_when_opted_out():
    cast, sponsor, lead = _project()
    DigestSubscription.objects.create(user=sponsor, project=cast.project, enabled=False)
    digests_send(now=MONDAY_MORNING)
    assert [message.to for message in mail.outbox] == [[lead.email]]


def test_no_change_note_when_nothing_moved_and_none_when_turned_off():
    _cast, sponsor, lead = _project()
    digests_send(now=MONDAY_MORNING)
    mail.outbox.clear()
    DigestSubscription.objects.filter(user=lead).update(no_change_note=False)
    digests_send(now=MONDAY_MORNING + dt.timedelta(days=7))
    assert [message.to for message in mail.outbox] == [[sponsor.email]]
    assert "aucun changement" in mail.outbox[0].subject.lower()
    assert DigestDelivery.objects.get(subscription__user=lead, iso_week="2026-W51").kind == "skipped"


def test_a_full_report_again_when_something_moved():
    cast, _sponsor, _lead = _project()
    digests_send(now=MONDAY_MORNING)
    mail.outbox.clear()
    first = ProjectTask.objects.filter(project=cast.project).order_by("position").first()
    ProjectTask.objects.filter(pk=first.pk).update(status="blocked", status_reason="Waiting for SSO access")
    digests_send(now=MONDAY_MORNING + dt.timedelta(days=7))
    assert len(mail.outbox) == 2
    assert all("Waiting for SSO access" in message.body for message in mail.outbox)


def test_the_signed_link_unsubscribes_without_login_and_a_tampered_one_changes_nothing():
    cast, sponsor, _lead = _project()
    digests_send(now=MONDAY_MORNING)
    subscription = DigestSubscription.objects.get(user=sponsor)
    path = f"/projects/{cast.project.pk}/report/unsubscribe/"
    tampered = Client().get(path + unsubscribe_token(subscription)[:-3] + "abc/")
    assert tampered.status_code == 400
    subscription.refresh_from_db()
    assert subscription.enabled
    # RFC 8058: the mail client POSTs, with no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path + unsubscribe_token(subscription) + "/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert not subscription.enabled
    Client().get(path + unsubscribe_token(subscription, NO_CHANGE) + "/")
    subscription.refresh_from_db()
    assert not subscription.no_change_note


zones = st.sampled_from(["Europe/Paris", "America/New_York", "Asia/Tokyo", "Pacific/Auckland", "UTC"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    day=st.dates(min_value=dt.date(2026, 1, 5), max_value=dt.date(2027, 12, 20)),
    hour=st.integers(min_value=0, max_value=23),
    zone=zones,
    closed_days=st.integers(min_value=0, max_value=4),
)
def test_due_only_from_the_first_business_day_of_the_week_in_the_recipients_zone(
    day, hour, zone, closed_days
):
    monday = day - dt.timedelta(days=day.weekday())
    closures = (
        [
            {
                "start": monday.isoformat(),
                "end": (monday + dt.timedelta(days=closed_days - 1)).isoformat(),
                "label": "",
            }
        ]
        if closed_days
        else []
    )
    project = Project(
        calendar_country="FR", calendar_subdivision="", time_zone="Europe/Paris", closures=closures
    )
    calendar = project_calendar(project)
    local_now = dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(zone))
    first = first_business_day_of_week(calendar, day)
    week = due_week(calendar, local_now)
    if first is None or day < first or (day == first and hour < DIGEST_HOUR):
        assert week is None
    else:
        assert week == f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
        assert calendar.is_business_day(first)
        assert all(
            not calendar.is_business_day(monday + dt.timedelta(days=n)) for n in range((first - monday).days)
        )


def test_each_recipient_gets_it_on_their_own_local_monday():
    _cast, sponsor, lead = _project()
    lead.time_zone = "America/New_York"
    lead.save()
    # 09:00 in Paris is 03:00 in New York: only the sponsor's digest is due.
    digests_send(now=MONDAY_MORNING)
    assert [message.to for message in mail.outbox] == [[sponsor.email]]
    digests_send(now=MONDAY_MORNING + dt.timedelta(hours=6))  # 09:00 in New York
    assert sorted(message.to[0] for message in mail.outbox) == sorted([sponsor.email, lead.email])
