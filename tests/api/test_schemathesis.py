"""The API fuzzed against its own live schema (schemathesis): no server error, every answer as
documented, and no operation that lets a request through without its token. Bounded: a few
examples per operation keep the suite quick."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accord.config.wsgi import application
from tests.apikit.factories import token_for
from tests.workspaces.factories import MembershipFactory

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    response_headers_conformance,
    status_code_conformance,
    ignored_auth,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Call the WSGI application as Django's own test client does: without the request signals
    that close "old" connections, which would close the test's transaction on PostgreSQL."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


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
