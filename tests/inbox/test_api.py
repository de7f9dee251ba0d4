"""The inbox over the API: your notifications only, newest first, the unread filter, marking some
or all read."""

from __future__ import annotations

import json

import pytest

from accord.inbox.models import Notification
from tests.apikit.factories import bearer
from tests.work.factories import Crew

pytestmark = pytest.mark.django_db


@pytest.fixture
def told():
    crew = Crew()
    rows = [
        Notification.objects.create(
            user=crew.lead, project=crew.project, kind="other", message=f"Note {number}"
        )
        for number in range(3)
    ]
    others = Notification.objects.create(
        user=crew.pm, project=crew.project, kind="other", message="Not yours"
    )
    return crew, rows, others


def read(client, user, body):
    return client.post(
        "/api/v1/inbox/read",
        data=json.dumps(body),
        content_type="application/json",
        headers=bearer(user, "write"),
    )


def test_the_inbox_lists_your_notifications_newest_first_and_pages(client, told):
    crew, rows, _others = told
    first = client.get("/api/v1/inbox?limit=2", headers=bearer(crew.lead)).json()
    assert [item["id"] for item in first["items"]] == [rows[2].pk, rows[1].pk]
    rest = client.get(
        f"/api/v1/inbox?limit=2&cursor={first['next_cursor']}", headers=bearer(crew.lead)
    ).json()
    assert [item["id"] for item in rest["items"]] == [rows[0].pk]
    assert rest["next_cursor"] is None


def test_marking_ids_read_touches_only_yours_and_the_unread_filter_follows(client, told):
    crew, rows, others = told
    response = read(client, crew.lead, {"ids": [rows[0].pk, others.pk]})
    assert response.status_code == 200
    assert response.json() == {"marked": 1}
    others.refresh_from_db()
    assert others.read_at is None
    unread = client.get("/api/v1/inbox?unread=true", headers=bearer(crew.lead)).json()["items"]
    assert {item["id"] for item in unread} == {rows[1].pk, rows[2].pk}


def test_marking_all_read(client, told):
    crew, _rows, _others = told
    assert read(client, crew.lead, {"all": True}).json() == {"marked": 3}
    assert not Notification.objects.filter(user=crew.lead, read_at__isnull=True).exists()


def test_saying_neither_ids_nor_all_is_refused(client, told):
    crew, _rows, _others = told
    response = read(client, crew.lead, {})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "ids"


@pytest.mark.parametrize("count", [2, 20])
def test_the_inbox_takes_a_fixed_number_of_queries(client, count, django_assert_max_num_queries):
    crew = Crew()
    for number in range(count):
        Notification.objects.create(user=crew.lead, project=crew.project, kind="other", message=f"N{number}")
    headers = bearer(crew.lead)
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/inbox", headers=headers).status_code == 200
