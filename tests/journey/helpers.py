"""Steps a person takes on several pages of the journey, and its screenshots."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from django.core import mail
from django.core.mail import EmailMessage
from playwright.sync_api import FloatRect, Locator, Page, expect

from accord.accounts.models import User
from accord.projects.models import ProjectTask
from tests.journey.words import Words

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "journey"
INVITATION_LINK = re.compile(r"https?://[^/\s]+(/(?:fr/)?invitations/\S+/)")


def shoot(page: Page, words: Words, name: str, clip: FloatRect | None = None) -> Path:
    """The visible screen (or ``clip``, in page coordinates) into
    test-artifacts/journey/<language>/<name>.png, and the whole page's text next to it (<name>.txt),
    to read for strings left untranslated."""
    folder = ARTIFACTS / words.language
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    if clip is None:
        page.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path), clip=clip, full_page=True)
    path.with_suffix(".txt").write_text(page.locator("body").inner_text(), encoding="utf-8")
    return path


def log_in(page: Page, base_url: str, words: Words, user: User, password: str) -> None:
    """Through the login page, as a person does; lands wherever the home page sends them."""
    page.goto(f"{base_url}{words.prefix}/login/")
    page.get_by_label(words.email).fill(user.email)
    page.get_by_label(words.password).fill(password)
    page.get_by_role("button", name=words.log_in, exact=True).click()
    expect(page.get_by_role("button", name=words.log_in, exact=True)).to_have_count(0)


def message(page: Page, text: str) -> Locator:
    """The page's status message (the one shown after a change), which must read ``text``."""
    status = page.get_by_role("status").filter(has_text=text)
    expect(status).to_be_visible()
    return status


def role_card(page: Page, role_name: str) -> Locator:
    """A role's card on the staffing page: the list item headed by the role's name."""
    heading = page.get_by_role("heading", name=role_name, exact=True)
    return page.get_by_role("listitem").filter(has=heading)


def staff(page: Page, words: Words, role_name: str, person: User) -> None:
    """Add ``person`` to a role on the staffing page and wait for the page to say so."""
    page.get_by_label(words.add_to.format(role=role_name), exact=True).select_option(str(person.pk))
    role_card(page, role_name).get_by_role("button", name=words.assign).click()
    message(page, words.now_holds.format(person=person.full_name))
    expect(role_card(page, role_name)).to_contain_text(person.full_name)


def invitation_email(address: str, *, within_seconds: float = 10) -> EmailMessage:
    """The e-mail sent to ``address`` (it leaves from a background task run when the invitation's
    transaction commits, so it may come a moment after the page answered)."""
    deadline = time.monotonic() + within_seconds
    while time.monotonic() < deadline:
        for sent in mail.outbox:
            if address in sent.to:
                return sent
        time.sleep(0.1)
    raise AssertionError(f"no e-mail to {address} within {within_seconds} s; outbox: {mail.outbox}")


def invitation_path(sent: EmailMessage) -> str:
    """The path of the invitation link in an e-mail (its host is the configured base address)."""
    found = INVITATION_LINK.search(sent.body)
    assert found, f"no invitation link in the e-mail:\n{sent.body}"
    return found.group(1)


def set_cell(
    page: Page,
    words: Words,
    task: ProjectTask,
    role_key: str,
    role_name: str,
    letter: str,
    before_saving: Callable[[], object] = lambda: None,
) -> None:
    """On the board, give ``role_name`` one letter (its cell empty until now) on ``task`` through the
    cell's editor, and wait for the row to come back saying so (in place: the caller checks that
    the page was not reloaded)."""
    cell = page.get_by_role("button", name=re.compile(rf"^{re.escape(task.name)} · {re.escape(role_name)}:"))
    cell.click()
    editor = page.locator(f"#edit-{task.pk}-{role_key}")
    expect(editor).to_be_visible()
    editor.get_by_label(letter).check()
    before_saving()
    editor.get_by_role("button", name=words.save).click()
    letters = letter.split(" ", 1)[0]
    saved = words.saved.format(task=task.name, role=role_name, letters=letters)
    expect(page.locator(f"#task-{task.pk}")).to_contain_text(saved)
    # The cell shows its letters, and "!" when a finding concerns it.
    expect(page.locator(f"#cell-{task.pk}-{role_key}")).to_have_text(re.compile(rf"^{letters}!?$"))


def board_excerpt(page: Page, task: ProjectTask) -> FloatRect:
    """Where the board shows its role headers down to ``task``'s row, scrolled sideways (as a
    person would) just enough to hide the status and due columns, so that every role fits."""
    page.locator("#board-roles").scroll_into_view_if_needed()
    box = page.evaluate(
        """taskId => {
            const region = document.querySelector('.board-region');
            const taskColumn = region.querySelector('thead .task-col').getBoundingClientRect();
            const firstRole = region.querySelector('#board-roles th').getBoundingClientRect();
            region.scrollLeft = firstRole.left - taskColumn.right;
            const table = region.getBoundingClientRect();
            const row = document.getElementById('task-' + taskId).getBoundingClientRect();
            return {x: table.left + window.scrollX, y: table.top + window.scrollY,
                    width: table.width, height: row.bottom - table.top};
        }""",
        task.pk,
    )
    margin = 12
    return {
        "x": box["x"] - margin,
        "y": box["y"] - margin,
        "width": box["width"] + 2 * margin,
        "height": box["height"] + 2 * margin,
    }
