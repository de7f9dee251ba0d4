"""The workspaces operations of the API: workspaces, customers, partners, people, invitations and the
tokens managers issue, through the same services as the settings pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accord.apikit.models import ApiToken
from accord.apikit.selectors import token_authenticate
from accord.workspaces.models import Customer, Invitation, MembershipKind
from tests.apikit.factories import bearer
from tests.workspaces.factories import (
    CustomerContactFactory,
    CustomerFactory,
    MembershipFactory,
    PartnerContactFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")


def url(admin, tail=""):
    return f"/api/v1/workspaces/{admin.workspace.pk}{tail}"


def test_the_workspace_list_holds_only_yours(client, admin):
    MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)  # another workspace
    document = client.get("/api/v1/workspaces", headers=bearer(admin.user)).json()
    assert [item["name"] for item in document["items"]] == ["Tomorro"]
    assert document["next_cursor"] is None


def test_a_contact_sees_their_own_customer_only(client, admin):
    contact = CustomerContactFactory(workspace=admin.workspace, customer__name="Acme")
    CustomerFactory(workspace=admin.workspace, name="Globex")
    mine = client.get(url(admin, "/customers"), headers=bearer(contact.user)).json()
    assert [item["name"] for item in mine["items"]] == ["Acme"]
    staff = client.get(url(admin, "/customers"), headers=bearer(admin.user)).json()
    assert [item["name"] for item in staff["items"]] == ["Acme", "Globex"]
    filtered = client.get(url(admin, "/customers?name=glob"), headers=bearer(admin.user)).json()
    assert [item["name"] for item in filtered["items"]] == ["Globex"]


def test_a_partner_contact_reads_their_partner_and_not_another(client, admin):
    contact = PartnerContactFactory(workspace=admin.workspace)
    other = PartnerFactory(workspace=admin.workspace)
    headers = bearer(contact.user)
    assert (
        client.get(f"/api/v1/partners/{contact.partner_id}", headers=headers).json()["id"]
        == contact.partner_id
    )
    assert client.get(f"/api/v1/partners/{other.pk}", headers=headers).status_code == 404


def test_adding_a_customer_answers_201_with_its_address_and_a_taken_name_names_the_field(client, admin):
    headers = bearer(admin.user, "write")
    response = client.post(
        url(admin, "/customers"), {"name": "Acme"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    created = response.json()
    assert response["Location"] == f"/api/v1/customers/{created['id']}"
    assert client.get(response["Location"], headers=headers).json()["name"] == "Acme"
    again = client.post(
        url(admin, "/customers"), {"name": "ACME"}, content_type="application/json", headers=headers
    )
    assert again.status_code == 422
    assert again.json()["details"][0]["field"] == "name"
    assert Customer.objects.filter(workspace=admin.workspace).count() == 1


def test_the_same_idempotency_key_adds_one_partner_and_another_body_is_refused(client, admin):
    headers = bearer(admin.user, "write") | {"Idempotency-Key": "partner-1"}
    first = client.post(
        url(admin, "/partners"), {"name": "Broker"}, content_type="application/json", headers=headers
    )
    second = client.post(
        url(admin, "/partners"), {"name": "Broker"}, content_type="application/json", headers=headers
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert admin.workspace.partners.count() == 1
    other = client.post(
        url(admin, "/partners"), {"name": "Other"}, content_type="application/json", headers=headers
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency-key-reused"


def test_people_are_listed_with_their_kinds_to_managers_only(client, admin):
    contact = CustomerContactFactory(workspace=admin.workspace, customer__name="Acme")
    member = MembershipFactory(workspace=admin.workspace)
    document = client.get(url(admin, "/people"), headers=bearer(admin.user)).json()
    by_email = {item["person"]["email"]: item for item in document["items"]}
    assert by_email[contact.user.email]["kind"] == "customer_contact"
    assert by_email[contact.user.email]["customer"] == {"id": contact.customer_id, "name": "Acme"}
    assert by_email[member.user.email]["kind"] == "vendor_member"
    only = client.get(url(admin, "/people?kind=customer_contact"), headers=bearer(admin.user)).json()
    assert [item["person"]["email"] for item in only["items"]] == [contact.user.email]
    # A member of the workspace, and anyone outside it, are told nothing.
    assert client.get(url(admin, "/people"), headers=bearer(member.user)).status_code == 404
    outsider = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    assert client.get(url(admin, "/people"), headers=bearer(outsider.user)).status_code == 404


def test_the_people_list_costs_the_same_queries_whatever_its_size(
    client, admin, django_assert_max_num_queries
):
    headers = bearer(admin.user)
    for _ in range(3):
        CustomerContactFactory(workspace=admin.workspace)
    with django_assert_max_num_queries(6) as small:
        client.get(url(admin, "/people"), headers=headers)
        queries = len(small)
    for _ in range(20):
        PartnerContactFactory(workspace=admin.workspace)
    with django_assert_max_num_queries(queries):
        assert len(client.get(url(admin, "/people"), headers=headers).json()["items"]) == 24


def test_an_invitation_is_sent_listed_and_withdrawn(client, admin, django_capture_on_commit_callbacks):
    headers = bearer(admin.user, "write")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(admin, "/invitations"),
            {"email": "New.Person@Example.com", "kind": "vendor_member"},
            content_type="application/json",
            headers=headers,
        )
    assert response.status_code == 201
    invitation = response.json()
    assert invitation["email"] == "new.person@example.com"
    assert invitation["invited_by"]["id"] == admin.user.pk
    assert [message.to for message in mail.outbox] == [["new.person@example.com"]]
    listed = client.get(url(admin, "/invitations"), headers=headers).json()
    assert [item["id"] for item in listed["items"]] == [invitation["id"]]
    assert client.delete(f"/api/v1/invitations/{invitation['id']}", headers=headers).status_code == 204
    assert Invitation.objects.get(pk=invitation["id"]).revoked_at is not None
    # Withdrawn: no longer pending, so no longer there.
    assert client.delete(f"/api/v1/invitations/{invitation['id']}", headers=headers).status_code == 404


def test_a_customer_contact_needs_a_customer_of_this_workspace(client, admin):
    foreign = CustomerFactory()  # another workspace's customer
    response = client.post(
        url(admin, "/invitations"),
        {"email": "x@example.com", "kind": "customer_contact", "customer_id": foreign.pk},
        content_type="application/json",
        headers=bearer(admin.user, "write"),
    )
    assert response.status_code == 422
    assert [detail["field"] for detail in response.json()["details"]] == ["customer"]
    assert not Invitation.objects.exists()


def test_a_manager_may_not_invite_an_admin(client, admin):
    manager = MembershipFactory(workspace=admin.workspace, kind=MembershipKind.VENDOR_MANAGER)
    response = client.post(
        url(admin, "/invitations"),
        {"email": "boss@example.com", "kind": "vendor_admin"},
        content_type="application/json",
        headers=bearer(manager.user, "write"),
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["code"] == "admin-only"


def test_an_issued_token_acts_as_its_holder_and_is_shown_once(client, admin):
    contact = CustomerContactFactory(workspace=admin.workspace)
    headers = bearer(admin.user, "admin")
    response = client.post(
        url(admin, "/tokens"),
        {"person_id": contact.user.pk, "name": "CRM sync", "scope": "read"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    issued = response.json()
    assert issued["holder"]["id"] == contact.user.pk
    assert token_authenticate(issued["token"]).user == contact.user
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {issued['token']}"}).json()
    assert me["email"] == contact.user.email
    listed = client.get(url(admin, "/tokens"), headers=headers)
    assert [item["id"] for item in listed.json()["items"]] == [issued["id"]]
    assert issued["token"] not in listed.content.decode()
    assert client.delete(url(admin, f"/tokens/{issued['id']}"), headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {issued['token']}"}).status_code == 401


def test_issuing_needs_an_admin_token_that_it_never_exceeds(client, admin):
    contact = CustomerContactFactory(workspace=admin.workspace)
    body = {"person_id": contact.user.pk, "name": "CRM sync", "scope": "read"}
    write = client.post(
        url(admin, "/tokens"), body, content_type="application/json", headers=bearer(admin.user, "write")
    )
    assert write.status_code == 403
    short = bearer(admin.user, "admin", expires_at=timezone.now() + timedelta(days=1))
    lasting = client.post(url(admin, "/tokens"), body, content_type="application/json", headers=short)
    assert lasting.status_code == 422
    assert lasting.json()["details"][0]["field"] == "expires_at"
    assert not ApiToken.objects.filter(user=contact.user).exists()


def test_a_token_is_issued_only_to_a_person_of_the_workspace(client, admin):
    stranger = MembershipFactory()  # someone of another workspace
    response = client.post(
        url(admin, "/tokens"),
        {"person_id": stranger.user.pk, "name": "x", "scope": "read"},
        content_type="application/json",
        headers=bearer(admin.user, "admin"),
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "person_id"
    assert not ApiToken.objects.filter(user=stranger.user).exists()
