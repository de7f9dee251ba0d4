"""Who may open which project page: every URL pattern of accord.projects.urls, every kind of person.

A pattern missing from the matrix fails the test, so a new page cannot skip the access rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from accord.projects import services
from accord.projects import urls as project_urls
from accord.projects.models import ProjectParticipant, ProjectPartner, RoleAssignment
from tests.http import assert_private_if_logged_in
from tests.projects.test_pages_support import KINDS, Cast, cast_made
from tests.workspaces.factories import PartnerContactFactory, PartnerFactory

pytestmark = pytest.mark.django_db

LOGIN = "login"
SEES = {"admin", "manager", "member", "customer", "partner-on"}
MANAGES = {"admin", "manager"}


def read(allowed: set[str], anonymous: Any = LOGIN) -> dict[str, Any]:
    return {kind: 200 if kind in allowed else 404 for kind in KINDS} | {"anonymous": anonymous}


def write(success: int = 302) -> dict[str, Any]:
    """A change on a visible project: managers succeed, others who see it are refused (403)."""
    return {kind: success if kind in MANAGES else 403 if kind in SEES else 404 for kind in KINDS} | {
        "anonymous": LOGIN
    }


def _staffed(cast: Cast) -> dict[str, Any]:
    member = cast.people["member"].user
    services.role_assign(
        actor=cast.admin, project=cast.project, role_key="integration-manager", user=cast.admin
    )
    services.role_assign(actor=cast.admin, project=cast.project, role_key="integration-manager", user=member)
    return {"role": "integration-manager", "user": member.pk}


def _waiting_contact(cast: Cast) -> dict[str, Any]:
    link = ProjectPartner.objects.get(project=cast.project)
    contact = PartnerContactFactory(workspace=cast.project.workspace, partner=link.partner)
    return {"user": contact.user.pk}


def _other_partner(cast: Cast) -> dict[str, Any]:
    return {"partner": PartnerFactory(workspace=cast.project.workspace).pk}


Setup = Callable[[Cast], dict[str, Any]]


def nothing(cast: Cast) -> dict[str, Any]:
    return {}


# url name -> (method, path after /projects/, data made from the cast, {kind: expected status}).
MATRIX: dict[str, tuple[str, str, Setup, dict[str, Any]]] = {
    "portfolio": ("get", "", nothing, read(set(KINDS))),
    # The other workspace's admin creates projects in their own workspace.
    "new": ("get", "new/", nothing, read(MANAGES | {"other-workspace"})),
    "new-options": ("get", "new/options/", nothing, read(MANAGES | {"other-workspace"})),
    "gantt-style": ("get", "gantt.css", nothing, read(set(KINDS), anonymous=200)),
    "overview": ("get", "{p}/", nothing, read(SEES)),
    "staffing": ("get", "{p}/people/", nothing, read(SEES)),
    "role-assign": (
        "post",
        "{p}/people/assign/",
        lambda cast: {"role": "integration-manager", "user": cast.people["member"].user.pk},
        write(),
    ),
    "role-unassign": ("post", "{p}/people/unassign/", _staffed, write()),
    "role-lead": ("post", "{p}/people/lead/", _staffed, write()),
    "participant-add": ("post", "{p}/people/participants/", _waiting_contact, write()),
    "partner-add": ("post", "{p}/people/partners/", _other_partner, write()),
    "invite": (
        "post",
        "{p}/people/invite/",
        lambda cast: {"email": "new.person@example.com", "organisation": "customer"},
        write(),
    ),
    # Upgrading is a manager's page: for everyone else it does not exist.
    "upgrade": ("get", "{p}/upgrade/", nothing, read(MANAGES)),
}


def test_every_url_pattern_is_in_the_matrix():
    names = {pattern.name for pattern in project_urls.urlpatterns}
    assert names == set(MATRIX)


CASES = [(name, kind) for name in MATRIX for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}-{kind}" for name, kind in CASES])
def test_who_gets_what(name, kind):
    method, path, setup, expected = MATRIX[name]
    cast = cast_made()
    data = setup(cast)
    client = cast.client_for(kind)
    url = "/projects/" + path.format(p=cast.project.pk)
    response = getattr(client, method)(url, data)
    assert_private_if_logged_in(response, kind != "anonymous")
    if expected[kind] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[kind], response.content[:500]


def test_writes_are_post_only_and_a_get_changes_nothing():
    cast = cast_made()
    client = cast.client_for("admin")
    before = RoleAssignment.objects.count(), ProjectParticipant.objects.count()
    for path in (
        "people/assign/",
        "people/unassign/",
        "people/lead/",
        "people/participants/",
        "people/partners/",
        "people/invite/",
    ):
        response = client.get(
            f"/projects/{cast.project.pk}/{path}", {"role": "integration-manager", "user": cast.admin.pk}
        )
        assert response.status_code == 405
    assert (RoleAssignment.objects.count(), ProjectParticipant.objects.count()) == before


def test_writes_need_the_csrf_token():
    from django.test import Client

    cast = cast_made()
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.admin)
    response = client.post(
        f"/projects/{cast.project.pk}/people/assign/",
        {"role": "integration-manager", "user": cast.admin.pk},
    )
    assert response.status_code == 403
    assert not RoleAssignment.objects.filter(project=cast.project).exists()
