"""Closed projects leave the portfolio's default list, on the page and in the API alike, and the
status filter reads well in French (issue 8 item 2)."""

from __future__ import annotations

import pytest

from accord.projects.models import Project
from tests.apikit.factories import bearer
from tests.html import page
from tests.projects.cast import cast_made
from tests.projects.factories import project_made
from tests.workspaces.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    """Acme integration (active) and Globex rollout (closed), both seen by the admin."""
    cast = cast_made()
    admin = cast.people["admin"]
    closed = project_made(
        admin, customer=CustomerFactory(workspace=admin.workspace, name="Globex"), name="Globex rollout"
    )
    Project.objects.filter(pk=closed.pk).update(status=Project.Status.CLOSED)
    return cast


def test_the_api_lists_active_projects_unless_asked_for_closed_ones_or_all(client, cast):
    headers = bearer(cast.admin)

    def names(**filters):
        response = client.get("/api/v1/projects", filters, headers=headers)
        assert response.status_code == 200, response.content
        return {item["name"]: item["status"] for item in response.json()["items"]}

    assert names() == {"Acme integration": "active"}
    assert names(status="active") == {"Acme integration": "active"}
    assert names(status="closed") == {"Globex rollout": "closed"}
    assert names(status="all") == {"Acme integration": "active", "Globex rollout": "closed"}
    refused = client.get("/api/v1/projects", {"status": "sleeping"}, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["details"][0]["field"].endswith("status")


def test_the_status_filter_names_the_projects_in_french(cast):
    response = cast.client_for("admin").get("/fr/projects/")
    form = page(response).role("search", "Filtrer les projets")
    assert [(value, text) for value, text, _chosen in form.options("status")] == [
        ("", "Projets actifs"),
        ("closed", "Projets clos"),
        ("all", "Tous les projets"),
    ]
    # "Santé" is feminine: any health reads "Toutes".
    assert form.options("health")[0][:2] == ("", "Toutes")
    assert "Globex rollout" not in page(response).one("main").text


def test_the_status_filter_in_english(cast):
    response = cast.client_for("admin").get("/projects/", {"status": "all"})
    form = page(response).role("search", "Filter the projects")
    assert [text for _value, text, _chosen in form.options("status")] == [
        "Active projects",
        "Closed projects",
        "All projects",
    ]
    assert form.value("status") == "all"
    assert "Globex rollout" in page(response).one("main").text
