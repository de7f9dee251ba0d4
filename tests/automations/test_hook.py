"""A trigger's address: Standard Webhooks signatures verified with the package, 5 minutes of
tolerance, the body capped, no login and no CSRF, and nothing applied from a refused delivery."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from accord.automations import services
from accord.automations.engine import MAX_BODY_BYTES
from accord.automations.models import IncomingEvent, Run
from accord.projects.models import Project
from tests.automations.factories import crm_example, deal_event, deliver, signed_headers

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    return crm_example()


def test_a_signed_event_is_accepted_without_login_or_csrf_token(example):
    client = Client(enforce_csrf_checks=True)
    response = deliver(client, example.trigger, deal_event("client"), event_id="evt_signed")
    assert response.status_code == 200
    assert IncomingEvent.objects.get().event_id == "evt_signed"


def test_a_wrong_signature_is_refused_and_applies_nothing(example):
    other = "whsec_" + "B" * 43 + "="
    response = deliver(Client(), example.trigger, deal_event("client"), secret=other)
    assert response.status_code == 401
    assert response.json()["code"] == "signature-invalid"
    assert not IncomingEvent.objects.exists()
    assert not Project.objects.exists()


def test_a_body_changed_after_signing_is_refused(example):
    body = json.dumps(deal_event("client")).encode()
    headers = signed_headers(example.trigger.secret, body, event_id="evt_tampered")
    tampered = body.replace(b"Acme Corp", b"Evil Corp")
    response = Client().post(
        f"/hooks/{example.trigger.public_id}/",
        data=tampered,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 401


@pytest.mark.parametrize("minutes", [-6, 6])
def test_a_timestamp_more_than_five_minutes_away_is_refused(example, minutes):
    moment = dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=minutes)
    response = deliver(Client(), example.trigger, deal_event("client"), timestamp=moment)
    assert response.status_code == 401
    assert "5 minutes" in response.json()["message"]


def test_a_timestamp_within_five_minutes_is_accepted(example):
    moment = dt.datetime.now(tz=dt.UTC) - dt.timedelta(minutes=4)
    assert deliver(Client(), example.trigger, deal_event("client"), timestamp=moment).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"webhook-signature": ""},
        {"webhook-signature": "v1"},
        {"webhook-signature": "v1,not-base64!"},
        {"webhook-timestamp": "yesterday"},
    ],
)
def test_missing_or_malformed_headers_are_a_401_not_an_error(example, headers):
    response = deliver(Client(), example.trigger, deal_event("client"), headers=headers)
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "details"}


def test_an_unknown_trigger_is_not_found(example):
    response = Client().post("/hooks/trg_nothing/", data=b"{}", content_type="application/json")
    assert response.status_code == 404


def test_a_body_over_the_cap_is_refused_before_it_is_read(example):
    payload = deal_event("client") | {"padding": "x" * MAX_BODY_BYTES}
    response = deliver(Client(), example.trigger, payload)
    assert response.status_code == 413
    assert not IncomingEvent.objects.exists()


@pytest.mark.parametrize("body", [b"[1, 2]", b"not json", b'{"a": "\\u0000"}'])
def test_a_signed_body_that_is_not_a_usable_json_object_is_422(example, body):
    response = deliver(Client(), example.trigger, body)
    assert response.status_code == 422
    assert not IncomingEvent.objects.exists()


def test_only_post_is_answered(example):
    assert Client().get(f"/hooks/{example.trigger.public_id}/").status_code == 405


def test_after_a_rotation_both_secrets_are_accepted_for_a_day(example):
    old = example.trigger.secret
    rotated = services.trigger_secret_rotate(actor=example.owner, trigger=example.trigger)
    assert rotated.secret != old
    assert deliver(Client(), rotated, deal_event("client"), secret=old, event_id="evt_old").status_code == 200
    assert deliver(Client(), rotated, deal_event("client"), event_id="evt_new").status_code == 200
    rotated.previous_secret_expires_at = dt.datetime.now(tz=dt.UTC) - dt.timedelta(seconds=1)
    rotated.save()
    assert (
        deliver(Client(), rotated, deal_event("client"), secret=old, event_id="evt_late").status_code == 401
    )


def test_an_event_of_another_type_is_recorded_but_runs_no_rule(example):
    response = deliver(
        Client(), example.trigger, {"type": "contact.created", "data": {}}, event_id="evt_contact"
    )
    assert response.json()["runs"] == []
    assert IncomingEvent.objects.get().event_type == "contact.created"
    assert not Run.objects.exists()
