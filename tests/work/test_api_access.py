"""Who gets what from the work operations of the API: every operation of tests/work/api_matrix.py
× every kind of person around a project × anonymous and a token of each scope."""

from __future__ import annotations

import pytest

from tests.projects.api_world import cases, check
from tests.work.api_matrix import API_MATRIX

pytestmark = pytest.mark.django_db

CASES = cases(API_MATRIX)


@pytest.mark.parametrize(("name", "kind", "scope"), CASES, ids=[f"{n}-{k}-{s}" for n, k, s in CASES])
def test_who_gets_what_from_the_work_api(name, kind, scope):
    check(API_MATRIX, name, kind, scope)
