"""The inbox operations of the API that tests/inbox/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

from tests.projects.api_world import entry, statuses

#: operationId -> how tests/projects/api_world.py calls it and what each person gets (everyone
#: has an inbox: only their own notifications are in it).
API_MATRIX: dict[str, Any] = {
    "NotificationList": entry("get", "/api/v1/inbox", statuses(200, hidden=200)),
    "NotificationRead": entry(
        "post", "/api/v1/inbox/read", statuses(write=200, hidden=200), lambda ids: {"all": True}
    ),
}
