"""What every schemathesis run of the API checks (tests/api/test_schemathesis.py and the apps' own)."""

from __future__ import annotations

from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    response_headers_conformance,
    status_code_conformance,
    ignored_auth,
]
