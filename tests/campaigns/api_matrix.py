"""The campaigns operations of the API that tests/campaigns/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

KINDS = (
    "admin",
    "manager",
    "member",
    "customer",
    "other-customer",
    "partner-on",
    "partner-off",
    "other-workspace",
)
SEES = frozenset({"admin", "manager", "member", "customer", "partner-on"})
MANAGES = frozenset({"admin", "manager"})


def seen(ok: int, *, write: bool = False, allowed: frozenset[str] = SEES) -> dict[str, Any]:
    """Expected status by "<kind>:<scope>": 401 without a token, 403 for a read token on a write,
    404 for who does not see the project, 403 for who sees it without the right."""
    expected: dict[str, Any] = {"anonymous": 401}
    for kind in KINDS:
        for scope in ("read", "write"):
            if write and scope == "read":
                status = 403
            elif kind not in SEES:
                status = 404
            elif kind not in allowed:
                status = 403
            else:
                status = ok
            expected[f"{kind}:{scope}"] = status
    return expected


#: operationId -> (method, path ({p} project, {c} running campaign, {n} not started, {r} ready to
#: sign off, {k} a case of {c}), JSON body or None, expected statuses).
API_MATRIX: dict[str, Any] = {
    "CampaignList": ("get", "/api/v1/projects/{p}/campaigns", None, seen(200)),
    "CampaignCreate": (
        "post",
        "/api/v1/projects/{p}/campaigns",
        {"kind": "uat", "name": "UAT"},
        seen(201, write=True, allowed=MANAGES),
    ),
    "CampaignStart": ("post", "/api/v1/campaigns/{n}/start", None, seen(200, write=True, allowed=MANAGES)),
    "CampaignSignOff": (
        "post",
        "/api/v1/campaigns/{r}/sign-off",
        None,
        seen(200, write=True, allowed=MANAGES),
    ),
    "CaseList": ("get", "/api/v1/campaigns/{c}/cases", None, seen(200)),
    "CaseCreate": (
        "post",
        "/api/v1/campaigns/{c}/cases",
        {"title": "Refund file", "steps": "Send a refund", "expected": "It posts"},
        seen(201, write=True, allowed=MANAGES),
    ),
    "RunCreate": (
        "post",
        "/api/v1/cases/{k}/runs",
        {"result": "fail", "notes": "Timeout"},
        seen(201, write=True),
    ),
}
