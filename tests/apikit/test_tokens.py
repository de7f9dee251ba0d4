"""API tokens: their shape, what is stored, who may revoke them, when they stop working, and the
batched last-used stamp."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from accord.apikit.models import ApiToken, Scope, scope_includes
from accord.apikit.selectors import last_used_stamp, token_authenticate, token_of, tokens_of
from accord.apikit.services import token_create, token_revoke
from accord.apikit.tokens import looks_like_token, token_digest, token_generate
from accord.domain.errors import InvalidInput, NotFound
from tests.accounts.factories import UserFactory
from tests.apikit.factories import token_for

pytestmark = pytest.mark.django_db


def test_a_token_has_the_documented_shape_and_high_entropy():
    new = token_generate()
    mark, prefix, secret = new.text.split("_", 2)
    assert mark == "acc"
    assert prefix == new.prefix
    assert len(prefix) == 8
    assert "_" not in prefix
    assert len(secret) >= 43  # 32 random bytes in URL-safe base64
    assert looks_like_token(new.text)
    assert token_generate().text != new.text


def test_only_the_sha256_of_the_token_is_stored_and_the_prefix_is_shown():
    created = token_for(UserFactory(), "write", name="Payroll sync")
    stored = ApiToken.objects.get(pk=created.token.pk)
    assert stored.digest == hashlib.sha256(created.text.encode()).hexdigest() == token_digest(created.text)
    stored_text = " ".join(
        str(value) for value in ApiToken.objects.filter(pk=stored.pk).values().get().values()
    )
    assert created.text not in stored_text
    assert stored.display_prefix == f"acc_{stored.prefix}_…"
    assert created.text.startswith(f"acc_{stored.prefix}_")
    assert stored.scopes == ["read", "write"]


def test_digests_are_unique_in_the_database():
    created = token_for(UserFactory())
    with pytest.raises(IntegrityError):
        ApiToken.objects.create(user=UserFactory(), name="copy", prefix="x", digest=created.token.digest)


@pytest.mark.parametrize(
    ("held", "needed", "allowed"),
    [
        ("read", "read", True),
        ("read", "write", False),
        ("write", "read", True),
        ("write", "admin", False),
        ("admin", "write", True),
        ("admin", "read", True),
    ],
)
def test_admin_implies_write_implies_read(held, needed, allowed):
    assert scope_includes(held, needed) is allowed


def test_a_token_authenticates_its_person():
    user = UserFactory()
    created = token_for(user)
    assert token_authenticate(created.text).user == user


@pytest.mark.parametrize("case", ["garbage", "unknown", "revoked", "expired", "inactive-person"])
def test_an_unusable_token_authenticates_nobody(case):
    user = UserFactory()
    created = token_for(user, expires_at=timezone.now() + timedelta(days=1))
    text = created.text
    if case == "garbage":
        text = "not a token"
    elif case == "unknown":
        text = token_generate().text
    elif case == "revoked":
        token_revoke(actor=user, token=created.token)
    elif case == "expired":
        ApiToken.objects.filter(pk=created.token.pk).update(
            created_at=timezone.now() - timedelta(days=3), expires_at=timezone.now() - timedelta(seconds=1)
        )
    else:
        user.is_active = False
        user.save()
    assert token_authenticate(text) is None


def test_last_used_is_written_at_most_once_a_minute(django_assert_num_queries):
    created = token_for(UserFactory())
    with django_assert_num_queries(2):  # the lookup, and the first stamp
        token_authenticate(created.text)
    first = ApiToken.objects.get(pk=created.token.pk).last_used_at
    assert first is not None
    for _ in range(5):
        with django_assert_num_queries(1):  # the lookup only: no write on every request
            token_authenticate(created.text)
    assert ApiToken.objects.get(pk=created.token.pk).last_used_at == first
    ApiToken.objects.filter(pk=created.token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    with django_assert_num_queries(2):
        token_authenticate(created.text)
    assert ApiToken.objects.get(pk=created.token.pk).last_used_at > first


def test_the_stamp_is_a_conditional_update_so_racing_servers_write_it_once():
    created = token_for(UserFactory())
    recent = timezone.now()
    ApiToken.objects.filter(pk=created.token.pk).update(last_used_at=recent)
    # Another server read the token before the stamp above was written.
    stale = ApiToken.objects.get(pk=created.token.pk)
    stale.last_used_at = None
    assert last_used_stamp(stale, timezone.now()) is False
    assert ApiToken.objects.get(pk=created.token.pk).last_used_at == recent


@pytest.mark.parametrize(
    ("name", "scope", "days", "field"),
    [
        ("", "read", None, "name"),
        ("x" * 101, "read", None, "name"),
        ("ok", "root", None, "scope"),
        ("ok", "read", -1, "expires_at"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(name, scope, days, field):
    expires_at = timezone.now() + timedelta(days=days) if days is not None else None
    with pytest.raises(InvalidInput) as caught:
        token_create(user=UserFactory(), name=name, scope=scope, expires_at=expires_at)
    assert [problem.where for problem in caught.value.problems] == [field]
    assert all(problem.hint for problem in caught.value.problems)
    assert not ApiToken.objects.exists()


def test_a_token_made_with_a_token_never_exceeds_it():
    user = UserFactory()
    parent = token_for(user, "write", expires_at=timezone.now() + timedelta(days=1)).token
    with pytest.raises(InvalidInput) as caught:
        token_create(user=user, name="wider", scope=Scope.ADMIN, made_with=parent)
    assert {problem.code for problem in caught.value.problems} == {"scope-too-wide", "outlives-parent"}
    child = token_create(
        user=user, name="ok", scope=Scope.READ, expires_at=parent.expires_at, made_with=parent
    )
    assert child.token.scope == "read"


def test_created_by_records_who_made_it():
    holder, admin = UserFactory(), UserFactory()
    assert token_create(user=holder, name="mine", scope="read").token.created_by == holder
    assert token_create(user=holder, name="issued", scope="read", issued_by=admin).token.created_by == admin
    assert token_create(user=holder, name="cli", scope="read", operator=True).token.created_by is None


def test_the_holder_and_the_issuer_may_revoke_nobody_else():
    holder, admin, stranger = UserFactory(), UserFactory(), UserFactory()
    created = token_create(user=holder, name="issued", scope="read", issued_by=admin)
    with pytest.raises(NotFound):
        token_revoke(actor=stranger, token=created.token)
    assert token_revoke(actor=admin, token=created.token).revoked_at is not None
    again = token_revoke(actor=holder, token=created.token)
    assert again.revoked_at == ApiToken.objects.get(pk=created.token.pk).revoked_at


def test_selectors_show_a_person_only_their_own_tokens():
    mine, other = UserFactory(), UserFactory()
    kept = token_for(mine, name="kept").token
    revoked = token_for(mine, name="gone").token
    token_revoke(actor=mine, token=revoked)
    theirs = token_for(other).token
    assert list(tokens_of(mine)) == [kept]
    assert set(tokens_of(mine, include_revoked=True)) == {kept, revoked}
    with pytest.raises(ApiToken.DoesNotExist):
        token_of(mine, token_id=theirs.pk)
