"""The demo's automation (seed 001): a CRM trigger and the rule "create a project when the deal stage
moves from prospect to client", in test mode on a dedicated test customer, with one signed test
event already received (a deal that became a prospect: the rule does not fire, and says why).

Idempotent: nothing is made when the trigger exists. Made through the real services and the real
verification of a signed event.
"""

from __future__ import annotations

import datetime as dt
import json

from standardwebhooks.webhooks import Webhook

from accord.accounts.models import User
from accord.automations import engine, services
from accord.workspaces import services as workspace_services
from accord.workspaces.models import Workspace

TRIGGER_NAME = "CRM deals"
TEST_CUSTOMER = "Test customer (automations)"
RULE_NAME = "Client deals become onboarding projects"
MAPPING = """data.deal.company.name -> customer_name
data.deal.company.id -> customer_external_id
data.deal.name -> project_name"""


def automations_demo(workspace: Workspace, *, manager: User) -> bool:
    """Make the demo's CRM trigger, its rule and a first test event; False when they exist."""
    if workspace.automation_triggers.filter(name=TRIGGER_NAME).exists():
        return False
    test_customer = workspace.customers.filter(
        name=TEST_CUSTOMER
    ).first() or workspace_services.customer_create(actor=manager, workspace=workspace, name=TEST_CUSTOMER)
    trigger = services.trigger_create(
        actor=manager, workspace=workspace, name=TRIGGER_NAME, platform="the CRM"
    )
    services.rule_create(
        actor=manager,
        workspace=workspace,
        spec=services.RuleSpec(
            name=RULE_NAME,
            trigger_id=trigger.pk,
            event_type="deal.updated",
            field_label="deal stage",
            field_path="data.deal.stage",
            old_value_path="data.previous.stage",
            from_value="prospect",
            to_value="client",
            record_id_path="data.deal.id",
            mapping=MAPPING,
            action="create_project",
            live_playbook_key="paylocity-integration",
            country="FR",
            test_customer_id=test_customer.pk,
            owner_id=manager.pk,
            goal="Every deal the CRM marks as won gets its onboarding project the same minute.",
        ),
    )
    event = {
        "type": "deal.updated",
        "timestamp": dt.datetime.now(tz=dt.UTC).isoformat(),
        "data": {
            "deal": {
                "id": "DEMO-1",
                "name": "Initech onboarding",
                "stage": "prospect",
                "company": {"id": "CRM-77", "name": "Initech"},
            },
            "previous": {"stage": "lead"},
        },
    }
    body = json.dumps(event).encode()
    moment = dt.datetime.now(tz=dt.UTC)
    headers = {
        "webhook-id": "evt_demo_1",
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": Webhook(trigger.secret).sign("evt_demo_1", moment, body.decode()),
    }
    engine.event_receive(public_id=trigger.public_id, body=body, headers=headers)
    return True
