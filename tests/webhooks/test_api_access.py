"""Who gets what from the webhooks operations of the API: every operation of tests/webhooks/api_matrix.py
× every kind of person × no token and a token of each scope (read, write, admin)."""

from __future__ import annotations

import pytest

from tests.webhooks.api_matrix import API_MATRIX
from tests.workspaces.test_api_world import KINDS, matrix_check

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_targets(private_targets):
    """The created endpoint points at 127.0.0.1 (tests have no network to resolve a host)."""


CASES = [(name, kind) for name in API_MATRIX for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}-{kind}" for name, kind in CASES])
def test_who_gets_what_from_the_webhooks_api(name, kind):
    matrix_check(API_MATRIX, name, kind)
