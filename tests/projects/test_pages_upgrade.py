"""The upgrade page: choose a newer playbook version, see the difference, confirm with the
project version seen; a stale version changes nothing and says so."""

from __future__ import annotations

import pytest

from accord.projects.models import Project, ProjectTask
from tests.html import page
from tests.projects.cast import cast_made
from tests.projects.factories import REMOVED_TASK, newer_version_in_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = cast_made()
    newer_version_in_catalogue(cast.project.workspace)
    return cast


def url(cast):
    return f"/projects/{cast.project.pk}/upgrade/"


def test_the_page_offers_newer_versions_only(cast):
    document = page(cast.client_for("admin").get(url(cast)))
    assert "This project follows Tomorro integration project 1.0" in document.text
    offered = [value for value, _, _ in document.options("version")]
    assert "1.1" in offered
    assert "1.0" not in offered


def test_without_a_newer_version_the_page_says_so():
    cast = cast_made()
    text = cast.client_for("admin").get(f"/projects/{cast.project.pk}/upgrade/").text
    assert "already follows the newest version" in text


def test_the_preview_lists_what_changes_and_changes_nothing(cast):
    before = Project.objects.get(pk=cast.project.pk).version
    response = cast.client_for("manager").get(url(cast), {"version": "1.1"})
    text = response.text
    assert response.status_code == 200
    assert "What changes from 1.0 to 1.1" in text
    assert "Admins Tomorro removed; its people leave it" in text
    assert "Security review added, not started" in text
    assert "Meeting deadlines removed, with its comments" in text
    document = page(response)
    letters = document.all("span.letters")  # RACI letters before → after
    assert letters
    assert all("→" in change.text for change in letters)
    assert document.value("expected_version") == str(before)
    project = Project.objects.get(pk=cast.project.pk)
    assert (project.version, project.playbook_version) == (before, "1.0")


def test_confirming_upgrades_the_project(cast):
    client = cast.client_for("admin")
    version = Project.objects.get(pk=cast.project.pk).version
    response = client.post(url(cast), {"version": "1.1", "expected_version": version})
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{cast.project.pk}/"
    project = Project.objects.get(pk=cast.project.pk)
    assert project.playbook_version == "1.1"
    assert project.version == version + 1
    assert not ProjectTask.objects.filter(project=project, key=REMOVED_TASK).exists()
    assert "now follows Tomorro integration project 1.1" in client.get(response["Location"]).text


def test_a_stale_version_changes_nothing_and_says_so(cast):
    client = cast.client_for("admin")
    seen = Project.objects.get(pk=cast.project.pk).version
    Project.objects.filter(pk=cast.project.pk).update(version=seen + 1)  # someone else changed it
    response = client.post(url(cast), {"version": "1.1", "expected_version": seen})
    assert response.status_code == 409
    assert "Someone changed this project meanwhile" in response.text
    assert "Reload the project" in response.text
    project = Project.objects.get(pk=cast.project.pk)
    assert project.playbook_version == "1.0"
    assert ProjectTask.objects.filter(project=project, key=REMOVED_TASK).exists()


def test_a_version_that_is_not_newer_is_refused_at_its_field(cast):
    version = Project.objects.get(pk=cast.project.pk).version
    response = cast.client_for("admin").post(url(cast), {"version": "1.0", "expected_version": version})
    assert response.status_code == 422
    assert "version" in page(response).field_errors()
    assert Project.objects.get(pk=cast.project.pk).playbook_version == "1.0"
