"""The automations API: the secret shown once, versions on rules, the go-live step answering 409 with
the failed checks, and runs with their replay."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from accord.automations.models import Rule, RuleMode, Run, Trigger
from tests.apikit.factories import bearer
from tests.automations.factories import crm_example, deal_event, deliver
from tests.projects.factories import manager_of

pytestmark = pytest.mark.django_db


def _post(path, body, headers):
    return Client().post(path, data=json.dumps(body), content_type="application/json", headers=headers)


def test_a_trigger_made_through_the_api_shows_its_secret_in_that_answer_only():
    manager = manager_of()
    headers = bearer(manager.user, "write")
    made = _post(
        "/api/v1/automations/triggers",
        {"workspace_id": manager.workspace.pk, "name": "CRM deals", "platform": "the CRM"},
        headers,
    )
    assert made.status_code == 201
    trigger = Trigger.objects.get()
    assert made.json()["secret"] == trigger.secret
    assert made.json()["url"] == f"http://testserver/hooks/{trigger.public_id}/"
    read = Client().get(f"/api/v1/automations/triggers/{trigger.pk}", headers=headers)
    assert "secret" not in read.json()
    rotated = _post(f"/api/v1/automations/triggers/{trigger.pk}/rotate-secret", {}, headers).json()
    assert rotated["secret"] != trigger.secret
    assert rotated["rotating"] is True


def test_a_rule_made_through_the_api_reports_each_problem_with_its_field():
    example = crm_example()
    response = _post(
        "/api/v1/automations/rules",
        {
            "workspace_id": example.workspace.pk,
            "name": "API rule",
            "trigger_id": example.trigger.pk,
            "event_type": "deal.updated",
            "field_path": "data.deal.stage",
            "from_value": "prospect",
            "to_value": "client",
            "record_id_path": "data..id",
            "mapping": [{"path": "data.deal.company.name", "field": "Customer Name"}],
            "action": "create_project",
            "live_playbook_key": "paylocity-integration",
            "test_customer_id": example.test_customer.pk,
        },
        bearer(example.owner, "write"),
    )
    assert response.status_code == 422
    assert {detail["field"] for detail in response.json()["details"]} == {"record_id_path", "mapping"}
    assert not Rule.objects.filter(name="API rule").exists()


def test_going_live_answers_409_with_the_failed_checks_then_200_once_tested():
    example = crm_example()
    headers = bearer(example.owner, "write")
    path = f"/api/v1/automations/rules/{example.rule.pk}/go-live"
    refused = _post(path, {"no_special_cases": True}, headers)
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "go-live-refused"
    assert {detail["field"] for detail in body["details"]} == {"event-seen", "record-id-found", "tested"}
    assert all(detail["message"] and detail["hint"] for detail in body["details"])
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_api")
    live = _post(path, {"no_special_cases": True}, headers)
    assert live.status_code == 200
    assert live.json()["mode"] == "live"
    assert all(check["passed"] for check in live.json()["checks"])


def test_changing_a_rule_needs_its_version():
    example = crm_example()
    headers = bearer(example.owner, "write")
    path = f"/api/v1/automations/rules/{example.rule.pk}"
    client = Client()
    etag = client.get(path, headers=headers)["ETag"]
    assert (
        client.patch(
            path, data=json.dumps({"name": "x"}), content_type="application/json", headers=headers
        ).status_code
        == 428
    )
    changed = client.patch(
        path,
        data=json.dumps({"name": "Renamed", "live_customer_id": None}),
        content_type="application/json",
        headers=headers | {"If-Match": etag},
    )
    assert changed.status_code == 200
    assert changed.json()["name"] == "Renamed"
    stale = client.patch(
        path,
        data=json.dumps({"name": "Late"}),
        content_type="application/json",
        headers=headers | {"If-Match": etag},
    )
    assert stale.status_code == 412
    assert Rule.objects.get().name == "Renamed"


def test_runs_are_listed_and_only_a_failed_one_is_replayed():
    example = crm_example()
    example.rule.live_playbook_key = "no-such-playbook"
    example.rule.save()
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_fail")
    deliver(
        Client(), example.trigger, deal_event("lost", previous="client", deal_id="D-2"), event_id="evt_skip"
    )
    headers = bearer(example.owner, "write")
    runs = Client().get("/api/v1/automations/runs", headers=headers).json()["items"]
    assert [run["outcome"] for run in runs] == ["skipped", "failed"]
    assert runs[1]["event_id"] == "evt_fail"
    assert runs[1]["mapped"]["customer_name"] == "Acme Corp"
    skipped, failed = runs
    assert "not “client”" in skipped["reason"]
    refused = _post(f"/api/v1/automations/runs/{skipped['id']}/replay", {}, headers)
    assert (refused.status_code, refused.json()["code"]) == (409, "run-not-replayable")
    example.rule.live_playbook_key = "paylocity-integration"
    example.rule.save()
    again = _post(f"/api/v1/automations/runs/{failed['id']}/replay", {}, headers)
    assert again.status_code == 201
    assert (again.json()["outcome"], again.json()["replay_of_id"]) == ("succeeded", failed["id"])
    assert Run.objects.count() == 3


def test_the_runs_list_costs_the_same_queries_for_few_or_many_runs(django_assert_max_num_queries):
    example = crm_example()
    headers = bearer(example.owner, "read")
    client = Client()
    for number in range(3):
        Run.objects.create(
            workspace=example.workspace,
            rule=example.rule,
            mode=RuleMode.TEST,
            input={},
            action="create_project",
            outcome="skipped",
            record_id=str(number),
        )
    client.get("/api/v1/automations/runs", headers=headers)  # warm the token's caches
    with django_assert_max_num_queries(8):
        client.get("/api/v1/automations/runs", headers=headers)
    for number in range(30):
        Run.objects.create(
            workspace=example.workspace,
            rule=example.rule,
            mode=RuleMode.TEST,
            input={},
            action="create_project",
            outcome="skipped",
            record_id=f"x{number}",
        )
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/automations/runs", headers=headers).json()["items"]) == 33
