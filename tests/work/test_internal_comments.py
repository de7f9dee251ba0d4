"""Internal comments: vendor staff write them for vendor staff; contacts never see them, on the task
page, in the API, in the task's history, in the inbox or in e-mails."""

import pytest
from django.core import mail

from accord.activity.models import ActivityEntry
from accord.domain.errors import InvalidInput
from accord.inbox.models import Notification
from accord.projects.models import TaskComment
from accord.work import services
from tests.apikit.factories import bearer
from tests.html import page as parsed
from tests.work.factories import task

pytestmark = pytest.mark.django_db

SECRET = "Their budget is tight; offer the smaller package."


def _internal(crew):
    return services.comment_add(actor=crew.pm, task=task(crew.project, "kickoff"), body=SECRET, internal=True)


def test_vendor_staff_write_an_internal_comment_whose_text_stays_out_of_the_log(crew):
    comment = _internal(crew)
    assert comment.internal
    entry = ActivityEntry.objects.get()
    assert entry.verb == "comment.internal_added"
    assert SECRET not in entry.summary
    assert SECRET not in str(entry.after)
    assert entry.after["internal"] is True


@pytest.mark.parametrize("who", ["lead", "tpa"])
def test_contacts_cannot_write_internal_comments(crew, who):
    with pytest.raises(InvalidInput) as caught:
        services.comment_add(
            actor=getattr(crew, who), task=task(crew.project, "kickoff"), body="psst", internal=True
        )
    assert caught.value.problems[0].where == "internal"
    assert not TaskComment.objects.exists()


def test_a_question_cannot_be_internal(crew):
    with pytest.raises(InvalidInput):
        services.comment_add(
            actor=crew.pm, task=task(crew.project, "kickoff"), body="When?", kind="question", internal=True
        )


def test_an_internal_comment_tells_no_contact(crew, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _internal(crew)
    contacts = {crew.lead.pk, crew.it.pk, crew.tpa.pk}
    assert not Notification.objects.filter(user_id__in=contacts).exists()
    assert not [message for message in mail.outbox if SECRET in message.body]


def _task_page(client, user, crew):
    client.force_login(user)
    response = client.get(f"/projects/{crew.project.pk}/tasks/{task(crew.project, 'kickoff').pk}/")
    assert response.status_code == 200
    return parsed(response.text)


@pytest.mark.parametrize("who", ["lead", "it", "tpa"])
def test_a_contacts_task_page_has_no_internal_comment_nor_its_history(client, crew, who):
    _internal(crew)
    services.comment_add(actor=crew.pm, task=task(crew.project, "kickoff"), body="Shared news")
    page = _task_page(client, getattr(crew, who), crew)
    assert "Shared news" in page.text
    assert SECRET not in page.text
    assert "internal comment" not in page.text
    assert "Internal — vendor staff only" not in page.text  # nor the box to write one


@pytest.mark.parametrize("who", ["pm", "manager"])
def test_vendor_staff_see_the_internal_comment_labelled(client, crew, who):
    _internal(crew)
    page = _task_page(client, getattr(crew, who), crew)
    assert SECRET in page.text
    labels = [tag.text for tag in page.all(".tag-internal")]
    assert labels == ["Internal — vendor staff only"]


def test_the_task_page_writes_an_internal_comment_for_vendor_staff(client, crew):
    client.force_login(crew.pm)
    kickoff = task(crew.project, "kickoff")
    response = client.post(
        f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/comment/",
        {"kind": "comment", "body": SECRET, "internal": "on"},
    )
    assert response.status_code == 302
    assert TaskComment.objects.get().internal


def test_a_contact_posting_internal_gets_a_reason_not_a_comment(client, crew):
    client.force_login(crew.lead)
    kickoff = task(crew.project, "kickoff")
    response = client.post(
        f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/comment/",
        {"kind": "comment", "body": "psst", "internal": "on"},
    )
    assert response.status_code == 422
    assert "Only the vendor's staff can write internal comments." in parsed(response.text).text
    assert not TaskComment.objects.exists()


@pytest.mark.parametrize(("who", "sees"), [("pm", True), ("manager", True), ("lead", False), ("tpa", False)])
def test_the_api_lists_internal_comments_to_vendor_staff_only(client, crew, who, sees):
    _internal(crew)
    path = f"/api/v1/tasks/{task(crew.project, 'kickoff').pk}/comments"
    response = client.get(path, headers=bearer(getattr(crew, who), "read"))
    assert response.status_code == 200
    bodies = [item["body"] for item in response.json()["items"]]
    assert (SECRET in bodies) is sees
    if sees:
        assert response.json()["items"][0]["internal"] is True


def test_the_api_writes_an_internal_comment_and_refuses_one_from_a_contact(client, crew):
    path = f"/api/v1/tasks/{task(crew.project, 'kickoff').pk}/comments"
    body = {"body": SECRET, "internal": True}
    refused = client.post(path, body, content_type="application/json", headers=bearer(crew.lead, "write"))
    assert refused.status_code == 422
    created = client.post(path, body, content_type="application/json", headers=bearer(crew.pm, "write"))
    assert created.status_code == 201
    assert created.json()["internal"] is True
    assert TaskComment.objects.get().internal
