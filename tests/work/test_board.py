import pytest

from accord.domain.errors import NotFound
from accord.domain.lint import lint
from accord.domain.playbook import Side
from accord.domain.raci import Raci
from accord.playbooks import builtin_playbook
from accord.projects.models import ProjectTask, RaciCell
from accord.work import selectors, services
from tests.accounts.factories import UserFactory
from tests.work.factories import project_with_tasks, small_playbook, staff, task


def test_the_board_shows_phases_tasks_cells_and_roles_by_side(crew):
    board = selectors.board(crew.pm, crew.project.pk)
    assert [(phase.key, [item.key for item in phase.tasks]) for phase in board.phases] == [
        ("start", ["kickoff", "build"]),
        ("live", ["go-live"]),
    ]
    kickoff = board.phases[0].tasks[0]
    assert kickoff.cells == {
        "vendor-pm": Raci.R,
        "customer-lead": Raci.A,
        "customer-it": Raci.C,
        "partner-tpa": Raci.I,
    }
    assert (kickoff.status, kickoff.version, kickoff.due_date) == (
        "not_started",
        1,
        crew.project.start_date.replace(day=12),
    )
    assert [(side.side, [role.key for role in side.roles]) for side in board.sides] == [
        (Side.VENDOR, ["vendor-pm"]),
        (Side.CUSTOMER, ["customer-lead", "customer-it"]),
        (Side.PARTNER, ["partner-tpa"]),
    ]
    [pm] = board.sides[0].roles[0].people
    assert (pm.user_id, pm.is_lead) == (crew.pm.pk, True)
    assert board.can_edit_raci is False
    assert selectors.board(crew.manager, crew.project.pk).can_edit_raci is True


def test_the_boards_findings_are_the_linters_on_the_current_raci(crew):
    before = selectors.board(crew.manager, crew.project.pk)
    assert before.findings == lint(small_playbook())
    assert not any(finding.task == "build" and finding.code == "RACI003" for finding in before.findings)
    build = task(crew.project, "build")
    services.raci_cell_set(
        actor=crew.manager, task=build, role_key="customer-it", letters=Raci(0), expected_version=1
    )
    after = selectors.board(crew.manager, crew.project.pk)
    assert "RACI003" in {finding.code for finding in after.phases[0].tasks[1].findings}  # nobody Responsible
    assert any(finding.task == "build" and finding.code == "RACI003" for finding in after.findings)


def test_the_board_follows_the_projects_variant(db):
    playbook = builtin_playbook("tomorro-integration")
    project = project_with_tasks(playbook, variant="internal-api")
    viewer = staff(project, playbook.roles[0].key)
    board = selectors.board(viewer, project.pk)
    shown = [item.key for phase in board.phases for item in phase.tasks]
    assert shown == [item.key for item in playbook.for_variant("internal-api").tasks]
    assert board.findings == lint(playbook.for_variant("internal-api"))


def test_outsiders_get_404(crew):
    with pytest.raises(NotFound):
        selectors.board(UserFactory(), crew.project.pk)


def test_the_board_takes_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    counts = []
    for playbook_key in ("tomorro-automation", "tomorro-integration"):
        playbook = builtin_playbook(playbook_key)
        project = project_with_tasks(playbook)
        viewer = staff(project, playbook.roles[0].key)
        for role in playbook.roles:
            staff(project, role.key)
        with django_assert_max_num_queries(7) as captured:
            board = selectors.board(viewer, project.pk)
        counts.append((len(captured), sum(len(phase.tasks) for phase in board.phases)))
    assert counts[0][0] == counts[1][0]
    assert counts[0][1] < counts[1][1]


def test_tasks_the_project_dropped_leave_the_board(crew):
    ProjectTask.objects.filter(key="build").delete()
    assert not RaciCell.objects.filter(task__key="build").exists()
    board = selectors.board(crew.pm, crew.project.pk)
    assert [item.key for item in board.phases[0].tasks] == ["kickoff"]
