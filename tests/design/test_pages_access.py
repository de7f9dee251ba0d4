"""Who may open which need and design page: every URL of accord.design.urls, every kind of person.

Contacts of another customer, partners off the project and other workspaces get 404 on every
page, download and form; a pattern missing from the matrix fails
``test_the_matrix_covers_every_design_url``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import get_resolver

from accord.design import services
from accord.design.models import DiscoverySeries, Need
from tests.design.factories import KINDS, Cast, cast_made, flows_made, need_made
from tests.http import assert_private_if_logged_in

pytestmark = pytest.mark.django_db

LOGIN = "login"
SEES = {"admin", "manager", "member", "customer", "partner-on"}
STAFF = {"admin", "manager", "member"}
MANAGES = {"admin", "manager"}


def read(allowed: set[str], anonymous: Any = LOGIN) -> dict[str, Any]:
    return {kind: 200 if kind in allowed else 404 for kind in KINDS} | {"anonymous": anonymous}


def write(allowed: set[str], success: int = 302) -> dict[str, Any]:
    """A change: ``allowed`` succeed, others who see the project are refused (403), the rest 404."""
    return {kind: success if kind in allowed else 403 if kind in SEES else 404 for kind in KINDS} | {
        "anonymous": LOGIN
    }


NEED_POST = {
    "action": "create a contract",
    "target_platform": "Tomorro",
    "trigger_platform": "the CRM",
    "trigger": "a deal is won",
    "fields_text": "name, address",
}


def world(cast: Cast) -> dict[str, Any]:
    """A need, a discovery series, a BDR and a TDR with flows, and an open question owned by the
    customer's contact."""
    need = need_made(cast)
    series = services.discovery_schedule(
        actor=cast.admin,
        project=cast.project,
        request=services.SeriesRequest(
            task=None,
            title="Discovery",
            first_day=cast.project.start_date,
            at=dt.time(10),
        ),
    )
    bdr, _tdr = flows_made(cast)
    question = services.item_add(
        actor=cast.admin,
        project=cast.project,
        request=services.ItemRequest(
            kind="question",
            text="Which channels?",
            owner=cast.people["customer"].user,
            due=cast.project.start_date,
            review=bdr,
        ),
    )
    return {"n": need.pk, "s": series.pk, "r": bdr.pk, "q": question.pk}


Data = Callable[[Cast], dict[str, Any]]


def nothing(cast: Cast) -> dict[str, Any]:
    return {}


# url name -> (method, path ({p} project, {w} workspace, {n} need, {s} series, {r} review, {q}
# question), data, expected status by kind of person).
MATRIX: dict[str, tuple[str, str, Data, dict[str, Any]]] = {
    "home": ("get", "/projects/{p}/design/", nothing, read(SEES)),
    "need-new": ("post", "/projects/{p}/design/needs/new/", lambda cast: NEED_POST, write(SEES)),
    "need": ("get", "/projects/{p}/design/needs/{n}/", nothing, read(SEES)),
    "need-edit": ("post", "/projects/{p}/design/needs/{n}/edit/", lambda cast: NEED_POST, write(SEES)),
    "need-version": ("get", "/projects/{p}/design/needs/{n}/versions/1/", nothing, read(SEES)),
    "need-walk": (
        "post",
        "/projects/{p}/design/needs/{n}/walk/",
        lambda cast: {"question": "direction", "answer": "both-directions"},
        write(SEES),
    ),
    # The switch is a manager's page: for everyone else it does not exist.
    "need-switch": ("get", "/projects/{p}/design/needs/{n}/switch/", nothing, read(MANAGES)),
    "discovery": (
        "post",
        "/projects/{p}/design/discovery/",
        lambda cast: {
            "title": "Discovery",
            "first_day": "2026-03-09",
            "at": "10:00",
            "minutes": 90,
            "count": 3,
        },
        write(STAFF),
    ),
    "discovery-ics": ("get", "/projects/{p}/design/discovery/{s}.ics", nothing, read(SEES)),
    "review-new": ("post", "/projects/{p}/design/reviews/", lambda cast: {"kind": "bdr"}, write(SEES)),
    "review": ("get", "/projects/{p}/design/reviews/{r}/", nothing, read(SEES)),
    "flow-add": (
        "post",
        "/projects/{p}/design/reviews/{r}/flows/",
        lambda cast: {"name": "Third", "source_system": "A", "target_system": "B", "mode": "batch"},
        write(SEES),
    ),
    "item-add": (
        "post",
        "/projects/{p}/design/reviews/{r}/records/",
        lambda cast: {"kind": "rule", "text": "Round to the cent"},
        write(SEES),
    ),
    # The question's owner (the customer's contact) and the vendor's managers answer it.
    "question-answer": (
        "post",
        "/projects/{p}/design/questions/{q}/answer/",
        lambda cast: {"answer": "Card"},
        write(MANAGES | {"customer"}),
    ),
    "sequence": ("get", "/projects/{p}/design/sequence/", nothing, read(SEES)),
    "sequence-svg": ("get", "/projects/{p}/design/sequence.svg", nothing, read(SEES)),
    "sequence-mermaid": ("get", "/projects/{p}/design/sequence.mmd", nothing, read(SEES)),
    "overview-pptx": ("get", "/projects/{p}/design/overview.pptx", nothing, read(SEES)),
    "sequence-style": ("get", "/design/sequence.css", nothing, read(set(KINDS), anonymous=200)),
    "tree-settings": ("get", "/workspaces/{w}/settings/decision-tree/", nothing, read(MANAGES)),
    "tree-reset": (
        "post",
        "/workspaces/{w}/settings/decision-tree/reset/",
        nothing,
        read(MANAGES) | dict.fromkeys(MANAGES, 302),
    ),
}


def design_url_names() -> set[str]:
    resolver = get_resolver()
    return {name for name in resolver.namespace_dict["design"][1].reverse_dict if isinstance(name, str)}


def test_the_matrix_covers_every_design_url():
    assert set(MATRIX) == design_url_names()


CASES = [(name, kind) for name in MATRIX for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}-{kind}" for name, kind in CASES])
def test_who_gets_what(name, kind):
    method, template, data, expected = MATRIX[name]
    cast = cast_made("invoicecloud-integration")
    ids = world(cast)
    path = template.format(p=cast.project.pk, w=cast.project.workspace_id, **ids)
    response = getattr(cast.client_for(kind), method)(path, data(cast))
    assert_private_if_logged_in(response, kind != "anonymous")
    if expected[kind] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[kind], (name, kind, response.content[:800])


def test_refused_writes_change_nothing():
    cast = cast_made("invoicecloud-integration")
    ids = world(cast)
    before = Need.objects.count(), DiscoverySeries.objects.count()
    for kind in ("other-customer", "partner-off", "other-workspace"):
        client = cast.client_for(kind)
        client.post(f"/projects/{cast.project.pk}/design/needs/new/", NEED_POST)
        client.post(f"/projects/{cast.project.pk}/design/needs/{ids['n']}/edit/", NEED_POST)
    client = cast.client_for("customer")
    client.post(
        f"/projects/{cast.project.pk}/design/discovery/",
        {"title": "D", "first_day": "2026-03-09", "at": "10:00", "minutes": 90, "count": 3},
    )
    assert (Need.objects.count(), DiscoverySeries.objects.count()) == before
    assert Need.objects.get(pk=ids["n"]).version == 1
