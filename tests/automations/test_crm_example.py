"""The CRM example of seed 001, end to end through the trigger's address: "deal stage prospect →
client" creates a project in the test customer while the rule is in test mode, in the real customer
once it is live, and the same event id — sent again, or as 20 concurrent deliveries — creates
nothing twice."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from accord.automations import services
from accord.automations.models import IncomingEvent, RuleMode, Run, RunOutcome
from accord.projects.models import Project
from accord.workspaces.models import Customer
from tests.automations.factories import crm_example, deal_event, deliver

pytestmark = pytest.mark.django_db


def test_in_test_mode_the_event_creates_a_project_in_the_test_customer():
    example = crm_example()
    response = deliver(Client(), example.trigger, deal_event("client"), event_id="evt_test_1")
    assert response.status_code == 200
    body = response.json()
    assert body["duplicate"] is False
    assert [run["outcome"] for run in body["runs"]] == ["succeeded"]
    project = Project.objects.get()
    assert project.customer == example.test_customer
    assert project.name == "Acme Corp deal"
    assert not Customer.objects.filter(name="Acme Corp").exists()  # nothing real touched
    run = Run.objects.get()
    assert (run.mode, run.record_id, run.project, run.previous_source) == ("test", "D-42", project, "payload")
    assert run.mapped == {
        "customer_name": "Acme Corp",
        "customer_external_id": "C-D-42",
        "project_name": "Acme Corp deal",
    }


def test_once_live_the_same_change_creates_the_project_in_the_real_customer():
    example = crm_example()
    client = Client()
    assert deliver(client, example.trigger, deal_event("client"), event_id="evt_test").status_code == 200
    services.rule_go_live(actor=example.owner, rule=example.rule, no_special_cases=True)
    response = deliver(client, example.trigger, deal_event("client", deal_id="D-43"), event_id="evt_live")
    assert response.json()["runs"][0]["outcome"] == "succeeded"
    live_project = Project.objects.exclude(customer=example.test_customer).get()
    assert live_project.customer.name == "Acme Corp"  # found or created from the mapped fields
    assert Run.objects.get(project=live_project).mode == RuleMode.LIVE
    assert Project.objects.filter(customer=example.test_customer).count() == 1


def test_the_same_event_id_sent_again_creates_nothing_twice():
    example = crm_example()
    client = Client()
    first = deliver(client, example.trigger, deal_event("client"), event_id="evt_once")
    again = deliver(client, example.trigger, deal_event("client"), event_id="evt_once")
    assert first.status_code == again.status_code == 200
    assert again.json() == {"event_id": "evt_once", "duplicate": True, "runs": []}
    assert Project.objects.count() == 1
    assert Run.objects.count() == 1
    assert IncomingEvent.objects.count() == 1


def test_twenty_identical_deliveries_in_a_row_create_one_project():
    example = crm_example()
    client = Client()
    answers = [
        deliver(client, example.trigger, deal_event("client"), event_id="evt_20").json() for _ in range(20)
    ]
    assert [answer["duplicate"] for answer in answers] == [False] + [True] * 19
    assert Project.objects.count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_deliveries_of_one_event_create_one_project():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite lets one writer at a time hold the whole database, so deliveries cannot race on the "
            "unique row; make test runs this on PostgreSQL (the sequential case is tested above)"
        )
    example = crm_example()
    statuses: list[int] = []
    duplicates: list[bool] = []
    barrier = threading.Barrier(20)
    lock = threading.Lock()

    def send() -> None:
        try:
            barrier.wait(timeout=30)
            response = deliver(Client(), example.trigger, deal_event("client"), event_id="evt_race")
            with lock:
                statuses.append(response.status_code)
                duplicates.append(response.json()["duplicate"])
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == [200] * 20
    assert sorted(duplicates) == [False] + [True] * 19
    assert Project.objects.count() == 1
    assert IncomingEvent.objects.filter(event_id="evt_race").count() == 1
    assert Run.objects.filter(outcome=RunOutcome.SUCCEEDED).count() == 1
