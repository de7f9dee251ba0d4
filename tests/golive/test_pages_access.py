"""Who may open which go-live page: every URL of the ``golive`` namespace × every kind of person."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import get_resolver

from tests.http import assert_private_if_logged_in
from tests.projects.test_pages_support import KINDS, cast_made
from tests.web.test_access_matrix import url_names

pytestmark = pytest.mark.django_db

LOGIN = "login"
SEES = {"admin", "manager", "member", "customer", "partner-on"}
MANAGES = {"admin", "manager"}


def read() -> dict[str, Any]:
    return {kind: 200 if kind in SEES else 404 for kind in KINDS} | {"anonymous": LOGIN}


def write(allowed: set[str], success: int = 302) -> dict[str, Any]:
    return {kind: success if kind in allowed else 403 if kind in SEES else 404 for kind in KINDS} | {
        "anonymous": LOGIN
    }


_G = "/projects/{p}/go-live/"
MATRIX: dict[str, tuple[str, str, Any, dict[str, Any]]] = {
    "golive:gate": ("get", _G, lambda cast: {}, read()),
    "golive:contact": (
        "post",
        _G + "contact/",
        lambda cast: {"integration_contact": cast.people["customer"].user.pk},
        write(MANAGES),
    ),
    "golive:handover": (
        "post",
        _G + "handover/",
        lambda cast: {"recipient": "Dana, Acme IT", "handed_over_on": "2026-03-02", "note": "vendor portal"},
        write(MANAGES),
    ),
    "golive:communication": ("post", _G + "communication/", lambda cast: {"ready": "on"}, write(MANAGES)),
    # The gate is closed: only a vendor admin goes live, over it, with a reason.
    "golive:go-live": (
        "post",
        _G + "go/",
        lambda cast: {"override_reason": "The customer's CIO accepted the risk in writing."},
        write({"admin"}),
    ),
}


def test_the_matrix_covers_every_golive_url():
    names = {name for name in url_names(get_resolver().url_patterns) if name.startswith("golive:")}
    assert names == set(MATRIX)


CASES = [(name, kind) for name in MATRIX for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}-{kind}" for name, kind in CASES])
def test_who_gets_what(name, kind):
    method, template, data, expected = MATRIX[name]
    cast = cast_made("invoicecloud-integration")
    response = getattr(cast.client_for(kind), method)(template.format(p=cast.project.pk), data(cast))
    assert_private_if_logged_in(response, kind != "anonymous")
    if expected[kind] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[kind], (name, kind, response.status_code)
