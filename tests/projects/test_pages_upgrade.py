"""The upgrade page: choose a newer playbook version, see the difference, confirm with the
project version seen; a stale version changes nothing and says so."""

from __future__ import annotations

import pytest

from accord.formats.playbook_yaml import dump_playbook
from accord.projects.models import Project, ProjectTask
from tests.catalog.factories import WorkspacePlaybookFactory
from tests.projects.test_pages_support import cast_made
from tests.projects.test_upgrade import REMOVED_TASK, version_two

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = cast_made()
    newer = version_two()
    WorkspacePlaybookFactory(
        workspace=cast.project.workspace,
        key=newer.key,
        version=newer.version,
        name=newer.name,
        content=dump_playbook(newer),
    )
    return cast


def url(cast):
    return f"/projects/{cast.project.pk}/upgrade/"


def test_the_page_offers_newer_versions_only(cast):
    text = cast.client_for("admin").get(url(cast)).text
    assert "This project follows Tomorro integration project 1.0" in text
    assert '<option value="1.1"' in text
    assert '<option value="1.0"' not in text


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
    assert 'class="letters">' in text
    assert f'name="expected_version" value="{before}"' in text
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
    assert 'id="id_version_error"' in response.text
    assert Project.objects.get(pk=cast.project.pk).playbook_version == "1.0"
