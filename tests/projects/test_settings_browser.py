"""The settings page and the overview's Gantt in real Chromium, at 1280 and 390 px, in English
and French: nothing overflows the page, a mistyped country suggests the closest, the task names
stay in view while the timeline scrolls. Screenshots go to docs/images/project-settings*.png and
docs/images/gantt*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser import page_overflows
from tests.projects.cast import cast_made, login_cookie

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
WIDTHS = {"desktop": 1280, "phone": 390}
CASES = [(width, language) for width in WIDTHS for language in ("en", "fr")]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _suffix(width: str, language: str) -> str:
    return "".join(
        part for part in ("" if width == "desktop" else "-phone", "" if language == "en" else "-fr")
    )


def _widest(page) -> list[str]:
    """What sticks out of the screen, to name it when the page scrolls sideways."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                      && !el.closest(".scroll-region"))
        .slice(0, 5).map(el => el.tagName + "." + el.className + ": " + el.textContent.slice(0, 60))"""
    )


@pytest.mark.parametrize(("width", "language"), CASES)
def test_settings_and_gantt(page, live_server, width, language):
    today = timezone.localdate()
    cast = cast_made(start_date=today.replace(day=1), today=today)
    page.context.add_cookies([login_cookie(cast.admin, live_server.url)])
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    prefix = "" if language == "en" else "/fr"
    base = f"{live_server.url}{prefix}/projects/{cast.project.pk}"

    page.goto(f"{base}/settings/")
    assert not page_overflows(page)
    page.fill("#id_country", "Untied States")
    page.click("#settings-form button[type=submit]")
    error = page.locator("#id_country_error").inner_text()
    assert "United States (US)" in error
    IMAGES.mkdir(exist_ok=True)
    page.screenshot(path=str(IMAGES / f"project-settings{_suffix(width, language)}.png"), full_page=True)

    page.goto(f"{base}/?scale=week#gantt-heading")
    # The whole overview fits the screen (long French dates wrap); only the chart scrolls.
    assert not page_overflows(page), _widest(page)
    region = page.locator(".gantt-region")
    names = page.locator(".gantt-names-column")
    before = names.bounding_box()
    region.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    after = names.bounding_box()
    # The names column stays where it was while the timeline scrolled.
    assert before is not None
    assert after is not None
    assert abs(after["x"] - before["x"]) < 1
    # The chart scrolls in its own region: the region itself fits the screen.
    box = region.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= WIDTHS[width] + 1
    region.screenshot(path=str(IMAGES / f"gantt-weeks{_suffix(width, language)}.png"))
    page.goto(f"{base}/?scale=month#gantt-heading")
    page.locator(".gantt-region").screenshot(path=str(IMAGES / f"gantt-months{_suffix(width, language)}.png"))
