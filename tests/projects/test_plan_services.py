"""Editing a running project's plan: every edit changes the copy and the task rows together,
replans at once, is logged, refuses stale versions and cycles, and only managers may make it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.catalog.models import WorkspacePlaybook
from accord.domain.errors import InvalidInput, NotFound, StaleWrite
from accord.domain.planning import compile_network
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import loads_playbook
from accord.projects import plan_services as plan
from accord.projects.access import NotAllowed
from accord.projects.models import Project, ProjectTask, RaciCell
from accord.projects.planning import project_playbook
from accord.workspaces.models import MembershipKind
from tests.projects.factories import TODAY, manager_of, playbook_of_size, project_made

pytestmark = pytest.mark.django_db


@pytest.fixture
def made():
    manager = manager_of()
    project = project_made(manager, playbook_of_size(12))
    return manager.user, project


def _rows(project: Project) -> list[tuple[str, str, int]]:
    return list(
        ProjectTask.objects.filter(project=project)
        .order_by("position")
        .values_list("key", "phase_key", "position")
    )


def _fresh(project: Project) -> Project:
    return Project.objects.get(pk=project.pk)


def test_adding_a_task_puts_it_in_the_copy_and_the_rows_with_its_cells_and_dates(made):
    user, project = made
    task = plan.plan_task_add(
        actor=user,
        project=project,
        expected_version=project.version,
        name="Security review",
        phase_key="phase-1",
        before_key="task-11",
        raci={"lead": Raci.A, "builder": Raci.R},
        duration="4-6 weeks",
        today=TODAY,
    )
    project = _fresh(project)
    assert task.key == "security-review"
    assert [key for key, _phase, _pos in _rows(project)][-3:] == ["task-10", "security-review", "task-11"]
    assert project_playbook(project).task("security-review").timing.duration.business_days == (20, 25, 30)
    assert dict(RaciCell.objects.filter(task=task).values_list("role_key", "letters")) == {
        "lead": 2,
        "builder": 1,
    }
    assert task.planned_start is not None
    assert task.planned_finish > task.planned_start
    assert project.version == 2
    entry = ActivityEntry.objects.get(verb=Verb.PLAN_TASK_ADDED)
    assert (entry.actor, entry.target_key) == (user, "security-review")


def test_a_new_key_is_the_slug_of_the_name_unique_in_the_project(made):
    user, project = made
    first = plan.plan_task_add(
        actor=user, project=project, expected_version=1, name="Task 3!", phase_key="phase-0"
    )
    second = plan.plan_task_add(
        actor=user, project=project, expected_version=2, name="Task 3", phase_key="phase-0"
    )
    assert (first.key, second.key) == ("task-3-2", "task-3-3")


def test_renaming_changes_the_name_on_the_row_and_in_the_copy_and_is_logged(made):
    user, project = made
    plan.plan_task_rename(
        actor=user, project=project, expected_version=1, task_key="task-2", name="  Data   mapping "
    )
    project = _fresh(project)
    assert ProjectTask.objects.get(project=project, key="task-2").name == "Data mapping"
    assert project_playbook(project).task("task-2").name == "Data mapping"
    entry = ActivityEntry.objects.get(verb=Verb.PLAN_TASK_RENAMED)
    assert (entry.before["name"], entry.after["name"]) == ("Task 2", "Data mapping")


def test_removing_then_putting_back_restores_the_task_its_place_and_its_edited_cells(made):
    user, project = made
    task = ProjectTask.objects.get(project=project, key="task-4")
    RaciCell.objects.filter(task=task, role_key="builder").update(letters=int(Raci.R | Raci.C))
    plan.plan_task_rename(
        actor=user, project=project, expected_version=1, task_key="task-5", name="Waits for 4"
    )
    plan.plan_task_timing_set(
        actor=user,
        project=project,
        expected_version=2,
        task_key="task-6",
        after=[plan.Dependency("task-4", 2)],
    )
    plan.plan_task_remove(actor=user, project=project, expected_version=3, task_key="task-4", today=TODAY)
    project = _fresh(project)
    assert "task-4" not in [key for key, _p, _n in _rows(project)]
    assert not any(task.key == "task-4" for task in project_playbook(project).tasks)
    # The task that waited for it no longer names it.
    assert project_playbook(project).task("task-6").timing is None
    [removal] = plan.removed_tasks(project)

    back = plan.plan_task_put_back(actor=user, project=project, expected_version=4, removal_id=removal.pk)
    project = _fresh(project)
    assert [key for key, _p, _n in _rows(project)][3:6] == ["task-3", "task-4", "task-5"]
    assert RaciCell.objects.get(task=back, role_key="builder").letters == int(Raci.R | Raci.C)
    assert back.planned_finish is not None
    assert plan.removed_tasks(project) == []
    assert ActivityEntry.objects.filter(verb=Verb.PLAN_TASK_PUT_BACK, target_key="task-4").exists()


def test_putting_back_an_unknown_removal_is_not_found(made):
    user, project = made
    with pytest.raises(NotFound):
        plan.plan_task_put_back(actor=user, project=project, expected_version=1, removal_id=999_999)


def test_the_last_task_cannot_be_removed():
    manager = manager_of()
    project = project_made(manager, playbook_of_size(1))
    with pytest.raises(InvalidInput) as caught:
        plan.plan_task_remove(actor=manager.user, project=project, expected_version=1, task_key="task-0")
    assert caught.value.problems[0].code == "plan-last-task"


def test_moving_a_task_to_another_phase_reorders_the_rows(made):
    user, project = made
    plan.plan_task_move(
        actor=user,
        project=project,
        expected_version=1,
        task_key="task-1",
        phase_key="phase-1",
        before_key="task-10",
    )
    rows = _rows(_fresh(project))
    assert [key for key, _p, _n in rows][-3:] == ["task-1", "task-10", "task-11"]
    assert {key: phase for key, phase, _n in rows}["task-1"] == "phase-1"
    assert [position for _k, _p, position in rows] == list(range(1, 13))
    assert ActivityEntry.objects.get(verb=Verb.PLAN_TASK_MOVED).after["phase"] == "phase-1"


def test_a_longer_duration_moves_the_planned_go_live_at_once(made):
    user, project = made
    before = project.go_live_planned
    plan.plan_task_timing_set(
        actor=user, project=project, expected_version=1, task_key="task-2", duration="3/5/8 weeks"
    )
    project = _fresh(project)
    assert project.go_live_planned > before
    assert project_playbook(project).task("task-2").timing.duration.business_days == (15, 25, 40)
    assert ActivityEntry.objects.filter(verb=Verb.PLAN_TASK_TIMING_SET, target_key="task-2").exists()


def test_a_dependency_with_a_lag_delays_the_task(made):
    user, project = made
    before = ProjectTask.objects.get(project=project, key="task-5").planned_start
    plan.plan_task_timing_set(
        actor=user,
        project=project,
        expected_version=1,
        task_key="task-5",
        after=[plan.Dependency("task-3", 10)],
    )
    project = _fresh(project)
    after = ProjectTask.objects.get(project=project, key="task-5").planned_start
    assert (after - before).days >= 10  # ten business days more: at least two weeks
    assert project_playbook(project).task("task-5").timing.after[0].lag == 10


@pytest.mark.parametrize(
    ("duration", "code"),
    [("soon", "duration-invalid"), ("6-4 weeks", "duration-invalid"), ("3 days", "duration-invalid")],
)
def test_an_unreadable_duration_is_refused_naming_the_field(made, duration, code):
    user, project = made
    with pytest.raises(InvalidInput) as caught:
        plan.plan_task_timing_set(
            actor=user, project=project, expected_version=1, task_key="task-2", duration=duration
        )
    assert (caught.value.problems[0].code, caught.value.problems[0].where) == (code, "duration")
    assert _fresh(project).version == 1


def test_a_cycle_is_refused_with_a_message_naming_the_tasks(made):
    user, project = made
    with pytest.raises(InvalidInput) as caught:
        plan.plan_task_timing_set(
            actor=user,
            project=project,
            expected_version=1,
            task_key="task-2",
            after=[plan.Dependency("task-5")],
        )
    problem = caught.value.problems[0]
    assert problem.code == "plan-cycle"
    assert "Task 2" in problem.message
    assert "Task 5" in problem.message
    assert _fresh(project).version == 1
    assert project_playbook(_fresh(project)).task("task-2").timing is None


def test_a_stale_edit_changes_nothing(made):
    user, project = made
    plan.plan_task_rename(actor=user, project=project, expected_version=1, task_key="task-2", name="First")
    with pytest.raises(StaleWrite):
        plan.plan_task_rename(
            actor=user, project=project, expected_version=1, task_key="task-2", name="Second"
        )
    assert ProjectTask.objects.get(project=project, key="task-2").name == "First"


@pytest.mark.parametrize("kind", [MembershipKind.VENDOR_MEMBER])
def test_vendor_members_may_not_edit_the_plan(made, kind):
    _user, project = made
    member = manager_of(project, kind=kind)
    with pytest.raises(NotAllowed):
        plan.plan_task_rename(
            actor=member.user, project=project, expected_version=1, task_key="task-2", name="X"
        )


def test_people_of_another_workspace_get_not_found(made):
    _user, project = made
    stranger = manager_of()
    with pytest.raises(NotFound):
        plan.plan_task_remove(actor=stranger.user, project=project, expected_version=1, task_key="task-2")


def test_the_go_live_is_the_marked_milestone_not_the_last_one():
    manager = manager_of()
    project = project_made(manager, "socialtalent-onboarding")
    assert plan.go_live_key(project) == "close-onboarding"
    launch_finish = None
    plan.plan_go_live_mark(
        actor=manager.user,
        project=project,
        expected_version=project.version,
        task_key="learner-launch-kick-off-call",
        today=TODAY,
    )
    project = _fresh(project)
    launch_finish = ProjectTask.objects.get(
        project=project, key="learner-launch-kick-off-call"
    ).planned_finish
    close_finish = ProjectTask.objects.get(project=project, key="close-onboarding").planned_finish
    assert plan.go_live_key(project) == "learner-launch-kick-off-call"
    assert project.go_live_planned == launch_finish < close_finish
    assert ActivityEntry.objects.filter(verb=Verb.PLAN_GO_LIVE_MARKED).exists()


def test_only_a_milestone_can_be_the_go_live(made):
    user, project = made
    with pytest.raises(InvalidInput) as caught:
        plan.plan_go_live_mark(actor=user, project=project, expected_version=1, task_key="task-2")
    assert caught.value.problems[0].code == "go-live-not-milestone"


def test_saving_the_plan_adds_a_catalogue_version_with_the_projects_letters(made):
    user, project = made
    task = ProjectTask.objects.get(project=project, key="task-3")
    RaciCell.objects.filter(task=task, role_key="builder").update(letters=int(Raci.C))
    plan.plan_task_add(actor=user, project=project, expected_version=1, name="Extra", phase_key="phase-0")
    defaults = plan.plan_playbook_defaults(project)
    assert defaults["version"] == "1.1"
    preview = plan.plan_playbook_preview(actor=user, project=project, **defaults)
    assert preview.findings  # the linter's findings come before the save
    saved = plan.plan_playbook_save(actor=user, project=_fresh(project), **defaults)
    playbook = loads_playbook(saved.content)
    assert (saved.key, saved.version) == ("generated", "1.1")
    assert playbook.task("task-3").cell("builder") == Raci.C
    assert playbook.task("extra").name == "Extra"
    assert ActivityEntry.objects.filter(verb=Verb.PLAN_SAVED_AS_PLAYBOOK, project=project).exists()
    with pytest.raises(InvalidInput) as caught:
        plan.plan_playbook_save(actor=user, project=_fresh(project), **defaults)
    assert caught.value.problems[0].where == "version"
    assert WorkspacePlaybook.objects.count() == 1


# --- Property: any sequence of valid edits leaves a plan the planner accepts ----------------------

_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["add", "remove", "move", "after", "before", "milestone", "rename"]),
        st.integers(0, 40),
        st.integers(0, 40),
        st.integers(0, 5),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=_EDITS)
def test_any_sequence_of_edits_leaves_a_plan_the_planner_accepts(edits):
    manager = manager_of()
    project = project_made(manager, playbook_of_size(6))
    user = manager.user
    for action, first, second, lag in edits:
        project = _fresh(project)
        keys = [task.key for task in project_playbook(project).tasks]
        key, other = keys[first % len(keys)], keys[second % len(keys)]
        phases = [phase.key for phase in project_playbook(project).phases]
        version = project.version
        refused_codes: set[str] | None = None
        try:
            if action == "add":
                plan.plan_task_add(
                    actor=user,
                    project=project,
                    expected_version=version,
                    name=f"New {first}",
                    phase_key=phases[second % len(phases)],
                )
            elif action == "remove":
                plan.plan_task_remove(actor=user, project=project, expected_version=version, task_key=key)
            elif action == "move":
                plan.plan_task_move(
                    actor=user,
                    project=project,
                    expected_version=version,
                    task_key=key,
                    phase_key=phases[second % len(phases)],
                    before_key=other,
                )
            elif action == "after":
                plan.plan_task_timing_set(
                    actor=user,
                    project=project,
                    expected_version=version,
                    task_key=key,
                    after=[plan.Dependency(other, lag)],
                )
            elif action == "before":
                plan.plan_task_timing_set(
                    actor=user, project=project, expected_version=version, task_key=key, before=[other]
                )
            elif action == "milestone":
                plan.plan_task_timing_set(
                    actor=user, project=project, expected_version=version, task_key=key, milestone=True
                )
                plan.plan_go_live_mark(
                    actor=user, project=project, expected_version=version + 1, task_key=key
                )
            else:
                plan.plan_task_rename(
                    actor=user, project=project, expected_version=version, task_key=key, name=f"Renamed {lag}"
                )
        except InvalidInput as refused:
            refused_codes = {problem.code for problem in refused.problems}
        if refused_codes is not None:
            # Refused edits change nothing, and a refused dependency is a cycle or a self-link.
            assert _fresh(project).version == version
            assert refused_codes <= {"plan-cycle", "plan-self-dependency", "plan-last-task"}
        project = _fresh(project)
        compile_network(project_playbook(project))  # no cycle, no dangling link
        assert sorted(key for key, _p, _n in _rows(project)) == sorted(
            task.key for task in project_playbook(project).tasks
        )
        assert project.go_live_planned is not None
        assert not ProjectTask.objects.filter(project=project, planned_finish__isnull=True).exists()
        assert project.go_live_planned >= dt.date(2026, 3, 2)
