"""The design operations of the API that tests/design/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

P = "/api/v1/projects/{project}"

NEED = {
    "action": "create a contract",
    "target_platform": "Tomorro",
    "trigger": "a deal is won",
    "trigger_platform": "the CRM",
    "trigger_field": "",
    "trigger_from": "",
    "trigger_to": "",
    "fields": ["name", "address"],
    "goal": "No more retyping",
    "trigger_checks": {"unique": True, "identifiable": True, "no_special_cases": False},
}
FLOW = {
    "name": "Contracts to the CRM",
    "source_system": "Tomorro",
    "target_system": "CRM",
    "trigger": "contract signed",
    "mode": "realtime",
    "format": "JSON",
    "security": "OAuth 2",
    "fields": [{"source": "amount", "target": "deal_amount", "rule": ""}],
}

SEEING = {"vendor-admin", "vendor-member", "customer", "partner-on"}


def statuses(success: int) -> dict[str, int]:
    """What each kind of person gets with a token allowed to call the operation: ``success`` for
    those who see the project, 404 for the rest (contacts of another customer, partners off it,
    another workspace's admin)."""
    kinds = [
        "vendor-admin",
        "vendor-member",
        "customer",
        "other-customer",
        "partner-on",
        "partner-off",
        "other-workspace",
    ]
    return {kind: success if kind in SEEING else 404 for kind in kinds}


#: operationId -> (method, path, JSON body or None, status by kind of person). A change needs a
#: write token (a read token gets 403); no token gets 401. Everyone who sees the project reads and
#: writes its needs and flows (contacts write them with the vendor).
API_MATRIX: dict[str, Any] = {
    "NeedList": ("get", P + "/needs", None, statuses(200)),
    "NeedCreate": ("post", P + "/needs", NEED, statuses(201)),
    "FlowList": ("get", P + "/flows", None, statuses(200)),
    "FlowCreate": ("post", P + "/flows", FLOW, statuses(201)),
    "SequenceDiagramRead": ("get", P + "/sequence-diagram", None, statuses(200)),
    "OverviewSlideRead": ("get", P + "/overview.pptx", None, statuses(200)),
}
