"""Who may open which API token page (tests/web/test_token_pages.py checks it; tests/web/
test_access_matrix.py counts it among the matrices that together cover every URL of the site)."""

from __future__ import annotations

from typing import Any

from tests.workspaces.factories import WORKSPACE_PEOPLE

PEOPLE = WORKSPACE_PEOPLE
LOGIN = "login"
MANAGERS_ONLY = dict.fromkeys(PEOPLE, 404) | {"anonymous": LOGIN}
TOKEN_MATRIX: dict[str, tuple[str, str, dict[str, Any]]] = {
    "account-tokens": ("get", "/account/tokens/", dict.fromkeys(PEOPLE, 200) | {"anonymous": LOGIN}),
    # Each person revokes their own token (the id is theirs).
    "account-token-revoke": (
        "post",
        "/account/tokens/{own}/revoke/",
        dict.fromkeys(PEOPLE, 302) | {"anonymous": LOGIN},
    ),
    "settings-tokens": (
        "get",
        "/workspaces/{w}/settings/tokens/",
        MANAGERS_ONLY | {"admin": 200, "manager": 200},
    ),
    "settings-token-revoke": (
        "post",
        "/workspaces/{w}/settings/tokens/{issued}/revoke/",
        MANAGERS_ONLY | {"admin": 302, "manager": 302},
    ),
}
