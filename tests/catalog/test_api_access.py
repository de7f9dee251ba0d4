"""Who gets what from the catalog operations of the API: every operation of tests/catalog/api_matrix.py
× every kind of person × no token and a token of each scope (read, write, admin)."""

from __future__ import annotations

import pytest

from tests.catalog.api_matrix import API_MATRIX
from tests.workspaces.test_api_world import KINDS, matrix_check

pytestmark = pytest.mark.django_db

CASES = [(name, kind) for name in API_MATRIX for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}-{kind}" for name, kind in CASES])
def test_who_gets_what_from_the_catalog_api(name, kind):
    matrix_check(API_MATRIX, name, kind)
