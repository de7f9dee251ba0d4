from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from accord.workspaces.models import Customer, Invitation, Membership, MembershipKind, Partner
from tests.accounts.factories import UserFactory
from tests.workspaces.factories import CustomerFactory, MembershipFactory, PartnerFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def membership(**fields):
    return Membership.objects.create(user=UserFactory(), **fields)


@pytest.mark.parametrize("kind", [MembershipKind.CUSTOMER_CONTACT, MembershipKind.PARTNER_CONTACT])
def test_a_contact_membership_must_name_its_organisation(kind):
    with pytest.raises(IntegrityError, match="membership_kind_matches_scope"):
        membership(workspace=WorkspaceFactory(), kind=kind)


def test_vendor_staff_name_no_customer():
    customer = CustomerFactory()
    with pytest.raises(IntegrityError, match="membership_kind_matches_scope"):
        membership(workspace=customer.workspace, kind=MembershipKind.VENDOR_ADMIN, customer=customer)


def test_a_customer_contact_names_no_partner():
    customer = CustomerFactory()
    partner = PartnerFactory(workspace=customer.workspace)
    with pytest.raises(IntegrityError, match="membership_kind_matches_scope"):
        membership(
            workspace=customer.workspace,
            kind=MembershipKind.CUSTOMER_CONTACT,
            customer=customer,
            partner=partner,
        )


def test_each_kind_with_its_scope_is_accepted():
    customer = CustomerFactory()
    partner = PartnerFactory(workspace=customer.workspace)
    workspace = customer.workspace
    membership(workspace=workspace, kind=MembershipKind.VENDOR_MANAGER)
    membership(workspace=workspace, kind=MembershipKind.CUSTOMER_CONTACT, customer=customer)
    membership(workspace=workspace, kind=MembershipKind.PARTNER_CONTACT, partner=partner)
    assert Membership.objects.filter(workspace=workspace).count() == 3


def test_one_membership_per_person_and_workspace():
    existing = MembershipFactory()
    # SQLite names the columns of a field-based unique constraint, PostgreSQL its name.
    with pytest.raises(
        IntegrityError,
        match=r"membership_one_per_user_and_workspace|"
        r"workspaces_membership\.user_id, workspaces_membership\.workspace_id",
    ):
        Membership.objects.create(
            user=existing.user, workspace=existing.workspace, kind=MembershipKind.VENDOR_ADMIN
        )


def test_customer_names_are_unique_in_a_workspace_ignoring_case_but_not_across_workspaces():
    customer = CustomerFactory(name="Acme")
    CustomerFactory(name="ACME")  # another workspace
    with pytest.raises(IntegrityError, match="customer_name_unique_in_workspace"):
        Customer.objects.create(workspace=customer.workspace, name="acme")


def test_partner_names_are_unique_in_a_workspace():
    partner = PartnerFactory(name="Broker & Co")
    with pytest.raises(IntegrityError, match="partner_name_unique_in_workspace"):
        Partner.objects.create(workspace=partner.workspace, name="broker & co")


def test_partner_kind_must_be_known():
    with pytest.raises(IntegrityError, match="partner_kind_known"):
        Partner.objects.create(workspace=WorkspaceFactory(), name="X", kind="friend")


def invitation(workspace, email="guest@example.com", **fields):
    now = timezone.now()
    values = {
        "kind": MembershipKind.VENDOR_MEMBER,
        "token_nonce": f"nonce-{email}-{now.timestamp()}",
        "created_at": now,
        "expires_at": now + timedelta(days=1),
    }
    return Invitation.objects.create(workspace=workspace, email=email, **(values | fields))


def test_only_one_pending_invitation_per_address_and_workspace():
    workspace = WorkspaceFactory()
    invitation(workspace, "guest@example.com")
    with pytest.raises(IntegrityError, match="invitation_one_pending_per_email"):
        invitation(workspace, "GUEST@example.com", token_nonce="other")


def test_an_answered_invitation_does_not_block_a_new_one():
    workspace = WorkspaceFactory()
    invitation(workspace, revoked_at=timezone.now())
    invitation(workspace, token_nonce="second")
    assert Invitation.objects.filter(workspace=workspace).count() == 2


def test_an_invitation_expires_after_it_was_created():
    now = timezone.now()
    with pytest.raises(IntegrityError, match="invitation_expires_after_creation"):
        invitation(WorkspaceFactory(), created_at=now, expires_at=now)


def test_an_invitation_is_not_both_accepted_and_revoked():
    now = timezone.now()
    with pytest.raises(IntegrityError, match="invitation_not_both_accepted_and_revoked"):
        invitation(WorkspaceFactory(), accepted_at=now, revoked_at=now)


def test_a_customer_contact_invitation_must_name_its_customer():
    with pytest.raises(IntegrityError, match="invitation_kind_matches_scope"):
        invitation(WorkspaceFactory(), kind=MembershipKind.CUSTOMER_CONTACT)
