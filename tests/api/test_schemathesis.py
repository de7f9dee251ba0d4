"""The API fuzzed against its own live schema (schemathesis): no server error, every answer as
documented, and no operation that lets a request through without its token. Bounded: a few
examples per operation keep the suite quick."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from accord.config.wsgi import application
from tests.api.fuzz import CHECKS
from tests.apikit.factories import token_for
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.usefixtures("wsgi_calls_keep_the_test_connection")


@pytest.fixture
def token_header(db):
    person = MembershipFactory().user
    return {"Authorization": f"Bearer {token_for(person, 'admin').text}"}


# The live schema, read through the WSGI application like any client would (it needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(case, token_header):
    case.call_and_validate(headers=token_header, checks=CHECKS)
