"""The staffing page: roles by side with their people and lead; managers assign, remove, lead,
add partners and participants, and invite contacts."""

from __future__ import annotations

import pytest
from django.core import mail

from accord.projects.models import ProjectParticipant, ProjectPartner, RoleAssignment
from accord.workspaces.models import Invitation, MembershipKind
from tests.html import page
from tests.projects.cast import cast_made
from tests.workspaces.factories import PartnerContactFactory, PartnerFactory

pytestmark = pytest.mark.django_db

ROLE = "integration-manager"


@pytest.fixture
def cast():
    return cast_made()


def url(cast, path=""):
    return f"/projects/{cast.project.pk}/people/{path}"


def test_roles_are_grouped_by_side_in_the_playbooks_order(cast):
    headings = [heading.text for heading in page(cast.client_for("admin").get(url(cast))).roles("heading")]
    vendor, customer, partner = (
        headings.index(f"{side} roles") for side in ("Vendor", "Customer", "Partner")
    )
    assert vendor < customer < partner
    assert headings.index("Integration Manager") > vendor
    assert customer < headings.index("IT department") < partner
    assert headings.index("Third-party software provider") > partner


def test_a_manager_assigns_makes_lead_and_removes(cast):
    client = cast.client_for("manager")
    member, customer = cast.people["member"].user, cast.people["customer"].user
    confirmed = {"role": ROLE, "confirm_cross_side": "on"}  # vendor staff in a customer role
    assert client.post(url(cast, "assign/"), confirmed | {"user": member.pk}).status_code == 302
    assert client.post(url(cast, "assign/"), confirmed | {"user": customer.pk}).status_code == 302
    assert RoleAssignment.objects.get(project=cast.project, role_key=ROLE, is_lead=True).user == member
    response = client.post(url(cast, "lead/"), {"role": ROLE, "user": customer.pk}, follow=True)
    assert f"{customer.get_full_name()} now leads this role." in response.text
    assert RoleAssignment.objects.get(project=cast.project, role_key=ROLE, is_lead=True).user == customer
    assert client.post(url(cast, "unassign/"), {"role": ROLE, "user": customer.pk}).status_code == 302
    assert RoleAssignment.objects.get(project=cast.project, role_key=ROLE, is_lead=True).user == member


def test_assigning_as_lead_moves_the_lead(cast):
    client = cast.client_for("admin")
    member, manager = cast.people["member"].user, cast.people["manager"].user
    client.post(url(cast, "assign/"), {"role": ROLE, "user": member.pk})
    client.post(url(cast, "assign/"), {"role": ROLE, "user": manager.pk, "lead": "on"})
    assert RoleAssignment.objects.get(project=cast.project, role_key=ROLE, is_lead=True).user == manager


def test_the_select_offers_only_people_who_can_see_the_project(cast):
    select = page(cast.client_for("admin").get(url(cast))).role("combobox", "Add to Integration Manager")
    offered = {value for value, _, _ in select.options()}
    for kind in ("admin", "manager", "member", "customer", "partner-on"):
        assert str(cast.people[kind].user.pk) in offered
    for kind in ("other-customer", "partner-off", "other-workspace"):
        assert str(cast.people[kind].user.pk) not in offered


def test_a_person_who_cannot_see_the_project_is_refused_next_to_the_role(cast):
    outsider = cast.people["other-customer"].user
    response = cast.client_for("admin").post(url(cast, "assign/"), {"role": ROLE, "user": outsider.pk})
    assert response.status_code == 422
    card = page(response).one("li.role-card.has-error")
    assert card.get("id") == "role-integration-manager"
    assert card.one("h3").text == "Integration Manager"
    assert card.has("p.error")
    assert not RoleAssignment.objects.filter(project=cast.project).exists()


def test_others_read_and_are_refused_with_a_message(cast):
    client = cast.client_for("member")
    document = page(client.get(url(cast)))
    assert "admins and managers change who staffs the roles." in document.text
    assert not [form for form in document.all("form") if form.get("action", "").endswith("people/assign/")]
    response = client.post(url(cast, "assign/"), {"role": ROLE, "user": cast.people["member"].user.pk})
    assert response.status_code == 403
    assert "admins and managers can change this project." in response.text
    assert not RoleAssignment.objects.filter(project=cast.project).exists()


def test_a_partner_and_its_contact_join_the_project(cast):
    client = cast.client_for("admin")
    partner = PartnerFactory(workspace=cast.project.workspace, name="Broker & Co")
    contact = PartnerContactFactory(workspace=cast.project.workspace, partner=partner)
    assert str(contact.user.pk) not in {
        element.get("value") for element in page(client.get(url(cast))).all("[value]")
    }
    assert client.post(url(cast, "partners/"), {"partner": partner.pk}).status_code == 302
    assert ProjectPartner.objects.filter(project=cast.project, partner=partner).exists()
    partners = page(client.get(url(cast))).role("region", "Partners on the project").text
    waiting = partners.split("Partner contacts not on the project yet", 1)[1]
    assert contact.user.email in waiting or contact.user.get_full_name() in waiting
    assert client.post(url(cast, "participants/"), {"user": contact.user.pk}).status_code == 302
    assert ProjectParticipant.objects.filter(project=cast.project, user=contact.user).exists()
    assert contact.user.pk in {person.user.pk for person in _assignable(cast)}


def _assignable(cast):
    from accord.projects.selectors import project_staffing

    return project_staffing(cast.admin, cast.project.pk).assignable


def test_inviting_a_contact_of_the_customer_or_of_a_partner(cast, django_capture_on_commit_callbacks):
    client = cast.client_for("admin")
    partner = ProjectPartner.objects.get(project=cast.project).partner
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(cast, "invite/"), {"email": "it@acme.example", "organisation": "customer"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="it@acme.example")
    assert invitation.kind == MembershipKind.CUSTOMER_CONTACT
    assert invitation.customer == cast.project.customer
    assert [message.to for message in mail.outbox] == [["it@acme.example"]]
    client.post(
        url(cast, "invite/"), {"email": "dev@partner.example", "organisation": f"partner-{partner.pk}"}
    )
    invitation = Invitation.objects.get(email="dev@partner.example")
    assert (invitation.kind, invitation.partner) == (MembershipKind.PARTNER_CONTACT, partner)


def test_a_bad_invitation_is_shown_at_its_field(cast):
    client = cast.client_for("admin")
    response = client.post(url(cast, "invite/"), {"email": "not an address", "organisation": "customer"})
    assert response.status_code == 422
    assert "email" in page(response).field_errors()
    member = cast.people["member"].user
    response = client.post(url(cast, "invite/"), {"email": member.email, "organisation": "customer"})
    assert response.status_code == 422
    assert "already a member" in response.text
    assert not Invitation.objects.exists()
