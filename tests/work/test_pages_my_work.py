"""My work: four sections across every visible project, each row linking to its task."""

import datetime as dt
import re

import pytest

from accord.projects.models import ProjectTask
from accord.work import services
from tests.work.factories import project_with_tasks, staff, task

pytestmark = pytest.mark.django_db


def section(html, key):
    return re.search(rf'<section id="{key}".*?</section>', html, re.S).group(0)


def test_four_sections_with_links_to_the_tasks(client, crew, django_capture_on_commit_callbacks):
    kickoff = task(crew.project, "kickoff")
    services.task_transition(actor=crew.pm, task=kickoff, action="start", expected_version=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.task_transition(actor=crew.pm, task=kickoff, action="submit", expected_version=2)
    client.force_login(crew.lead)
    page = client.get("/my-work/").text
    approvals = section(page, "approvals")
    assert f'href="/projects/{crew.project.pk}/tasks/{kickoff.pk}/"' in approvals
    assert "Kick-off" in approvals
    assert crew.project.name in approvals
    assert "Awaiting approval" in approvals
    assert "Nothing here." in section(page, "responsible")
    # The lead is Informed on "Build the connector" and "Go live", told when they are done.
    build = task(crew.project, "build")
    services.task_transition(actor=crew.it, task=build, action="start", expected_version=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.task_transition(actor=crew.it, task=build, action="submit", expected_version=2)
    page = client.get("/my-work/").text
    assert "Build the connector" in section(page, "informed")


def test_late_tasks_are_flagged_in_words(client, crew):
    client.force_login(crew.pm)
    page = client.get("/my-work/").text
    responsible = section(page, "responsible")
    # The factory plans the tasks in January 2026, long gone: both of pm's tasks are late.
    assert responsible.count('<span class="late-flag">late</span>') == 2
    ProjectTask.objects.filter(project=crew.project).update(
        planned_finish=dt.date.today() + dt.timedelta(days=30)
    )
    assert "late-flag" not in section(client.get("/my-work/").text, "responsible")


def test_open_requests_for_input_come_first_and_are_marked(client, crew):
    services.input_request(actor=crew.lead, task=task(crew.project, "kickoff"), question="Ready?")
    client.force_login(crew.it)
    consulted = section(client.get("/my-work/").text, "consulted")
    assert "input asked" in consulted


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
    with django_assert_max_num_queries(14):
        response = client.get("/my-work/")
    assert response.text.count("/tasks/") >= 2 * projects
