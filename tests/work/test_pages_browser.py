"""The work pages in real Chromium at desktop and phone width: the board edited in place (no
reload), keyboard use with visible focus, printing, the task page, My work and the inbox."""

import pytest

from accord.domain.raci import Raci
from accord.inbox.models import Notification
from accord.projects.models import RaciCell
from accord.work import services
from tests.browser import ARTIFACTS, log_in, page_overflows, screenshot
from tests.work.factories import task

WIDTHS = {"desktop": 1280, "phone": 390}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def letters(project, task_key, role):
    value = RaciCell.objects.filter(task__project=project, task__key=task_key, role_key=role).first()
    return Raci(value.letters if value else 0)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_manager_edits_a_cell_in_place_without_a_reload(page, live_server, crew, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    log_in(page, live_server, crew.manager)
    build = task(crew.project, "build")
    page.goto(f"{live_server.url}/projects/{crew.project.pk}/board/")
    assert not page_overflows(page)
    screenshot(page, f"work-board-{width}")
    page.evaluate("window.accordMarker = 'still the same page'")
    assert page.locator(f"#task-{build.pk} .finding-marker").is_visible()

    page.locator(f"#cell-{build.pk}-customer-lead").click()
    editor = page.locator(f"#edit-{build.pk}-customer-lead")
    assert editor.is_visible()
    editor.get_by_label("I — Informed").uncheck()
    editor.get_by_label("A — Accountable").check()
    if width == "desktop":
        screenshot(page, "work-board-cell-editor")
    editor.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Saved: Build the connector · Project lead is now “A”.")
    assert page.evaluate("window.accordMarker") == "still the same page"
    assert letters(crew.project, "build", "customer-lead") == Raci.A
    # The row was swapped: the new letters, no finding left, the summary updated out of band.
    assert page.locator(f"#cell-{build.pk}-customer-lead").inner_text() == "A"
    assert page.locator(f"#task-{build.pk} .finding-marker").count() == 0
    assert "has no Accountable" not in page.locator("#findings-summary").inner_text()
    assert page.locator("#board-status").inner_text().startswith("Saved:")
    # Focus lands on Undo; undoing swaps the row back, still without a reload.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Undo"
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Undone: Build the connector")
    assert letters(crew.project, "build", "customer-lead") == Raci.I
    assert page.evaluate("window.accordMarker") == "still the same page"
    assert page.locator(f"#task-{build.pk} .finding-marker").is_visible()


def test_a_stale_cell_shows_its_message_in_place(page, live_server, crew):
    log_in(page, live_server, crew.manager)
    build = task(crew.project, "build")
    page.goto(f"{live_server.url}/projects/{crew.project.pk}/board/")
    # Someone else changes the task after the page was loaded.
    services.raci_cell_set(
        actor=crew.manager, task=build, role_key="vendor-pm", letters=Raci.I, expected_version=1
    )
    page.locator(f"#cell-{build.pk}-customer-lead").click()
    page.locator(f"#edit-{build.pk}-customer-lead").get_by_label("A — Accountable").check()
    page.locator(f"#edit-{build.pk}-customer-lead").get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "nothing was changed" in alert.inner_text()
    assert letters(crew.project, "build", "customer-lead") == Raci.I


def test_the_board_by_keyboard_with_visible_focus(page, live_server, crew):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, crew.manager)
    kickoff = task(crew.project, "kickoff")
    page.goto(f"{live_server.url}/projects/{crew.project.pk}/board/")
    page.get_by_role("link", name="Markdown").focus()
    # Tab goes on through the keyboard help and the bulk bar to the scrolling region, then
    # through the role headers' "About this role" disclosures and the task's link to its cell.
    path = []
    for _step in range(40):
        page.keyboard.press("Tab")
        path.append(page.evaluate("document.activeElement.getAttribute('role') || document.activeElement.id"))
        if path[-1] == f"cell-{kickoff.pk}-vendor-pm":
            break
    assert "region" in path
    assert path[-1] == f"cell-{kickoff.pk}-vendor-pm"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.locator(f"#edit-{kickoff.pk}-vendor-pm").is_visible()
    # The editor loads when the popover opens, and takes the focus on its first letter (R).
    page.locator(f"#edit-{kickoff.pk}-vendor-pm input[name=letters]").first.wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.name === 'letters'")
    assert page.evaluate("document.activeElement.value") == "R"
    page.keyboard.press("Tab")  # A
    page.keyboard.press("Space")
    for _step in range(4):  # C, I, N/A, Save
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Saved: Kick-off · Project Manager is now “R/A”.")
    assert letters(crew.project, "kickoff", "vendor-pm") == Raci.R | Raci.A


def test_the_task_column_stays_in_view_while_the_matrix_scrolls(page, live_server, crew):
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, live_server, crew.pm)
    kickoff = task(crew.project, "kickoff")
    page.goto(f"{live_server.url}/projects/{crew.project.pk}/board/")
    region = page.get_by_role("region", name="Who does what")
    before = page.locator(f"#task-{kickoff.pk} th").bounding_box()
    region.evaluate("element => { element.scrollLeft = element.scrollWidth }")
    page.wait_for_timeout(100)
    after = page.locator(f"#task-{kickoff.pk} th").bounding_box()
    assert region.evaluate("element => element.scrollLeft") > 0
    assert after["x"] == pytest.approx(before["x"], abs=1)
    assert not page_overflows(page)


def test_the_board_prints_on_the_page_without_navigation(page, live_server, crew):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, crew.manager)
    page.goto(f"{live_server.url}/projects/{crew.project.pk}/board/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".board-tools").is_visible()
    fits = page.evaluate(
        "() => { const table = document.querySelector('table.board');"
        " return table.getBoundingClientRect().width <= document.querySelector('main').clientWidth + 1 }"
    )
    assert fits
    pdf = page.pdf(landscape=True)
    assert pdf.startswith(b"%PDF")
    (ARTIFACTS / "work-board-print.pdf").write_bytes(pdf)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_task_page_moves_the_task(page, live_server, crew, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    log_in(page, live_server, crew.pm)
    kickoff = task(crew.project, "kickoff")
    services.comment_add(actor=crew.it, task=kickoff, body="The room is booked.")
    page.goto(f"{live_server.url}/projects/{crew.project.pk}/tasks/{kickoff.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kick-off"
    assert not page_overflows(page)
    page.get_by_role("button", name="Start").click()
    page.wait_for_selector("text=The task is in progress.")
    screenshot(page, f"work-task-{width}")
    page.get_by_label("Why? (needed to block)").fill("Waiting for the customer's calendar")
    page.get_by_role("button", name="Block").click()
    page.wait_for_selector("text=The task is blocked.")
    assert "Waiting for the customer's calendar" in page.locator(".reason").inner_text()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_my_work_and_the_inbox(page, live_server, crew, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    kickoff = task(crew.project, "kickoff")
    services.task_transition(actor=crew.pm, task=kickoff, action="start", expected_version=1)
    services.task_transition(actor=crew.pm, task=kickoff, action="submit", expected_version=2)
    assert Notification.objects.filter(user=crew.lead).count() == 1  # created on commit
    log_in(page, live_server, crew.lead)
    page.goto(f"{live_server.url}/my-work/")
    assert not page_overflows(page)
    screenshot(page, f"work-my-work-{width}")
    page.locator("#approvals").get_by_role("link", name="Kick-off").click()
    page.get_by_role("button", name="Approve").wait_for()
    page.goto(f"{live_server.url}/inbox/")
    assert not page_overflows(page)
    screenshot(page, f"work-inbox-{width}")
    page.get_by_role("button", name="Mark all read").click()
    page.wait_for_selector("text=1 notification marked read.")
    assert not Notification.objects.filter(user=crew.lead, read_at__isnull=True).exists()


def test_the_board_in_french(page, live_server, crew):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, crew.manager)
    build = task(crew.project, "build")
    page.goto(f"{live_server.url}/fr/projects/{crew.project.pk}/board/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Tableau RACI")
    page.locator(f"#cell-{build.pk}-customer-lead").click()
    page.locator(f"#edit-{build.pk}-customer-lead").get_by_label("A — Approbateur").check()
    page.locator(f"#edit-{build.pk}-customer-lead").get_by_role("button", name="Enregistrer").click()
    page.wait_for_selector("text=Enregistré")
    screenshot(page, "work-board-fr")
    assert page.get_by_role("button", name="Annuler la modification").is_visible()
