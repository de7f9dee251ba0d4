"""Every surveys operation × every kind of person × every token scope (tests/surveys/api_matrix.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.surveys import services
from tests.apikit.factories import bearer, token_for
from tests.surveys.api_matrix import API_MATRIX, KINDS
from tests.surveys.factories import csm_cast

pytestmark = pytest.mark.django_db

CASES = [(name, "admin", "anonymous") for name in API_MATRIX] + [
    (name, kind, scope) for name in API_MATRIX for kind in KINDS for scope in ("read", "write")
]


@pytest.mark.parametrize(("name", "kind", "scope"), CASES, ids=[f"{n}-{k}-{s}" for n, k, s in CASES])
def test_who_gets_what_from_the_surveys_api(name, kind, scope):
    method, template, _body, expected = API_MATRIX[name]
    cast = csm_cast()
    headers = (
        {}
        if scope == "anonymous"
        else {"Authorization": f"Bearer {token_for(cast.people[kind].user, scope).text}"}
    )
    response = getattr(Client(), method)(template.format(p=cast.project.pk), headers=headers)
    want = expected["anonymous"] if scope == "anonymous" else expected[f"{kind}:{scope}"]
    assert response.status_code == want, (name, kind, scope, response.content[:300])
    assert response["Cache-Control"] == "private, no-store"
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "details"}


def test_the_results_read_back_average_count_distribution_and_comments():
    cast = csm_cast()
    [response] = services.survey_send(actor=cast.admin, project=cast.project)
    services.survey_answer(token=services.survey_token(response), score=4, comment="Clear plan")
    body = (
        Client().get(f"/api/v1/projects/{cast.project.pk}/survey-results", headers=bearer(cast.admin)).json()
    )
    assert (body["invited"], body["answered"], body["average"]) == (1, 1, 4.0)
    assert {item["score"]: item["count"] for item in body["distribution"]}[4] == 1
    assert [item["comment"] for item in body["comments"]] == ["Clear plan"]
