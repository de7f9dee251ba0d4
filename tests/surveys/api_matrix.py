"""The surveys operations of the API that tests/surveys/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

STAFF = ("admin", "member")
KINDS = ("admin", "member", "customer", "other-customer", "partner-on", "partner-off")


def staff_only(ok: int = 200) -> dict[str, Any]:
    """Results are internal: vendor staff read them, every contact gets 404."""
    return {"anonymous": 401} | {
        f"{kind}:{scope}": ok if kind in STAFF else 404 for kind in KINDS for scope in ("read", "write")
    }


#: operationId -> (method, path ({p}: project), JSON body or None, expected statuses).
API_MATRIX: dict[str, Any] = {
    "SurveyResultsRead": ("get", "/api/v1/projects/{p}/survey-results", None, staff_only()),
    "SurveyPortfolioRead": ("get", "/api/v1/survey-results", None, staff_only()),
}
