"""Triggers, rules and signed events for tests: the CRM example of seed 001 made through the real
services, and deliveries signed with the standardwebhooks package, as a platform would sign them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.test import Client
from standardwebhooks.webhooks import Webhook

from accord.accounts.models import User
from accord.automations import services
from accord.automations.models import Rule, Trigger
from accord.workspaces.models import Customer, Membership, Workspace
from tests.projects.factories import manager_of
from tests.workspaces.factories import CustomerFactory

LIVE_PLAYBOOK = "paylocity-integration"


def signed_headers(
    secret: str, body: bytes, *, event_id: str, timestamp: dt.datetime | None = None
) -> dict[str, str]:
    """The three Standard Webhooks headers of ``body``, signed with ``secret``."""
    moment = timestamp or dt.datetime.now(tz=dt.UTC)
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": Webhook(secret).sign(event_id, moment, body.decode()),
    }


def deliver(
    client: Client,
    trigger: Trigger,
    payload: Any,
    *,
    event_id: str = "evt_1",
    secret: str | None = None,
    timestamp: dt.datetime | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    """POST ``payload`` to the trigger's address, signed (with the trigger's secret by default)."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    signed = signed_headers(secret or trigger.secret, body, event_id=event_id, timestamp=timestamp)
    return client.post(
        f"/hooks/{trigger.public_id}/",
        data=body,
        content_type="application/json",
        headers=signed | (headers or {}),
    )


def deal_event(
    stage: str, *, previous: str | None = "prospect", deal_id: str = "D-42", company: str = "Acme Corp"
) -> dict[str, Any]:
    """A CRM event: the deal's stage changed (the old value given unless ``previous`` is None)."""
    data: dict[str, Any] = {
        "deal": {
            "id": deal_id,
            "stage": stage,
            "name": f"{company} deal",
            "company": {"name": company, "id": f"C-{deal_id}"},
        },
    }
    if previous is not None:
        data["previous"] = {"stage": previous}
    return {"type": "deal.updated", "timestamp": "2026-03-02T10:00:00Z", "data": data}


@dataclass
class CrmExample:
    """Seed 001's example: a CRM trigger and a rule "create a project when the deal stage moves from
    prospect to client", in test mode on a dedicated test customer."""

    manager: Membership
    workspace: Workspace
    test_customer: Customer
    trigger: Trigger
    rule: Rule

    @property
    def owner(self) -> User:
        return self.manager.user


def crm_trigger(manager: Membership) -> Trigger:
    return services.trigger_create(
        actor=manager.user, workspace=manager.workspace, name="CRM deals", platform="the CRM"
    )


def crm_spec(trigger: Trigger, test_customer: Customer, **changes: Any) -> services.RuleSpec:
    values: dict[str, Any] = {
        "name": "Client deals become projects",
        "trigger_id": trigger.pk,
        "event_type": "deal.updated",
        "field_label": "deal stage",
        "field_path": "data.deal.stage",
        "old_value_path": "data.previous.stage",
        "from_value": "prospect",
        "to_value": "client",
        "record_id_path": "data.deal.id",
        "mapping": (
            "data.deal.company.name -> customer_name\n"
            "data.deal.company.id -> customer_external_id\n"
            "data.deal.name -> project_name"
        ),
        "action": "create_project",
        "live_playbook_key": LIVE_PLAYBOOK,
        "country": "FR",
        "test_customer_id": test_customer.pk,
        "goal": "Every signed client gets an onboarding project at once.",
    }
    return services.RuleSpec(**(values | changes))


def crm_example(manager: Membership | None = None, **changes: Any) -> CrmExample:
    manager = manager or manager_of()
    test_customer = CustomerFactory(workspace=manager.workspace, name="Test customer (automations)")
    trigger = crm_trigger(manager)
    rule = services.rule_create(
        actor=manager.user, workspace=manager.workspace, spec=crm_spec(trigger, test_customer, **changes)
    )
    return CrmExample(manager, manager.workspace, test_customer, trigger, rule)
