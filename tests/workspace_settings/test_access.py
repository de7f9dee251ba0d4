"""Who may open which settings page: every URL pattern of the app, every kind of person."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver

from accord.catalog.models import WorkspacePlaybook
from accord.workspace_settings import urls
from accord.workspace_settings.upload_token import Upload, upload_token
from accord.workspaces.models import Customer, Partner
from tests.catalog.factories import WorkspacePlaybookFactory, yaml_bytes
from tests.http import assert_private_if_logged_in
from tests.workspace_settings.access_matrix import GET_TOO, LOGIN, MATRIX, PEOPLE
from tests.workspaces.factories import workspace_people

pytestmark = pytest.mark.django_db


def test_every_settings_url_is_in_the_matrix():
    assert {pattern.name for pattern in urls.urlpatterns} == set(MATRIX)
    assert all(name in get_resolver().reverse_dict for name in MATRIX)


@pytest.fixture
def world():
    people = workspace_people()
    WorkspacePlaybookFactory(workspace=people["workspace"], key="acme-onboarding", version="1.0")
    return people


def _client(world, person):
    client = Client()
    if world[person] is not None:
        client.force_login(world[person])
    return client


def _post_data(name, workspace, user):
    if name == "settings-playbook-upload":
        return {"file": SimpleUploadedFile("acme.yaml", yaml_bytes(version="2.0"))}
    if name == "settings-playbook-redetect":
        # A matrix's preview token made for the person posting, with an answer to its question.
        upload = Upload("raci.csv", b"Task,PM,Dev\nKick-off,R/A,S\nBuild,A,R\n")
        return {
            "token": upload_token(workspace_id=workspace.pk, user_id=user.pk, upload=upload),
            "letter_S": "C",
        }
    if name == "settings-playbook-save":
        # A token made for the person posting: the view must still refuse those who may not save.
        upload = Upload("acme.yaml", yaml_bytes(version="2.0"))
        return {
            "token": upload_token(workspace_id=workspace.pk, user_id=user.pk, upload=upload),
            "expected_key": "acme-onboarding",
        }
    if name == "settings-customers":
        return {"name": "Acme Insurance"}
    if name == "settings-playbook-roles":
        return {"description_customer-it": "Runs the customer's systems."}
    if name == "settings-branding":
        return {"version": workspace.branding_version, "accent_colour": "#0f766e"}
    return {"name": "Broker & Co", "kind": "broker"}


def _expected(name, person, method):
    if method == "get" and name in GET_TOO:
        return GET_TOO[name][person]
    return MATRIX[name][2][person]


CASES = [(name, person, MATRIX[name][0]) for name in MATRIX for person in PEOPLE] + [
    (name, person, "get") for name in GET_TOO for person in PEOPLE
]


@pytest.mark.parametrize(("name", "person", "method"), CASES)
def test_the_access_matrix(world, name, person, method):
    client = _client(world, person)
    path = MATRIX[name][1].format(w=world["workspace"].pk)
    customers, partners, playbooks = (
        Customer.objects.count(),
        Partner.objects.count(),
        WorkspacePlaybook.objects.count(),
    )
    if method == "get":
        response = client.get(path)
    else:
        poster = world[person] or world["admin"]
        response = client.post(path, _post_data(name, world["workspace"], poster))
    expected = _expected(name, person, method)
    assert_private_if_logged_in(response, world[person] is not None)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected
    if expected in (404, LOGIN) or method == "get":
        # Nothing changes for someone turned away, nor on any GET.
        assert (Customer.objects.count(), Partner.objects.count(), WorkspacePlaybook.objects.count()) == (
            customers,
            partners,
            playbooks,
        )


@pytest.mark.parametrize(
    "name", ["settings-playbook-upload", "settings-playbook-redetect", "settings-playbook-save"]
)
def test_playbook_writes_refuse_get(admin_client, admin, name):
    path = MATRIX[name][1].format(w=admin.workspace_id)
    assert admin_client.get(path).status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "settings-playbook-upload",
        "settings-playbook-redetect",
        "settings-playbook-save",
        "settings-customers",
        "settings-partners",
    ],
)
def test_writes_need_a_csrf_token(admin, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin.user)
    path = MATRIX[name][1].format(w=admin.workspace_id)
    assert client.post(path, {"name": "Acme"}).status_code == 403
    assert Customer.objects.count() == 0
