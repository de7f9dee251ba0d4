"""The automations operations of the API that tests/automations/test_api_access.py checks for every
kind of person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included).

A workspace's triggers, rules and runs are its managers' (as on the settings pages): for anyone
else they do not exist (404); the lists show each person those of the workspaces they manage
(none: an empty list).
"""

from __future__ import annotations

from typing import Any

from tests.workspaces.test_api_world import EVERYONE, MANAGERS, Op, expect

T = "/api/v1/automations/triggers/{trigger}"
R = "/api/v1/automations/rules/{rule}"
N = "/api/v1/automations/runs/{run}"


def _rule_body(world: Any) -> dict[str, Any]:
    return {
        "workspace_id": world.ids["workspace"],
        "name": "Matrix rule",
        "trigger_id": world.ids["trigger"],
        "event_type": "deal.updated",
        "field_path": "data.deal.stage",
        "from_value": "prospect",
        "to_value": "client",
        "record_id_path": "data.deal.id",
        "action": "create_project",
        "live_playbook_key": "paylocity-integration",
        "test_customer_id": world.ids["test_customer"],
    }


#: operationId -> how tests/automations/test_api_access.py calls it and what each caller gets.
API_MATRIX: dict[str, Any] = {
    "TriggerList": Op("get", "/api/v1/automations/triggers", expect("read", 200, EVERYONE)),
    "TriggerCreate": Op(
        "post",
        "/api/v1/automations/triggers",
        expect("write", 201, MANAGERS),
        body=lambda world: {"workspace_id": world.ids["workspace"], "name": "CRM", "platform": "the CRM"},
    ),
    "TriggerRead": Op("get", T, expect("read", 200, MANAGERS)),
    "TriggerSecretRotate": Op("post", T + "/rotate-secret", expect("write", 200, MANAGERS)),
    "TriggerDelete": Op("delete", T, expect("write", 204, MANAGERS)),
    "RuleList": Op("get", "/api/v1/automations/rules", expect("read", 200, EVERYONE)),
    "RuleCreate": Op("post", "/api/v1/automations/rules", expect("write", 201, MANAGERS), body=_rule_body),
    "RuleRead": Op("get", R, expect("read", 200, MANAGERS)),
    "RuleUpdate": Op(
        "patch", R, expect("write", 200, MANAGERS), body=lambda world: {"name": "Renamed"}, if_match=True
    ),
    # Untested, the rule may not go live: 409 with the failed checks, for those who see it.
    "RuleGoLive": Op(
        "post", R + "/go-live", expect("write", 409, MANAGERS), body=lambda world: {"no_special_cases": True}
    ),
    "RuleTestMode": Op("post", R + "/test-mode", expect("write", 200, MANAGERS)),
    "RuleDelete": Op("delete", R, expect("write", 204, MANAGERS)),
    "RunList": Op("get", "/api/v1/automations/runs", expect("read", 200, EVERYONE)),
    "RunRead": Op("get", N, expect("read", 200, MANAGERS)),
    "RunReplay": Op("post", N + "/replay", expect("write", 201, MANAGERS)),
}
