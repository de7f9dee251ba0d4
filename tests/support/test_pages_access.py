"""Who gets what on every support page: every URL of the support namespace, every kind of person.

Contacts of another customer, partners off the project and other workspaces get 404 everywhere.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import get_resolver

from tests.http import assert_private_if_logged_in
from tests.projects.test_pages_support import KINDS
from tests.support.factories import SUPPORT_ADDRESS, support_cast

pytestmark = pytest.mark.django_db

LOGIN = "login"
SEES = {"admin", "manager", "member", "customer", "partner-on"}
MANAGES = {"admin", "manager"}


def seen(ok: int, *, managers_only: bool = False) -> dict[str, Any]:
    return {
        kind: (ok if not managers_only or kind in MANAGES else 403) if kind in SEES else 404 for kind in KINDS
    } | {"anonymous": LOGIN}


# url name -> (method, path ({p}: project, {t}: ticket, {w}: workspace), data, expected by kind).
MATRIX: dict[str, tuple[str, str, dict[str, str], dict[str, Any]]] = {
    "support:project": ("get", "/projects/{p}/support/", {}, seen(200)),
    "support:ticket-create": (
        "post",
        "/projects/{p}/support/tickets/",
        {"subject": "Export", "body": "It fails.", "priority": "normal"},
        seen(302),
    ),
    "support:owner": (
        "post",
        "/projects/{p}/support/owner/",
        {"first_level": "customer"},
        seen(302, managers_only=True),
    ),
    "support:ticket": ("get", "/projects/{p}/support/tickets/{t}/", {}, seen(200)),
    "support:ticket-update": (
        "post",
        "/projects/{p}/support/tickets/{t}/change/",
        {"status": "in_progress", "priority": "high", "version": "1"},
        seen(302),
    ),
    "support:ticket-comment": (
        "post",
        "/projects/{p}/support/tickets/{t}/comment/",
        {"body": "Any news?"},
        seen(302),
    ),
    "support:escalate": ("get", "/projects/{p}/support/tickets/{t}/escalate/", {}, seen(200)),
    "support:escalate-redact": (
        "post",
        "/projects/{p}/support/tickets/{t}/escalate/redact/",
        {"subject": "Export", "body": "Call +1 415 555 2671"},
        seen(200),
    ),
    "support:settings": (
        "get",
        "/workspaces/{w}/support/",
        {},
        {kind: 200 if kind in MANAGES else 404 for kind in KINDS} | {"anonymous": LOGIN},
    ),
}
#: Further cases of a name already listed: sending an escalation.
EXTRA = {
    "escalate-send": (
        "post",
        "/projects/{p}/support/tickets/{t}/escalate/",
        {"subject": "Export", "body": "It fails at 02:00."},
        seen(302),
    ),
}


def test_the_matrix_covers_every_support_url():
    names = {
        f"support:{name}"
        for name in get_resolver().namespace_dict["support"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(MATRIX)


CASES = [(name, kind) for name in [*MATRIX, *EXTRA] for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_who_gets_what(name, kind, settings):
    settings.ACCORD_SUPPORT_ADDRESS = SUPPORT_ADDRESS
    method, path, data, expected = (MATRIX | EXTRA)[name]
    cast, ticket = support_cast()
    url = path.format(p=cast.project.pk, t=ticket.pk, w=cast.project.workspace_id)
    response = getattr(cast.client_for(kind), method)(url, data)
    assert_private_if_logged_in(response, kind != "anonymous")
    if expected[kind] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[kind], (name, kind, response.content[:300])


def test_a_ticket_of_another_project_is_not_found_under_this_one():
    _cast, ticket = support_cast()
    other, _other_ticket = support_cast()
    client = other.client_for("admin")
    assert client.get(f"/projects/{other.project.pk}/support/tickets/{ticket.pk}/").status_code == 404
