"""Several cells at once: a bulk edit and a safe fix are one change, in one transaction, with one
activity entry, and the board's Undo puts every cell back. Contacts' exports carry no internal notes."""

import pytest

from accord.activity.models import ActivityEntry
from accord.domain.errors import NotFound
from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.projects.models import RaciCell
from accord.work import services
from accord.work.services import CellChange, RaciNotAllowed, UndoImpossible
from tests.html import page as parsed
from tests.projects.factories import manager_of
from tests.work.factories import project_with_tasks, staff, task

pytestmark = pytest.mark.django_db

R, A, C, I = Raci.R, Raci.A, Raci.C, Raci.I  # noqa: E741 the letters


def cells(project, key):
    return {
        cell.role_key: Raci(cell.letters)
        for cell in RaciCell.objects.filter(task__project=project, task__key=key)
    }


def test_a_column_set_at_once_is_one_change_and_one_undo(crew):
    project = crew.project
    kickoff, build = task(project, "kickoff"), task(project, "build")
    entry = services.raci_cells_set(
        actor=crew.manager,
        project=project,
        changes=[CellChange(kickoff.pk, "partner-tpa", C), CellChange(build.pk, "partner-tpa", C)],
        expected_versions={kickoff.pk: kickoff.version, build.pk: build.version},
    )
    assert entry is not None
    assert entry.verb == "raci.bulk_changed"
    assert ActivityEntry.objects.count() == 1
    assert cells(project, "kickoff")["partner-tpa"] == C
    assert cells(project, "build")["partner-tpa"] == C
    assert task(project, "build").version == build.version + 1

    services.raci_bulk_undo(actor=crew.manager, activity_entry_id=entry.pk)
    assert cells(project, "kickoff")["partner-tpa"] == I
    assert "partner-tpa" not in cells(project, "build")
    assert ActivityEntry.objects.latest("pk").verb == "raci.bulk_undone"


def test_a_stale_task_refuses_the_whole_edit(crew):
    project = crew.project
    kickoff, build = task(project, "kickoff"), task(project, "build")
    services.raci_cell_set(
        actor=crew.manager, task=build, role_key="vendor-pm", letters=I, expected_version=build.version
    )
    with pytest.raises(services.ChangedMeanwhile):
        services.raci_cells_set(
            actor=crew.manager,
            project=project,
            changes=[CellChange(kickoff.pk, "partner-tpa", C), CellChange(build.pk, "partner-tpa", C)],
            expected_versions={kickoff.pk: kickoff.version, build.pk: build.version},
        )
    assert cells(project, "kickoff")["partner-tpa"] == I  # nothing changed


def test_members_and_contacts_cannot_bulk_edit(crew):
    kickoff = task(crew.project, "kickoff")
    with pytest.raises(RaciNotAllowed):
        services.raci_cells_set(
            actor=crew.pm, project=crew.project, changes=[CellChange(kickoff.pk, "partner-tpa", C)]
        )
    with pytest.raises(RaciNotAllowed):
        services.raci_cells_set(
            actor=crew.lead, project=crew.project, changes=[CellChange(kickoff.pk, "partner-tpa", C)]
        )


def test_a_task_of_another_project_is_not_found(crew):
    other = project_with_tasks(workspace=crew.project.workspace)
    with pytest.raises(NotFound):
        services.raci_cells_set(
            actor=crew.manager,
            project=crew.project,
            changes=[CellChange(task(other, "kickoff").pk, "partner-tpa", C)],
        )


def test_undo_refuses_when_a_cell_changed_since(crew):
    kickoff = task(crew.project, "kickoff")
    entry = services.raci_cells_set(
        actor=crew.manager, project=crew.project, changes=[CellChange(kickoff.pk, "partner-tpa", C)]
    )
    services.raci_cell_set(
        actor=crew.manager,
        task=kickoff,
        role_key="partner-tpa",
        letters=I,
        expected_version=kickoff.version + 1,
    )
    with pytest.raises(UndoImpossible):
        services.raci_bulk_undo(actor=crew.manager, activity_entry_id=entry.pk)


def two_responsibles() -> Playbook:
    return Playbook(
        key="twice",
        name="Twice",
        version="1",
        roles=(
            Role(
                "vendor-pm",
                "Project Manager",
                Side.VENDOR,
                description="Runs the project.",
                responsibilities=("Chairs the kick-off",),
            ),
            Role("customer-lead", "Project lead", Side.CUSTOMER),
            Role("customer-it", "IT department", Side.CUSTOMER),
        ),
        phases=(
            Phase(
                "start",
                "Start",
                (
                    Task(
                        "kickoff",
                        "Kick-off",
                        {"vendor-pm": R, "customer-it": R, "customer-lead": A},
                        notes=("Alternative reading: IT only Consulted.",),
                    ),
                    Task("build", "Build", {"customer-it": R, "vendor-pm": A, "customer-lead": I}),
                ),
            ),
        ),
    )


@pytest.fixture
def twice():
    project = project_with_tasks(two_responsibles())
    return {"project": project, "manager": manager_of(project).user, "lead": staff(project, "customer-lead")}


def test_the_board_previews_a_safe_fix_and_one_click_applies_it_undoably(client, twice):
    project = twice["project"]
    client.force_login(twice["manager"])
    board = parsed(client.get(f"/projects/{project.pk}/board/").text)
    fixes = board.one(".board-fixes").text
    assert "Will change:" in fixes
    assert "IT department: R → C" in fixes
    kickoff = task(project, "kickoff")
    response = client.post(
        f"/projects/{project.pk}/board/fix/",
        {"task": kickoff.pk, "code": "RACI002", "version": kickoff.version},
    )
    assert response.status_code == 302
    assert cells(project, "kickoff") == {"vendor-pm": R, "customer-it": C, "customer-lead": A}
    entry = ActivityEntry.objects.get(verb="raci.bulk_changed")
    assert f"?changed={entry.pk}" in response["Location"]
    # The board offers Undo for it, and Undo puts the R back.
    notice = parsed(client.get(response["Location"]).text)
    assert notice.has(".board-changed form")
    assert client.post(f"/projects/{project.pk}/board/undo/{entry.pk}/").status_code == 302
    assert cells(project, "kickoff")["customer-it"] == R


def test_a_contact_sees_no_fix_and_cannot_apply_one(client, twice):
    project = twice["project"]
    client.force_login(twice["lead"])
    board = parsed(client.get(f"/projects/{project.pk}/board/").text)
    assert not board.has(".board-fixes")
    kickoff = task(project, "kickoff")
    response = client.post(
        f"/projects/{project.pk}/board/fix/",
        {"task": kickoff.pk, "code": "RACI002", "version": kickoff.version},
    )
    assert response.status_code == 403
    assert cells(project, "kickoff")["customer-it"] == R


def test_the_bulk_page_sets_a_row_without_javascript(client, twice):
    project = twice["project"]
    client.force_login(twice["manager"])
    build = task(project, "build")
    page = parsed(client.get(f"/projects/{project.pk}/board/bulk/", {"task": build.pk}).text)
    values = [field.get("value") for field in page.all("input[name=cell]")]
    assert f"{build.pk}:customer-lead:{build.version}" in values
    response = client.post(
        f"/projects/{project.pk}/board/bulk/",
        {
            "cell": [f"{build.pk}:customer-lead:{build.version}", f"{build.pk}:vendor-pm:{build.version}"],
            "set_letters": ["C"],
        },
    )
    assert response.status_code == 302
    assert cells(project, "build") == {"customer-it": R, "vendor-pm": C, "customer-lead": C}


def test_the_bulk_form_without_cells_says_what_to_do(client, twice):
    project = twice["project"]
    client.force_login(twice["manager"])
    response = client.post(f"/projects/{project.pk}/board/bulk/", {"set_letters": ["C"]})
    assert response.status_code == 422
    assert "Tick the cells to change first" in parsed(response.text).text


def test_each_role_header_discloses_the_roles_description(client, twice):
    client.force_login(twice["lead"])
    board = parsed(client.get(f"/projects/{twice['project'].pk}/board/").text)
    about = board.all("th.role details.role-about")
    assert about, "a <details> disclosure in the role header"
    texts = " ".join(item.text for item in about)
    assert "Runs the project." in texts
    assert "Chairs the kick-off" in texts


def test_the_board_has_the_project_tabs_with_board_current(client, twice):
    client.force_login(twice["lead"])
    board = parsed(client.get(f"/projects/{twice['project'].pk}/board/").text)
    current = board.all('.project-nav a[aria-current="page"]')
    assert [link.text.strip() for link in current] == ["Board"]


@pytest.mark.parametrize(("who", "sees"), [("manager", True), ("lead", False)])
def test_exports_carry_notes_to_vendor_staff_only(client, twice, who, sees):
    from accord.work import board_selectors

    _project, playbook = board_selectors.export_matrix(twice[who], twice["project"].pk)
    notes = [note for item in playbook.tasks for note in item.notes]
    assert bool(notes) is sees
    client.force_login(twice[who])
    for file_format in ("csv", "md"):
        response = client.get(f"/projects/{twice['project'].pk}/board/export.{file_format}")
        assert response.status_code == 200
        if not sees:
            assert "Alternative reading" not in response.content.decode()
