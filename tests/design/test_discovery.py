"""Discovery sessions: a meeting series on consecutive business days of the project's calendar,
its .ics invitation (icalendar) to the task's R, A and C (and I when asked), e-mailed after commit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from accord.design import selectors, services
from accord.domain.errors import InvalidInput
from accord.formats.design.discovery_ics import series_to_ics
from accord.projects.access import NotAllowed
from accord.projects.models import ProjectTask
from accord.projects.planning import project_calendar
from tests.design.factories import cast_made, staffed

pytestmark = pytest.mark.django_db


def _series(cast, **changes):
    task = ProjectTask.objects.get(project=cast.project, key="discovery-sessions")
    values = {
        "task": task,
        "title": "Discovery",
        "first_day": dt.date(2026, 5, 7),  # a Thursday; Friday 8 May is a public holiday in France
        "at": dt.time(10, 0),
    } | changes
    return services.discovery_schedule(
        actor=cast.admin, project=cast.project, request=services.SeriesRequest(**values)
    )


def _events(content: bytes):
    return list(Calendar.from_ical(content).walk("VEVENT"))


def test_the_ics_holds_three_90_minute_sessions_on_consecutive_business_days_of_the_project(
    django_capture_on_commit_callbacks,
):
    cast = cast_made("invoicecloud-integration")
    staffed(cast)
    with django_capture_on_commit_callbacks(execute=True):
        series = _series(cast)
    calendar = project_calendar(cast.project)
    content = series_to_ics(selectors.meeting_series(series), language="en")
    events = _events(content)
    assert len(events) == 3
    days = [event.decoded("dtstart").date() for event in events]
    assert days == [dt.date(2026, 5, 7), dt.date(2026, 5, 11), dt.date(2026, 5, 12)]
    assert all(calendar.is_business_day(day) for day in days)
    assert [calendar.next_business_day_after(day) for day in days[:2]] == days[1:]
    for event in events:
        assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=90)
        assert str(event.decoded("dtstart").tzinfo) == cast.project.time_zone
    # The task's Consulted are invited: the implementation manager (member) and the biller (customer).
    attendees = {str(address).removeprefix("mailto:") for address in events[0].get("attendee")}
    assert attendees == {cast.people["member"].user.email, cast.people["customer"].user.email}
    # Each attendee got the invitation by e-mail, with the .ics attached.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(attendees)
    name, attached, mimetype = mail.outbox[0].attachments[0]
    assert (name, mimetype.split(";")[0]) == ("discovery.ics", "text/calendar")
    assert len(_events(attached)) == 3


def test_the_informed_are_invited_as_optional_attendees_only_when_asked():
    cast = cast_made("invoicecloud-integration")
    staffed(cast)
    task = ProjectTask.objects.get(project=cast.project, key="integration-overview")  # biller: I
    plain = selectors.meeting_series(_series(cast, task=task, send=False))
    asked = selectors.meeting_series(_series(cast, task=task, send=False, include_informed=True))
    # R: the implementation manager (member); C: the engineering team (admin); I: the biller.
    assert {person.email for person in plain.attendees} == {
        cast.people["member"].user.email,
        cast.admin.email,
    }
    optional = [person for person in asked.attendees if not person.required]
    assert [person.email for person in optional] == [cast.people["customer"].user.email]


def test_the_defaults_follow_the_playbooks_meeting_series():
    cast = cast_made("invoicecloud-integration")
    defaults = selectors.discovery_defaults(cast.project, cast.project.start_date)
    assert (defaults.task.key, defaults.count, defaults.minutes, defaults.at) == (
        "discovery-sessions",
        3,
        90,
        dt.time(10, 0),
    )


def test_only_the_vendors_staff_schedule_and_a_series_is_checked():
    cast = cast_made("invoicecloud-integration")
    with pytest.raises(NotAllowed):
        services.discovery_schedule(
            actor=cast.people["customer"].user,
            project=cast.project,
            request=services.SeriesRequest(
                task=None, title="D", first_day=dt.date(2026, 5, 7), at=dt.time(10)
            ),
        )
    with pytest.raises(InvalidInput) as caught:
        _series(cast, count=0, minutes=5, title=" ")
    assert {problem.where for problem in caught.value.problems} == {"count", "minutes", "title"}


def test_the_page_downloads_the_ics(client):
    cast = cast_made("invoicecloud-integration")
    series = _series(cast, send=False)
    client.force_login(cast.people["partner-on"].user)
    response = client.get(f"/projects/{cast.project.pk}/design/discovery/{series.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert len(_events(response.content)) == 3
