"""My work: four sections across every visible project, each row linking to its task."""

import datetime as dt

import pytest

from accord.projects.models import ProjectTask
from accord.work import services
from tests.html import Element
from tests.html import page as parsed
from tests.work.factories import project_with_tasks, staff, submitted_for_approval, task

pytestmark = pytest.mark.django_db


def section(html, key) -> Element:
    return parsed(html).one(f"section#{key}")


def test_four_sections_with_links_to_the_tasks(client, crew, django_capture_on_commit_callbacks):
    kickoff = task(crew.project, "kickoff")
    submitted_for_approval(kickoff, crew.pm, django_capture_on_commit_callbacks)
    client.force_login(crew.lead)
    page = client.get("/my-work/").text
    approvals = section(page, "approvals")
    assert approvals.links()["Kick-off"] == f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/"
    assert crew.project.name in approvals.text
    assert "Awaiting approval" in approvals.text
    assert "Nothing here." in section(page, "responsible").text
    # The lead is Informed on "Build the connector" and "Go live", told when they are done.
    build = task(crew.project, "build")
    submitted_for_approval(build, crew.it, django_capture_on_commit_callbacks)
    page = client.get("/my-work/").text
    assert "Build the connector" in section(page, "informed").text


def test_late_tasks_are_flagged_in_words(client, crew):
    client.force_login(crew.pm)
    page = client.get("/my-work/").text
    responsible = section(page, "responsible")
    # The factory plans the tasks in January 2026, long gone: both of pm's tasks are late.
    assert [flag.text for flag in responsible.all("span.late-flag")] == ["late", "late"]
    ProjectTask.objects.filter(project=crew.project).update(
        planned_finish=dt.date.today() + dt.timedelta(days=30)
    )
    assert not section(client.get("/my-work/").text, "responsible").has("span.late-flag")


def test_open_requests_for_input_come_first_and_are_marked(client, crew):
    services.input_request(actor=crew.lead, task=task(crew.project, "kickoff"), question="Ready?")
    client.force_login(crew.it)
    consulted = section(client.get("/my-work/").text, "consulted")
    assert "input asked" in consulted.text


def test_work_on_projects_the_person_cannot_see_never_shows(client, crew):
    elsewhere = project_with_tasks()
    stranger_task = task(elsewhere, "kickoff")
    staff(elsewhere, "vendor-pm")
    client.force_login(crew.pm)
    page = client.get("/my-work/").text
    assert f"/tasks/{stranger_task.pk}/" not in page


@pytest.mark.parametrize("projects", [1, 6])
def test_my_work_takes_a_fixed_number_of_queries(client, db, projects, django_assert_max_num_queries):
    from tests.accounts.factories import UserFactory

    person = UserFactory()
    for _number in range(projects):
        project = project_with_tasks()
        for role in ("vendor-pm", "customer-lead", "customer-it", "partner-tpa"):
            if role == "vendor-pm" or projects == 1:
                staff(project, role, person if role == "vendor-pm" else None)
    client.force_login(person)
    with django_assert_max_num_queries(15):  # 14, and the open design questions (accord.design)
        response = client.get("/my-work/")
    assert len([href for href in parsed(response).hrefs() if "/tasks/" in href]) >= 2 * projects
