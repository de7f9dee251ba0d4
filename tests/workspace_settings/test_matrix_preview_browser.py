"""A messy spreadsheet through the upload preview in real Chromium, in English and French, at
desktop and phone width: its cells beside the playbook read from them, the unknown letter asked and
answered in place (htmx), then saved in one click. The desktop screenshots illustrate
docs/matrix-files.md."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from accord.catalog.models import WorkspacePlaybook
from accord.workspaces.models import MembershipKind
from tests.browser import log_in, page_overflows, screenshot
from tests.formats.corpus_workbooks import side_row_merged
from tests.workspaces.factories import MembershipFactory

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
WIDTHS = {"desktop": 1280, "phone": 390}
WORDS = {
    "en": {
        "file": "Playbook file",
        "preview": "Preview",
        "question": "What does S mean?",
        "again": "Read the file again with these corrections",
        "save": "Save to the catalogue",
        "saved": "is in the catalogue",
    },
    "fr": {
        "file": "Fichier de playbook",
        "preview": "Aperçu",
        "question": "Que signifie S ?",
        "again": "Relire le fichier avec ces corrections",
        "save": "Enregistrer dans le catalogue",
        "saved": "est dans le catalogue",
    },
}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def messy_workbook() -> bytes:
    """Corpus 03 (an instructions sheet, a title, a side row merged over the role names, phases as
    merged band rows) with a letter nobody explains: S, for the developer in "Gather requirements"."""
    workbook = load_workbook(io.BytesIO(side_row_merged()))
    sheet = workbook["RACI"]
    for row in sheet.iter_rows():
        if row[0].value == "Gather requirements":
            row[2].value = "S"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def shoot(page, name: str, docs: bool) -> None:
    screenshot(page, name)
    if docs:
        DOCS_IMAGES.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS_IMAGES / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", list(WORDS))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_messy_spreadsheet_goes_through_the_preview_and_becomes_a_playbook(
    page, live_server, tmp_path, language, width
):
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")
    log_in(page, live_server, admin.user)
    words = WORDS[language]
    prefix = "/fr" if language == "fr" else ""
    suffix = "" if language == "en" else f"-{language}"
    docs = width == "desktop" or (width == "phone" and language == "en")
    shot = f"matrix-preview{{}}{suffix}" + ("-phone" if width == "phone" else "")
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{live_server.url}{prefix}/workspaces/{admin.workspace_id}/settings/playbooks/")
    upload = tmp_path / "apollo-raci.xlsx"
    upload.write_bytes(messy_workbook())
    page.get_by_label(words["file"]).set_input_files(str(upload))
    page.get_by_role("button", name=words["preview"], exact=True).click()

    # The question, with the file's cells marked, and no save button until it is answered.
    question = page.get_by_label(words["question"])
    question.wait_for()
    assert page.locator("table.grid mark.unknown-letter").count() == 1
    assert page.get_by_role("button", name=words["save"]).count() == 0
    assert not page_overflows(page)
    # Keyboard users reach the wide grid's own scrolling region.
    assert page.locator("#cells-caption").locator("xpath=../..").get_attribute("tabindex") == "0"
    shoot(page, shot.format("-question"), docs)

    # Answered in place: htmx swaps the preview, the playbook appears beside the cells.
    question.select_option("C")
    page.get_by_role("button", name=words["again"]).click()
    page.get_by_role("button", name=words["save"]).wait_for()
    matrix = page.locator("table.matrix")
    assert matrix.locator("th[scope=rowgroup]").all_inner_texts() == ["Discovery", "Build"]
    assert page.locator("table.grid mark.unknown-letter").count() == 0
    assert not page_overflows(page)
    shoot(page, shot.format("-ready"), docs)

    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_selector(f"text={words['saved']}")
    assert not page_overflows(page)
    saved = WorkspacePlaybook.objects.get()
    assert (saved.key, saved.role_count, saved.task_count) == ("apollo-raci", 4, 4)
    if width == "desktop" and language == "en":
        shoot(page, "matrix-preview-saved", docs=True)
