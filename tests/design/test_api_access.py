"""Who gets what from the design operations of the API: every operation of tests/design/api_matrix.py
× every kind of person around a project × anonymous and a token of each scope. Contacts of another
customer, partners off the project and other workspaces get 404 on every path."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.apikit.factories import token_for
from tests.design.api_matrix import API_MATRIX
from tests.design.factories import cast_made

pytestmark = pytest.mark.django_db

KINDS = {
    "vendor-admin": "admin",
    "vendor-member": "member",
    "customer": "customer",
    "other-customer": "other-customer",
    "partner-on": "partner-on",
    "partner-off": "partner-off",
    "other-workspace": "other-workspace",
}
SCOPES = ["anonymous", "read", "write", "admin"]
CASES = [
    (name, kind, scope)
    for name in API_MATRIX
    for kind in KINDS
    for scope in SCOPES
    if not (scope == "anonymous" and kind != "vendor-admin")
]


def expected(name: str, kind: str, scope: str) -> int:
    method, _path, _body, by_kind = API_MATRIX[name]
    if scope == "anonymous":
        return 401
    if method != "get" and scope == "read":
        return 403
    return by_kind[kind]


@pytest.mark.parametrize(("name", "kind", "scope"), CASES, ids=[f"{n}-{k}-{s}" for n, k, s in CASES])
def test_who_gets_what_from_the_design_api(name, kind, scope):
    method, path, body, _by_kind = API_MATRIX[name]
    cast = cast_made("invoicecloud-integration")
    person = cast.people[KINDS[kind]].user
    headers = {} if scope == "anonymous" else {"Authorization": f"Bearer {token_for(person, scope).text}"}
    kwargs = {"headers": headers}
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    response = getattr(Client(), method)(path.format(project=cast.project.pk), **kwargs)
    assert response.status_code == expected(name, kind, scope), (name, kind, scope, response.content[:300])
    assert response["Cache-Control"] == "private, no-store"
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "details"}
