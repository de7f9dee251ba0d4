"""The design operations fuzzed against the live schema (the whole API's run is
tests/api/test_schemathesis.py): no server error, every answer as documented, on a project the
token's person sees (so that the 200/201 answers are checked too, not only 404)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from accord.config.wsgi import application
from tests.api.fuzz import CHECKS
from tests.apikit.factories import token_for
from tests.design.factories import cast_made

pytestmark = pytest.mark.usefixtures("wsgi_calls_keep_the_test_connection")

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"/projects/\{project_id\}/(needs|flows|sequence-diagram|overview\.pptx)$"
)


@pytest.fixture
def visible_project(db):
    cast = cast_made("invoicecloud-integration")
    return cast.project.pk, {"Authorization": f"Bearer {token_for(cast.admin, 'admin').text}"}


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_design_api_keeps_to_its_schema(case, visible_project):
    project_id, headers = visible_project
    case.path_parameters = {"project_id": project_id}
    case.call_and_validate(headers=headers, checks=CHECKS)
