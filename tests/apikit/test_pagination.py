"""Cursor pagination: every item exactly once, in order, whatever the limit; one query a page;
bounded limits; cursors that cannot be forged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.accounts.models import User
from accord.apikit.pagination import cursor_encode, page_of
from accord.domain.errors import InvalidInput
from tests.accounts.factories import UserFactory
from tests.apikit.factories import bearer

pytestmark = pytest.mark.django_db
BASE = timezone.now().replace(microsecond=0)


def _walk(queryset, sort_key, limit):
    seen, cursor, pages = [], None, 0
    while True:
        items, cursor = page_of(queryset, sort_key=sort_key, limit=limit, cursor=cursor)
        seen.extend(items)
        pages += 1
        assert pages <= len(seen) + 1, "the walk does not end"
        if cursor is None:
            return seen


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    joined_offsets=st.lists(st.integers(min_value=0, max_value=3), max_size=12),
    limit=st.integers(min_value=1, max_value=14),
    descending=st.booleans(),
)
def test_paging_through_any_list_with_any_limit_yields_every_item_once_in_order(
    joined_offsets, limit, descending
):
    # Few distinct dates: many ties, which only the id breaks.
    users = User.objects.bulk_create(
        User(email=f"page{index}@example.com", date_joined=BASE + timedelta(days=offset))
        for index, offset in enumerate(joined_offsets)
    )
    try:
        queryset = User.objects.filter(email__startswith="page")
        sort_key = "-date_joined" if descending else "date_joined"
        seen = _walk(queryset, sort_key, limit)
        expected = list(queryset.order_by(sort_key, "-pk" if descending else "pk"))
        assert [user.pk for user in seen] == [user.pk for user in expected]
        assert len(seen) == len(users)
    finally:
        User.objects.filter(email__startswith="page").delete()


def test_an_item_added_before_the_cursor_neither_repeats_nor_hides_another():
    for index in range(4):
        UserFactory(email=f"b{index}@example.com")
    queryset = User.objects.all()
    first, cursor = page_of(queryset, sort_key="email", limit=2, cursor=None)
    UserFactory(email="a-new@example.com")
    rest, _ = page_of(queryset, sort_key="email", limit=10, cursor=cursor)
    assert [user.email for user in first + rest] == [f"b{index}@example.com" for index in range(4)]


def test_each_page_is_one_query(django_assert_num_queries):
    for _ in range(7):
        UserFactory()
    cursor = None
    for _ in range(3):
        with django_assert_num_queries(1):
            _, cursor = page_of(User.objects.all(), sort_key="email", limit=3, cursor=cursor)


@pytest.mark.parametrize("cursor", ["garbage", cursor_encode("date_joined", (1, 1))])
def test_a_cursor_this_list_did_not_give_is_refused(cursor):
    with pytest.raises(InvalidInput) as caught:
        page_of(User.objects.all(), sort_key="email", limit=3, cursor=cursor)
    assert caught.value.problems[0].where == "cursor"


@pytest.mark.urls("tests.apikit.test_api")
def test_the_list_answers_items_and_next_cursor_and_follows_it(client):
    user = UserFactory()
    for _ in range(4):
        UserFactory()
    headers = bearer(user)
    first = client.get("/api/v1/people", {"limit": 3}, headers=headers).json()
    assert set(first) == {"items", "next_cursor"}
    assert len(first["items"]) == 3
    second = client.get(
        "/api/v1/people", {"limit": 3, "cursor": first["next_cursor"]}, headers=headers
    ).json()
    assert second["next_cursor"] is None
    emails = [item["email"] for item in first["items"] + second["items"]]
    assert emails == sorted(User.objects.values_list("email", flat=True))


@pytest.mark.urls("tests.apikit.test_api")
@pytest.mark.parametrize(
    ("query", "status"),
    [({"limit": 0}, 422), ({"limit": 201}, 422), ({"limit": 200}, 200), ({"cursor": "x"}, 422)],
)
def test_limits_are_bounded_and_bad_cursors_get_422(client, query, status):
    response = client.get("/api/v1/people", query, headers=bearer(UserFactory()))
    assert response.status_code == status
    if status == 422:
        assert response.json()["code"] == "invalid-input"
