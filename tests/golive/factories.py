"""Go-live set-ups: a project whose checklist holds, condition by condition."""

from __future__ import annotations

from typing import Any

from accord.automations.models import Rule, RuleAction, RuleMode, Trigger
from accord.golive import services
from accord.support import services as support_services
from tests.apikit.factories import token_for
from tests.campaigns.factories import signed_off
from tests.projects.test_pages_support import Cast


def checklist_met(cast: Cast, *, except_: str = "") -> None:
    """Meet every condition of the go-live gate of the cast's project but ``except_``."""
    admin = cast.admin
    if except_ != "uat-signed-off":
        signed_off(cast, "sit")
        signed_off(cast, "uat")
    if except_ != "credentials-issued":
        contact = cast.people["customer"].user
        services.integration_contact_set(actor=admin, project=cast.project, contact=contact)
        token_for(contact, "write", name="Integration")
    if except_ != "support-owner-agreed":
        support_services.support_owner_agree(actor=admin, project=cast.project, first_level="customer")
    if except_ != "communication-ready":
        services.communication_set(actor=admin, project=cast.project, ready=True, note="Mail to billers")


def automation_rule(cast: Cast, **fields: Any) -> Rule:
    """A rule of the cast's workspace acting for its project's customer (test mode by default)."""
    trigger = Trigger.objects.create(
        workspace=cast.project.workspace,
        public_id=f"trg_{Trigger.objects.count()}",
        name="CRM",
        platform="CRM",
        secret="whsec_test",
    )
    values: dict[str, Any] = {
        "workspace": cast.project.workspace,
        "trigger": trigger,
        "name": "Deal won",
        "event_type": "deal.updated",
        "field_path": "data.stage",
        "to_value": "won",
        "record_id_path": "data.id",
        "action": RuleAction.CREATE_PROJECT,
        "live_customer": cast.project.customer,
        "mode": RuleMode.TEST,
    } | fields
    return Rule.objects.create(**values)
