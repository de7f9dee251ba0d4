"""Uploading the RACI a team already has: the preview shows the file's own cells beside what was
read, asks what it cannot know (unknown letters, sides), takes corrections, and saves in one click."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.catalog.models import WorkspacePlaybook
from accord.domain.playbook import Side
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import loads_playbook
from accord.workspace_settings.upload_token import Upload, upload_from_token, upload_token
from tests.html import page

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "formats" / "corpus"
TITLE_AND_NUMBERS = "01-title-owner-header-row-4.csv"  # title rows, "#" and Status columns, phase rows
RASCI = "13-rasci-support.csv"  # S is not explained anywhere
NO_SIDES = "25-side-option.csv"  # no side row, no side in the titles
SIDE_ROW = "27-side-row-csv.csv"  # a side row above the role names


def upload(client, membership, name, language=""):
    prefix = f"/{language}" if language else ""
    return client.post(
        f"{prefix}/workspaces/{membership.workspace_id}/settings/playbook-upload/",
        {"file": SimpleUploadedFile(name, (CORPUS / name).read_bytes())},
    )


def corrections(response):
    """What the corrections form would send as it stands."""
    form = page(response).one("form.corrections")
    return {name: form.value(name) or "" for name in form.controls() if name != "csrfmiddlewaretoken"}


def redetect(client, membership, response, language="", headers=None, **changes):
    prefix = f"/{language}" if language else ""
    return client.post(
        f"{prefix}/workspaces/{membership.workspace_id}/settings/playbook-preview/",
        corrections(response) | changes,
        headers=headers or {},
    )


def save(client, membership, response):
    form = page(response).one("form.actions")
    return client.post(
        f"/workspaces/{membership.workspace_id}/settings/playbook-save/",
        {"token": form.value("token"), "expected_key": form.value("expected_key")},
    )


def saved_playbook():
    return loads_playbook(WorkspacePlaybook.objects.get().content)


def marks(response, selector):
    """The words under each row or column name of the file's cells, by that name."""
    found = {}
    for header in page(response).one("table.grid").all(selector):
        mark = header.first(".mark")
        found[header.text.removesuffix(mark.text).strip() if mark else header.text] = (
            mark.text if mark else ""
        )
    return found


def test_a_messy_file_is_shown_beside_its_cells_with_every_part_marked_in_words(admin_client, admin):
    response = upload(admin_client, admin, TITLE_AND_NUMBERS)
    assert response.status_code == 200
    columns = marks(response, "thead th")
    assert columns["A"] == "not a role: task numbers"
    assert columns["B"] == "tasks"
    assert columns["C"] == "role: Project Manager (Vendor)"
    assert columns["F"] == "not a role: status values"
    rows = marks(response, "tbody th")
    assert rows["1"] == "left out: above the table"
    assert rows["2"] == "left out: above the table"
    assert rows["12"] == "left out: below the table"
    left_out = [item.text for item in page(response).all("ul.ignored li")]
    assert "row 2: above the table: Owner: PMO" in left_out
    assert rows["4"] == "header"
    # The playbook read from it, with the linter's findings, and nothing saved yet.
    matrix = page(response).one("table.matrix")
    assert [cell.text for cell in matrix.all("th[scope=rowgroup]")] == ["Discovery", "Build"]
    assert "Kick-off meeting" in matrix.text
    assert page(response).has("table.findings") or "The linter found nothing" in response.text
    decisions = page(response).one("dl.decisions").definitions()
    assert decisions["Header row"].startswith("row 4")
    assert decisions["Task column"].startswith("column B")
    warnings = [item.text for item in page(response).all("ul.warnings li")]
    assert any(
        "No side is written for “Project Manager”, “Developer”, “Customer IT”" in text for text in warnings
    )
    assert WorkspacePlaybook.objects.count() == 0


def test_saving_the_detected_matrix_is_one_click(admin_client, admin):
    preview = upload(admin_client, admin, TITLE_AND_NUMBERS)
    response = save(admin_client, admin, preview)
    assert response.status_code == 302
    playbook = saved_playbook()
    assert [phase.name for phase in playbook.phases] == ["Discovery", "Build"]
    assert [role.name for role in playbook.roles] == ["Project Manager", "Developer", "Customer IT"]
    assert playbook.task("kick-off-meeting").cell("vendor-project-manager") == Raci.R | Raci.A


def test_an_unknown_letter_is_asked_and_nothing_can_be_saved_until_it_is_answered(admin_client, admin):
    response = upload(admin_client, admin, RASCI)
    assert response.status_code == 422
    assert "S is not a RACI letter." in page(response).one("[role=alert]").text
    assert page(response).one("label[for=id_letter_S]").text == "What does S mean?"
    assert page(response).value("letter_S") == ""
    unknown = [cell.text for cell in page(response).all("table.grid mark.unknown-letter")]
    assert unknown == ["unknown letter S"] * 3  # the cells that hold it, marked in words
    assert not page(response).has("form.actions")  # no save button
    assert WorkspacePlaybook.objects.count() == 0

    answered = redetect(admin_client, admin, response, letter_S="C")
    assert answered.status_code == 200
    assert page(answered).value("letter_S") == "C"  # the answer stays, and can be changed
    assert page(answered).one("dl.decisions").definitions()["Letter S"] == "C (chosen by you)"
    assert save(admin_client, admin, answered).status_code == 302
    assert saved_playbook().task("kick-off-meeting").cell("vendor-developer") == Raci.C


def test_an_unknown_letter_may_be_ignored(admin_client, admin):
    response = redetect(admin_client, admin, upload(admin_client, admin, RASCI), letter_S="-")
    assert response.status_code == 200
    save(admin_client, admin, response)
    assert saved_playbook().task("kick-off-meeting").cell("vendor-developer").is_empty


def test_a_side_is_asked_for_roles_without_one_and_answered(admin_client, admin):
    response = upload(admin_client, admin, NO_SIDES)
    sides = {row[0]: row[3] for row in page(response).one("table.columns").rows()[1:]}
    assert "Vendor (not written: the vendor's by default)" in sides["D — Customer IT"]
    answered = redetect(admin_client, admin, response, side_2="customer")
    assert answered.status_code == 200
    assert page(answered).value("side_2") == "customer"
    warnings = " ".join(item.text for item in page(answered).all("ul.warnings li"))
    assert "“Customer IT”" not in warnings
    assert "“Developer”" in warnings
    save(admin_client, admin, answered)
    roles = {role.name: role.side for role in saved_playbook().roles}
    assert roles == {"Project Manager": Side.VENDOR, "Developer": Side.VENDOR, "Customer IT": Side.CUSTOMER}


def test_a_side_row_is_read_and_its_side_can_be_changed(admin_client, admin):
    response = upload(admin_client, admin, SIDE_ROW)
    assert marks(response, "thead th")["E"] == "role: IT (Customer)"
    assert marks(response, "tbody th")["2"] == "header"  # the side row is part of the header
    changed = redetect(admin_client, admin, response, side_2="partner")
    assert marks(changed, "thead th")["E"] == "role: IT (Partner)"


def test_the_header_row_can_be_chosen_and_given_back_to_the_detector(admin_client, admin):
    response = upload(admin_client, admin, TITLE_AND_NUMBERS)
    wrong = redetect(admin_client, admin, response, header_row="6")
    assert wrong.status_code == 200
    assert marks(wrong, "tbody th")["6"] == "header"
    assert [role.text for role in page(wrong).one("table.matrix").all("thead th")][1:] == [
        "Vendor: R/A",
        "Vendor: I",
        "Vendor: C",
    ]
    back = redetect(admin_client, admin, wrong, header_row="")
    assert marks(back, "tbody th")["4"] == "header"
    assert "Vendor: Project Manager" in page(back).one("table.matrix").text


def test_the_task_column_can_be_chosen(admin_client, admin):
    response = redetect(admin_client, admin, upload(admin_client, admin, TITLE_AND_NUMBERS), task_column="F")
    assert marks(response, "thead th")["F"] == "tasks"
    # The Status column holds no name for the phase rows' tasks: the page says so and offers no save.
    assert "This row has RACI letters but no task name." in page(response).one("[role=alert]").text
    assert not page(response).has("form.actions")
    assert page(response).value("task_column") == "F"


def test_a_column_can_be_taken_out_of_the_roles(admin_client, admin):
    response = redetect(admin_client, admin, upload(admin_client, admin, TITLE_AND_NUMBERS), use_E="not-role")
    assert response.status_code == 200
    assert page(response).value("use_E") == "not-role"
    save(admin_client, admin, response)
    assert [role.name for role in saved_playbook().roles] == ["Project Manager", "Developer"]


def test_a_column_can_be_made_a_role(admin_client, admin):
    response = redetect(admin_client, admin, upload(admin_client, admin, TITLE_AND_NUMBERS), use_F="role")
    assert marks(response, "thead th")["F"] == "role: Status (Vendor)"
    assert "“Done” is not a RACI value." in page(response).one("[role=alert]").text
    assert not page(response).has("form.actions")


def test_the_save_reads_the_file_with_every_correction_previewed(admin_client, admin):
    response = upload(admin_client, admin, NO_SIDES)
    response = redetect(admin_client, admin, response, side_2="customer", use_C="not-role")
    token = page(response).one("form.actions").value("token")
    carried = upload_from_token(token, workspace_id=admin.workspace_id, user_id=admin.user_id)
    assert carried.options == {"not_roles": ["C"], "sides": {"Customer IT": "customer"}}
    save(admin_client, admin, response)
    assert {role.name: role.side for role in saved_playbook().roles} == {
        "Project Manager": Side.VENDOR,
        "Customer IT": Side.CUSTOMER,
    }


def test_sides_of_roles_that_a_correction_removed_are_forgotten(admin_client, admin):
    response = redetect(admin_client, admin, upload(admin_client, admin, NO_SIDES), side_2="customer")
    # Another header row: "Customer IT" is no longer a role; its side must not block the reading.
    moved = redetect(admin_client, admin, response, header_row="2")
    assert "not a role of this matrix" not in moved.text
    assert "side_2" in page(moved).controls()


def test_corrections_from_htmx_swap_the_preview_in_place_even_with_a_question(admin_client, admin):
    response = upload(admin_client, admin, RASCI)
    swapped = redetect(admin_client, admin, response, headers={"HX-Request": "true"}, letter_S="")
    assert swapped.status_code == 200  # htmx swaps only successful answers
    fragment = page(swapped)
    assert fragment.one("#upload-preview")
    assert not fragment.has("html")  # the preview alone, not the page around it
    assert "S is not a RACI letter." in swapped.text


def test_a_tampered_or_foreign_preview_token_is_refused(admin_client, admin):
    response = upload(admin_client, admin, RASCI)
    fields = corrections(response) | {"token": corrections(response)["token"][:-4] + "abcd", "letter_S": "C"}
    refused = admin_client.post(f"/workspaces/{admin.workspace_id}/settings/playbook-preview/", fields)
    assert refused.status_code == 302
    assert "could not be read back" in admin_client.get(refused["Location"]).text
    yaml_token = upload_token(
        workspace_id=admin.workspace_id, user_id=admin.user_id, upload=Upload("acme.yaml", b"key: acme")
    )
    refused = admin_client.post(
        f"/workspaces/{admin.workspace_id}/settings/playbook-preview/", {"token": yaml_token}
    )
    assert refused.status_code == 302
    assert WorkspacePlaybook.objects.count() == 0


def test_the_preview_and_its_questions_speak_french(admin_client, admin):
    response = upload(admin_client, admin, RASCI, language="fr")
    assert page(response).one("html").get("lang") == "fr"
    assert "S n’est pas une lettre RACI." in page(response).one("[role=alert]").text
    assert page(response).one("label[for=id_letter_S]").text == "Que signifie S ?"
    decisions = page(response).one("dl.decisions").definitions()
    assert decisions["Ligne d’en-tête"].startswith("ligne 1")
    assert decisions["Colonne des tâches"].startswith("colonne A")
    warnings = " ".join(item.text for item in page(response).all("ul.warnings li"))
    assert "Aucun côté n’est écrit pour" in warnings
    answered = redetect(admin_client, admin, response, language="fr", letter_S="C")
    assert "Enregistrer dans le catalogue" in answered.text
    columns = marks(answered, "thead th")
    assert columns["B"] == "rôle : Project Manager (Éditeur)"


def test_left_out_rows_are_said_in_french(admin_client, admin):
    response = upload(admin_client, admin, TITLE_AND_NUMBERS, language="fr")
    rows = marks(response, "tbody th")
    assert rows["1"] == "ignorée : au-dessus du tableau"
    left_out = [item.text for item in page(response).all("ul.ignored li")]
    assert "ligne 1 : au-dessus du tableau : RACI Matrix - Project Apollo" in left_out
    assert marks(response, "thead th")["A"] == "pas un rôle : numéros de tâche"
