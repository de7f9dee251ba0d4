"""The RACI board page: the matrix, in-place cell edits with htmx, undo, stale versions, exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from accord.activity.models import ActivityEntry
from accord.domain.raci import Raci
from accord.formats.matrix import matrix_from_csv
from accord.playbooks import builtin_playbook
from accord.projects.models import RaciCell
from accord.work import services
from tests.html import Element, page
from tests.projects.factories import manager_of
from tests.work.factories import project_with_tasks, staff, task

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def board_url(project):
    return f"/projects/{project.pk}/board/"


def cell_post(client, project, task_row, role, letters, *, version=None, htmx=True):
    data = {"task": task_row.pk, "role": role, "version": version or task_row.version, "letters": letters}
    return client.post(f"{board_url(project)}cell/", data, headers=HTMX if htmx else {})


def editor_addresses(row: Element) -> list[str]:
    """The addresses each cell of a board row loads its editor from (lazily, or as a link)."""
    lazy = [editor.get("hx-get") for editor in row.all("div.cell-editor")]
    return lazy + [link.get("href") for link in row.all("div.cell-editor a")]


def letters(project, task_key, role):
    value = RaciCell.objects.filter(task__project=project, task__key=task_key, role_key=role).first()
    return Raci(value.letters if value else 0)


def test_the_board_shows_tasks_by_phase_roles_by_side_people_and_letters(client, crew):
    client.force_login(crew.lead)
    response = client.get(board_url(crew.project))
    assert response.status_code == 200
    board = page(response)
    # Phases as row groups, sides as column groups, people under their role.
    assert "Start" in [phase.text for phase in board.all("th[scope=rowgroup] span.phase-name")]
    customer = board.one("th[scope=colgroup].side-customer")
    assert (customer.text, customer.get("colspan")) == ("Customer", "2")
    assert crew.it.get_full_name() in board.text
    # Letters are text, with their meaning spelled out for assistive technology.
    assert ("A", "Accountable") in {(abbr.text, abbr.get("title")) for abbr in board.all("abbr")}
    assert "Not started" in board.text
    # A customer contact reads the matrix but gets no editor.
    assert not board.has("[popovertarget^=edit-]")
    assert not board.has("[hx-post]")


def test_findings_are_summarised_and_marked_on_their_row(client, crew):
    client.force_login(crew.pm)
    board = page(client.get(board_url(crew.project)))
    build = task(crew.project, "build")
    # "Build the connector" has no Accountable: summary entry linking to its row, and a marker there.
    summary = board.one("#findings-summary")
    assert summary.links()["Build the connector"] == f"#task-{build.pk}"
    assert "has no Accountable" in summary.text
    row = board.one(f"tr#task-{build.pk}")
    assert row.one("button.finding-marker").classes >= {"severity-error"}
    assert "1 finding" in row.text
    assert "name the one role that approves the work" in row.text  # the hint


def test_a_manager_edits_a_cell_in_place_and_gets_the_row_back(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    response = cell_post(client, crew.project, build, "customer-lead", ["A"])
    assert response.status_code == 200
    assert letters(crew.project, "build", "customer-lead") == Raci.A
    fragment = page(response)
    # The partial: the row first (no page around it), then the out-of-band findings and headers.
    row = fragment.elements[0]
    assert (row.tag, row.get("id")) == ("tr", f"task-{build.pk}")
    assert not fragment.has("html")
    assert fragment.one("#findings-summary").get("hx-swap-oob") == "true"
    assert fragment.one("tr#board-roles").get("hx-swap-oob") == "true"
    # The new version rides in every cell form of the row, and the finding is gone.
    addresses = editor_addresses(row)
    assert len(addresses) == 2 * 4  # each cell's editor link and lazy-load address
    assert all(address.endswith("?version=2") for address in addresses)
    assert not row.has(".finding-marker")
    assert "Saved: Build the connector · Project lead is now “A”." in row.text
    entry = ActivityEntry.objects.get(verb="raci.changed")
    assert row.one("form[hx-post]").get("hx-post") == f"/projects/{crew.project.pk}/board/undo/{entry.pk}/"


def test_undo_puts_the_cell_back_in_place(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    cell_post(client, crew.project, build, "customer-lead", ["A"])
    entry = ActivityEntry.objects.get(verb="raci.changed")
    response = client.post(f"{board_url(crew.project)}undo/{entry.pk}/", headers=HTMX)
    assert response.status_code == 200
    assert letters(crew.project, "build", "customer-lead") == Raci.I
    row = page(response).elements[0]
    assert (row.tag, row.get("id")) == ("tr", f"task-{build.pk}")
    assert "Undone: Build the connector · Project lead is back to “I”." in row.text
    assert all(address.endswith("?version=3") for address in editor_addresses(row))


def test_undo_after_a_later_change_is_refused_in_place(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    cell_post(client, crew.project, build, "customer-lead", ["A"])
    first = ActivityEntry.objects.get(verb="raci.changed")
    cell_post(client, crew.project, task(crew.project, "build"), "customer-lead", ["C"])
    response = client.post(f"{board_url(crew.project)}undo/{first.pk}/", headers=HTMX)
    assert response.status_code == 200
    assert "cannot be undone" in page(response).one("[role=alert]").text
    assert letters(crew.project, "build", "customer-lead") == Raci.C
    # Without htmx, the board says it with a conflict status.
    response = client.post(f"{board_url(crew.project)}undo/{first.pk}/")
    assert response.status_code == 409
    assert "cannot be undone" in response.text


def test_a_stale_version_changes_nothing_and_says_who_changed_the_task(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    services.raci_cell_set(
        actor=crew.manager,
        task=build,
        role_key="vendor-pm",
        letters=Raci.C | Raci.I,
        expected_version=1,
    )
    response = cell_post(client, crew.project, build, "customer-lead", ["A"], version=1)
    assert response.status_code == 200
    assert letters(crew.project, "build", "customer-lead") == Raci.I  # unchanged
    row = page(response).one(f"tr#task-{build.pk}")
    alert = row.one("[role=alert]").text
    assert f"was changed by {crew.manager.get_full_name()}" in alert
    assert "nothing was changed" in alert
    addresses = editor_addresses(row)  # the row's editors now carry the current version
    assert addresses
    assert all(address.endswith("?version=2") for address in addresses)
    cell = row.one(f"#cell-{build.pk}-customer-lead")
    assert cell.get("popovertarget") == f"edit-{build.pk}-customer-lead"
    assert "autofocus" in cell.attrs  # back on the cell that was refused
    # The same post without JavaScript: the board with the message, status 409.
    response = cell_post(client, crew.project, build, "customer-lead", ["A"], version=1, htmx=False)
    assert response.status_code == 409
    assert "nothing was changed" in response.text


def test_letters_and_not_applicable_together_are_refused_in_place(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    response = cell_post(client, crew.project, build, "customer-lead", ["A", "NA"])
    assert response.status_code == 200
    assert "A cell is either N/A or any of R, A, C, I." in response.text
    assert letters(crew.project, "build", "customer-lead") == Raci.I


def test_without_javascript_a_cell_post_redirects_to_the_board_with_its_undo(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    response = cell_post(client, crew.project, build, "customer-lead", ["NA"], htmx=False)
    entry = ActivityEntry.objects.get(verb="raci.changed")
    assert response.status_code == 302
    assert response["Location"] == f"{board_url(crew.project)}?changed={entry.pk}#task-{build.pk}"
    assert "Saved: Build the connector · Project lead is now “N/A”." in client.get(response["Location"]).text
    assert page(client.get(response["Location"])).has(
        f"form[action=/projects/{crew.project.pk}/board/undo/{entry.pk}/]"
    )
    response = client.post(f"{board_url(crew.project)}undo/{entry.pk}/")
    assert response.status_code == 302
    assert letters(crew.project, "build", "customer-lead") == Raci.I


def test_nothing_ticked_empties_the_cell(client, crew):
    client.force_login(crew.manager)
    cell_post(client, crew.project, task(crew.project, "kickoff"), "partner-tpa", [])
    assert letters(crew.project, "kickoff", "partner-tpa") == Raci(0)


def test_a_member_cannot_edit_even_by_hand(client, crew):
    client.force_login(crew.pm)
    response = cell_post(client, crew.project, task(crew.project, "build"), "customer-lead", ["A"])
    assert response.status_code == 403
    assert "Only a vendor manager or admin can" in response.content.decode()
    assert letters(crew.project, "build", "customer-lead") == Raci.I


def test_an_unknown_role_is_refused(client, crew):
    client.force_login(crew.manager)
    response = cell_post(client, crew.project, task(crew.project, "build"), "nobody", ["R"])
    assert "The project has no role “nobody”." in response.text


def test_a_malformed_cell_post_is_a_bad_request(client, crew):
    client.force_login(crew.manager)
    response = client.post(f"{board_url(crew.project)}cell/", {"task": "x", "role": "vendor-pm"})
    assert response.status_code == 400


# Exports


def test_the_csv_export_is_the_current_matrix(client, crew):
    client.force_login(crew.tpa)
    services.raci_cell_set(
        actor=crew.manager,
        task=task(crew.project, "build"),
        role_key="customer-lead",
        letters=Raci.A,
        expected_version=1,
    )
    response = client.get(f"{board_url(crew.project)}export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-raci.csv"')
    playbook = matrix_from_csv(response.content, where="export.csv")
    # CSV carries names, not keys: find the role and task by name.
    lead_role = next(role.key for role in playbook.roles if role.name == "Project lead")
    build = next(task_ for task_ in playbook.tasks if task_.name == "Build the connector")
    assert build.raci[lead_role] == Raci.A
    assert [task_.name for task_ in playbook.tasks] == ["Kick-off", "Build the connector", "Go live"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any("Build the connector" in row for row in rows)


def test_the_xlsx_and_markdown_exports(client, crew):
    client.force_login(crew.pm)
    response = client.get(f"{board_url(crew.project)}export.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    text = " ".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row)
    assert "Kick-off" in text
    assert crew.project.name in text
    response = client.get(f"{board_url(crew.project)}export.md")
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert "| Kick-off |" in response.content.decode()


def test_exports_go_through_the_access_rule_and_know_their_formats(client, crew):
    outsider = project_with_tasks()
    client.force_login(crew.pm)
    assert client.get(f"{board_url(outsider)}export.csv").status_code == 404
    assert client.get(f"{board_url(crew.project)}export.pdf").status_code == 404


def test_the_export_follows_the_projects_variant(client, db):
    playbook = builtin_playbook("tomorro-integration")
    project = project_with_tasks(playbook, variant="internal-api")
    viewer = staff(project, playbook.roles[0].key)
    client.force_login(viewer)
    exported = matrix_from_csv(client.get(f"{board_url(project)}export.csv").content, where="x.csv")
    expected = [task_.name for _phase, task_ in playbook.for_variant("internal-api").iter_tasks()]
    assert [task_.name for task_ in exported.tasks] == expected
    assert len(expected) < len(playbook.tasks)


# Query counts


def _bigger_project(tasks_per_phase):
    playbook = builtin_playbook("tomorro-integration")
    project = project_with_tasks(playbook, variant="internal-api")
    for role in playbook.roles[:tasks_per_phase]:
        staff(project, role.key, lead=True)
    return project


@pytest.mark.parametrize("size", ["small", "large"])
def test_the_board_page_takes_a_fixed_number_of_queries(client, crew, size, django_assert_max_num_queries):
    project = crew.project if size == "small" else _bigger_project(6)
    viewer = crew.manager if size == "small" else manager_of(project).user
    client.force_login(viewer)
    # 9 for the board, plus the navigation's unread-inbox count: the same for any size.
    with django_assert_max_num_queries(11):
        response = client.get(board_url(project))
    assert response.status_code == 200
    assert len(page(response).all("button.cell-button")) >= 12


def test_an_in_place_edit_takes_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    project = _bigger_project(6)
    client.force_login(manager_of(project).user)
    first = project.tasks.order_by("position").first()
    role = builtin_playbook("tomorro-integration").roles[0].key
    with django_assert_max_num_queries(30):
        response = cell_post(client, project, first, role, ["C"])
    assert "Saved:" in response.text


def test_a_cell_editor_loads_on_demand_and_keeps_the_boards_version(client, crew):
    """The board carries no editor forms; opening a cell fetches its editor, which keeps the
    version the board was drawn with so that a change made meanwhile is still refused."""
    client.force_login(crew.manager)
    project = crew.project
    assert "letters" not in page(client.get(board_url(project))).controls()
    kickoff = task(project, "kickoff")
    address = f"/projects/{project.pk}/board/cell/{kickoff.pk}/customer-it/"
    fragment = client.get(address, {"version": 1}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    editor = page(fragment)
    assert not editor.has("html")
    assert editor.value("version") == "1"
    assert editor.controls().count("letters") == 5
    alone = page(client.get(address, {"version": 1}))  # without JavaScript: a page of its own
    assert alone.has("html")
    assert "letters" in alone.controls()
    assert client.get(f"/projects/{project.pk}/board/cell/{kickoff.pk}/no-such-role/").status_code == 404
