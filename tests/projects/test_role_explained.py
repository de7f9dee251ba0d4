"""The people page explains each role: its description and responsibilities from the project's
playbook copy, in a disclosure inside the role's card, for everyone who sees the page."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.projects.home import roles_explained
from accord.projects.models import Project
from tests.html import page
from tests.web.test_project_home import IT_DESCRIPTION, IT_DUTY, _world

pytestmark = pytest.mark.django_db


def test_only_roles_that_say_something_are_explained():
    project, _people = _world()
    explained = {item.key: item for item in roles_explained(project)}
    assert explained["customer-it"].description == IT_DESCRIPTION
    assert explained["customer-it"].responsibilities == (IT_DUTY,)
    data = project.playbook_data
    for role in data["roles"]:
        role["description"], role["responsibilities"] = "", []
    Project.objects.filter(pk=project.pk).update(playbook_data=data)
    project.refresh_from_db()
    assert roles_explained(project) == ()


@pytest.mark.parametrize(("person", "language"), [("customer", "en"), ("admin", "en"), ("customer", "fr")])
def test_the_people_page_explains_a_role_inside_its_card(person, language):
    project, people = _world()
    client = Client()
    client.force_login(people[person])
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}/projects/{project.pk}/people/")
    assert response.status_code == 200
    card = page(response).by_id("role-customer-it")
    disclosure = card.one("details")
    summary = disclosure.one("summary").text
    it_name = next(role["name"] for role in project.playbook_data["roles"] if role["key"] == "customer-it")
    assert summary == (f"What {it_name} does" if language == "en" else f"Ce que fait le rôle {it_name}")
    assert IT_DESCRIPTION in disclosure.text
    assert [item.text for item in disclosure.all("li")] == [IT_DUTY]
    # A role whose copy says nothing has no disclosure.
    assert page(response).by_id("role-customer-lead").first("details") is None
