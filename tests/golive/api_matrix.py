"""The go-live operations of the API that tests/golive/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

from tests.campaigns.api_matrix import seen

#: operationId -> (method, path ({p}: project), JSON body or None, expected statuses).
API_MATRIX: dict[str, Any] = {
    "GoLiveGateRead": ("get", "/api/v1/projects/{p}/go-live-gate", None, seen(200)),
    # The gate is closed: only a vendor admin goes live, overriding it with a reason.
    "ProjectGoLive": (
        "post",
        "/api/v1/projects/{p}/go-live",
        {"override_reason": "The customer's CIO accepted the risk in writing."},
        seen(200, write=True, allowed=frozenset({"admin"})),
    ),
}
