"""Steps of the proof-and-go-live journey in a real browser, for any test to reuse: a test campaign
(create, add a case, start, record a run, sign off) and the go-live gate (name the contact, record
a hand-over, mark the communication ready, go live). Each step works in every language (it finds
controls by their form's address, not their words) and waits for the page it leads to.

The escalation and the survey steps of the whole journey (issue 11) extend this module's way:
one function per step, taking the Playwright page and the project's address.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def shoot(page: Page, name: str) -> Path:
    """A full-page screenshot into docs/images/<name>.png (the docs pages show them)."""
    DOCS_IMAGES.mkdir(exist_ok=True)
    path = DOCS_IMAGES / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _submit(page: Page, action_ending: str) -> None:
    with page.expect_navigation():
        page.locator(f"form[action$='{action_ending}'] button[type=submit]").first.click()


def campaign_create(page: Page, project_url: str, kind: str, name: str) -> str:
    """Create a campaign from the Tests tab; returns the campaign's address."""
    page.goto(f"{project_url}tests/")
    form = page.locator("form[action$='/tests/new/']")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=name]").fill(name)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    return page.url


def case_add(page: Page, campaign_url: str, title: str, expected: str = "") -> None:
    page.goto(campaign_url)
    form = page.locator("form[action$='/cases/']")
    form.locator("input[name=title]").fill(title)
    if expected:
        form.locator("textarea[name=expected]").fill(expected)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def campaign_start(page: Page, campaign_url: str) -> None:
    """Press Start; the page shows either the running campaign or the refusal (409)."""
    page.goto(campaign_url)
    _submit(page, "/start/")


def run_record(page: Page, campaign_url: str, result: str, notes: str = "", *, case_index: int = 0) -> None:
    page.goto(campaign_url)
    form = page.locator("form.run-form").nth(case_index)
    form.locator(f"input[name=result][value={result}]").check()
    if notes:
        form.locator("textarea[name=notes]").fill(notes)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def campaign_sign_off(page: Page, campaign_url: str) -> None:
    page.goto(campaign_url)
    _submit(page, "/sign-off/")


def go_live_try(page: Page, project_url: str, override_reason: str = "") -> None:
    """Press Go live on the go-live page (with an override reason when given)."""
    page.goto(f"{project_url}go-live/")
    if override_reason:
        page.locator("textarea[name=override_reason]").fill(override_reason)
    _submit(page, "/go-live/go/")


def integration_contact_name(page: Page, project_url: str, email: str) -> None:
    page.goto(f"{project_url}go-live/")
    select = page.locator("select[name=integration_contact]")
    value = select.locator("option", has_text=email).get_attribute("value")
    select.select_option(value)
    _submit(page, "/go-live/contact/")


def credentials_handover_record(page: Page, project_url: str, recipient: str, day: str, note: str) -> None:
    page.goto(f"{project_url}go-live/")
    form = page.locator("form[action$='/go-live/handover/']")
    form.locator("input[name=recipient]").fill(recipient)
    form.locator("input[name=handed_over_on]").fill(day)
    form.locator("input[name=note]").fill(note)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def communication_ready(page: Page, project_url: str, note: str) -> None:
    page.goto(f"{project_url}go-live/")
    form = page.locator("form[action$='/go-live/communication/']")
    form.locator("input[name=ready]").check()
    form.locator("textarea[name=communication_note]").fill(note)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
