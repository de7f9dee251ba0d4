"""Every status report operation × every kind of person × every token scope (api_matrix.py)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from accord.reports.models import StatusReport
from accord.reports.snapshot import snapshot_take
from tests.apikit.factories import token_for
from tests.campaigns.api_matrix import KINDS
from tests.projects.cast import cast_made
from tests.reports.api_matrix import API_MATRIX

pytestmark = pytest.mark.django_db

CASES = [(name, "admin", "anonymous") for name in API_MATRIX] + [
    (name, kind, scope) for name in API_MATRIX for kind in KINDS for scope in ("read", "write")
]


@pytest.mark.parametrize(("name", "kind", "scope"), CASES, ids=[f"{n}-{k}-{s}" for n, k, s in CASES])
def test_who_gets_what_from_the_reports_api(name, kind, scope):
    method, template, body, expected = API_MATRIX[name]
    cast = cast_made("socialtalent-onboarding")
    report = StatusReport.objects.create(project=cast.project, snapshot=snapshot_take(cast.project))
    headers = {}
    if scope != "anonymous":
        headers = {"Authorization": f"Bearer {token_for(cast.people[kind].user, scope).text}"}
    kwargs = {"headers": headers}
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    response = getattr(Client(), method)(template.format(p=cast.project.pk, r=report.pk), **kwargs)
    want = expected["anonymous"] if scope == "anonymous" else expected[f"{kind}:{scope}"]
    assert response.status_code == want, (name, kind, scope, response.content[:300])
    assert response["Cache-Control"] == "private, no-store"
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "details"}
