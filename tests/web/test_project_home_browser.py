"""The contacts' project home in real Chromium, at 1280 and 390 px, in English and French: a
customer contact's first login lands on it and reads their role and next step; a vendor manager
previews it "as the customer sees it". Nothing scrolls sideways. Screenshots go to
docs/images/customer-home*.png (docs/customer-side.md shows them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accord.demo.branding import ACCENT, LOGO
from accord.projects.models import ProjectTask
from accord.workspaces.branding import branding_update
from accord.workspaces.models import Workspace
from tests.accounts.factories import PASSWORD
from tests.browser import log_in, page_overflows
from tests.web.test_project_home import IT_DESCRIPTION, IT_DUTY, _world

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
WIDTHS = {"desktop": 1280, "phone": 390}
CASES = [(width, language) for width in WIDTHS for language in ("en", "fr")]
WORDS = {
    "en": {
        "email": "E-mail address",
        "password": "Password",
        "log_in": "Log in",
        "your_roles": "Your roles",
        "next": "Yours to do next",
        "your_role": "your role",
        "responsibilities": "Responsibilities",
        "tab": "As the customer sees it",
        "banner": "As the customer sees it.",
    },
    "fr": {
        "email": "Adresse e-mail",
        "password": "Mot de passe",
        "log_in": "Connexion",
        "your_roles": "Vos rôles",
        "next": "À vous de faire ensuite",
        "your_role": "votre rôle",
        "responsibilities": "Responsabilités",
        "tab": "Comme le client la voit",
        "banner": "Comme le client la voit.",
    },
}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _suffix(width: str, language: str) -> str:
    return ("" if width == "desktop" else "-phone") + ("" if language == "en" else "-fr")


@pytest.mark.parametrize(("width", "language"), CASES)
def test_a_contact_lands_on_the_home_and_a_manager_previews_it(browser, live_server, width, language):
    project, people = _world()
    Workspace.objects.filter(pk=project.workspace_id).update(name="Accord Demo")  # as on its logo
    project.workspace.refresh_from_db()
    branding_update(
        actor=people["admin"],
        workspace=project.workspace,
        version=project.workspace.branding_version,
        accent_colour=ACCENT,
        logo=LOGO,
    )
    contact, manager = people["customer"], people["manager"]
    for person in (contact, manager):
        person.language = language
        person.save(update_fields=["language"])
    words = WORDS[language]
    prefix = "" if language == "en" else "/fr"
    build = ProjectTask.objects.get(project=project, key="build")
    viewport = {"width": WIDTHS[width], "height": 900}

    # The contact's first login, through the login page.
    context = browser.new_context(viewport=viewport, locale=language)
    page = context.new_page()
    page.goto(f"{live_server.url}{prefix}/login/")
    page.get_by_label(words["email"]).fill(contact.email)
    page.get_by_label(words["password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["log_in"], exact=True).click()
    page.wait_for_url(f"**/projects/{project.pk}/home/")
    assert page.locator("html").get_attribute("lang") == language
    next_section = page.locator("section", has=page.get_by_role("heading", name=words["next"]))
    expect(next_section).to_contain_text(build.name)
    roles = page.locator("section", has=page.get_by_role("heading", name=words["your_roles"]))
    mine = roles.locator(".role-card", has_text=words["your_role"])
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text(IT_DESCRIPTION)
    mine.get_by_text(words["responsibilities"], exact=True).click()
    expect(mine.get_by_text(IT_DUTY)).to_be_visible()
    assert not page_overflows(page)
    IMAGES.mkdir(exist_ok=True)
    page.screenshot(path=str(IMAGES / f"customer-home{_suffix(width, language)}.png"), full_page=True)
    context.close()

    # The vendor manager opens the project's "as the customer sees it" tab.
    context = browser.new_context(viewport=viewport, locale=language)
    page = context.new_page()
    log_in(page, live_server, manager)
    page.goto(f"{live_server.url}{prefix}/projects/{project.pk}/")
    page.get_by_role("link", name=words["tab"], exact=True).click()
    page.wait_for_url(f"**/projects/{project.pk}/home/")
    expect(page.get_by_role("note")).to_contain_text(words["banner"])
    expect(page.get_by_text(IT_DESCRIPTION)).to_be_visible()
    assert not page_overflows(page)
    page.screenshot(path=str(IMAGES / f"customer-home-preview{_suffix(width, language)}.png"), full_page=True)
    context.close()
