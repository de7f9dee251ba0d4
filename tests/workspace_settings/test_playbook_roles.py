"""The Roles page of a catalogue playbook: a manager explains the roles, and saving makes the
next version (linted, recorded), leaving the edited version as it was."""

from __future__ import annotations

import pytest

from accord.activity.models import ActivityEntry
from accord.catalog.models import WorkspacePlaybook
from accord.catalog.selectors import catalog_playbook
from tests.catalog.factories import WorkspacePlaybookFactory
from tests.html import page

pytestmark = pytest.mark.django_db

DESCRIPTION = "Runs the customer's systems and builds the connector."


@pytest.fixture
def playbook(admin):
    return WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0")


def roles_url(admin, version="1.0"):
    return f"/workspaces/{admin.workspace_id}/settings/playbooks/acme-onboarding/roles/?version={version}"


def test_a_manager_explains_a_role_and_it_is_saved_as_the_next_version(admin_client, admin, playbook):
    response = admin_client.post(
        roles_url(admin),
        {
            "description_customer-it": f"  {DESCRIPTION} ",
            "responsibilities_customer-it": "Provides API credentials\n\n  Tests the connector \n",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/playbooks/acme-onboarding/?version=1.1")
    edited = catalog_playbook(admin.user, admin.workspace_id, "acme-onboarding", "1.1")
    it_role = next(role for role in edited.roles if role.key == "customer-it")
    assert it_role.description == DESCRIPTION
    assert it_role.responsibilities == ("Provides API credentials", "Tests the connector")
    assert edited.change_log[-1].version == "1.1"
    original = catalog_playbook(admin.user, admin.workspace_id, "acme-onboarding", "1.0")
    assert next(role for role in original.roles if role.key == "customer-it").description == ""
    saved = WorkspacePlaybook.objects.get(workspace=admin.workspace, key="acme-onboarding", version="1.1")
    assert saved.uploaded_by == admin.user
    assert ActivityEntry.objects.filter(
        workspace_id=admin.workspace_id, verb="playbook.uploaded", target_key="acme-onboarding@1.1"
    ).exists()
    # The new version's page shows the texts to edit further.
    form = page(admin_client.get(roles_url(admin, "1.1")))
    assert form.value("description_customer-it") == DESCRIPTION
    assert form.value("responsibilities_customer-it").splitlines() == [
        "Provides API credentials",
        "Tests the connector",
    ]


def test_saving_nothing_new_is_refused_with_a_hint(admin_client, admin, playbook):
    response = admin_client.post(roles_url(admin), {})
    assert response.status_code == 422
    assert page(response).one("#form-errors").text == (
        "Nothing changed in the roles. Change a description or a responsibility, then save."
    )
    assert WorkspacePlaybook.objects.filter(workspace=admin.workspace).count() == 1


def test_a_description_too_long_is_refused_on_its_field(admin_client, admin, playbook):
    response = admin_client.post(roles_url(admin), {"description_customer-it": "x" * 2001})
    assert response.status_code == 422
    errors = page(response).field_errors()
    assert "IT department" in errors["description_customer-it"]
    assert "2000" in errors["description_customer-it"]
    assert WorkspacePlaybook.objects.filter(workspace=admin.workspace).count() == 1


def test_an_unknown_version_is_not_found(admin_client, admin, playbook):
    assert admin_client.get(roles_url(admin, "9.9")).status_code == 404


def test_the_detail_page_links_to_the_roles_page_for_managers(admin_client, admin, playbook):
    detail = page(admin_client.get(f"/workspaces/{admin.workspace_id}/settings/playbooks/acme-onboarding/"))
    assert any(href.startswith(roles_url(admin).split("?")[0]) for href in detail.hrefs())


def test_the_page_in_french(admin_client, admin, playbook):
    document = page(admin_client.get("/fr" + roles_url(admin)))
    assert document.one("h1").text == "Rôles de Playbook acme-onboarding"
