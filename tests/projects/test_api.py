"""The projects operations of the API, one behaviour at a time: the portfolio and its paging, one
project with its tasks and RACI, creating one (idempotently), staffing, upgrade preconditions,
the plan in JSON and iCalendar, and the activity log in the caller's language."""

from __future__ import annotations

import json

import pytest

from accord.projects.models import Project, RoleAssignment
from accord.workspaces.models import MembershipKind
from tests.apikit.factories import bearer
from tests.projects.factories import manager_of, project_made
from tests.work.factories import Crew, project_with_tasks, staff
from tests.workspaces.factories import CustomerContactFactory, CustomerFactory

pytestmark = pytest.mark.django_db


def post(client, path, body, user, scope="write", **headers):
    return client.post(
        path, data=json.dumps(body), content_type="application/json", headers=bearer(user, scope) | headers
    )


@pytest.fixture
def crew(db):
    return Crew()


# -- the portfolio -----------------------------------------------------------------------------


def test_the_portfolio_pages_by_cursor_without_repeating_a_project(client, crew):
    workspace = crew.project.workspace
    for _number in range(2):
        project_with_tasks(workspace=workspace, customer=crew.project.customer)
    seen = []
    path = "/api/v1/projects?limit=2"
    while path:
        body = client.get(path, headers=bearer(crew.manager)).json()
        assert len(body["items"]) <= 2
        seen += [item["id"] for item in body["items"]]
        path = f"/api/v1/projects?limit=2&cursor={body['next_cursor']}" if body["next_cursor"] else ""
    assert sorted(seen) == sorted(Project.objects.filter(workspace=workspace).values_list("pk", flat=True))
    assert len(seen) == 3


def test_the_portfolio_filters_by_customer_and_search(client, crew):
    other = project_with_tasks(workspace=crew.project.workspace, name="Zeta rollout")
    by_customer = client.get(f"/api/v1/projects?customer={other.customer_id}", headers=bearer(crew.manager))
    assert [item["id"] for item in by_customer.json()["items"]] == [other.pk]
    by_search = client.get("/api/v1/projects?search=zeta", headers=bearer(crew.manager))
    assert [item["id"] for item in by_search.json()["items"]] == [other.pk]


def test_a_contact_lists_only_their_customers_projects(client, crew):
    project_with_tasks(workspace=crew.project.workspace)  # another customer's
    body = client.get("/api/v1/projects", headers=bearer(crew.lead)).json()
    assert [item["id"] for item in body["items"]] == [crew.project.pk]


def test_a_bad_cursor_is_refused(client, crew):
    response = client.get("/api/v1/projects?cursor=forged", headers=bearer(crew.manager))
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "cursor"


@pytest.mark.parametrize("size", [2, 12])
def test_the_portfolio_takes_a_fixed_number_of_queries(client, crew, size, django_assert_max_num_queries):
    for _number in range(size):
        project_with_tasks(workspace=crew.project.workspace)
    headers = bearer(crew.manager)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/projects", headers=headers).status_code == 200


# -- one project -------------------------------------------------------------------------------


def test_a_project_has_its_tasks_raci_leads_forecast_and_etag(client, crew):
    response = client.get(f"/api/v1/projects/{crew.project.pk}", headers=bearer(crew.lead))
    assert response.status_code == 200
    body = response.json()
    project = Project.objects.get(pk=crew.project.pk)
    assert response["ETag"] == f'"{project.pk}-{project.version}"'
    tasks = [task for phase in body["phases"] for task in phase["tasks"]]
    assert [task["key"] for task in tasks] == ["kickoff", "build", "go-live"]
    assert tasks[0]["raci"] == {
        "vendor-pm": "R",
        "customer-lead": "A",
        "customer-it": "C",
        "partner-tpa": "I",
    }
    pm_role = next(role for role in body["roles"] if role["key"] == "vendor-pm")
    assert pm_role["lead"]["id"] == crew.pm.pk
    assert set(body["go_live"]) == {
        "planned",
        "earliest",
        "latest",
        "p50",
        "p80",
        "p95",
        "committed",
        "forecast_at",
    }
    assert body["health"] in {"on_track", "at_risk", "late"}


def test_another_customers_contact_gets_404_for_a_project(client, crew):
    stranger = CustomerContactFactory(workspace=crew.project.workspace).user
    response = client.get(f"/api/v1/projects/{crew.project.pk}", headers=bearer(stranger))
    assert response.status_code == 404
    assert response.json()["code"] == "not-found"


@pytest.mark.parametrize("tasks", [10, 40])
def test_a_project_takes_a_fixed_number_of_queries(client, tasks, django_assert_max_num_queries):
    from tests.projects.factories import playbook_of_size

    manager = manager_of()
    project = project_made(manager, playbook_of_size(tasks))
    headers = bearer(manager.user)
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/projects/{project.pk}", headers=headers).status_code == 200


# -- a new project -----------------------------------------------------------------------------


def _creation(customer, **fields):
    return {
        "name": "Acme",
        "customer": customer.pk,
        "playbook": "tomorro-integration",
        "start_date": "2026-03-02",
        "country": "FR",
    } | fields


def test_a_manager_creates_a_project_once_with_an_idempotency_key(client):
    from accord.playbooks import builtin_playbook

    manager = manager_of()
    customer = CustomerFactory(workspace=manager.workspace)
    variant = builtin_playbook("tomorro-integration").variants[0].key
    body = _creation(customer, variant=variant)
    headers = bearer(manager.user, "write")
    first = client.post(
        "/api/v1/projects",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers | {"Idempotency-Key": "create-1"},
    )
    assert first.status_code == 201, first.content
    project = Project.objects.get(pk=first.json()["id"])
    assert first["Location"] == f"/api/v1/projects/{project.pk}"
    assert first["ETag"] == f'"{project.pk}-{project.version}"'
    assert project.customer == customer
    assert project.variant == variant
    assert project.go_live_p80 is not None
    again = client.post(
        "/api/v1/projects",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers | {"Idempotency-Key": "create-1"},
    )
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == project.pk
    assert Project.objects.filter(workspace=manager.workspace).count() == 1


def test_creating_without_the_variant_names_the_field(client):
    manager = manager_of()
    customer = CustomerFactory(workspace=manager.workspace)
    response = post(client, "/api/v1/projects", _creation(customer), manager.user)
    assert response.status_code == 422
    assert "variant" in {detail["field"] for detail in response.json()["details"]}
    assert not Project.objects.exists()


def test_a_customer_of_another_workspace_is_refused(client):
    manager = manager_of()
    elsewhere = CustomerFactory()
    response = post(client, "/api/v1/projects", _creation(elsewhere), manager.user)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "customer"


# -- staffing ----------------------------------------------------------------------------------


def test_a_manager_assigns_a_role_and_sees_the_staffing(client, crew):
    newcomer = staff(crew.project, "vendor-pm")  # a second person of the role
    RoleAssignment.objects.filter(user=newcomer).delete()
    response = post(
        client,
        f"/api/v1/projects/{crew.project.pk}/people/assign",
        {"role_key": "vendor-pm", "user": newcomer.pk, "lead": True},
        crew.manager,
    )
    assert response.status_code == 200, response.content
    role = next(role for role in response.json()["roles"] if role["key"] == "vendor-pm")
    assert role["lead"]["id"] == newcomer.pk
    assert (
        RoleAssignment.objects.get(project=crew.project, role_key="vendor-pm", is_lead=True).user == newcomer
    )


def test_someone_who_may_not_manage_changes_no_staffing(client, crew):
    response = post(
        client,
        f"/api/v1/projects/{crew.project.pk}/people/unassign",
        {"role_key": "vendor-pm", "user": crew.pm.pk},
        crew.lead,
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not-allowed"
    assert RoleAssignment.objects.filter(project=crew.project, user=crew.pm).exists()


def test_a_person_outside_the_staffing_lists_is_refused(client, crew):
    stranger = CustomerContactFactory(workspace=crew.project.workspace).user
    response = post(
        client,
        f"/api/v1/projects/{crew.project.pk}/people/assign",
        {"role_key": "vendor-pm", "user": stranger.pk},
        crew.manager,
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "user"


# -- upgrade -----------------------------------------------------------------------------------


def test_upgrading_needs_if_match_and_a_fresh_one(client, crew):
    path = f"/api/v1/projects/{crew.project.pk}/upgrade"
    assert post(client, path, {"version": "2"}, crew.manager).status_code == 428
    stale = post(client, path, {"version": "2"}, crew.manager, **{"If-Match": f'"{crew.project.pk}-99"'})
    assert stale.status_code == 412
    assert Project.objects.get(pk=crew.project.pk).version == crew.project.version


def test_the_upgrade_preview_lists_newer_versions_for_managers_only(client, crew):
    path = f"/api/v1/projects/{crew.project.pk}/upgrade"
    response = client.get(path, headers=bearer(crew.manager))
    assert response.status_code == 200
    assert response.json()["current_version"] == "1.0"
    assert client.get(path, headers=bearer(crew.lead)).status_code == 404


# -- the plan ----------------------------------------------------------------------------------


def test_the_plan_is_the_json_the_command_line_writes(client):
    manager = manager_of()
    project = project_made(manager)
    response = client.get(f"/api/v1/projects/{project.pk}/plan", headers=bearer(manager.user))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"playbook", "start", "calendar", "go_live", "tasks"}
    assert body["go_live"]["p80"] == project.go_live_p80.isoformat()


def test_the_plan_as_a_calendar_file(client):
    manager = manager_of()
    project = project_made(manager)
    response = client.get(f"/api/v1/projects/{project.pk}/plan.ics", headers=bearer(manager.user))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response.content.startswith(b"BEGIN:VCALENDAR")


def test_a_project_without_a_plan_answers_409(client, crew):
    response = client.get(f"/api/v1/projects/{crew.project.pk}/plan", headers=bearer(crew.manager))
    assert response.status_code == 409


# -- activity ----------------------------------------------------------------------------------


def test_the_activity_log_reads_in_the_callers_language(client):
    manager = manager_of()
    project = project_made(manager)
    path = f"/api/v1/projects/{project.pk}/activity"
    english = client.get(path, headers=bearer(manager.user)).json()["items"]
    french = client.get(path, headers=bearer(manager.user) | {"Accept-Language": "fr"}).json()["items"]
    created = [item for item in english if item["verb"] == "project.created"]
    assert created
    assert created[0]["sentence"] != next(
        item["sentence"] for item in french if item["verb"] == "project.created"
    )
    manager.user.language = "fr"
    manager.user.save()
    own = client.get(path, headers=bearer(manager.user)).json()["items"]
    assert [item["sentence"] for item in own] == [item["sentence"] for item in french]


def test_the_activity_log_pages_newest_first(client):
    manager = manager_of()
    project = project_made(manager)
    from accord.projects import services
    from accord.projects.playbook_copy import project_playbook

    role = project_playbook(project).roles[0].key
    services.role_assign(
        actor=manager.user, project=project, role_key=role, user=manager.user, confirm_cross_side=True
    )
    first = client.get(f"/api/v1/projects/{project.pk}/activity?limit=1", headers=bearer(manager.user)).json()
    assert len(first["items"]) == 1
    assert first["next_cursor"]
    second = client.get(
        f"/api/v1/projects/{project.pk}/activity?limit=1&cursor={first['next_cursor']}",
        headers=bearer(manager.user),
    ).json()
    assert second["items"][0]["id"] < first["items"][0]["id"]


def test_a_vendor_member_cannot_create_a_project(client):
    member = manager_of()
    member.kind = MembershipKind.VENDOR_MEMBER
    member.save()
    response = post(
        client, "/api/v1/projects", _creation(CustomerFactory(workspace=member.workspace)), member.user
    )
    assert response.status_code == 404
