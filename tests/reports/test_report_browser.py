"""The status report in real Chromium, in English and in French, at desktop and phone width: the
customer's executive sponsor opens it from the project's tabs and reads the go-live forecast, how
far it moved since the last published report, and the decisions waiting for the customer; then
the print view (the page as the browser prints it: no menus, no forms). Screenshots go into
docs/images for docs/status-report.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from accord.projects.models import Project, ProjectTask, RaciCell, TaskComment
from accord.reports import services
from tests.browser import page_overflows
from tests.projects.cast import cast_made, login_cookie
from tests.work.factories import staff

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
QUESTION = "Which single sign-on provider should the pilot group use?"
WORDS = {
    "en": {
        "prefix": "",
        "tab": "Status report",
        "decisions": "Decisions needed from the customer",
        "moved": "5 days later",
        "approve": "Approve",
    },
    "fr": {
        "prefix": "/fr",
        "tab": "Rapport d’avancement",
        "decisions": "Décisions attendues du client",
        "moved": "5 jours plus tard",
        "approve": "Approuver",
    },
}


def shoot(page, name: str) -> None:
    IMAGES.mkdir(exist_ok=True)
    page.screenshot(path=str(IMAGES / f"{name}.png"), full_page=True)


def _project_with_decisions_and_a_moved_forecast():
    """A sponsor who owes an approval, a question to the customer's program manager, and a
    forecast 5 days later than at the report the manager published."""
    today = timezone.localdate()
    cast = cast_made(
        "socialtalent-onboarding",
        name="Acme — SocialTalent onboarding",
        start_date=today - dt.timedelta(days=3),
        today=today,
    )
    sponsor = cast.people["customer"].user
    staff(cast.project, "executive-sponsor", sponsor, lead=True)
    asked, approval = list(ProjectTask.objects.filter(project=cast.project).order_by("position")[:2])
    RaciCell.objects.update_or_create(task=asked, role_key="executive-sponsor", defaults={"letters": 4})
    RaciCell.objects.update_or_create(task=approval, role_key="executive-sponsor", defaults={"letters": 2})
    ProjectTask.objects.filter(pk=approval.pk).update(status="awaiting_approval")
    TaskComment.objects.create(task=asked, author=cast.admin, kind="question", body=QUESTION)
    published = services.report_publish(actor=cast.people["manager"].user, project=cast.project)
    p80 = dt.date.fromisoformat(published.snapshot["forecast"]["p80"]) + dt.timedelta(days=5)
    Project.objects.filter(pk=cast.project.pk).update(go_live_p80=p80)
    return cast, sponsor, approval, p80


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_sponsor_reads_the_forecast_and_the_decisions_needed_then_prints(page, live_server, language):
    words = WORDS[language]
    suffix = "" if language == "en" else "-fr"
    cast, sponsor, approval, p80 = _project_with_decisions_and_a_moved_forecast()
    sponsor.language = language
    sponsor.save()
    page.context.add_cookies([login_cookie(sponsor, live_server.url)])

    for width, name in ((1280, "status-report"), (390, "status-report-phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{words['prefix']}/projects/{cast.project.pk}/board/")
        page.get_by_role("link", name=words["tab"], exact=True).click()
        page.wait_for_url(f"**/projects/{cast.project.pk}/report/")
        forecast = page.locator("dd[data-field=forecast]").inner_text()
        assert str(p80.day) in forecast
        assert str(p80.year) in forecast
        assert page.locator("dd[data-field=movement]").inner_text() == words["moved"]
        decisions = page.locator("section[aria-labelledby=report-decisions]")
        assert decisions.get_by_role("heading").inner_text() == words["decisions"]
        items = decisions.get_by_role("listitem").all_inner_texts()
        assert any(QUESTION in item for item in items)
        assert any(item.startswith(words["approve"]) and approval.name in item for item in items)
        assert not page_overflows(page)
        shoot(page, f"{name}{suffix}")

    # The print view: the browser's print styles drop the menus and the forms, keep the report.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    assert page.locator(".project-nav").is_hidden()
    assert page.locator("#digest-heading").is_hidden()
    assert page.locator("#report-decisions").is_visible()
    assert page.locator("dd[data-field=movement]").inner_text() == words["moved"]
    shoot(page, f"status-report-print{suffix}")
    page.emulate_media(media="screen")
