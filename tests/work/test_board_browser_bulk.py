"""The board in Chromium, in English and French, at desktop and phone width: the full width with
headers that wrap between words only, typing letters from the keyboard, a bulk edit then its undo.
Screenshots go to docs/images/board-*.png."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accord.domain.raci import Raci
from accord.projects.models import RaciCell
from tests.browser import log_in
from tests.work.factories import task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"

#: For each role header, the words whose boxes span more than one line (a word broken mid-word).
SPLIT_WORDS = """() => {
  const split = [];
  for (const name of document.querySelectorAll('th.role .role-name')) {
    const text = name.firstChild;
    if (!text) continue;
    const value = text.nodeValue;
    const pattern = /\\S+/g;
    let match;
    while ((match = pattern.exec(value))) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
      if (tops.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


def letters(project, key, role):
    cell = RaciCell.objects.filter(task__project=project, task__key=key, role_key=role).first()
    return Raci(cell.letters if cell else 0)


def shoot(page, name):
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMAGES / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_board_fits_types_letters_and_bulk_edits_with_undo(page, live_server, crew, width, language):
    project = crew.project
    prefix = "" if language == "en" else "/fr"
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    log_in(page, live_server, crew.manager)
    page.goto(f"{live_server.url}{prefix}/projects/{project.pk}/board/")
    # The page itself never scrolls sideways; the headers break between words only.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.evaluate(SPLIT_WORDS) == []
    assert page.locator('.project-nav a[aria-current="page"]').count() == 1
    if width == "desktop":
        page.set_viewport_size({"width": 1400, "height": 900})
        region = page.locator(".board-region")
        # Every role column is in view without scrolling the board's region.
        assert region.evaluate("el => el.scrollWidth <= el.clientWidth + 1")

    # Keyboard: focus a cell, move right with the arrow key, type C.
    build = task(project, "build")
    page.locator(f"#cell-{build.pk}-vendor-pm").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == f"cell-{build.pk}-customer-lead"
    page.keyboard.press("c")
    expect(page.locator(f"#cell-{build.pk}-customer-lead")).to_contain_text("C")
    assert letters(project, "build", "customer-lead") == Raci.C | Raci.I
    suffix = "" if language == "en" else "-fr"
    if width == "desktop":
        shoot(page, f"board-keyboard{suffix}")

    # Bulk: shift-click two cells of the partner's column, set I, then undo both at once.
    kickoff = task(project, "kickoff")
    page.locator(f"#cell-{kickoff.pk}-customer-it").click(modifiers=["Shift"])
    page.locator(f"#cell-{build.pk}-customer-it").click(modifiers=["Shift"])
    bar = page.locator("#board-bulk")
    assert bar.is_visible()
    bar.locator("input[name=set_letters][value=I]").check()
    if width == "desktop":
        shoot(page, f"board-bulk{suffix}")
    bar.locator("button[type=submit]").click()
    expect(page.locator(".board-changed")).to_be_visible()
    assert letters(project, "kickoff", "customer-it") == Raci.I
    assert letters(project, "build", "customer-it") == Raci.I
    page.locator(".board-changed button[type=submit]").click()
    page.wait_for_load_state()
    assert letters(project, "kickoff", "customer-it") == Raci.C
    assert letters(project, "build", "customer-it") == Raci.R
