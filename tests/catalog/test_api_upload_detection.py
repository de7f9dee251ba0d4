"""The API's upload reads the RACI a team already has, as the settings page does: a matrix in any
layout imports when it is unambiguous; what it cannot know is answered with 422 problems naming
the option the client sends (``letters``, ``sides``)."""

from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.catalog.models import WorkspacePlaybook
from accord.formats.playbook_yaml import loads_playbook
from accord.workspaces.models import MembershipKind
from tests.apikit.factories import bearer
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "formats" / "corpus"


@pytest.fixture
def admin(db):
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)


def upload(client, admin, name, **query):
    suffix = f"?{urlencode(query, doseq=True)}" if query else ""
    return client.post(
        f"/api/v1/workspaces/{admin.workspace.pk}/playbooks{suffix}",
        {"file": SimpleUploadedFile(name, (CORPUS / name).read_bytes())},
        headers=bearer(admin.user, "write"),
    )


def test_a_non_canonical_matrix_imports_with_its_explanation(client, admin):
    response = upload(client, admin, "01-title-owner-header-row-4.csv")
    assert response.status_code == 200
    answer = response.json()
    assert [phase["name"] for phase in answer["playbook"]["phases"]] == ["Discovery", "Build"]
    explanation = answer["explanation"]
    assert explanation["table"]["header_rows"] == [4]
    assert explanation["task_column"]["column"] == "B"
    assert [warning["code"] for warning in explanation["warnings"]] == ["side-defaulted"]
    assert not WorkspacePlaybook.objects.exists()


def test_an_unknown_letter_is_a_422_naming_the_letters_option_then_imports_once_given(client, admin):
    refused = upload(client, admin, "13-rasci-support.csv", save="true")
    assert refused.status_code == 422
    (problem,) = refused.json()["details"]
    assert problem["code"] == "matrix-unknown-letter"
    assert (problem["line"], problem["column"]) == (2, "C")
    assert "letters=S=C" in problem["hint"]
    assert not WorkspacePlaybook.objects.exists()
    saved = upload(client, admin, "13-rasci-support.csv", save="true", letters="S=C")
    assert saved.status_code == 201
    playbook = loads_playbook(WorkspacePlaybook.objects.get().content)
    assert playbook.task("kick-off-meeting").cell("vendor-developer").canonical == "C"


def test_sides_give_roles_their_side_and_an_unknown_role_is_a_422_naming_sides(client, admin):
    answer = upload(client, admin, "25-side-option.csv", sides=["Customer IT=customer"]).json()
    sides = {role["name"]: role["side"] for role in answer["playbook"]["roles"]}
    assert sides["Customer IT"] == "customer"
    assert answer["explanation"]["roles"][2]["side_from"] == "--side"
    refused = upload(client, admin, "25-side-option.csv", sides=["Finance=customer"])
    assert refused.status_code == 422
    (problem,) = refused.json()["details"]
    assert problem["code"] == "matrix-unknown-role"
    assert "sides" in problem["hint"]
    assert "'Customer IT'" in problem["hint"]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"letters": "S"}, "letters"), ({"letters": "S=maybe"}, "letters"), ({"sides": "PM=boss"}, "sides")],
)
def test_badly_written_options_are_refused_naming_the_option(client, admin, query, field):
    response = upload(client, admin, "13-rasci-support.csv", **query)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == field


def test_the_columns_can_be_corrected_too(client, admin):
    answer = upload(client, admin, "01-title-owner-header-row-4.csv", not_roles="E").json()
    assert [role["name"] for role in answer["playbook"]["roles"]] == ["Project Manager", "Developer"]
