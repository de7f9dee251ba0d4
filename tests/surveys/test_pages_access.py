"""Who gets what on every surveys page: every URL of the surveys namespace, every kind of person.

Results and the close are the vendor's: contacts (of this customer or another) get 404; the
answer page is for whoever holds a valid link, logged in or not.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import get_resolver

from accord.surveys import services
from tests.http import assert_private_if_logged_in
from tests.projects.test_pages_support import KINDS
from tests.surveys.factories import csm_cast

pytestmark = pytest.mark.django_db

LOGIN = "login"
STAFF = {"admin", "manager", "member"}
MANAGES = {"admin", "manager"}


def staff(ok: int, *, managers_only: bool = False, refused: int = 403) -> dict[str, Any]:
    return {
        kind: (ok if not managers_only or kind in MANAGES else refused) if kind in STAFF else 404
        for kind in KINDS
    } | {"anonymous": LOGIN}


# url name -> (method, path ({p}: project, {token}: a valid link), data, expected by kind).
MATRIX: dict[str, tuple[str, str, dict[str, str], dict[str, Any]]] = {
    "surveys:project": ("get", "/projects/{p}/survey/", {}, staff(200)),
    "surveys:send": ("post", "/projects/{p}/survey/send/", {}, staff(302, managers_only=True)),
    "surveys:close": ("get", "/projects/{p}/close/", {}, staff(200, managers_only=True, refused=404)),
    # Every vendor person sees the portfolio of their own workspace (another workspace's admin: theirs).
    "surveys:portfolio": (
        "get",
        "/surveys/",
        {},
        {kind: 200 if kind in STAFF | {"other-workspace"} else 404 for kind in KINDS} | {"anonymous": LOGIN},
    ),
    "surveys:answer": ("get", "/survey/{token}/", {}, dict.fromkeys(KINDS, 200)),
}
EXTRA = {
    "close-post": ("post", "/projects/{p}/close/", {}, staff(302, managers_only=True, refused=404)),
    "answer-tampered": ("get", "/survey/{token}x/", {}, dict.fromkeys(KINDS, 404)),
}


def test_the_matrix_covers_every_surveys_url():
    names = {
        f"surveys:{name}"
        for name in get_resolver().namespace_dict["surveys"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(MATRIX)


CASES = [(name, kind) for name in [*MATRIX, *EXTRA] for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_who_gets_what(name, kind):
    method, path, data, expected = (MATRIX | EXTRA)[name]
    cast = csm_cast()
    [response] = services.survey_send(actor=cast.admin, project=cast.project)
    url = path.format(p=cast.project.pk, token=services.survey_token(response))
    answer = getattr(cast.client_for(kind), method)(url, data)
    assert_private_if_logged_in(answer, kind != "anonymous")
    if expected[kind] == LOGIN:
        assert answer.status_code == 302
        assert answer["Location"].startswith("/login/")
    else:
        assert answer.status_code == expected[kind], (name, kind, answer.content[:300])
