"""The campaign operations' behaviour: gates answer 409 gate-closed with every unmet condition and
who can lift it; lists carry progress in a bounded number of queries."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from accord.campaigns.models import Campaign, TestCase
from tests.apikit.factories import bearer
from tests.campaigns.factories import campaign_made, invoicecloud_cast, signed_off

pytestmark = pytest.mark.django_db


def _post(cast, path, body=None, kind="manager"):
    return Client().post(
        f"/api/v1{path}",
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        headers=bearer(cast.people[kind].user, "write"),
    )


def test_uat_started_before_sit_sign_off_is_409_gate_closed_naming_who_can_lift_it():
    cast = invoicecloud_cast()
    created = _post(cast, f"/projects/{cast.project.pk}/campaigns", {"kind": "uat", "name": "UAT"})
    assert created.status_code == 201
    assert created.json()["validation_task_key"] == "user-acceptance-testing"
    refused = _post(cast, f"/campaigns/{created.json()['id']}/start")
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "gate-closed"
    assert [item["code"] for item in body["details"]] == ["sit-not-signed-off"]
    assert body["details"][0]["message"]
    assert body["details"][0]["lifted_by"]
    signed_off(cast, "sit")
    assert _post(cast, f"/campaigns/{created.json()['id']}/start").json()["status"] == "running"


def test_sign_off_refused_while_a_run_fails_then_granted():
    cast = invoicecloud_cast()
    sit = campaign_made(cast, "sit", cases=1)
    assert _post(cast, f"/campaigns/{sit.pk}/sign-off").json()["details"][0]["code"] == "campaign-not-running"
    _post(cast, f"/campaigns/{sit.pk}/start")
    case = TestCase.objects.get(campaign=sit)
    run = _post(
        cast, f"/cases/{case.pk}/runs", {"result": "fail", "notes": "Amounts off by 100"}, kind="customer"
    )
    assert run.status_code == 201
    assert run.json()["result"] == "fail"
    refused = _post(cast, f"/campaigns/{sit.pk}/sign-off")
    assert refused.status_code == 409
    assert [item["code"] for item in refused.json()["details"]] == ["run-failing"]
    _post(cast, f"/cases/{case.pk}/runs", {"result": "pass"}, kind="customer")
    granted = _post(cast, f"/campaigns/{sit.pk}/sign-off")
    assert granted.status_code == 200
    assert Campaign.objects.get(pk=sit.pk).status == "signed_off"
    assert _post(cast, f"/cases/{case.pk}/runs", {"result": "pass"}).status_code == 409


def test_an_e2e_campaign_without_its_integration_case_is_422():
    from tests.projects.test_pages_support import cast_made

    cast = cast_made("tomorro-integration")
    refused = _post(cast, f"/projects/{cast.project.pk}/campaigns", {"kind": "e2e", "name": "E2E"})
    assert refused.status_code == 422
    assert refused.json()["details"][0]["field"] == "integration_case"


def test_lists_carry_progress_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    cast = invoicecloud_cast()
    for number in range(3):
        campaign_made(cast, "sit", cases=number + 1)
    headers = bearer(cast.people["customer"].user)
    with django_assert_max_num_queries(12):
        listed = Client().get(f"/api/v1/projects/{cast.project.pk}/campaigns", headers=headers).json()
    assert [item["progress"]["cases"] for item in listed["items"]] == [1, 2, 3]
    campaign = Campaign.objects.order_by("-pk").first()
    with django_assert_max_num_queries(10):
        cases = Client().get(f"/api/v1/campaigns/{campaign.pk}/cases", headers=headers).json()
    assert [item["latest_result"] for item in cases["items"]] == [None, None, None]
