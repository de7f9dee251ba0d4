"""Internal text stays with the vendor's staff: a contact's task page has no playbook source notes,
a contact's board no linter findings (DESIGN.md, "Audience"); vendor staff still see both."""

import pytest

from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from tests.html import page as parsed
from tests.projects.factories import manager_of
from tests.work.factories import project_with_tasks, staff, task

pytestmark = pytest.mark.django_db

NOTE = "Two entries in the source, read in header order."
FINDING = "has no Accountable"


def noted_playbook() -> Playbook:
    """One task with source notes, one the linter objects to (no Accountable)."""
    return Playbook(
        key="noted",
        name="Noted",
        version="1",
        roles=(
            Role("vendor-pm", "Project Manager", Side.VENDOR),
            Role("customer-lead", "Project lead", Side.CUSTOMER),
            Role("partner-tpa", "Administrator", Side.PARTNER),
        ),
        phases=(
            Phase(
                "start",
                "Start",
                (
                    Task(
                        "kickoff",
                        "Kick-off",
                        {"vendor-pm": Raci.R, "customer-lead": Raci.A, "partner-tpa": Raci.I},
                        details="Meet the team.",
                        notes=(NOTE,),
                    ),
                    Task("build", "Build", {"customer-lead": Raci.R, "partner-tpa": Raci.I}),
                ),
            ),
        ),
    )


@pytest.fixture
def noted():
    project = project_with_tasks(noted_playbook())
    return {
        "project": project,
        "member": staff(project, "vendor-pm"),
        "manager": manager_of(project).user,
        "customer": staff(project, "customer-lead"),
        "partner": staff(project, "partner-tpa"),
    }


def text_of(html: str) -> str:
    return parsed(html).text


def task_page(client, user, project):
    client.force_login(user)
    response = client.get(f"/projects/{project.pk}/tasks/{task(project, 'kickoff').pk}/")
    assert response.status_code == 200
    return text_of(response.text)


def board_page(client, user, project):
    client.force_login(user)
    response = client.get(f"/projects/{project.pk}/board/")
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("person", ["customer", "partner"])
def test_a_contacts_task_page_has_no_source_notes(client, noted, person):
    page = task_page(client, noted[person], noted["project"])
    assert "Meet the team." in page  # shared text is still there
    assert NOTE not in page
    assert "Notes" not in page


@pytest.mark.parametrize("person", ["member", "manager"])
def test_vendor_staff_read_the_source_notes(client, noted, person):
    page = task_page(client, noted[person], noted["project"])
    assert NOTE in page


@pytest.mark.parametrize("person", ["customer", "partner"])
def test_a_contacts_board_has_no_linter_findings(client, noted, person):
    html = board_page(client, noted[person], noted["project"])
    page = text_of(html)
    assert "Build" in page  # the matrix itself is there
    assert FINDING not in page
    assert "What the linter finds" not in page
    board = parsed(html)
    assert not board.has("#findings-summary")
    assert not board.has(".finding-marker")


@pytest.mark.parametrize("person", ["member", "manager"])
def test_vendor_staff_see_the_linter_findings(client, noted, person):
    page = text_of(board_page(client, noted[person], noted["project"]))
    assert "What the linter finds" in page
    assert FINDING in page
