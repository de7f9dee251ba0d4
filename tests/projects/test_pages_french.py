"""The project pages in French, under /fr/: labels, dates and the services' messages."""

from __future__ import annotations

import pytest

from accord.projects.models import Project
from tests.html import page
from tests.projects.cast import cast_made

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return cast_made()


def test_the_portfolio_in_french(cast):
    response = cast.client_for("admin").get("/fr/projects/")
    document, text = page(response), response.text
    assert document.one("html").get("lang") == "fr"
    assert "Nouveau projet" in text
    assert "Phase en cours" in text
    assert "Mise en production prévue" in text
    assert any(href.startswith("/fr/projects/") for href in document.hrefs())
    # Dates in French: the go-live month is written out in French.
    assert any(month in text for month in ("janvier", "février", "mars", "avril", "mai", "juin"))


def test_the_overview_and_its_activity_in_french(cast):
    text = cast.client_for("customer").get(f"/fr/projects/{cast.project.pk}/").text
    assert "Avancement par phase" in text
    assert "Prochains jalons" in text
    assert "a créé le projet" in text
    assert "Rôles côté Éditeur" not in text  # that heading belongs to the staffing page
    people = cast.client_for("customer").get(f"/fr/projects/{cast.project.pk}/people/").text
    assert "Rôles côté Éditeur" in people


def test_errors_of_the_new_project_form_in_french(cast):
    admin = cast.people["admin"]
    response = cast.client_for("admin").post(
        "/fr/projects/new/",
        {
            "workspace": admin.workspace_id,
            "name": " ",
            "customer": cast.project.customer_id,
            "playbook": "tomorro-integration@1.0",
            "variant": "internal-api",
            "start_date": "2026-03-02",
            "country": "FR",
        },
    )
    assert response.status_code == 422
    assert "Le projet n'a pas été créé." in response.text
    # The name is project_create's to refuse (the form only parses), in the person's language.
    assert "Donnez un nom au projet." in response.text
    assert Project.objects.count() == 1


def test_the_upgrade_page_in_french(cast):

    response = cast.client_for("admin").get(f"/fr/projects/{cast.project.pk}/upgrade/")
    assert "Le projet suit déjà la version la plus récente du catalogue." in response.text
