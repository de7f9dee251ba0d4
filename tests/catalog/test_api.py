"""The catalog operations of the API: the catalogue (built-in and uploaded playbooks), a version as
JSON and as files, and uploads with the linter's findings, a preview, and saving."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.activity.models import ActivityEntry
from accord.catalog.models import WorkspacePlaybook
from accord.catalog.services import suggest_next_version
from accord.formats.playbook_yaml import loads_playbook
from accord.playbooks import BUILTIN_KEYS
from accord.workspaces.models import MembershipKind
from tests.apikit.factories import bearer
from tests.catalog.factories import WorkspacePlaybookFactory, csv_bytes, xlsx_bytes, yaml_bytes
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)


def upload(client, admin, filename, data, query="", scope="write"):
    return client.post(
        f"/api/v1/workspaces/{admin.workspace.pk}/playbooks{query}",
        {"file": SimpleUploadedFile(filename, data)},
        headers=bearer(admin.user, scope),
    )


def test_the_catalogue_lists_builtin_then_uploaded_playbooks_newest_first(client, admin):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme", version="1.0")
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme", version="1.10")
    document = client.get("/api/v1/playbooks?limit=200", headers=bearer(admin.user)).json()
    keys = [item["key"] for item in document["items"]]
    assert keys[: len(BUILTIN_KEYS)] == list(BUILTIN_KEYS)
    uploaded = [(item["version"], item["is_latest"]) for item in document["items"] if item["key"] == "acme"]
    assert uploaded == [("1.10", True), ("1.0", False)]
    only = client.get("/api/v1/playbooks?origin=uploaded&latest=true", headers=bearer(admin.user)).json()
    assert [(item["key"], item["version"]) for item in only["items"]] == [("acme", "1.10")]
    assert only["items"][0]["lint"] == {"errors": 1, "warnings": 0, "infos": 0}


def test_paging_through_the_catalogue_gives_every_version_once(client, admin, django_assert_max_num_queries):
    for number in range(5):
        WorkspacePlaybookFactory(workspace=admin.workspace, key=f"p{number}")
    headers = bearer(admin.user)
    everything = client.get("/api/v1/playbooks?limit=200", headers=headers).json()["items"]
    seen, cursor = [], None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        with django_assert_max_num_queries(5):
            page = client.get(f"/api/v1/playbooks{query}", headers=headers).json()
        seen += [(item["key"], item["version"]) for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [(item["key"], item["version"]) for item in everything]
    assert client.get("/api/v1/playbooks?cursor=forged", headers=headers).status_code == 422


def test_someone_in_several_workspaces_names_one(client, admin):
    MembershipFactory(user=admin.user, kind=MembershipKind.VENDOR_MEMBER)  # a second workspace
    response = client.get("/api/v1/playbooks", headers=bearer(admin.user))
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "workspace_id"
    named = client.get(f"/api/v1/playbooks?workspace_id={admin.workspace.pk}", headers=bearer(admin.user))
    assert named.status_code == 200


def test_a_playbook_with_its_versions_and_a_version_with_its_matrix_and_findings(client, admin):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0")
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="2.0")
    headers = bearer(admin.user)
    playbook = client.get("/api/v1/playbooks/acme-onboarding", headers=headers).json()
    assert playbook["latest_version"] == "2.0"
    assert [item["version"] for item in playbook["versions"]] == ["2.0", "1.0"]
    version = client.get("/api/v1/playbooks/acme-onboarding/1.0", headers=headers).json()
    assert version["entry"]["version"] == "1.0"
    [task] = [task for task in version["playbook"]["phases"][0]["tasks"] if task["key"] == "connect"]
    assert task["raci"]["R"] == ["customer-it"]
    assert next(finding["severity"] for finding in version["findings"]) == "error"
    assert set(version["files"]) == {"yaml", "xlsx", "csv", "md", "html"}
    assert client.get("/api/v1/playbooks/acme-onboarding/9.9", headers=headers).status_code == 404
    assert client.get("/api/v1/playbooks/nothing", headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("file_format", "content_type", "start"),
    [
        ("yaml", "application/yaml", b""),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("csv", "text/csv", b""),
        ("md", "text/markdown", b""),
        ("html", "text/html", b"<!DOCTYPE html>"),
    ],
)
def test_a_version_downloads_as_each_file_the_pages_offer(client, admin, file_format, content_type, start):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0")
    response = client.get(
        f"/api/v1/playbooks/acme-onboarding/1.0/files/{file_format}", headers=bearer(admin.user)
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="acme-onboarding-1.0.{file_format}"' in response["Content-Disposition"]
    assert response.content.startswith(start)
    if file_format == "yaml":
        assert loads_playbook(response.content, "download").key == "acme-onboarding"


def test_an_unknown_file_format_is_refused(client, admin):
    response = client.get(f"/api/v1/playbooks/{BUILTIN_KEYS[0]}/1.0/files/pdf", headers=bearer(admin.user))
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("acme-onboarding.yaml", yaml_bytes()),
        ("acme-onboarding.csv", csv_bytes()),
        ("acme-onboarding.xlsx", xlsx_bytes()),
    ],
)
def test_an_upload_is_previewed_with_the_linters_findings_and_nothing_is_saved(client, admin, filename, data):
    response = upload(client, admin, filename, data)
    assert response.status_code == 200
    preview = response.json()
    assert (preview["saved"], preview["entry"], preview["version_taken"]) == (False, None, False)
    assert preview["playbook"]["key"] == "acme-onboarding"
    assert preview["counts"]["errors"] == 1
    assert preview["findings"][0]["severity"] == "error"
    assert preview["suggested_version"] == suggest_next_version(preview["playbook"]["version"])
    assert not WorkspacePlaybook.objects.exists()


def test_save_true_adds_the_file_to_the_catalogue_once(client, admin):
    response = upload(client, admin, "acme.yaml", yaml_bytes(), "?save=true&expected_key=acme-onboarding")
    assert response.status_code == 201
    saved = response.json()
    assert saved["saved"] is True
    assert (saved["entry"]["key"], saved["entry"]["version"], saved["entry"]["origin"]) == (
        "acme-onboarding",
        "1.0",
        "uploaded",
    )
    assert response["Location"].startswith("/api/v1/playbooks/acme-onboarding/1.0")
    assert client.get(response["Location"], headers=bearer(admin.user)).status_code == 200
    assert ActivityEntry.objects.filter(verb="playbook.uploaded").count() == 1
    # Previewed again, the version is taken; saved again, refused.
    assert upload(client, admin, "acme.yaml", yaml_bytes()).json()["version_taken"] is True
    again = upload(client, admin, "acme.yaml", yaml_bytes(), "?save=true")
    assert again.status_code == 422
    assert again.json()["details"][0]["code"] == "playbook-version-exists"
    assert WorkspacePlaybook.objects.count() == 1


def test_an_exported_workbook_uploaded_again_is_saved_as_the_suggested_next_version(client, admin):
    """Issue 8 item 10: the preview suggests the first free version; as_version saves under it."""
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0")
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.1")
    exported = client.get(
        f"/api/v1/playbooks/acme-onboarding/1.0/files/xlsx?workspace_id={admin.workspace_id}",
        headers=bearer(admin.user),
    )
    assert exported.status_code == 200
    preview = upload(client, admin, "acme-onboarding-1.0.xlsx", exported.content).json()
    assert (preview["version_taken"], preview["suggested_version"]) == (True, "1.2")
    saved = upload(
        client,
        admin,
        "acme-onboarding-1.0.xlsx",
        exported.content,
        f"?save=true&expected_key=acme-onboarding&as_version={preview['suggested_version']}",
    )
    assert saved.status_code == 201, saved.json()
    assert saved.json()["playbook"]["key"] == "acme-onboarding"
    assert WorkspacePlaybook.objects.filter(key="acme-onboarding", version="1.2").exists()


def test_a_file_holding_another_playbook_than_expected_is_not_saved(client, admin):
    response = upload(
        client, admin, "acme.yaml", yaml_bytes(key="other"), "?save=true&expected_key=acme-onboarding"
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["code"] == "playbook-key-changed"
    assert not WorkspacePlaybook.objects.exists()


def test_a_refused_csv_names_the_row_and_the_column(client, admin):
    response = upload(client, admin, "bad.csv", b"Phase,Task,Vendor: PM\nOne,Do it,Q\n", "?save=true")
    assert response.status_code == 422
    [problem] = response.json()["details"]
    assert (problem["field"], problem["line"], problem["column"]) == ("bad.csv", 2, "C")
    assert "letters=Q=C" in problem["hint"]  # the option that answers it
    assert not WorkspacePlaybook.objects.exists()


def test_a_refused_workbook_names_the_cell(client, admin):
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes()))
    cell = next(
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.strip() in {"R/A", "A/R", "RA", "R, A"}
    )
    cell.value = "Q"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, admin, "bad.xlsx", buffer.getvalue())
    assert response.status_code == 422
    problems = response.json()["details"]
    assert any(
        problem["line"] == cell.row and str(problem["column"]).startswith(cell.column_letter)
        for problem in problems
    ), problems


def test_a_file_over_the_limit_is_refused_before_being_read(client, admin):
    response = upload(client, admin, "huge.yaml", b"x" * (1024 * 1024 + 1))
    assert response.status_code == 422
    assert response.json()["details"][0]["code"] == "upload-too-large"


def test_a_member_browses_but_may_not_upload(client, admin):
    member = MembershipFactory(workspace=admin.workspace, kind=MembershipKind.VENDOR_MEMBER)
    assert client.get("/api/v1/playbooks", headers=bearer(member.user)).status_code == 200
    assert upload(client, member, "acme.yaml", yaml_bytes()).status_code == 404
