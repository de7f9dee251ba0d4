"""The API token pages: your own tokens, and the tokens a workspace's managers issue to its people.
The token's text is shown once; revoking works at once; nobody reaches another's tokens."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from accord.apikit.models import ApiToken
from accord.apikit.selectors import token_authenticate
from accord.workspaces.models import MembershipKind
from tests.accounts.factories import UserFactory
from tests.apikit.factories import token_for
from tests.http import assert_private_if_logged_in
from tests.web.token_matrix import LOGIN, PEOPLE, TOKEN_MATRIX
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory, workspace_people

pytestmark = pytest.mark.django_db

TOKEN_TEXT = re.compile(r"acc_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_making_a_token_shows_its_text_once_and_it_works():
    user = UserFactory()
    client = _client(user)
    response = client.post("/account/tokens/", {"name": "Payroll sync", "scope": "write", "expires": "30"})
    assert response.status_code == 200
    texts = TOKEN_TEXT.findall(response.content.decode())
    assert len(set(texts)) == 1
    token = token_authenticate(texts[0])
    assert token is not None
    assert token.user == user
    assert token.scope == "write"
    assert token.expires_at is not None
    listing = client.get("/account/tokens/").content.decode()
    assert not TOKEN_TEXT.search(listing)
    assert token.display_prefix in listing
    assert "Payroll sync" in listing


def test_a_token_without_a_name_is_refused_and_the_field_says_why():
    client = _client(UserFactory())
    response = client.post("/account/tokens/", {"name": "", "scope": "read", "expires": "never"})
    assert response.status_code == 422
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_revoking_your_token_stops_it():
    user = UserFactory()
    created = token_for(user)
    response = _client(user).post(f"/account/tokens/{created.token.pk}/revoke/")
    assert response.status_code == 302
    assert token_authenticate(created.text) is None


def test_nobody_revokes_someone_elses_token_from_their_page():
    created = token_for(UserFactory())
    assert _client(UserFactory()).post(f"/account/tokens/{created.token.pk}/revoke/").status_code == 404
    assert token_authenticate(created.text) is not None


def test_an_admin_issues_a_token_to_a_customer_contact_who_sees_and_may_revoke_it():
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    contact = CustomerContactFactory(workspace=admin.workspace)
    client = _client(admin.user)
    response = client.post(
        f"/workspaces/{admin.workspace.pk}/settings/tokens/",
        {"holder": contact.pk, "name": "Integration", "scope": "read", "expires": "90"},
    )
    assert response.status_code == 200
    text = TOKEN_TEXT.search(response.content.decode()).group(0)
    token = token_authenticate(text)
    assert token.user == contact.user
    assert token.created_by == admin.user
    assert contact.user.email in response.content.decode()
    listing = client.get(f"/workspaces/{admin.workspace.pk}/settings/tokens/")
    assert list(listing.context["tokens"]) == [token]
    contact_page = _client(contact.user).get("/account/tokens/")
    assert list(contact_page.context["tokens"]) == [token]
    assert _client(contact.user).post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert token_authenticate(text) is None


def test_an_admin_revokes_a_token_issued_in_the_workspace():
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    contact = CustomerContactFactory(workspace=admin.workspace)
    client = _client(admin.user)
    client.post(
        f"/workspaces/{admin.workspace.pk}/settings/tokens/",
        {"holder": contact.pk, "name": "Integration", "scope": "read", "expires": "never"},
    )
    token = ApiToken.objects.get()
    response = client.post(f"/workspaces/{admin.workspace.pk}/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None


def test_a_person_of_another_workspace_cannot_be_chosen():
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    stranger = CustomerContactFactory()
    response = _client(admin.user).post(
        f"/workspaces/{admin.workspace.pk}/settings/tokens/",
        {"holder": stranger.pk, "name": "Integration", "scope": "read", "expires": "90"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["holder"]
    assert not ApiToken.objects.exists()


def test_the_pages_speak_french():
    client = _client(UserFactory())
    response = client.get("/fr/account/tokens/")
    assert response.status_code == 200
    assert "Jetons d’API" in response.content.decode()


@pytest.fixture
def world():
    return workspace_people()


MATRIX_CASES = [(name, person) for name in TOKEN_MATRIX for person in PEOPLE]


@pytest.mark.parametrize(("name", "person"), MATRIX_CASES, ids=[f"{n}-{p}" for n, p in MATRIX_CASES])
def test_who_gets_what_on_the_token_pages(world, name, person):
    from accord.workspaces.api_tokens import token_issue

    method, template, expected = TOKEN_MATRIX[name]
    issued = token_issue(
        actor=world["admin"],
        workspace=world["workspace"],
        holder=world["customer"],
        name="Issued",
        scope="read",
        expires_at=None,
    ).token
    user = world[person]
    own = token_for(user).token.pk if user is not None else 1
    client = Client()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(template.format(w=world["workspace"].pk, own=own, issued=issued.pk))
    assert_private_if_logged_in(response, user is not None)
    if expected[person] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[person], (name, person)
