"""Who may open which report page: every URL of the ``reports`` namespace × every kind of person."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import get_resolver

from accord.reports.models import DigestSubscription, StatusReport
from accord.reports.snapshot import snapshot_take
from accord.reports.unsubscribe import unsubscribe_token
from tests.http import assert_private_if_logged_in
from tests.projects.cast import KINDS, cast_made
from tests.web.test_access_matrix import url_names

pytestmark = pytest.mark.django_db

LOGIN = "login"
SEES = {"admin", "manager", "member", "customer", "partner-on"}
MANAGES = {"admin", "manager"}


def read(ok: int = 200) -> dict[str, Any]:
    return {kind: ok if kind in SEES else 404 for kind in KINDS} | {"anonymous": LOGIN}


def write(allowed: set[str], success: int = 302) -> dict[str, Any]:
    return {kind: success if kind in allowed else 403 if kind in SEES else 404 for kind in KINDS} | {
        "anonymous": LOGIN
    }


def _token(cast: Any) -> str:
    subscription = DigestSubscription.objects.create(user=cast.people["customer"].user, project=cast.project)
    return unsubscribe_token(subscription)


_R = "/projects/{p}/report/"
#: url name -> (method, path ({p} project, {r} a published report, {t} a signed link), data, expected)
MATRIX: dict[str, tuple[str, str, Any, dict[str, Any]]] = {
    "reports:now": ("get", _R, lambda cast: {}, read()),
    "reports:now-pdf": ("get", _R + "pdf/", lambda cast: {}, read()),
    "reports:publish": ("post", _R + "publish/", lambda cast: {}, write(MANAGES)),
    "reports:digest": ("post", _R + "digest/", lambda cast: {"enabled": "on"}, write(SEES)),
    "reports:detail": ("get", _R + "{r}/", lambda cast: {}, read()),
    "reports:pdf": ("get", _R + "{r}/pdf/", lambda cast: {}, read()),
    # The signed link works for everyone, logged in or not: the signature is the proof.
    "reports:unsubscribe": ("get", _R + "unsubscribe/{t}/", lambda cast: {}, dict.fromkeys(KINDS, 200)),
}


def test_the_matrix_covers_every_reports_url():
    names = {name for name in url_names(get_resolver().url_patterns) if name.startswith("reports:")}
    assert names == set(MATRIX)


CASES = [(name, kind) for name in MATRIX for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}-{kind}" for name, kind in CASES])
def test_who_gets_what(name, kind):
    method, template, data, expected = MATRIX[name]
    cast = cast_made("socialtalent-onboarding")
    report = StatusReport.objects.create(project=cast.project, snapshot=snapshot_take(cast.project))
    path = template.format(p=cast.project.pk, r=report.pk, t=_token(cast) if "{t}" in template else "")
    response = getattr(cast.client_for(kind), method)(path, data(cast))
    assert_private_if_logged_in(response, kind != "anonymous")
    if expected[kind] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[kind], (name, kind, response.status_code)
