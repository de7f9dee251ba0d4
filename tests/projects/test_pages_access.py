"""Who may open which project page: every URL pattern of accord.projects.urls, every kind of person.

A pattern missing from the matrix fails the test, so a new page cannot skip the access rules.
"""

from __future__ import annotations

import pytest

from accord.projects import urls as project_urls
from accord.projects.models import ProjectParticipant, RoleAssignment
from tests.http import assert_private_if_logged_in
from tests.projects.access_matrix import LOGIN, MATRIX
from tests.projects.cast import KINDS, cast_made

pytestmark = pytest.mark.django_db


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
    task = cast.project.tasks.order_by("position").first()
    url = "/projects/" + path.format(p=cast.project.pk, t=task.pk if task else 0)
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
