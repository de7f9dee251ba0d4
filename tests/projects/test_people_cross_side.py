"""Staffing across sides: a role given to someone of another side (a customer's contact in a vendor
role) needs an explicit confirmation, on the page and in the API, and shows on the people page."""

from __future__ import annotations

import json

import pytest

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.domain.errors import InvalidInput
from accord.projects import people, selectors
from accord.projects.models import RoleAssignment
from tests.apikit.factories import bearer
from tests.html import page

pytestmark = pytest.mark.django_db


def holds(crew, role_key, user):
    return RoleAssignment.objects.filter(project=crew.project, role_key=role_key, user=user).exists()


def test_a_customer_contact_in_a_vendor_role_is_refused_without_confirmation(crew):
    with pytest.raises(InvalidInput) as refused:
        people.role_assign(actor=crew.manager, project=crew.project, role_key="vendor-pm", user=crew.lead)
    [problem] = refused.value.problems
    assert problem.code == "cross-side-unconfirmed"
    assert problem.where == "confirm_cross_side"
    assert crew.lead.get_full_name() in problem.message
    assert "the customer" in problem.message
    assert "the vendor" in problem.message
    assert not holds(crew, "vendor-pm", crew.lead)


def test_a_confirmed_cross_side_role_is_given_recorded_and_marked(crew):
    people.role_assign(
        actor=crew.manager,
        project=crew.project,
        role_key="vendor-pm",
        user=crew.lead,
        confirm_cross_side=True,
    )
    assert holds(crew, "vendor-pm", crew.lead)
    entry = ActivityEntry.objects.filter(verb=Verb.ROLE_ASSIGNED, target_key="vendor-pm").latest("pk")
    assert entry.after["cross_side"] is True
    staffing = selectors.project_staffing(crew.manager, crew.project.pk)
    [vendor_pm] = [role for role in staffing.roles if role.key == "vendor-pm"]
    marks = {member.user.pk: member.cross_side for member in vendor_pm.people}
    assert marks == {crew.pm.pk: False, crew.lead.pk: True}


def test_a_role_of_ones_own_side_needs_no_confirmation(crew):
    people.role_assign(actor=crew.manager, project=crew.project, role_key="customer-it", user=crew.lead)
    assert holds(crew, "customer-it", crew.lead)
    entry = ActivityEntry.objects.filter(verb=Verb.ROLE_ASSIGNED, target_key="customer-it").latest("pk")
    assert "cross_side" not in entry.after


def test_the_page_asks_for_the_confirmation_then_marks_the_person(crew, client):
    client.force_login(crew.manager)
    address = f"/projects/{crew.project.pk}/people/assign/"
    refused = client.post(address, {"role": "vendor-pm", "user": crew.lead.pk})
    assert refused.status_code == 422
    errors = page(refused).one("#staffing-errors").text
    assert "is a role of the vendor" in errors
    assert "confirm" in errors
    assert not holds(crew, "vendor-pm", crew.lead)
    given = client.post(address, {"role": "vendor-pm", "user": crew.lead.pk, "confirm_cross_side": "on"})
    assert given.status_code == 302
    staffing = page(client.get(f"/projects/{crew.project.pk}/people/"))
    card = staffing.one("#role-vendor-pm")
    marked = [item.text for item in card.all("ul.people li") if "from another side" in item.text]
    assert len(marked) == 1
    assert crew.lead.get_full_name() in marked[0]


def test_the_page_in_french_speaks_french(crew, client):
    client.force_login(crew.manager)
    refused = client.post(
        f"/fr/projects/{crew.project.pk}/people/assign/", {"role": "vendor-pm", "user": crew.lead.pk}
    )
    assert refused.status_code == 422
    errors = page(refused).one("#staffing-errors").text
    assert "est un rôle de l’éditeur" in errors


def test_the_api_refuses_without_confirm_cross_side_and_accepts_with_it(crew, client):
    address = f"/api/v1/projects/{crew.project.pk}/people/assign"
    body = {"role_key": "vendor-pm", "user": crew.lead.pk}
    headers = bearer(crew.manager, "write")
    refused = client.post(address, json.dumps(body), content_type="application/json", headers=headers)
    assert refused.status_code == 422
    assert [detail["code"] for detail in refused.json()["details"]] == ["cross-side-unconfirmed"]
    assert not holds(crew, "vendor-pm", crew.lead)
    confirmed = json.dumps(body | {"confirm_cross_side": True})
    given = client.post(address, confirmed, content_type="application/json", headers=headers)
    assert given.status_code == 200
    [role] = [role for role in given.json()["roles"] if role["key"] == "vendor-pm"]
    assert {person["id"]: person["cross_side"] for person in role["people"]} == {
        crew.pm.pk: False,
        crew.lead.pk: True,
    }
