"""The support API's behaviour: personal data refused with its spans, nothing stored."""

from __future__ import annotations

import json
import logging

import pytest
from django.core import mail
from django.test import Client

from accord.activity.models import ActivityEntry
from accord.support.models import Escalation
from tests.apikit.factories import bearer
from tests.support.factories import IBAN, PHONE, REFUSED_BODY, SUPPORT_ADDRESS, support_cast
from tests.support.test_services import assert_nowhere_in_the_database

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _support_address(settings):
    settings.ACCORD_SUPPORT_ADDRESS = SUPPORT_ADDRESS


def _post(user, path, body):
    return Client().post(
        path, json.dumps(body), content_type="application/json", headers=bearer(user, "write")
    )


def test_personal_data_gets_422_with_category_and_span_and_nothing_is_stored_or_logged(caplog):
    cast, ticket = support_cast()
    caplog.set_level(logging.DEBUG)
    entries = ActivityEntry.objects.count()
    response = _post(
        cast.people["customer"].user,
        f"/api/v1/tickets/{ticket.pk}/escalations",
        {"subject": "Payroll", "body": REFUSED_BODY, "recipients": []},
    )
    assert response.status_code == 422
    answer = response.json()
    assert answer["code"] == "personal-data"
    spans = [(d["category"], REFUSED_BODY[d["start"] : d["end"]]) for d in answer["details"]]
    assert spans == [("bank", IBAN), ("phone", PHONE)]
    assert IBAN not in response.content.decode()
    assert Escalation.objects.count() == 0
    assert ActivityEntry.objects.count() == entries
    assert IBAN not in caplog.text
    assert_nowhere_in_the_database("3000 6000 0112")


def test_a_group_recipient_gets_422_with_distribution_list():
    cast, ticket = support_cast()
    response = _post(
        cast.admin,
        f"/api/v1/tickets/{ticket.pk}/escalations",
        {"subject": "Export", "body": "It fails.", "recipients": ["All Staff"]},
    )
    assert response.status_code == 422
    assert [d["category"] for d in response.json()["details"]] == ["distribution_list"]
    assert not Escalation.objects.exists()


def test_a_clean_escalation_is_created_and_mailed(django_capture_on_commit_callbacks):
    cast, ticket = support_cast()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            cast.admin,
            f"/api/v1/tickets/{ticket.pk}/escalations",
            {"subject": "Export", "body": "It fails at 02:00.", "recipients": []},
        )
    assert response.status_code == 201
    assert response.json()["recipients"] == [SUPPORT_ADDRESS]
    assert mail.outbox[0].to == [SUPPORT_ADDRESS]
    listed = Client().get(f"/api/v1/tickets/{ticket.pk}/escalations", headers=bearer(cast.admin))
    assert [item["id"] for item in listed.json()["items"]] == [response.json()["id"]]


def test_a_ticket_takes_the_agreed_owner_and_the_owner_reads_back():
    cast, _ticket = support_cast()
    agreed = _post(
        cast.admin, f"/api/v1/projects/{cast.project.pk}/support-owner", {"first_level_owner": "partner"}
    )
    assert agreed.status_code == 200
    assert agreed.json()["first_level_owner"] == "partner"
    assert agreed.json()["agreed_by"] == cast.admin.email
    created = _post(cast.admin, f"/api/v1/projects/{cast.project.pk}/tickets", {"subject": "Q", "body": "B"})
    assert created.status_code == 201
    assert created.json()["first_level_owner"] == "partner"
    assert created.json()["partner"] is not None
    read = Client().get(
        f"/api/v1/projects/{cast.project.pk}/support-owner", headers=bearer(cast.people["customer"].user)
    )
    assert read.json()["agreed"] is True


def test_the_ticket_list_costs_the_same_queries_whatever_its_size(django_assert_max_num_queries):
    from tests.support.factories import ticket_made

    cast, _ticket = support_cast()
    for index in range(15):
        ticket_made(cast, subject=f"Ticket {index}")
    headers = bearer(cast.admin)
    with django_assert_max_num_queries(12):
        response = Client().get(f"/api/v1/projects/{cast.project.pk}/tickets", headers=headers)
    assert len(response.json()["items"]) == 16
