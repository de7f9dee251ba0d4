"""Who may open which settings page: every URL pattern of the app, every kind of person."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver

from accord.catalog.models import WorkspacePlaybook
from accord.workspace_settings import urls
from accord.workspace_settings.upload_token import Upload, upload_token
from accord.workspaces.models import Customer, MembershipKind, Partner
from tests.catalog.factories import WorkspacePlaybookFactory, yaml_bytes
from tests.http import assert_private_if_logged_in
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory, PartnerContactFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "admin", "manager", "member", "customer", "partner", "other-admin"]
LOGIN = "login"

# url name -> (method, path template, {person: expected status}); "login" = sent to the login page.
STAFF_READ = {
    "anonymous": LOGIN,
    "admin": 200,
    "manager": 200,
    "member": 200,
    "customer": 404,
    "partner": 404,
    "other-admin": 404,
}
MANAGE_READ = STAFF_READ | {"member": 404}
MANAGE_WRITE = {
    "anonymous": LOGIN,
    "admin": 302,
    "manager": 302,
    "member": 404,
    "customer": 404,
    "partner": 404,
    "other-admin": 404,
}
MATRIX = {
    "settings-home": (
        "get",
        "/settings/",
        {**STAFF_READ, "admin": 302, "manager": 302, "member": 302, "other-admin": 302},
    ),
    "settings-playbooks": ("get", "/workspaces/{w}/settings/playbooks/", STAFF_READ),
    "settings-playbook-upload": ("post", "/workspaces/{w}/settings/playbook-upload/", MANAGE_READ),
    "settings-playbook-save": ("post", "/workspaces/{w}/settings/playbook-save/", MANAGE_WRITE),
    "settings-playbook-detail": ("get", "/workspaces/{w}/settings/playbooks/acme-onboarding/", STAFF_READ),
    "settings-playbook-download": (
        "get",
        "/workspaces/{w}/settings/playbooks/acme-onboarding/download/yaml/",
        STAFF_READ,
    ),
    "settings-people": ("get", "/workspaces/{w}/settings/people/", MANAGE_READ),
    "settings-customers": ("post", "/workspaces/{w}/settings/customers/", MANAGE_WRITE),
    "settings-partners": ("post", "/workspaces/{w}/settings/partners/", MANAGE_WRITE),
}
GET_TOO = {"settings-customers": MANAGE_READ, "settings-partners": MANAGE_READ}


def test_every_settings_url_is_in_the_matrix():
    assert {pattern.name for pattern in urls.urlpatterns} == set(MATRIX)
    assert all(name in get_resolver().reverse_dict for name in MATRIX)


@pytest.fixture
def world():
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    workspace = admin.workspace
    WorkspacePlaybookFactory(workspace=workspace, key="acme-onboarding", version="1.0")
    return {
        "workspace": workspace,
        "anonymous": None,
        "admin": admin.user,
        "manager": MembershipFactory(kind=MembershipKind.VENDOR_MANAGER, workspace=workspace).user,
        "member": MembershipFactory(kind=MembershipKind.VENDOR_MEMBER, workspace=workspace).user,
        "customer": CustomerContactFactory(workspace=workspace).user,
        "partner": PartnerContactFactory(workspace=workspace).user,
        "other-admin": MembershipFactory(kind=MembershipKind.VENDOR_ADMIN).user,
    }


def _client(world, person):
    client = Client()
    if world[person] is not None:
        client.force_login(world[person])
    return client


def _post_data(name, workspace, user):
    if name == "settings-playbook-upload":
        return {"file": SimpleUploadedFile("acme.yaml", yaml_bytes(version="2.0"))}
    if name == "settings-playbook-save":
        # A token made for the person posting: the view must still refuse those who may not save.
        upload = Upload("acme.yaml", yaml_bytes(version="2.0"))
        return {
            "token": upload_token(workspace_id=workspace.pk, user_id=user.pk, upload=upload),
            "expected_key": "acme-onboarding",
        }
    if name == "settings-customers":
        return {"name": "Acme Insurance"}
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


@pytest.mark.parametrize("name", ["settings-playbook-upload", "settings-playbook-save"])
def test_playbook_writes_refuse_get(admin_client, admin, name):
    path = MATRIX[name][1].format(w=admin.workspace_id)
    assert admin_client.get(path).status_code == 405


@pytest.mark.parametrize(
    "name", ["settings-playbook-upload", "settings-playbook-save", "settings-customers", "settings-partners"]
)
def test_writes_need_a_csrf_token(admin, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin.user)
    path = MATRIX[name][1].format(w=admin.workspace_id)
    assert client.post(path, {"name": "Acme"}).status_code == 403
    assert Customer.objects.count() == 0
