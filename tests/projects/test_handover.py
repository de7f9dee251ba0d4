import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.projects import services
from accord.projects.handover import milestone_reached
from accord.projects.models import ProjectTask, RoleHandover, TaskStatus
from accord.projects.selectors import main_contacts, role_holder_now
from accord.workspaces.models import MembershipKind
from tests.projects.factories import manager_of, project_made
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DONE, NA, OPEN = TaskStatus.DONE.value, TaskStatus.NOT_APPLICABLE.value, TaskStatus.IN_PROGRESS.value


@pytest.mark.parametrize(
    ("after", "rows", "reached"),
    [
        ("b", [("a", "p", OPEN), ("b", "p", DONE)], True),
        ("b", [("a", "p", DONE), ("b", "p", OPEN)], False),
        ("b", [("b", "p", NA)], True),
        ("p", [("a", "p", DONE), ("b", "p", NA), ("c", "q", OPEN)], True),
        ("p", [("a", "p", DONE), ("b", "p", OPEN)], False),
        ("elsewhere", [("a", "p", DONE)], False),
    ],
)
def test_milestone_reached(after, rows, reached):
    assert milestone_reached(after, rows) is reached


@pytest.fixture
def staffed():
    """A Tomorro project (seed 000): Account Manager hands over to the CSM after deployment."""
    manager = manager_of()
    project = project_made(manager)
    account_manager = MembershipFactory(workspace=manager.workspace, kind=MembershipKind.VENDOR_MEMBER).user
    success_manager = MembershipFactory(workspace=manager.workspace, kind=MembershipKind.VENDOR_MEMBER).user
    services.role_assign(
        actor=manager.user, project=project, role_key="account-manager", user=account_manager
    )
    services.role_assign(
        actor=manager.user, project=project, role_key="customer-success-manager", user=success_manager
    )
    return project, account_manager, success_manager


def finish_deployment(project):
    ProjectTask.objects.filter(project=project, phase_key="deployment").update(status=TaskStatus.DONE)
    return ProjectTask.objects.filter(project=project, phase_key="deployment").last()


def test_the_account_manager_holds_the_role_until_deployment_then_the_csm(staffed):
    project, account_manager, success_manager = staffed
    assert role_holder_now(project, "account-manager") == account_manager
    finish_deployment(project)
    assert role_holder_now(project, "account-manager") == success_manager
    assert role_holder_now(project, "customer-success-manager") == success_manager
    contact = next(item for item in main_contacts(project) if item.role_key == "account-manager")
    assert contact.handed_over_to == "customer-success-manager"


def test_reopening_the_milestone_hands_the_role_back(staffed):
    project, account_manager, _success_manager = staffed
    task = finish_deployment(project)
    ProjectTask.objects.filter(pk=task.pk).update(status=TaskStatus.IN_PROGRESS)
    assert role_holder_now(project, "account-manager") == account_manager


def test_the_hand_over_is_recorded_once_when_its_milestone_is_done(staffed):
    project, account_manager, success_manager = staffed
    first = ProjectTask.objects.filter(project=project).order_by("position").first()
    assert services.handover_apply_if_due(project=project, task=first) == []

    deployment = ProjectTask.objects.filter(project=project, phase_key="deployment").last()
    assert services.handover_apply_if_due(project=project, task=deployment) == []  # not done yet

    task = finish_deployment(project)
    [entry] = services.handover_apply_if_due(project=project, task=task)
    assert entry.verb == "role.handed_over"
    assert entry.before == {
        "role": "account-manager",
        "holder": {
            "id": account_manager.pk,
            "email": account_manager.email,
            "name": account_manager.get_full_name(),
        },
    }
    assert entry.after["holder"]["id"] == success_manager.pk
    assert services.handover_apply_if_due(project=project, task=task) == []
    assert ActivityEntry.objects.filter(project=project, verb="role.handed_over").count() == 1
    assert list(RoleHandover.objects.filter(project=project).values_list("role_key", "to_role_key")) == [
        ("account-manager", "customer-success-manager")
    ]


def test_whether_the_hand_over_happened_is_the_projects_own_record_not_the_log(staffed):
    project, _account_manager, _success_manager = staffed
    task = finish_deployment(project)
    [_entry] = services.handover_apply_if_due(project=project, task=task)
    ActivityEntry.objects.filter(verb=Verb.ROLE_HANDED_OVER).delete()  # the log is not state
    assert services.handover_apply_if_due(project=project, task=task) == []
    assert not ActivityEntry.objects.filter(verb=Verb.ROLE_HANDED_OVER).exists()


def test_the_migration_records_the_hand_overs_the_log_holds(staffed):
    project, _account_manager, _success_manager = staffed
    task = finish_deployment(project)
    [entry] = services.handover_apply_if_due(project=project, task=task)
    RoleHandover.objects.all().delete()  # as before the table existed
    migration = importlib.import_module("accord.projects.migrations.0003_rolehandover")
    # The models as that migration knew them.
    apps = MigrationExecutor(connection).loader.project_state(("projects", "0003_rolehandover")).apps
    migration.fill_from_the_log(apps, None)
    migration.fill_from_the_log(apps, None)  # running it again changes nothing
    [row] = RoleHandover.objects.filter(project=project)
    assert (row.role_key, row.to_role_key, row.handed_over_at) == (
        "account-manager",
        "customer-success-manager",
        entry.created_at,
    )
    assert services.handover_apply_if_due(project=project, task=task) == []


def test_an_unstaffed_role_has_no_holder():
    project = project_made(manager_of())
    assert role_holder_now(project, "integration-manager") is None
    assert role_holder_now(project, "no-such-role") is None
    assert {item.role_key for item in main_contacts(project)} == {
        role["key"] for role in project.playbook_data["roles"]
    }
