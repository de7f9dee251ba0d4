"""The inbox page, marking read, and the unread count of the navigation."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from accord.inbox.context_processors import inbox as inbox_context
from accord.inbox.models import Notification
from tests.html import page as parsed
from tests.work.factories import submitted_for_approval, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(crew, django_capture_on_commit_callbacks):
    """The lead is asked to approve the kick-off, then asked for input twice by the IT lead."""
    kickoff = task(crew.project, "kickoff")
    submitted_for_approval(kickoff, crew.pm, django_capture_on_commit_callbacks)
    return crew


def test_the_inbox_lists_notifications_newest_first_unread_highlighted(client, told):
    crew = told
    with_input = Notification.objects.create(
        user=crew.lead, project=crew.project, kind="other", message="Something else happened"
    )
    client.force_login(crew.lead)
    response = client.get("/inbox/")
    assert response.status_code == 200
    page = response.text
    assert "2 unread notifications." in page
    items = parsed(page).all("li.notification.is-unread")
    assert len(items) == 2
    assert "Something else happened" in items[0].text  # newest first
    assert "“Kick-off” awaits your approval" in items[1].text
    kickoff = task(crew.project, "kickoff")
    assert f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/" in items[1].hrefs()
    assert f"/projects/{crew.project.pk}/" in items[0].hrefs()  # no task: the project's overview
    assert not any("/board/" in href for item in items for href in item.hrefs())
    assert with_input.pk


def test_mark_one_then_all_read(client, told):
    crew = told
    Notification.objects.create(user=crew.lead, project=crew.project, kind="other", message="Other")
    first = Notification.objects.filter(user=crew.lead).last()
    client.force_login(crew.lead)
    response = client.post("/inbox/read/", {"notification": first.pk})
    assert response.status_code == 302
    assert response["Location"] == "/inbox/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert "1 unread notification." in client.get("/inbox/").text
    client.post("/inbox/read/", {"all": "on"})
    assert not Notification.objects.filter(user=crew.lead, read_at__isnull=True).exists()
    page = client.get("/inbox/").text
    assert "0 unread notifications." in page
    assert not parsed(page).has(".is-unread")
    assert "Mark all read" not in page


def test_nobody_marks_someone_elses_notifications(client, told):
    crew = told
    theirs = Notification.objects.get(user=crew.lead)
    client.force_login(crew.pm)
    client.post("/inbox/read/", {"notification": theirs.pk})
    client.post("/inbox/read/", {"all": "on"})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "Kick-off" not in client.get("/inbox/").text


def test_a_read_post_must_say_what_to_mark(client, told):
    client.force_login(told.lead)
    assert client.post("/inbox/read/", {}).status_code == 400


def test_the_unread_count_for_the_navigation(client, told):
    crew = told
    request = RequestFactory().get("/")
    request.user = crew.lead
    context = inbox_context(request)
    assert str(context["inbox_unread_count"]) == "1"
    html = render_to_string("inbox/_nav_link.html", context)
    link = parsed(html).role("link", "Inbox 1 unread")  # the count, and its meaning in words
    assert link.one("span.badge").text == "1 unread"
    request.user = crew.pm
    assert parsed(render_to_string("inbox/_nav_link.html", inbox_context(request))).role("link", "Inbox")


def test_the_unread_count_costs_nothing_unless_shown(told, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = told.lead
    with django_assert_num_queries(0):
        inbox_context(request)


@pytest.mark.parametrize("count", [3, 60])
def test_the_inbox_takes_a_fixed_number_of_queries(client, crew, count, django_assert_max_num_queries):
    Notification.objects.bulk_create(
        Notification(
            user=crew.lead,
            project=crew.project,
            task=task(crew.project, "kickoff"),
            kind="task_done",
            message="x",
        )
        for _number in range(count)
    )
    client.force_login(crew.lead)
    with django_assert_max_num_queries(10):
        response = client.get("/inbox/")
    assert len(parsed(response).all("li.notification.is-unread")) == min(count, 50)


def test_the_email_links_to_the_task_like_the_inbox_does(client, told, mailoutbox):
    [message] = mailoutbox
    kickoff = task(told.project, "kickoff")
    link = f"/projects/{told.project.pk}/tasks/{kickoff.pk}/"
    assert f"http://testserver{link}" in message.body
    client.force_login(told.lead)
    assert link in client.get("/inbox/").text
