"""The design API as its callers use it: needs with their statement and warnings, flows with their
mappings, the sequence diagram as Mermaid text or SVG, the overview slide."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from pptx import Presentation

from accord.formats.design.sequence import parse_mermaid_sequence
from tests.apikit.factories import token_for
from tests.design.api_matrix import FLOW, NEED
from tests.design.factories import cast_made

pytestmark = pytest.mark.django_db


def _client(cast, kind="admin", scope="write", language=None):
    token = token_for(cast.people[kind].user, scope).text
    headers = {"Authorization": f"Bearer {token}"} | ({"Accept-Language": language} if language else {})
    return Client(headers=headers)


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_a_need_is_answered_with_its_statement_and_the_warnings_of_its_trigger():
    cast = cast_made("invoicecloud-integration")
    response = _post(_client(cast), f"/api/v1/projects/{cast.project.pk}/needs", NEED)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "version", "statement", "warnings"}
    assert body["version"] == 1
    assert body["statement"] == (
        "I want create a contract in Tomorro when a deal is won in the CRM; "
        "data exchanged: name and address from the CRM to Tomorro"
    )
    assert [warning["code"] for warning in body["warnings"]] == [
        "trigger-has-special-cases",
        "trigger-not-a-transition",
    ]
    assert all(set(warning) == {"code", "message"} for warning in body["warnings"])
    listed = _client(cast, scope="read").get(f"/api/v1/projects/{cast.project.pk}/needs").json()
    assert listed == {"items": [body], "next_cursor": None}


def test_a_transition_with_every_check_has_no_warning_and_french_callers_read_french():
    cast = cast_made("invoicecloud-integration")
    need = NEED | {
        "trigger": "",
        "trigger_field": "deal status",
        "trigger_from": "prospect",
        "trigger_to": "customer",
        "trigger_checks": {"unique": True, "identifiable": True, "no_special_cases": True},
    }
    body = _post(_client(cast, language="fr"), f"/api/v1/projects/{cast.project.pk}/needs", need)
    assert body.status_code == 201
    assert body.json()["warnings"] == []
    assert body.json()["statement"].startswith(
        "Je veux create a contract dans Tomorro quand deal status passe de"
    )
    warned = _post(
        _client(cast, language="fr"),
        f"/api/v1/projects/{cast.project.pk}/needs",
        need | {"trigger_checks": {"unique": False, "identifiable": True, "no_special_cases": True}},
    ).json()
    assert warned["warnings"] == [
        {"code": "trigger-not-unique", "message": "Le déclencheur n’est peut-être pas unique."}
    ]


def test_an_unusable_need_is_refused_naming_the_field():
    cast = cast_made("invoicecloud-integration")
    response = _post(_client(cast), f"/api/v1/projects/{cast.project.pk}/needs", NEED | {"action": " "})
    assert response.status_code == 422
    assert [detail["field"] for detail in response.json()["details"]] == ["action"]


def test_flows_keep_their_order_and_mappings_and_a_target_mapped_twice_is_refused():
    cast = cast_made("invoicecloud-integration")
    client = _client(cast, kind="customer")
    path = f"/api/v1/projects/{cast.project.pk}/flows"
    first = _post(client, path, FLOW)
    assert first.status_code == 201
    assert first.json() | {"id": 0} == FLOW | {"id": 0}
    second = FLOW | {
        "name": "Deals to contracts",
        "source_system": "CRM",
        "target_system": "Tomorro",
        "mode": "batch",
    }
    assert _post(client, path, second).status_code == 201
    twice = FLOW | {
        "name": "Twice",
        "fields": [{"source": "a", "target": "t"}, {"source": "b", "target": "t"}],
    }
    refused = _post(client, path, twice)
    assert refused.status_code == 422
    assert [detail["field"] for detail in refused.json()["details"]] == ["mappings[1].target"]
    names = [flow["name"] for flow in client.get(path).json()["items"]]
    assert names == ["Contracts to the CRM", "Deals to contracts"]


def test_the_sequence_diagram_as_mermaid_and_as_svg_agree():
    cast = cast_made("invoicecloud-integration")
    client = _client(cast)
    path = f"/api/v1/projects/{cast.project.pk}"
    _post(client, path + "/flows", FLOW)
    _post(
        client, path + "/flows", FLOW | {"name": "Back", "source_system": "CRM", "target_system": "Tomorro"}
    )
    mermaid = client.get(path + "/sequence-diagram")
    assert mermaid["Content-Type"].startswith("text/plain")
    diagram = parse_mermaid_sequence(mermaid.content.decode())
    assert diagram.participants == ("Tomorro", "CRM")
    assert [message.label.split(" — ")[0] for message in diagram.messages] == ["Contracts to the CRM", "Back"]
    svg = client.get(path + "/sequence-diagram?format=svg")
    assert svg["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(svg.content)
    groups = [element for element in root.iter() if element.get("data-number")]
    assert [(g.get("data-source"), g.get("data-target")) for g in groups] == [
        ("Tomorro", "CRM"),
        ("CRM", "Tomorro"),
    ]


def test_the_overview_slide_is_a_pptx_of_the_project():
    cast = cast_made("invoicecloud-integration")
    client = _client(cast, scope="read")
    response = client.get(f"/api/v1/projects/{cast.project.pk}/overview.pptx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    slide = Presentation(io.BytesIO(response.content)).slides[0]
    texts = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert cast.project.name in texts
