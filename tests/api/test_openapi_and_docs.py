"""The schema and the docs: readable without a token, OpenAPI 3.1, served from our own files."""

from __future__ import annotations

import json
import re

import pytest
from openapi_spec_validator import validate

from tests.html import page

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_31_and_readable_without_a_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "Accord API"
    assert schema["info"]["version"] == "v1"
    validate(schema)
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_the_schema_has_no_key_twice_in_any_object(client):
    """Swagger UI reads the schema with a YAML parser that refuses a key given twice; JSON parsers
    keep the last silently (an int and a str status both became "403" once)."""
    repeated: list[str] = []

    def pairs_checked(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs_checked)
    assert repeated == []


def test_operation_ids_are_entity_action(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {operation["operationId"] for path in schema["paths"].values() for operation in path.values()}
    assert {"MeRead", "TokenList", "TokenCreate", "TokenRevoke"} <= ids
    assert all(re.fullmatch(r"(?:[A-Z][a-z0-9]*)+", operation_id) for operation_id in ids)


def test_the_docs_page_loads_its_scripts_from_our_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    document = page(response)
    sources = [element.get("src") for element in document.all("[src]")]
    sources += [element.get("href") for element in document.all("[href]")]
    assert sources
    assert all(source.startswith("/static/") for source in sources), sources
    for source in sources:
        assert client.get(source).status_code == 200, source


def test_the_api_is_outside_the_language_prefixes(client):
    assert client.get("/fr/api/v1/openapi.json").status_code in (302, 404)
