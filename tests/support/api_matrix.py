"""The support operations of the API that tests/support/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

SEES = ("admin", "member", "customer", "partner-on")
MANAGES = ("admin",)


def seen(ok: int, *, write: bool = False, managers_only: bool = False) -> dict[str, Any]:
    """Expected status by "<kind>:<scope>": 401 without a token, 403 for a read token on a write,
    404 for who does not see the project, 403 for who sees it without the right."""
    expected: dict[str, Any] = {"anonymous": 401}
    for kind in ("admin", "member", "customer", "other-customer", "partner-on", "partner-off"):
        for scope in ("read", "write"):
            if write and scope == "read":
                status = 403
            elif kind not in SEES:
                status = 404
            elif managers_only and kind not in MANAGES:
                status = 403
            else:
                status = ok
            expected[f"{kind}:{scope}"] = status
    return expected


#: operationId -> (method, path ({p}: project, {t}: ticket), JSON body or None, expected statuses).
API_MATRIX: dict[str, Any] = {
    "TicketList": ("get", "/api/v1/projects/{p}/tickets", None, seen(200)),
    "TicketCreate": (
        "post",
        "/api/v1/projects/{p}/tickets",
        {"subject": "Export", "body": "It fails.", "priority": "high"},
        seen(201, write=True),
    ),
    "TicketRead": ("get", "/api/v1/tickets/{t}", None, seen(200)),
    "EscalationList": ("get", "/api/v1/tickets/{t}/escalations", None, seen(200)),
    "EscalationCreate": (
        "post",
        "/api/v1/tickets/{t}/escalations",
        {"subject": "Export", "body": "It fails at 02:00.", "recipients": []},
        seen(201, write=True),
    ),
    "SupportOwnerRead": ("get", "/api/v1/projects/{p}/support-owner", None, seen(200)),
    "SupportOwnerAgree": (
        "post",
        "/api/v1/projects/{p}/support-owner",
        {"first_level_owner": "customer"},
        seen(200, write=True, managers_only=True),
    ),
}
