"""Who may open which test campaign page: every URL of the ``campaigns`` namespace × every kind of
person. Contacts of another customer, partners not on the project and another workspace get 404
on every page and download."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import get_resolver

from tests.campaigns.world import world_made
from tests.http import assert_private_if_logged_in
from tests.projects.test_pages_support import KINDS
from tests.web.test_access_matrix import url_names

pytestmark = pytest.mark.django_db

LOGIN = "login"
SEES = {"admin", "manager", "member", "customer", "partner-on"}
MANAGES = {"admin", "manager"}


def read(allowed: set[str] = SEES) -> dict[str, Any]:
    return {kind: 200 if kind in allowed else 404 for kind in KINDS} | {"anonymous": LOGIN}


def write(allowed: set[str], success: int = 302) -> dict[str, Any]:
    """A change: ``allowed`` succeed, others who see the project are refused (403), the rest 404."""
    return {kind: success if kind in allowed else 403 if kind in SEES else 404 for kind in KINDS} | {
        "anonymous": LOGIN
    }


_C = "/projects/{p}/tests/{c}/"
# url name -> (method, path, data, expected)
MATRIX: dict[str, tuple[str, str, dict[str, Any], dict[str, Any]]] = {
    "campaigns:list": ("get", "/projects/{p}/tests/", {}, read()),
    "campaigns:create": ("post", "/projects/{p}/tests/new/", {"kind": "uat", "name": "UAT"}, write(MANAGES)),
    "campaigns:detail": ("get", _C, {}, read()),
    "campaigns:start": ("post", "/projects/{p}/tests/{n}/start/", {}, write(MANAGES)),
    # No one holds A on the SIT task of invoicecloud: a vendor admin or manager signs off.
    "campaigns:sign-off": ("post", "/projects/{p}/tests/{r}/sign-off/", {}, write(MANAGES)),
    "campaigns:generate": ("post", _C + "generate/", {}, write(MANAGES)),
    "campaigns:case-create": ("post", _C + "cases/", {"title": "Refund file"}, write(MANAGES)),
    "campaigns:case": ("get", _C + "cases/{k}/", {}, read()),
    # Testers are on every side: whoever sees the project records runs and defects.
    "campaigns:run-create": (
        "post",
        _C + "cases/{k}/runs/",
        {"result": "blocked", "notes": "VPN"},
        write(SEES),
    ),
    "campaigns:defect-create": ("post", _C + "defects/", {"title": "Slow", "severity": "minor"}, write(SEES)),
    "campaigns:defect-update": (
        "post",
        _C + "defects/{d}/",
        {"status": "fixed", "severity": "minor", "version": "1"},
        write(SEES),
    ),
    "campaigns:evidence": ("get", _C + "evidence/{e}/", {}, read()),
}


def test_the_matrix_covers_every_campaigns_url():
    names = {name for name in url_names(get_resolver().url_patterns) if name.startswith("campaigns:")}
    assert names == set(MATRIX)


CASES = [(name, kind) for name in MATRIX for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}-{kind}" for name, kind in CASES])
def test_who_gets_what(name, kind):
    method, template, data, expected = MATRIX[name]
    world = world_made()
    response = getattr(world.cast.client_for(kind), method)(template.format(**world.ids()), data)
    assert_private_if_logged_in(response, kind != "anonymous")
    if expected[kind] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[kind], (name, kind, response.status_code)


def test_the_evidence_download_is_an_attachment_that_never_renders():
    world = world_made()
    response = world.cast.client_for("customer").get(
        "/projects/{p}/tests/{c}/evidence/{e}/".format(**world.ids())
    )
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"\x89PNG evidence"


def test_evidence_of_another_campaign_is_not_found_under_this_one():
    world = world_made()
    ids = world.ids() | {"c": world.fresh.pk}
    response = world.cast.client_for("admin").get("/projects/{p}/tests/{c}/evidence/{e}/".format(**ids))
    assert response.status_code == 404
