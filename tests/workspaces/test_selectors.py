import pytest
from django.contrib.auth.models import AnonymousUser

from accord.workspaces import selectors
from accord.workspaces.access import access_scopes
from accord.workspaces.models import MembershipKind
from tests.workspaces.factories import (
    CustomerContactFactory,
    CustomerFactory,
    MembershipFactory,
    PartnerContactFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_tenants():
    """Two vendors, each with two customers and a partner."""
    mine = CustomerFactory().workspace
    theirs = CustomerFactory().workspace
    for workspace in (mine, theirs):
        CustomerFactory(workspace=workspace)
        PartnerFactory(workspace=workspace)
    return mine, theirs


@pytest.mark.parametrize("kind", [MembershipKind.VENDOR_ADMIN, MembershipKind.VENDOR_MEMBER])
def test_vendor_staff_see_every_customer_and_partner_of_their_workspace_only(two_tenants, kind):
    mine, _ = two_tenants
    user = MembershipFactory(workspace=mine, kind=kind).user
    assert set(selectors.visible_customers(user)) == set(mine.customers.all())
    assert set(selectors.visible_partners(user)) == set(mine.partners.all())
    assert list(selectors.visible_workspaces(user)) == [mine]


def test_a_customer_contact_sees_only_their_customer(two_tenants):
    mine, _ = two_tenants
    contact = CustomerContactFactory(workspace=mine, customer=mine.customers.first())
    assert list(selectors.visible_customers(contact.user)) == [contact.customer]
    assert list(selectors.visible_partners(contact.user)) == []


def test_a_partner_contact_sees_their_partner_and_no_customer_until_they_join_projects(two_tenants):
    mine, _ = two_tenants
    contact = PartnerContactFactory(workspace=mine, partner=mine.partners.first())
    assert list(selectors.visible_partners(contact.user)) == [contact.partner]
    assert list(selectors.visible_customers(contact.user)) == []


def test_anonymous_and_inactive_people_see_nothing(two_tenants):
    mine, _ = two_tenants
    inactive = MembershipFactory(workspace=mine, kind=MembershipKind.VENDOR_ADMIN, user__is_active=False).user
    for user in (AnonymousUser(), inactive):
        assert not selectors.visible_customers(user).exists()
        assert not selectors.visible_workspaces(user).exists()
        assert access_scopes(user) == []


def test_a_person_in_two_workspaces_sees_the_union_of_their_scopes(two_tenants):
    mine, theirs = two_tenants
    staff = MembershipFactory(workspace=mine, kind=MembershipKind.VENDOR_MEMBER)
    contact = CustomerContactFactory(workspace=theirs, customer=theirs.customers.first(), user=staff.user)
    expected = {*mine.customers.all(), contact.customer}
    assert set(selectors.visible_customers(staff.user)) == expected


def test_visible_customers_costs_a_fixed_number_of_queries(two_tenants, django_assert_num_queries):
    mine, _ = two_tenants
    user = MembershipFactory(workspace=mine, kind=MembershipKind.VENDOR_ADMIN).user
    for number in range(10):
        CustomerFactory(workspace=mine, name=f"Extra {number}")
    with django_assert_num_queries(2):
        names = [customer.workspace.name for customer in selectors.visible_customers(user)]
    assert len(names) == 12
