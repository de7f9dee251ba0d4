"""The upload page refuses oversized and hostile files in the person's words, and saves nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.catalog.models import WorkspacePlaybook
from accord.catalog.uploads import MAX_UPLOAD_BYTES
from accord.workspace_settings import views
from tests.formats.hostile_workbooks import (
    LIBRARY_WORDS,
    NOT_A_ZIP,
    workbook_with_entity,
    workbook_with_macros,
)
from tests.html import page

pytestmark = pytest.mark.django_db

BIG = 5 * 1024 * 1024


def problem_rows(response) -> list[dict[str, str]]:
    """The cells of the page's problems table, row by row."""
    rows = page(response).one("table.problems").rows("tbody tr")
    return [dict(zip(("where", "line", "column", "message", "hint"), row, strict=True)) for row in rows]


def upload(client, membership, filename, data, language=""):
    prefix = f"/{language}" if language else ""
    return client.post(
        f"{prefix}/workspaces/{membership.workspace_id}/settings/playbook-upload/",
        {"file": SimpleUploadedFile(filename, data)},
    )


def _must_not_parse(**kwargs):
    raise AssertionError("a file over the limit must be refused before it is read")


def test_a_file_over_the_limit_is_refused_naming_its_size_and_the_limit(admin_client, admin, monkeypatch):
    monkeypatch.setattr(views.catalog_services, "playbook_preview", _must_not_parse)
    response = upload(admin_client, admin, "big.xlsx", b"PK" + bytes(BIG))
    assert response.status_code == 422
    assert problem_rows(response) == [
        {
            "where": "big.xlsx",
            "line": "",
            "column": "",
            "message": "The file is 5 MB, larger than the 1 MB limit.",
            "hint": "Remove images and unused sheets from the workbook, or split the playbook.",
        }
    ]
    assert "1024 KB" not in response.text
    assert "token" not in page(response).controls()  # nothing to save
    assert WorkspacePlaybook.objects.count() == 0


def test_a_file_just_over_the_limit_is_refused_too(admin_client, admin):
    response = upload(admin_client, admin, "big.yaml", b"#" * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 422
    (row,) = problem_rows(response)
    assert row["message"] == "The file is larger than the 1 MB limit."  # not "1 MB, larger than 1 MB"
    assert row["hint"] == "Split the playbook into smaller files."
    assert WorkspacePlaybook.objects.count() == 0


def test_the_size_refusal_speaks_french_under_fr(admin_client, admin):
    response = upload(admin_client, admin, "gros.csv", b"x" * BIG, language="fr")
    assert response.status_code == 422
    (row,) = problem_rows(response)
    assert row["message"] == "Le fichier pèse 5 Mo, au-delà de la limite de 1 Mo."
    assert row["hint"] == "Découpez le playbook en fichiers plus petits."
    assert WorkspacePlaybook.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "where", "code_words", "hint_words"),
    [
        (
            workbook_with_entity(),
            "probe.xlsx, part xl/sharedStrings.xml",
            "declares XML entities (a DTD); Accord refuses them",
            "save it as an Excel Workbook (.xlsx)",
        ),
        (
            workbook_with_entity(padding=8192),
            "probe.xlsx",
            "declares XML entities (a DTD); Accord refuses them",
            "save it as an Excel Workbook (.xlsx)",
        ),
        (
            workbook_with_macros(),
            "probe.xlsx",
            "Accord does not open workbooks with macros",
            "save it as a plain .xlsx workbook (Excel: File → Save As → Excel Workbook)",
        ),
        (NOT_A_ZIP, "probe.xlsx", "this is not an XLSX workbook (a PNG image)", "Excel Workbook (.xlsx)"),
    ],
    ids=["entity-declaration", "entity-declaration-seen-by-defusedxml", "macros", "not-a-zip"],
)
def test_a_hostile_workbook_is_refused_in_plain_words_on_the_upload_page(
    admin_client, admin, data, where, code_words, hint_words
):
    response = upload(admin_client, admin, "probe.xlsx", data)
    assert response.status_code == 422
    (row,) = problem_rows(response)
    assert row["where"] == where
    assert code_words in row["message"]
    assert hint_words in row["hint"]
    shown = " ".join(row.values())
    assert not [word for word in LIBRARY_WORDS if word in shown]
    assert "Traceback" not in response.text
    assert WorkspacePlaybook.objects.count() == 0
