"""/api/v1/me and token management through the API: the token's person, their tokens only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.apikit.models import ApiToken
from accord.apikit.selectors import token_authenticate
from accord.workspaces.models import MembershipKind
from tests.accounts.factories import UserFactory
from tests.apikit.factories import bearer, token_for
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_me_is_the_tokens_person_with_their_memberships(client):
    contact = CustomerContactFactory()
    created = token_for(contact.user, "read", name="Sync")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {created.text}"})
    assert response.status_code == 200
    document = response.json()
    assert document["email"] == contact.user.email
    assert document["token"]["id"] == created.token.pk
    assert document["token"]["scopes"] == ["read"]
    assert "token" not in document["token"]
    assert document["memberships"] == [
        {
            "workspace": {"id": contact.workspace.pk, "name": contact.workspace.name},
            "kind": MembershipKind.CUSTOMER_CONTACT.value,
            "customer": {"id": contact.customer.pk, "name": contact.customer.name},
            "partner": None,
        }
    ]


def test_me_needs_a_token(client):
    assert client.get("/api/v1/me").status_code == 401


def test_the_token_list_shows_only_your_tokens_never_their_text(client):
    user = UserFactory()
    mine = token_for(user, "read", name="Mine")
    token_for(UserFactory(), name="Someone else's")
    response = client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {mine.text}"})
    assert response.status_code == 200
    document = response.json()
    assert [item["name"] for item in document["items"]] == ["Mine"]
    assert document["next_cursor"] is None
    assert mine.text not in response.content.decode()
    assert document["items"][0]["prefix"] == mine.token.display_prefix


def test_an_admin_token_makes_a_token_shown_once(client):
    user = UserFactory()
    response = client.post(
        "/api/v1/tokens",
        {"name": "CI", "scope": "write"},
        content_type="application/json",
        headers=bearer(user, "admin"),
    )
    assert response.status_code == 201
    document = response.json()
    assert document["scopes"] == ["read", "write"]
    assert token_authenticate(document["token"]).pk == document["id"]
    listed = client.get("/api/v1/tokens", headers=bearer(user)).content.decode()
    assert document["token"] not in listed


def test_a_write_token_may_not_make_tokens(client):
    user = UserFactory()
    response = client.post(
        "/api/v1/tokens",
        {"name": "CI", "scope": "read"},
        content_type="application/json",
        headers=bearer(user, "write"),
    )
    assert response.status_code == 403
    assert ApiToken.objects.filter(user=user).count() == 1


def test_a_short_lived_token_cannot_make_a_lasting_one(client):
    user = UserFactory()
    headers = bearer(user, "admin", expires_at=timezone.now() + timedelta(days=1))
    response = client.post(
        "/api/v1/tokens", {"name": "forever"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "expires_at"


def test_revoking_your_token_stops_it_at_once(client):
    user = UserFactory()
    victim = token_for(user, name="old")
    response = client.delete(f"/api/v1/tokens/{victim.token.pk}", headers=bearer(user, "write"))
    assert response.status_code == 204
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {victim.text}"}).status_code == 401


def test_someone_elses_token_is_not_found(client):
    theirs = token_for(UserFactory())
    response = client.delete(f"/api/v1/tokens/{theirs.token.pk}", headers=bearer(UserFactory(), "write"))
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=theirs.token.pk).revoked_at is None


def test_an_impossible_id_is_refused_before_the_database(client):
    response = client.delete(f"/api/v1/tokens/{2**64}", headers=bearer(UserFactory(), "write"))
    assert response.status_code == 422


def test_a_token_acts_as_its_person_never_beyond(client):
    # A vendor admin's read token sees only what the admin's memberships open, and the token of a
    # contact of another workspace sees nothing of this one.
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    outsider = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    document = client.get("/api/v1/me", headers=bearer(outsider.user)).json()
    assert [membership["workspace"]["id"] for membership in document["memberships"]] == [
        outsider.workspace.pk
    ]
    assert admin.workspace.pk not in [membership["workspace"]["id"] for membership in document["memberships"]]
