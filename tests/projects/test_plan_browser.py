"""The plan page in real Chromium, at 1280 and 390 px, in English and French: a manager adds a
task, makes it start a few business days after another and finish before the go-live, sees the
go-live move, and marks an earlier milestone as the go-live; nothing overflows the page. Screenshots go to
docs/images/plan-*.png (docs/plan-editing.md shows them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from accord.projects import plan_services
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_playbook
from tests.browser import page_overflows
from tests.projects.cast import cast_made, login_cookie

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
WIDTHS = {"desktop": 1280, "phone": 390}
CASES = [(width, language) for width in WIDTHS for language in ("en", "fr")]
NAMES = {"en": "Security review", "fr": "Revue de sécurité"}
PILOTS = {"en": "Pilot launch", "fr": "Lancement pilote"}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _suffix(width: str, language: str) -> str:
    return ("" if width == "desktop" else "-phone") + ("" if language == "en" else "-fr")


def _shot(page, name: str, width: str, language: str) -> None:
    IMAGES.mkdir(exist_ok=True)
    page.screenshot(path=str(IMAGES / f"plan-{name}{_suffix(width, language)}.png"), full_page=True)


@pytest.mark.parametrize(("width", "language"), CASES)
def test_a_manager_adds_a_task_with_a_lag_and_marks_the_go_live(page, live_server, width, language):
    today = timezone.localdate()
    cast = cast_made(start_date=today.replace(day=1), today=today)
    project = cast.project
    go_live = plan_services.go_live_key(project)
    rows = list(ProjectTask.objects.filter(project=project).order_by("position"))
    milestone = next(row for row in rows if row.key == go_live)
    previous = rows[rows.index(milestone) - 1]
    planned_before = project.go_live_planned
    assert planned_before is not None

    page.context.add_cookies([login_cookie(cast.people["manager"].user, live_server.url)])
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    base = f"{live_server.url}{'' if language == 'en' else '/fr'}/projects/{project.pk}/plan"

    page.goto(f"{base}/")
    assert not page_overflows(page)
    page.fill("#id_name", NAMES[language])
    page.select_option("#id_phase", milestone.phase_key)
    page.fill("#id_duration", "10")
    page.locator("form[action$='/plan/add/'] button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    added = ProjectTask.objects.get(project=project, name=NAMES[language])

    page.goto(f"{base}/tasks/{added.key}/")
    page.fill("#id_after", f"{previous.key} +5")
    page.fill("#id_before", milestone.key)
    assert not page_overflows(page)
    _shot(page, "task", width, language)
    page.locator("form[action$='/timing/'] button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    project = Project.objects.get(pk=project.pk)
    assert project.go_live_planned > planned_before  # the go-live waits for the new task now
    link = project_playbook(project).task(added.key).timing.after[0]
    assert (link.task, link.lag) == (previous.key, 5)
    assert page.locator(f"a[href$='/plan/tasks/{added.key}/']").is_visible()
    assert not page_overflows(page)
    _shot(page, "added", width, language)

    # A pilot launch early in the plan, made the go-live (as SocialTalent's learner launch is).
    page.fill("#id_name", PILOTS[language])
    page.select_option("#id_phase", rows[0].phase_key)
    page.check("#id_milestone")
    page.locator("form[action$='/plan/add/'] button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    pilot = ProjectTask.objects.get(project=project, name=PILOTS[language])
    page.goto(f"{base}/tasks/{pilot.key}/")
    page.locator("form[action$='/go-live/'] button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    marked = Project.objects.get(pk=project.pk)
    assert plan_services.go_live_key(marked) == pilot.key
    assert project_playbook(marked).task(pilot.key).go_live
    assert marked.go_live_planned < project.go_live_planned
    assert page.locator(".badge-go-live").count() == 1
    assert not page_overflows(page)
    _shot(page, "go-live", width, language)
