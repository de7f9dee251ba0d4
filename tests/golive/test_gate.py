"""The go-live gate through the API and the pages: refused with its checklist, then passed; the
override; the template, credentials and monitoring conditions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.automations.models import RuleMode, Run, RunOutcome
from accord.campaigns import services as campaign_services
from accord.domain.errors import InvalidInput
from accord.golive import selectors, services
from accord.golive.models import GoLiveGate
from tests.apikit.factories import bearer
from tests.campaigns.factories import campaign_made
from tests.golive.factories import automation_rule, checklist_met
from tests.html import page
from tests.projects.test_pages_support import cast_made

pytestmark = pytest.mark.django_db

CODES = [
    "uat-signed-off",
    "template-switched",
    "credentials-issued",
    "support-owner-agreed",
    "communication-ready",
]


def _cast():
    return cast_made("invoicecloud-integration")


def _go_live(cast, kind="manager", body=None):
    return Client().post(
        f"/api/v1/projects/{cast.project.pk}/go-live",
        data=json.dumps(body or {}),
        content_type="application/json",
        headers=bearer(cast.people[kind].user, "write"),
    )


def test_the_gate_lists_its_five_conditions_with_who_is_responsible():
    cast = _cast()
    body = (
        Client()
        .get(f"/api/v1/projects/{cast.project.pk}/go-live-gate", headers=bearer(cast.people["customer"].user))
        .json()
    )
    assert body["open"] is False
    assert [item["code"] for item in body["conditions"]] == CODES
    template = body["conditions"][1]
    assert (template["met"], template["applicable"]) == (True, False)  # no automation rule
    assert all(item["responsible"] for item in body["conditions"])


def test_go_live_is_refused_with_the_unmet_conditions_then_passes_once_all_hold():
    cast = _cast()
    refused = _go_live(cast)
    assert refused.status_code == 409
    assert refused.json()["code"] == "gate-closed"
    assert [item["code"] for item in refused.json()["details"]] == [
        code for code in CODES if code != "template-switched"
    ]
    assert all(set(item) >= {"code", "message"} for item in refused.json()["details"])
    assert not GoLiveGate.objects.filter(project=cast.project, went_live_at__isnull=False).exists()

    checklist_met(cast)
    answer = _go_live(cast)
    assert answer.status_code == 200, answer.content
    assert answer.json()["open"] is True
    gate = GoLiveGate.objects.get(project=cast.project)
    assert gate.monitoring_until == timezone.localdate() + dt.timedelta(days=14)
    assert ActivityEntry.objects.filter(project=cast.project, verb=Verb.WENT_LIVE).exists()
    again = _go_live(cast)
    assert again.status_code == 409
    assert again.json()["details"][0]["code"] == "already-live"


@pytest.mark.parametrize("missing", [code for code in CODES if code != "template-switched"])
def test_each_condition_alone_keeps_the_gate_closed(missing):
    cast = _cast()
    checklist_met(cast, except_=missing)
    refused = _go_live(cast)
    assert refused.status_code == 409
    assert [item["code"] for item in refused.json()["details"]] == [missing]


def test_a_vendor_admin_may_override_with_a_reason_that_is_logged(settings):
    settings.ACCORD_GOLIVE_MONITORING_DAYS = 30
    cast = _cast()
    assert _go_live(cast, "manager", {"override_reason": "The CIO accepted the risk."}).status_code == 403
    short = _go_live(cast, "admin", {"override_reason": "ok"})
    assert short.status_code == 422
    answer = _go_live(cast, "admin", {"override_reason": "The CIO accepted the risk in writing."})
    assert answer.status_code == 200
    gate = GoLiveGate.objects.get(project=cast.project)
    assert gate.overridden
    assert gate.monitoring_until == timezone.localdate() + dt.timedelta(days=30)
    entry = ActivityEntry.objects.get(project=cast.project, verb=Verb.GOLIVE_OVERRIDDEN)
    assert entry.after["reason"] == "The CIO accepted the risk in writing."
    assert "uat-signed-off" in entry.after["overridden"]


def test_every_automation_rule_must_be_live_and_off_the_test_set_up():
    cast = _cast()
    rule = automation_rule(cast)
    condition = selectors.gate_conditions(cast.project)[1]
    assert (condition.met, condition.applicable) == (False, True)
    assert "test mode" in condition.message
    rule.mode, rule.went_live_at = RuleMode.LIVE, timezone.now()
    rule.save()
    assert selectors.gate_conditions(cast.project)[1].met
    # A live rule acting for a customer another rule tests with still points at a test set-up.
    automation_rule(cast, name="Sandbox", test_customer=cast.project.customer)
    assert not selectors.gate_conditions(cast.project)[1].met


def test_a_credential_hand_over_meets_the_condition_but_never_holds_a_secret():
    cast = _cast()
    with pytest.raises(InvalidInput) as refused:
        services.credentials_handover_record(
            actor=cast.admin,
            project=cast.project,
            recipient="Dana",
            handed_over_on=timezone.localdate(),
            note="token acc_1a2b3c4d_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        )
    assert refused.value.problems[0].code == "looks-like-a-secret"
    services.credentials_handover_record(
        actor=cast.admin,
        project=cast.project,
        recipient="Dana (Acme IT)",
        handed_over_on=timezone.localdate(),
    )
    condition = selectors.gate_conditions(cast.project)[2]
    assert condition.met
    assert "Dana (Acme IT)" in condition.message


def test_after_go_live_the_monitoring_shows_failed_runs_and_open_defects(django_assert_max_num_queries):
    cast = _cast()
    sit = campaign_made(cast, "sit", cases=1)
    campaign_services.defect_create(actor=cast.admin, campaign=sit, title="Late file", severity="major")
    _go_live(cast, "admin", {"override_reason": "Pilot with one biller, agreed."})
    rule = automation_rule(cast)
    Run.objects.create(
        workspace=cast.project.workspace,
        rule=rule,
        mode="live",
        input={},
        action=rule.action,
        outcome=RunOutcome.FAILED,
        error="Timeout",
        project=cast.project,
    )
    view = selectors.gate_view(cast.people["customer"].user, cast.project.pk)
    assert view.monitoring is not None
    assert view.monitoring.active
    assert [run.error for run in view.monitoring.failed_runs] == ["Timeout"]
    assert [defect.title for defect in view.monitoring.open_defects] == ["Late file"]
    assert view.monitoring.show_webhooks is False  # the vendor's settings: staff only
    assert selectors.gate_view(cast.admin, cast.project.pk).monitoring.show_webhooks is True


def test_the_page_shows_the_refusal_with_its_checklist_in_english_and_french():
    cast = _cast()
    client = cast.client_for("manager")
    refused = client.post(f"/projects/{cast.project.pk}/go-live/go/", {})
    assert refused.status_code == 409
    assert refused.context["refusal"]["conditions"][0][0] == "uat-signed-off"
    french = client.post(f"/fr/projects/{cast.project.pk}/go-live/go/", {})
    assert french.status_code == 409
    document = page(french)
    assert document.one("html").get("lang") == "fr"
    assert "Passage en production" in document.one("#checklist-heading").text
    assert "ne peut pas encore passer en production" in document.one("#refusal").text
    checklist_met(cast)
    assert client.post(f"/projects/{cast.project.pk}/go-live/go/", {}).status_code == 302
    assert GoLiveGate.objects.get(project=cast.project).went_live_at is not None
