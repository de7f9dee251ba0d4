"""The new-project page: choose the playbook, path and owners, create, and every error at its field."""

from __future__ import annotations

import pytest

from accord.playbooks import builtin_playbook
from accord.projects.forms import ProjectCreateForm
from accord.projects.models import Project, ProjectPartner, ProjectTask
from accord.workspaces.models import MembershipKind
from tests.html import page
from tests.workspaces.factories import CustomerFactory, MembershipFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin.user)
    return client


def form_data(admin, **changes):
    customer = admin.workspace.customers.filter(name="Acme").first() or CustomerFactory(
        workspace=admin.workspace, name="Acme"
    )
    data = {
        "workspace": admin.workspace_id,
        "name": "Acme integration",
        "customer": customer.pk,
        "playbook": "tomorro-integration@1.0",
        "variant": "external-api",
        "start_date": "2026-03-02",
        "country": "fr",
        "subdivision": "",
        "time_zone": "",
    }
    return data | changes


def test_the_page_offers_the_catalogue_and_the_customers(admin_client, admin):
    CustomerFactory(workspace=admin.workspace, name="Acme")
    CustomerFactory(name="Someone else's customer")
    response = admin_client.get("/projects/new/")
    assert response.status_code == 200
    document = page(response)
    customers = [label for _, label, _ in document.options("customer")]
    assert "Acme" in customers
    assert "Someone else's customer" not in document.text
    playbooks = [value for value, _, _ in document.options("playbook")]
    assert "tomorro-integration@1.0" in playbooks
    assert "paylocity-integration@1.0" in playbooks
    # The variant list follows the playbook through htmx, and works without JavaScript too.
    assert document.control("playbook").get("hx-get") == "/projects/new/options/"
    assert document.control("refresh").role_name == "button"


def test_creating_a_project_end_to_end(admin_client, admin):
    partner = PartnerFactory(workspace=admin.workspace, name="Connector Co")
    data = form_data(admin, partners=[partner.pk], subdivision="", time_zone="Europe/Paris")
    response = admin_client.post("/projects/new/", data)
    project = Project.objects.get(name="Acme integration")
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.pk}/people/"
    assert project.workspace == admin.workspace
    assert project.variant == "external-api"
    assert project.calendar_country == "FR"
    assert project.playbook_source == "builtin"
    assert ProjectPartner.objects.filter(project=project, partner=partner).exists()
    assert ProjectTask.objects.filter(project=project).exists()
    assert project.go_live_p80 is not None
    followed = admin_client.get(response["Location"])
    assert "Acme integration created" in followed.text


def test_every_error_is_shown_at_its_field_and_nothing_is_created(admin_client, admin):
    data = form_data(admin, name="  ", variant="", country="ZZ")
    response = admin_client.post("/projects/new/", data)
    assert response.status_code == 422
    errors = page(response).field_errors()
    assert "name" in errors
    assert "variant" in errors
    assert Project.objects.count() == 0


def test_a_calendar_the_service_refuses_is_named_at_its_field(admin_client, admin):
    response = admin_client.post("/projects/new/", form_data(admin, country="ZZ"))
    assert response.status_code == 422
    assert "country" in page(response).field_errors()
    response = admin_client.post("/projects/new/", form_data(admin, country="US", subdivision="Atlantis"))
    assert response.status_code == 422
    assert "subdivision" in page(response).field_errors()
    response = admin_client.post("/projects/new/", form_data(admin, time_zone="Mars/Olympus"))
    assert response.status_code == 422
    assert "time_zone" in page(response).field_errors()
    assert Project.objects.count() == 0


def test_the_options_follow_the_playbook_through_htmx(admin_client):
    response = admin_client.get(
        "/projects/new/options/", {"playbook": "paylocity-integration@1.0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    fragment = page(response)
    assert not fragment.has("html")  # the options alone, not a page
    assert "variant" not in fragment.controls()  # Paylocity has a single path
    owners = [value for value, _, _ in fragment.options("alternative__first-level-support__0")]
    assert "cit" in owners
    assert "tpa" in owners
    fragment = page(admin_client.get("/projects/new/options/", {"playbook": "tomorro-integration@1.0"}))
    assert "no-code-salesforce" in [value for value, _, _ in fragment.options("variant")]
    assert not [name for name in fragment.controls() if name.startswith("alternative__")]


def test_without_javascript_the_refresh_button_shows_the_playbooks_options_and_keeps_the_input(
    admin_client, admin
):
    data = form_data(admin, playbook="paylocity-integration@1.0", refresh="1", name="Kept name")
    response = admin_client.post("/projects/new/", data)
    assert response.status_code == 200
    document = page(response)
    assert "alternative__pricing-and-engagement__0" in document.controls()
    assert document.value("name") == "Kept name"
    assert document.field_errors() == {}
    assert not document.has("#form-errors")
    assert Project.objects.count() == 0


def test_owner_choices_reach_the_project(admin_client, admin):
    data = form_data(
        admin,
        playbook="paylocity-integration@1.0",
        variant="",
        **{"alternative__first-level-support__0": "tpa", "alternative__pricing-and-engagement__0": "cit"},
    )
    response = admin_client.post("/projects/new/", data)
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.alternative_choices == {"pricing-and-engagement": "cit", "first-level-support": "tpa"}


def test_an_owner_outside_the_group_is_refused_at_its_field(admin_client, admin):
    data = form_data(
        admin, playbook="paylocity-integration@1.0", **{"alternative__first-level-support__0": "pcty"}
    )
    response = admin_client.post("/projects/new/", data)
    assert response.status_code == 422
    assert "alternative__first-level-support__0" in page(response).field_errors()
    assert Project.objects.count() == 0


def test_a_manager_of_several_workspaces_chooses_one_first(client):
    first = MembershipFactory(kind=MembershipKind.VENDOR_MANAGER, workspace__name="Alpha")
    second = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, user=first.user, workspace__name="Beta")
    client.force_login(first.user)
    response = client.get("/projects/new/")
    assert response.status_code == 200
    assert f"?workspace={first.workspace_id}" in response.text
    assert f"?workspace={second.workspace_id}" in response.text
    assert "name" not in page(response).controls()
    chosen = client.get("/projects/new/", {"workspace": second.workspace_id})
    assert page(chosen).value("workspace") == str(second.workspace_id)


def test_a_workspace_the_person_does_not_manage_does_not_exist(client, admin):
    elsewhere = MembershipFactory(kind=MembershipKind.VENDOR_MEMBER)
    MembershipFactory(kind=MembershipKind.VENDOR_MEMBER, user=admin.user, workspace=elsewhere.workspace)
    client.force_login(admin.user)
    assert client.get("/projects/new/", {"workspace": elsewhere.workspace_id}).status_code == 404
    data = form_data(admin) | {"workspace": elsewhere.workspace_id}
    assert client.post("/projects/new/", data).status_code == 404
    assert Project.objects.count() == 0


def test_the_service_names_every_problem_at_once_at_its_field(admin_client, admin):
    """A blank name and no path are the service's to refuse, with the calendar's problem in the
    same answer (the form used to stop at the first two)."""
    response = admin_client.post("/projects/new/", form_data(admin, name="  ", variant="", country="ZZ"))
    assert response.status_code == 422
    errors = page(response).field_errors()
    assert set(errors) == {"name", "variant", "country"}
    assert errors["name"] == "Give the project a name. e.g. the customer's name"
    assert errors["variant"].startswith("This playbook has several paths; choose one.")
    assert "external-api" in errors["variant"]  # the hint lists the known paths
    assert Project.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "x" * 201}, "name", "The name is too long. Keep it to 200 characters."),
        ({"variant": "carrier-pigeon"}, "variant", "Unknown variant carrier-pigeon."),
    ],
)
def test_what_the_form_used_to_check_is_refused_by_the_service_at_its_field(
    admin_client, admin, changes, field, message
):
    response = admin_client.post("/projects/new/", form_data(admin, **changes))
    assert response.status_code == 422
    errors = page(response).field_errors()
    assert list(errors) == [field]
    assert errors[field].startswith(message)
    assert Project.objects.count() == 0


def test_the_page_still_marks_the_name_and_the_path_required_and_bounds_the_name(admin_client):
    document = page(admin_client.get("/projects/new/"))
    assert "required" in document.control("name").attrs
    assert document.control("name").get("maxlength") == "200"
    assert "required" in document.control("variant").attrs


def test_the_form_only_parses_and_hands_the_service_what_it_read(admin):
    customer = CustomerFactory(workspace=admin.workspace)
    playbook = builtin_playbook("tomorro-integration")
    form = ProjectCreateForm(
        {
            "name": "",
            "customer": customer.pk,
            "playbook": "tomorro-integration@1.0",
            "variant": "carrier-pigeon",
            "start_date": "2026-03-02",
            "country": " fr ",
        },
        workspace=admin.workspace,
        entries=[],
        playbook=playbook,
    )
    form.fields["playbook"].choices = [("tomorro-integration@1.0", "Tomorro")]
    assert form.is_valid(), form.errors
    creation = form.creation(playbook_source="builtin")
    assert (creation.name, creation.variant, creation.country, creation.customer) == (
        "",
        "carrier-pigeon",
        "FR",
        customer,
    )
    assert (creation.workspace, creation.playbook, creation.partners) == (admin.workspace, playbook, [])
