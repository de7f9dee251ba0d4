"""GET /api/v1/projects/{id}/home: the contacts' project home as data, with nothing internal,
in the caller's language, hidden (404) from those who may not see the project."""

from __future__ import annotations

import json

import pytest

from tests.apikit.factories import bearer
from tests.projects.factories import manager_of, playbook_of_size, project_made
from tests.web.test_project_home import BLOCK_REASON, INTERNAL_NOTE, IT_DESCRIPTION, IT_DUTY, _world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return _world()


def _home(client, project, user, **headers):
    return client.get(f"/api/v1/projects/{project.pk}/home", headers=bearer(user) | headers)


def test_a_customer_contact_reads_their_role_next_step_and_whom_to_call(client, world):
    project, people = world
    response = _home(client, project, people["customer"])
    assert response.status_code == 200
    body = response.json()
    assert (body["project_id"], body["side"], body["preview"]) == (project.pk, "customer", False)
    it_role = next(role for role in body["my_roles"] if role["key"] == "customer-it")
    assert it_role["is_mine"]
    assert (it_role["description"], it_role["responsibilities"]) == (IT_DESCRIPTION, [IT_DUTY])
    assert [task["key"] for task in body["next_milestones"]] == ["go-live"]
    assert body["vendor_contacts"][0]["people"][0]["email"] == people["member"].email
    assert body["go_live"]["committed"] == "2026-05-04"
    assert body["go_live"]["in_words"] == "most likely 28 Apr; 4 in 5 chance by 3 May"


@pytest.mark.parametrize("person", ["customer", "admin", "partner-on"])
def test_nothing_internal_is_in_the_body(client, world, person):
    project, people = world
    response = _home(client, project, people[person])
    assert response.status_code == 200
    text = json.dumps(response.json(), ensure_ascii=False)
    for secret in (INTERNAL_NOTE, BLOCK_REASON):
        assert secret not in text


@pytest.mark.parametrize("person", ["other-customer", "partner-off"])
def test_a_contact_of_another_customer_or_partner_gets_404(client, world, person):
    project, people = world
    response = _home(client, project, people[person])
    assert response.status_code == 404
    assert response.json()["code"] == "not-found"
    assert project.name not in response.content.decode()


def test_vendor_staff_get_the_customers_view_as_a_preview(client, world):
    project, people = world
    body = _home(client, project, people["admin"]).json()
    assert (body["side"], body["preview"]) == ("customer", True)
    assert [role["key"] for role in body["my_roles"]] == ["customer-lead", "customer-it"]


def test_the_words_follow_accept_language(client, world):
    project, people = world
    body = _home(client, project, people["customer"], **{"Accept-Language": "fr"}).json()
    assert body["go_live"]["in_words"] == "le plus probable : 28 avril ; 4 chances sur 5 d’ici le 3 mai"


@pytest.mark.parametrize("tasks", [10, 40])
def test_the_home_takes_a_fixed_number_of_queries(client, tasks, django_assert_max_num_queries):
    manager = manager_of()
    project = project_made(manager, playbook_of_size(tasks))
    headers = bearer(manager.user)
    with django_assert_max_num_queries(10):
        assert client.get(f"/api/v1/projects/{project.pk}/home", headers=headers).status_code == 200
