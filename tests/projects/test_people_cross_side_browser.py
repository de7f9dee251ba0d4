"""Staffing across sides in Chromium, at 1280 px and 390 px, in English and French: a manager puts
a customer's contact into a vendor role, is warned, confirms, and sees the marker. The desktop
English page goes to docs/images/people-cross-side.png (docs/projects.md shows it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.projects.models import RoleAssignment
from tests.browser import page_overflows
from tests.projects.cast import cast_made, login_cookie

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
WIDTHS = {"desktop": 1280, "phone": 390}
CASES = [(width, language) for width in WIDTHS for language in ("en", "fr")]
ROLE = "integration-manager"
WORDS = {
    "en": {
        "add": "Add to Integration Manager",
        "confirm": "I confirm: they may take a role of another side",
        "assign": "Assign",
        "warning": "If this is intended, confirm that they take a role of another side.",
        "mark": "from another side",
    },
    "fr": {
        "add": "Ajouter à Integration Manager",
        "confirm": "Je confirme : cette personne peut prendre un rôle d’un autre côté",
        "assign": "Affecter",
        "warning": "Si c’est voulu, confirmez qu’il ou elle prend un rôle d’un autre côté.",
        "mark": "d’un autre côté",
    },
}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "language"), CASES)
def test_a_manager_confirms_a_customer_contact_in_a_vendor_role(page, live_server, width, language):
    cast = cast_made()
    contact = cast.people["customer"].user
    words = WORDS[language]
    page.context.add_cookies([login_cookie(cast.people["manager"].user, live_server.url)])
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    prefix = "" if language == "en" else "/fr"
    page.goto(f"{live_server.url}{prefix}/projects/{cast.project.pk}/people/")
    form = page.locator("form", has=page.get_by_label(words["add"], exact=True))
    form.get_by_label(words["add"], exact=True).select_option(str(contact.pk))
    form.get_by_role("button", name=words["assign"]).click()
    assert page.get_by_text(words["warning"]).first.is_visible()
    assert not RoleAssignment.objects.filter(project=cast.project, role_key=ROLE, user=contact).exists()

    form = page.locator("form", has=page.get_by_label(words["add"], exact=True))
    form.get_by_label(words["add"], exact=True).select_option(str(contact.pk))
    form.get_by_label(words["confirm"]).check()
    form.get_by_role("button", name=words["assign"]).click()
    assert RoleAssignment.objects.filter(project=cast.project, role_key=ROLE, user=contact).exists()
    mark = page.locator(".cross-side-mark").first
    assert mark.is_visible()
    assert mark.inner_text() == words["mark"]
    assert not page_overflows(page)
    if (width, language) == ("desktop", "en"):
        IMAGES.mkdir(exist_ok=True)
        mark.scroll_into_view_if_needed()
        page.screenshot(path=str(IMAGES / "people-cross-side.png"), full_page=True)
