"""The automations pages: a trigger's secret shown once, the guided rule form in the need's words,
the go-live checklist, runs and their replay, and the runs on the project's overview."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.automations.models import Rule, RuleMode, Run, RunOutcome, Trigger
from accord.projects.models import Project
from tests.automations.factories import crm_example, deal_event, deliver
from tests.html import page
from tests.projects.factories import manager_of
from tests.workspaces.factories import CustomerContactFactory, CustomerFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_new_trigger_shows_its_address_and_its_secret_once():
    manager = manager_of()
    client = _client(manager.user)
    base = f"/workspaces/{manager.workspace.pk}/settings/automations/"
    response = client.post(base + "triggers/new/", {"name": "CRM deals", "platform": "the CRM"})
    assert response.status_code == 200
    trigger = Trigger.objects.get()
    shown = page(response)
    assert shown.one("[data-secret]").text == trigger.secret
    assert shown.one("[data-url]").text == f"http://testserver/hooks/{trigger.public_id}/"
    detail = client.get(base + f"triggers/{trigger.pk}/")
    assert trigger.secret not in detail.text
    assert trigger.public_id in detail.text


def test_a_trigger_without_a_name_says_which_field():
    manager = manager_of()
    response = _client(manager.user).post(
        f"/workspaces/{manager.workspace.pk}/settings/automations/triggers/new/",
        {"name": "", "platform": "the CRM"},
    )
    assert response.status_code == 422
    assert "name" in page(response).field_errors()
    assert not Trigger.objects.exists()


def _form_data(example, **changes):
    return {
        "name": "Won deals",
        "action": "create_project",
        "live_playbook_key": "paylocity-integration",
        "test_playbook_key": "",
        "variant": "",
        "country": "FR",
        "trigger": example.trigger.pk,
        "event_type": "deal.updated",
        "field_label": "deal stage",
        "field_path": "data.deal.stage",
        "from_value": "prospect",
        "to_value": "client",
        "old_value_path": "data.previous.stage",
        "record_id_path": "data.deal.id",
        "mapping": "data.deal.company.name -> customer_name",
        "test_customer": example.test_customer.pk,
        "live_customer": "",
        "owner": example.owner.pk,
    } | changes


def test_the_guided_form_saves_a_rule_in_test_mode_and_shows_its_sentence():
    example = crm_example()
    client = _client(example.owner)
    base = f"/workspaces/{example.workspace.pk}/settings/automations/"
    response = client.post(base + "rules/new/", _form_data(example))
    rule = Rule.objects.get(name="Won deals")
    assert response.status_code == 302
    assert rule.mode == RuleMode.TEST
    assert rule.mapping == [{"path": "data.deal.company.name", "field": "customer_name"}]
    detail = page(client.get(response["Location"]))
    assert detail.one("[data-statement]").text.startswith("I want to create a project from the playbook")
    assert "when deal stage moves from prospect to client in the CRM" in detail.one("[data-statement]").text
    failing = {item.attrs["data-check"] for item in detail.all("[data-passed=no]")}
    assert failing == {"event-seen", "record-id-found", "tested", "no-special-cases"}


def test_the_guided_form_puts_each_problem_on_its_field():
    example = crm_example()
    response = _client(example.owner).post(
        f"/workspaces/{example.workspace.pk}/settings/automations/rules/new/",
        _form_data(example, field_path="data..stage", mapping="no arrow"),
    )
    assert response.status_code == 422
    errors = page(response).field_errors()
    assert "dotted keys" in errors["field_path"]
    assert "Line 1" in errors["mapping"]
    assert not Rule.objects.filter(name="Won deals").exists()


def test_going_live_on_the_page_lists_what_fails_then_succeeds_once_tested():
    example = crm_example()
    client = _client(example.owner)
    url = f"/workspaces/{example.workspace.pk}/settings/automations/rules/{example.rule.pk}/"
    refused = client.post(
        url + "go-live/", {"version": example.rule.version, "no_special_cases": "on"}, follow=True
    )
    assert "No test event of type “deal.updated” was received." in refused.text
    example.rule.refresh_from_db()
    assert example.rule.mode == RuleMode.TEST
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_page")
    preview = page(client.get(url))
    assert preview.one("[data-mapped=customer_name]").text.endswith("Acme Corp")
    client.post(url + "go-live/", {"version": example.rule.version, "no_special_cases": "on"})
    example.rule.refresh_from_db()
    assert example.rule.mode == RuleMode.LIVE
    client.post(url + "test-mode/", {"version": example.rule.version})
    example.rule.refresh_from_db()
    assert example.rule.mode == RuleMode.TEST


def test_a_failed_run_is_replayed_from_its_page():
    example = crm_example(live_customer_id=None)
    client = _client(example.owner)
    failed = Run.objects.create(
        workspace=example.workspace,
        rule=example.rule,
        mode="test",
        input=deal_event("client"),
        action="create_project",
        outcome=RunOutcome.FAILED,
        error="Boom",
    )
    base = f"/workspaces/{example.workspace.pk}/settings/automations/runs/"
    detail = page(client.get(base + f"{failed.pk}/"))
    assert detail.one("[data-error]").text == "Boom"
    response = client.post(base + f"{failed.pk}/replay/")
    again = Run.objects.get(replay_of=failed)
    assert response["Location"].endswith(f"/runs/{again.pk}/")
    assert again.outcome == RunOutcome.SUCCEEDED
    assert Project.objects.get().customer == example.test_customer
    refused = client.post(base + f"{failed.pk}/replay/", follow=True)
    assert "already succeeded" in refused.text
    assert Run.objects.filter(replay_of=failed).count() == 1


def test_the_runs_list_filters_by_outcome():
    example = crm_example()
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_ok")
    deliver(
        Client(), example.trigger, deal_event("lost", previous="client", deal_id="D-7"), event_id="evt_skip"
    )
    client = _client(example.owner)
    base = f"/workspaces/{example.workspace.pk}/settings/automations/runs/"
    assert len(page(client.get(base)).all("tr[data-run]")) == 2
    skipped = page(client.get(base, {"outcome": "skipped"})).all("tr[data-run]")
    assert [row.attrs["data-outcome"] for row in skipped] == ["skipped"]


def test_the_projects_overview_shows_the_runs_that_touched_it_to_its_managers_only():
    example = crm_example()
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_overview")
    project = Project.objects.get()
    managers_view = page(_client(example.owner).get(f"/projects/{project.pk}/"))
    section = managers_view.one("[data-automation-runs]")
    assert example.rule.name in section.text
    contact = CustomerContactFactory(workspace=example.workspace, customer=project.customer)
    contacts_view = _client(contact.user).get(f"/projects/{project.pk}/")
    assert contacts_view.status_code == 200
    assert not page(contacts_view).all("[data-automation-runs]")
    assert example.rule.name not in contacts_view.text


def test_the_pages_speak_french():
    example = crm_example()
    response = _client(example.owner).get(
        f"/fr/workspaces/{example.workspace.pk}/settings/automations/rules/{example.rule.pk}/"
    )
    statement = page(response).one("[data-statement]").text
    assert statement.startswith("Je veux créer un projet à partir du playbook")
    assert "quand deal stage passe de prospect à client dans the CRM" in statement
    assert "Avant la mise en service" in response.text


def test_another_customer_is_never_created_in_test_mode():
    example = crm_example()
    CustomerFactory(workspace=example.workspace, name="Acme Corp")
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_x")
    assert Project.objects.get().customer == example.test_customer
