"""In real Chromium: a person chooses French and Paris time, then reads a task page in both."""

import datetime as dt

import pytest

from accord.accounts.models import User
from accord.projects.models import TaskComment
from accord.work import services as work
from tests.browser import log_in, page_overflows, screenshot
from tests.work.factories import task

WIDTHS = {"desktop": 1280, "phone": 390}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_choosing_french_and_paris_time_shows_the_task_page_in_both(
    page,
    live_server,
    crew,
    width,
):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    build = task(crew.project, "build")
    comment = work.comment_add(actor=crew.lead, task=build, body="Connector drafted")
    # 08:30 UTC is 09:30 in Paris in January (UTC+1).
    TaskComment.objects.filter(pk=comment.pk).update(
        created_at=dt.datetime(2026, 1, 15, 8, 30, tzinfo=dt.UTC)
    )
    log_in(page, live_server, crew.pm)

    page.goto(f"{live_server.url}/projects/{crew.project.pk}/tasks/{build.pk}/")
    assert page.locator("#comments time").first.inner_text() == "15 Jan 2026, 08:30"
    # The person's name in the header leads to their preferences.
    page.get_by_role("link", name=crew.pm.get_full_name()).click()
    page.wait_for_url(f"{live_server.url}/account/preferences/")
    assert not page_overflows(page)
    page.get_by_label("Your language").select_option("fr")
    page.get_by_label("Your time zone").fill("Europe/Paris")
    screenshot(page, f"accounts-preferences-{width}")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/fr/account/preferences/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert not page_overflows(page)
    saved = User.objects.get(pk=crew.pm.pk)
    assert (saved.language, saved.time_zone) == ("fr", "Europe/Paris")

    page.goto(f"{live_server.url}/fr/projects/{crew.project.pk}/tasks/{build.pk}/")
    assert page.get_by_role("heading", name="Commentaires et demandes d’avis").is_visible()
    comment_time = page.locator("#comments time").first
    assert comment_time.inner_text() == "15 janvier 2026 09:30"
    assert comment_time.get_attribute("datetime") == "2026-01-15T09:30:00+01:00"
    assert not page_overflows(page)
    screenshot(page, f"accounts-preferences-task-fr-{width}")
