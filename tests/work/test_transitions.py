import importlib

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accord.activity.models import ActivityEntry
from accord.domain.errors import InvalidInput, NotFound, StaleWrite
from accord.domain.workflow import Action, ChangedMeanwhile, WorkflowError
from accord.projects.models import Project, ProjectTask, TaskStatus
from accord.work import services
from tests.accounts.factories import UserFactory
from tests.work.factories import ProjectFactory, staff, task


def today():
    return timezone.now().date()  # the crew's project runs on UTC


def act(actor, item, action, reason=""):
    return services.task_transition(
        actor=actor, task=item, action=action, expected_version=item.version, reason=reason
    )


def test_the_responsible_starts_and_submits_and_the_accountable_approves(crew):
    kickoff = task(crew.project, "kickoff")
    kickoff = act(crew.pm, kickoff, Action.START)
    assert (kickoff.status, kickoff.actual_start, kickoff.version) == (
        TaskStatus.IN_PROGRESS,
        today(),
        2,
    )
    kickoff = act(crew.pm, kickoff, "submit")
    assert (kickoff.status, kickoff.actual_finish) == (TaskStatus.AWAITING_APPROVAL, None)
    kickoff = act(crew.lead, kickoff, Action.APPROVE)
    assert (kickoff.status, kickoff.actual_finish, kickoff.version) == (TaskStatus.DONE, today(), 4)


def test_without_an_accountable_the_responsibles_submit_finishes(crew):
    build = act(crew.it, task(crew.project, "build"), Action.START)
    build = act(crew.it, build, Action.SUBMIT)
    assert build.status == TaskStatus.DONE
    assert build.actual_finish == today()


@pytest.mark.parametrize(
    ("who", "action", "start_from", "allowed"),
    [
        ("pm", Action.START, TaskStatus.NOT_STARTED, True),  # R
        ("lead", Action.START, TaskStatus.NOT_STARTED, True),  # A acts as R
        ("manager", Action.START, TaskStatus.NOT_STARTED, True),
        ("it", Action.START, TaskStatus.NOT_STARTED, False),  # C
        ("tpa", Action.START, TaskStatus.NOT_STARTED, False),  # I
        ("pm", Action.APPROVE, TaskStatus.AWAITING_APPROVAL, False),
        ("lead", Action.APPROVE, TaskStatus.AWAITING_APPROVAL, True),
        ("manager", Action.APPROVE, TaskStatus.AWAITING_APPROVAL, True),
        ("pm", Action.REOPEN, TaskStatus.DONE, False),
        ("lead", Action.REOPEN, TaskStatus.DONE, True),
        ("pm", Action.MARK_NOT_APPLICABLE, TaskStatus.IN_PROGRESS, False),
        ("lead", Action.MARK_NOT_APPLICABLE, TaskStatus.IN_PROGRESS, False),
        ("manager", Action.MARK_NOT_APPLICABLE, TaskStatus.IN_PROGRESS, True),
        ("lead", Action.RESTORE, TaskStatus.NOT_APPLICABLE, False),
        ("manager", Action.RESTORE, TaskStatus.NOT_APPLICABLE, True),
    ],
)
def test_each_action_is_allowed_or_refused_by_capability(crew, who, action, start_from, allowed):
    kickoff = task(crew.project, "kickoff")
    kickoff.status = start_from
    kickoff.save()
    if allowed:
        assert act(getattr(crew, who), kickoff, action).version == kickoff.version + 1
    else:
        with pytest.raises(WorkflowError) as caught:
            act(getattr(crew, who), kickoff, action)
        assert caught.value.code == "workflow-not-allowed"
        assert task(crew.project, "kickoff").version == kickoff.version


def test_a_vendor_member_without_a_role_may_not_act(crew):
    member = staff(crew.project, "vendor-pm")  # a vendor member on another role's task
    with pytest.raises(WorkflowError):
        act(member, task(crew.project, "build"), Action.START)


def test_someone_who_cannot_see_the_project_gets_not_found(crew):
    stranger = UserFactory()
    other_customer = staff(ProjectFactory(workspace=crew.project.workspace), "customer-it")
    for person in (stranger, other_customer):
        with pytest.raises(NotFound):
            act(person, task(crew.project, "kickoff"), Action.START)


def test_a_stale_write_changes_nothing_and_says_who_changed_the_task(crew):
    seen = task(crew.project, "kickoff")
    act(crew.pm, seen, Action.START)
    with pytest.raises(StaleWrite) as caught:
        act(crew.lead, seen, Action.BLOCK, reason="waiting")
    assert isinstance(caught.value, ChangedMeanwhile)
    assert caught.value.changed_by == crew.pm.get_full_name()
    assert crew.pm.get_full_name() in caught.value.message
    assert caught.value.current_version == 2
    assert "Reload" in caught.value.hint
    now = task(crew.project, "kickoff")
    assert (now.status, now.version) == (TaskStatus.IN_PROGRESS, 2)
    assert ActivityEntry.objects.filter(verb="task.blocked").count() == 0


def test_a_refused_move_names_the_status_and_changes_nothing(crew):
    kickoff = task(crew.project, "kickoff")
    with pytest.raises(WorkflowError) as caught:
        act(crew.lead, kickoff, Action.APPROVE)
    assert caught.value.message == "Cannot approve a task that is not started."
    assert task(crew.project, "kickoff").version == 1
    assert not ActivityEntry.objects.exists()


def test_refusals_go_through_the_translation_catalogue(crew, monkeypatch):
    catalogue = {
        "You cannot {action} this task.": "Vous ne pouvez pas {action} cette tâche.",
        "start": "démarrer",
    }
    monkeypatch.setattr(services, "_", lambda text: catalogue.get(text, text))
    with pytest.raises(WorkflowError) as caught:
        act(crew.tpa, task(crew.project, "kickoff"), Action.START)
    assert caught.value.message == "Vous ne pouvez pas démarrer cette tâche."
    assert caught.value.code == "workflow-not-allowed"


def test_an_unknown_action_is_invalid_input(crew):
    with pytest.raises(InvalidInput) as caught:
        act(crew.pm, task(crew.project, "kickoff"), "finish")
    assert caught.value.problems[0].where == "action"


def test_sending_back_needs_a_reason_and_keeps_it(crew):
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    with pytest.raises(WorkflowError) as caught:
        act(crew.lead, kickoff, Action.SEND_BACK, reason=" ")
    assert caught.value.code == "workflow-reason-required"
    kickoff = act(crew.lead, kickoff, Action.SEND_BACK, reason="The agenda is missing")
    assert (kickoff.status, kickoff.status_reason) == (TaskStatus.IN_PROGRESS, "The agenda is missing")
    kickoff = act(crew.pm, kickoff, Action.SUBMIT)
    assert kickoff.status_reason == ""


def test_unblocking_returns_to_the_status_before_blocking(crew):
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    kickoff = act(crew.pm, kickoff, Action.BLOCK, reason="Customer on holiday")
    assert (kickoff.status, kickoff.status_reason) == (TaskStatus.BLOCKED, "Customer on holiday")
    kickoff = act(crew.pm, kickoff, Action.UNBLOCK)
    assert (kickoff.status, kickoff.status_reason) == (TaskStatus.AWAITING_APPROVAL, "")


def test_the_status_to_return_to_is_the_tasks_own_column_not_the_log(crew):
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    kickoff = act(crew.pm, kickoff, Action.BLOCK, reason="Customer on holiday")
    assert kickoff.status_before_block == TaskStatus.AWAITING_APPROVAL
    ActivityEntry.objects.all().delete()  # the log is for people to read, not for state
    kickoff = act(crew.pm, kickoff, Action.UNBLOCK)
    assert (kickoff.status, kickoff.status_before_block) == (TaskStatus.AWAITING_APPROVAL, "")


def test_leaving_blocked_any_other_way_forgets_the_status_to_return_to(crew):
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    kickoff = act(crew.pm, kickoff, Action.BLOCK, reason="Customer on holiday")
    kickoff = act(crew.manager, kickoff, Action.MARK_NOT_APPLICABLE, reason="Out of scope")
    assert (kickoff.status, kickoff.status_before_block) == (TaskStatus.NOT_APPLICABLE, "")


def test_the_migration_fills_the_status_to_return_to_from_the_log(crew):
    # The models as that migration knew them (tasks were then the work app's).
    apps = MigrationExecutor(connection).loader.project_state(("work", "0002_task_status_before_block")).apps
    migration = importlib.import_module("accord.work.migrations.0002_task_status_before_block")
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    kickoff = act(crew.pm, kickoff, Action.BLOCK, reason="Customer on holiday")
    build = act(crew.it, act(crew.it, task(crew.project, "build"), Action.START), Action.BLOCK, reason="x")
    build = act(crew.it, build, Action.UNBLOCK)  # no longer blocked: nothing to remember
    ProjectTask.objects.update(status_before_block="")  # as before the column existed
    migration.fill_from_the_log(apps, None)
    assert dict(
        ProjectTask.objects.filter(key__in=["kickoff", "build"]).values_list("key", "status_before_block")
    ) == {
        "kickoff": TaskStatus.AWAITING_APPROVAL,
        "build": "",
    }
    kickoff.refresh_from_db()
    assert act(crew.pm, kickoff, Action.UNBLOCK).status == TaskStatus.AWAITING_APPROVAL


def test_reopen_clears_the_finish_and_restore_clears_both_dates(crew):
    build = act(crew.it, act(crew.it, task(crew.project, "build"), Action.START), Action.SUBMIT)
    with pytest.raises(WorkflowError):
        act(crew.it, build, Action.REOPEN)  # no Accountable: a manager reopens
    build = act(crew.manager, build, Action.REOPEN)
    assert (build.status, build.actual_start, build.actual_finish) == (
        TaskStatus.IN_PROGRESS,
        today(),
        None,
    )
    build = act(crew.manager, build, Action.MARK_NOT_APPLICABLE)
    build = act(crew.manager, build, Action.RESTORE)
    assert (build.status, build.actual_start, build.actual_finish) == (TaskStatus.NOT_STARTED, None, None)


def test_actual_dates_are_on_the_projects_calendar(crew, settings):
    crew.project.time_zone = "Pacific/Kiritimati"  # UTC+14: already tomorrow for most of the day
    crew.project.save()
    kickoff = act(crew.pm, task(crew.project, "kickoff"), Action.START)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    assert kickoff.actual_start == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()


def test_every_move_is_logged_with_before_and_after(crew):
    kickoff = act(crew.pm, task(crew.project, "kickoff"), Action.START)
    act(crew.pm, kickoff, Action.BLOCK, reason="waiting for access")
    blocked, started = ActivityEntry.objects.filter(project=crew.project)
    assert (started.verb, started.actor, started.target_type, started.target_key) == (
        "task.started",
        crew.pm,
        "task",
        "kickoff",
    )
    assert started.before["status"] == "not_started"
    assert started.after["status"] == "in_progress"
    assert started.after["actual_start"] == today().isoformat()
    assert (started.before["version"], started.after["version"]) == (1, 2)
    assert blocked.before["status"] == "in_progress"
    assert blocked.after == blocked.after | {
        "status": "blocked",
        "reason": "waiting for access",
        "version": 3,
    }
    assert "Kick-off" in blocked.summary


def test_every_move_replans_the_project(crew):
    Project.objects.filter(pk=crew.project.pk).update(forecast_at=None)
    act(crew.pm, task(crew.project, "kickoff"), Action.START)
    crew.project.refresh_from_db()
    assert crew.project.forecast_at is not None
    assert task(crew.project, "kickoff").planned_finish is not None


def test_a_refused_move_does_not_replan(crew):
    Project.objects.filter(pk=crew.project.pk).update(forecast_at=None)
    with pytest.raises(WorkflowError):
        act(crew.tpa, task(crew.project, "kickoff"), Action.START)
    crew.project.refresh_from_db()
    assert crew.project.forecast_at is None


def test_a_move_inside_a_rolled_back_transaction_leaves_no_trace(crew):
    def start_then_fail():
        with transaction.atomic():
            act(crew.pm, task(crew.project, "kickoff"), Action.START)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        start_then_fail()
    assert task(crew.project, "kickoff").status == TaskStatus.NOT_STARTED
    assert not ActivityEntry.objects.exists()
