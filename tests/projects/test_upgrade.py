import datetime as dt
from dataclasses import replace

import pytest

from accord.activity.models import ActivityEntry
from accord.domain.errors import InvalidInput, StaleWrite
from accord.domain.planning import PlanningError
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import dump_playbook, load_playbook, playbook_to_data
from accord.playbooks import builtin_playbook
from accord.projects import services
from accord.projects.models import Project, ProjectTask, RaciCell, RoleAssignment, TaskStatus
from accord.workspaces.models import MembershipKind
from tests.projects.factories import (
    CHANGED_TASK,
    DROPPED_ROLE,
    REMOVED_TASK,
    manager_of,
    project_made,
    version_two,
)
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db

KEPT_TASK = "tomorro-side-operational-feasibility"


@pytest.fixture
def manager():
    return manager_of()


@pytest.fixture
def project(manager):
    return project_made(manager)


def snapshot(project):
    project = Project.objects.get(pk=project.pk)
    return (
        project.version,
        project.playbook_version,
        project.playbook_data,
        sorted(ProjectTask.objects.filter(project=project).values_list("key", "status", "position")),
        sorted(
            RaciCell.objects.filter(task__project=project).values_list("task__key", "role_key", "letters")
        ),
        RoleAssignment.objects.filter(project=project).count(),
    )


def cell(project, task, role):
    found = RaciCell.objects.filter(task__project=project, task__key=task, role_key=role).first()
    return Raci(found.letters) if found else Raci(0)


def test_the_preview_lists_the_changes_and_changes_nothing(manager, project):
    before = snapshot(project)
    difference = services.project_upgrade_preview(actor=manager.user, project=project, playbook=version_two())
    assert [item.key for item in difference.roles_removed] == [DROPPED_ROLE]
    assert [change.key for change in difference.roles_renamed] == ["project-manager"]
    assert [item.key for item in difference.tasks_removed] == [REMOVED_TASK]
    assert [item.key for item in difference.tasks_added] == ["security-review"]
    changed = {change.key: change for change in difference.tasks_changed}
    assert changed[CHANGED_TASK].cell("account-manager").after == Raci.C
    assert (difference.version_before, difference.version_after) == ("1.0", "1.1")
    assert snapshot(project) == before


def test_upgrade_applies_the_new_version_and_keeps_the_work_done(manager, project):
    ProjectTask.objects.filter(project=project, key=KEPT_TASK).update(
        status=TaskStatus.DONE, actual_start=dt.date(2026, 3, 3), actual_finish=dt.date(2026, 3, 4)
    )
    admin_person = MembershipFactory(workspace=manager.workspace, kind=MembershipKind.VENDOR_MEMBER).user
    services.role_assign(
        actor=manager.user, project=project, role_key=DROPPED_ROLE, user=admin_person, confirm_cross_side=True
    )

    upgraded = services.project_upgrade(
        actor=manager.user, project=project, playbook=version_two(), expected_version=project.version
    )

    assert (upgraded.version, upgraded.playbook_version) == (project.version + 1, "1.1")
    assert upgraded.playbook_data == playbook_to_data(version_two())
    kept = ProjectTask.objects.get(project=project, key=KEPT_TASK)
    assert (kept.status, kept.actual_start, kept.actual_finish) == (
        TaskStatus.DONE,
        dt.date(2026, 3, 3),
        dt.date(2026, 3, 4),
    )
    assert not ProjectTask.objects.filter(project=project, key=REMOVED_TASK).exists()
    added = ProjectTask.objects.get(project=project, key="security-review")
    assert added.status == TaskStatus.NOT_STARTED
    assert added.planned_finish is not None
    assert cell(project, "security-review", "it-department") == Raci.R
    assert cell(project, CHANGED_TASK, "account-manager") == Raci.C
    assert not RaciCell.objects.filter(task__project=project, role_key=DROPPED_ROLE).exists()
    assert not RoleAssignment.objects.filter(project=project, role_key=DROPPED_ROLE).exists()
    view = version_two().for_variant(project.variant)
    assert list(
        ProjectTask.objects.filter(project=project).order_by("position").values_list("key", flat=True)
    ) == [task.key for task in view.tasks]
    entry = ActivityEntry.objects.get(project=project, verb="project.upgraded")
    assert entry.after["diff"]["tasks_added"] == [
        {"key": "security-review", "name": "Security review", "phase": "deal-evaluation"}
    ]
    assert entry.summary.startswith("1.0 -> 1.1")


def test_a_stale_version_changes_nothing(manager, project):
    before = snapshot(project)
    with pytest.raises(StaleWrite):
        services.project_upgrade(
            actor=manager.user, project=project, playbook=version_two(), expected_version=project.version + 5
        )
    assert snapshot(project) == before
    assert not ActivityEntry.objects.filter(verb="project.upgraded").exists()


def test_a_cell_edited_on_the_project_survives_where_the_playbook_did_not_change(manager, project):
    RaciCell.objects.filter(task__project=project, task__key=KEPT_TASK, role_key="account-manager").update(
        letters=int(Raci.C)
    )
    services.project_upgrade(actor=manager.user, project=project, playbook=version_two(), expected_version=1)
    assert cell(project, KEPT_TASK, "account-manager") == Raci.C


def test_another_playbook_or_a_lost_variant_is_refused(manager, project):
    with pytest.raises(InvalidInput) as error:
        services.project_upgrade_preview(
            actor=manager.user, project=project, playbook=builtin_playbook("paylocity-integration")
        )
    assert {problem.where for problem in error.value.problems} == {"playbook", "variant"}
    no_variants = replace(version_two(), variants=version_two().variants[1:])
    with pytest.raises(InvalidInput) as error:
        services.project_upgrade(
            actor=manager.user, project=project, playbook=no_variants, expected_version=1
        )
    assert [problem.where for problem in error.value.problems] == ["variant"]


def test_a_member_may_not_upgrade(manager, project):
    member = MembershipFactory(workspace=manager.workspace, kind=MembershipKind.VENDOR_MEMBER).user
    with pytest.raises(services.NotAllowed):
        services.project_upgrade(actor=member, project=project, playbook=version_two(), expected_version=1)


def test_owner_choices_survive_an_upgrade(manager):
    project = project_made(
        manager, "paylocity-integration", country="US", alternative_choices={"first-level-support": "tpa"}
    )
    old = builtin_playbook("paylocity-integration")
    newer = replace(old, version="1.1", description="Reworded")
    upgraded = services.project_upgrade(
        actor=manager.user, project=project, playbook=newer, expected_version=1
    )
    assert upgraded.alternative_choices["first-level-support"] == "tpa"
    assert cell(project, "first-level-support", "tpa") == Raci.R
    assert cell(project, "first-level-support", "cit") == Raci(0)


def test_a_later_playbook_version_changes_no_running_project(manager, tmp_path):
    path = tmp_path / "tomorro.yaml"
    path.write_text(dump_playbook(builtin_playbook("tomorro-integration")))
    project = project_made(manager, load_playbook(path), playbook_source=str(path))
    before = snapshot(project)

    path.write_text(dump_playbook(version_two()))  # the playbook is edited and republished
    assert load_playbook(path).version == "1.1"
    services.project_replan(project=project)  # even replanning reads the project's own copy

    assert snapshot(project) == before
    assert Project.objects.get(pk=project.pk).playbook_version == "1.0"


def test_the_baseline_can_be_set_again(manager, project):
    updated = services.project_baseline_set(
        actor=manager.user, project=project, expected_version=1, go_live=dt.date(2026, 12, 1)
    )
    assert (updated.go_live_baseline, updated.version) == (dt.date(2026, 12, 1), 2)
    with pytest.raises(StaleWrite):
        services.project_baseline_set(actor=manager.user, project=project, expected_version=1)
    reset = services.project_baseline_set(actor=manager.user, project=project, expected_version=2)
    assert reset.go_live_baseline == reset.go_live_p80


def test_an_upgrade_that_cannot_be_planned_changes_nothing(manager, project):
    before = snapshot(project)
    # Other tasks wait for this one: the new version cannot be planned.
    broken = version_two(removed="tomorro-side-technical-feasibility")
    with pytest.raises(PlanningError) as error:
        services.project_upgrade(actor=manager.user, project=project, playbook=broken, expected_version=1)
    assert "tomorro-side-technical-feasibility" in error.value.message
    assert snapshot(project) == before
    assert not ActivityEntry.objects.filter(verb="project.upgraded").exists()
