"""The audience rule on a project's activity log: an internal comment's entry ("X wrote an internal
comment on …") reaches vendor staff only, on the overview page and through the activity API."""

from __future__ import annotations

import pytest

from accord.work import services
from tests.apikit.factories import bearer
from tests.html import page as parsed
from tests.work.factories import task

pytestmark = pytest.mark.django_db


@pytest.fixture
def commented(crew):
    kickoff = task(crew.project, "kickoff")
    services.comment_add(actor=crew.pm, task=kickoff, body="Their budget is tight.", internal=True)
    services.comment_add(actor=crew.pm, task=kickoff, body="Agenda sent.")
    return crew


def _overview_activity(client, user, project):
    client.force_login(user)
    response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    return [item.text for item in parsed(response.text).all("ul.activity li")]


def _api_verbs(client, user, project):
    response = client.get(f"/api/v1/projects/{project.pk}/activity", headers=bearer(user))
    assert response.status_code == 200
    return [item["verb"] for item in response.json()["items"]]


@pytest.mark.parametrize("who", ["lead", "tpa"])
def test_contacts_do_not_see_that_an_internal_comment_was_written(client, commented, who):
    contact = getattr(commented, who)
    entries = _overview_activity(client, contact, commented.project)
    assert entries, "the shared comment is listed"
    assert not [text for text in entries if "internal" in text]
    verbs = _api_verbs(client, contact, commented.project)
    assert "comment.added" in verbs
    assert "comment.internal_added" not in verbs


def test_vendor_staff_see_the_internal_comment_in_the_activity(client, commented):
    entries = _overview_activity(client, commented.manager, commented.project)
    assert [text for text in entries if "internal comment" in text]
    assert "comment.internal_added" in _api_verbs(client, commented.pm, commented.project)
