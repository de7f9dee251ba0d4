"""Who may call which API operation: every operation of the live schema × anonymous and a token
of each scope × every kind of person. An operation missing from the matrix fails
``test_every_operation_of_the_schema_is_in_the_matrix``.

Adding a router: add one entry per operation to ``API_MATRIX`` (or a matrix of your own module to
``MATRICES``). The expected status is given per scope, for every kind of person, and may be
refined for one kind with a ``"<kind>:<scope>"`` key, e.g. ``"customer:read": 404``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from accord.workspaces.models import MembershipKind
from tests.apikit.factories import token_for
from tests.automations import api_matrix as automations_api
from tests.campaigns import api_matrix as campaigns_api
from tests.catalog import api_matrix as catalog_api
from tests.design import api_matrix as design_api
from tests.golive import api_matrix as golive_api
from tests.inbox import api_matrix as inbox_api
from tests.projects import api_matrix as projects_api
from tests.reports import api_matrix as reports_api
from tests.support import api_matrix as support_api
from tests.surveys import api_matrix as surveys_api
from tests.webhooks import api_matrix as webhooks_api
from tests.work import api_matrix as work_api
from tests.workspaces import api_matrix as workspaces_api
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory, PartnerContactFactory

pytestmark = pytest.mark.django_db

SCOPES = ["anonymous", "read", "write", "admin"]
KINDS = ["vendor-admin", "vendor-member", "customer", "partner"]


def by_scope(
    anonymous: int = 401, read: int = 200, write: int | None = None, admin: int | None = None
) -> dict[str, int]:
    write = read if write is None else write
    return {"anonymous": anonymous, "read": read, "write": write, "admin": write if admin is None else admin}


# operationId -> (method, path template, JSON body or None, expected statuses).
# Path placeholders: {own_token} (a token of the person calling), {other_token} (someone else's).
Entry = tuple[str, str, dict[str, Any] | None, dict[str, int]]
API_MATRIX: dict[str, Entry] = {
    "MeRead": ("get", "/api/v1/me", None, by_scope()),
    "TokenList": ("get", "/api/v1/tokens", None, by_scope()),
    "TokenCreate": (
        "post",
        "/api/v1/tokens",
        {"name": "Matrix", "scope": "read"},
        by_scope(read=403, write=403, admin=201),
    ),
    "TokenRevoke": ("delete", "/api/v1/tokens/{own_token}", None, by_scope(read=403, write=204)),
}
#: Further cases of an operation already listed (someone else's object: 404, never 403).
EXTRA_CASES: dict[str, Entry] = {
    "TokenRevoke (another person's token)": (
        "delete",
        "/api/v1/tokens/{other_token}",
        None,
        by_scope(read=403, write=404),
    ),
}
#: Matrices of the apps' routers, each checked by the app's own tests/<app>/test_api_access.py
#: (a world with a project, people in each relation to it, and a token of each scope).
MATRICES: list[dict[str, Any]] = [
    API_MATRIX,
    design_api.API_MATRIX,
    automations_api.API_MATRIX,
    campaigns_api.API_MATRIX,
    golive_api.API_MATRIX,
    reports_api.API_MATRIX,
    support_api.API_MATRIX,
    surveys_api.API_MATRIX,
    projects_api.API_MATRIX,
    work_api.API_MATRIX,
    inbox_api.API_MATRIX,
    workspaces_api.API_MATRIX,
    catalog_api.API_MATRIX,
    webhooks_api.API_MATRIX,
]


def _person(kind: str):
    if kind == "customer":
        return CustomerContactFactory().user
    if kind == "partner":
        return PartnerContactFactory().user
    return MembershipFactory(
        kind=MembershipKind.VENDOR_ADMIN if kind == "vendor-admin" else MembershipKind.VENDOR_MEMBER
    ).user


def _expected(entry: Entry, kind: str, scope: str) -> int:
    statuses = entry[3]
    return statuses.get(f"{kind}:{scope}", statuses[scope])


CASES = [
    (name, kind, scope)
    for name in [*API_MATRIX, *EXTRA_CASES]
    for kind in KINDS
    for scope in SCOPES
    if not (scope == "anonymous" and kind != KINDS[0])
]


@pytest.mark.parametrize(("name", "kind", "scope"), CASES, ids=[f"{n}-{k}-{s}" for n, k, s in CASES])
def test_who_gets_what_from_the_api(name, kind, scope):
    entry = API_MATRIX.get(name) or EXTRA_CASES[name]
    method, template, body, _statuses = entry
    person = _person(kind)
    other = _person(kind)
    path = template.format(
        own_token=token_for(person, name="own").token.pk, other_token=token_for(other).token.pk
    )
    headers = {} if scope == "anonymous" else {"Authorization": f"Bearer {token_for(person, scope).text}"}
    client = Client()
    kwargs: dict[str, Any] = {"headers": headers}
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == _expected(entry, kind, scope), (name, kind, scope, response.content)
    assert response["Cache-Control"] == "private, no-store"
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "details"}


def test_every_operation_of_the_schema_is_in_the_matrix(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        operation["operationId"] for path in schema["paths"].values() for operation in path.values()
    }
    covered = set().union(*MATRICES)
    assert not operations - covered, f"API operations in no access matrix: {sorted(operations - covered)}"
    assert not covered - operations, f"matrix entries for no operation: {sorted(covered - operations)}"
