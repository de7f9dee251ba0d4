"""The campaigns operations of the API that tests/campaigns/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

#: operationId -> whatever the app's own access test needs to call it (method, path, body, statuses).
API_MATRIX: dict[str, Any] = {}
