"""The status report operations of the API that tests/reports/test_api_access.py checks for every
kind of person and every token scope, by operationId."""

from __future__ import annotations

from typing import Any

from tests.campaigns.api_matrix import MANAGES, seen

#: operationId -> (method, path ({p}: project, {r}: a published report), JSON body or None, statuses).
API_MATRIX: dict[str, Any] = {
    "StatusReportList": ("get", "/api/v1/projects/{p}/reports", None, seen(200)),
    "StatusReportCreate": (
        "post",
        "/api/v1/projects/{p}/reports",
        None,
        seen(201, write=True, allowed=MANAGES),
    ),
    "StatusReportRead": ("get", "/api/v1/projects/{p}/reports/{r}", None, seen(200)),
    "DigestSubscriptionRead": ("get", "/api/v1/projects/{p}/digest-subscription", None, seen(200)),
    "DigestSubscriptionSet": (
        "put",
        "/api/v1/projects/{p}/digest-subscription",
        {"enabled": False, "no_change_note": True},
        seen(200, write=True),
    ),
}
