"""Editing the plan through the API: each operation changes the plan as the plan page does, needs
the project's ETag in If-Match, refuses a loop naming its tasks, answers 403 to those who see the
project without managing it and 404 to the others, and puts a removed task back with its links."""

from __future__ import annotations

import json

import pytest

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.catalog.models import WorkspacePlaybook
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_playbook, project_replan
from accord.workspaces.models import Membership, MembershipKind
from tests.accounts.factories import UserFactory
from tests.apikit.factories import bearer
from tests.work.factories import Crew
from tests.workspaces.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew(db):
    crew = Crew()
    project_replan(project=crew.project)
    return crew


def _tag(project: Project) -> str:
    project.refresh_from_db()
    return f'"{project.pk}-{project.version}"'


def send(client, method, path, user, body=None, *, if_match=None, scope="write"):
    headers = bearer(user, scope) | ({"If-Match": if_match} if if_match else {})
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(path, headers=headers, **kwargs)


def base(project: Project) -> str:
    return f"/api/v1/projects/{project.pk}/plan"


def task_of(body, key):
    return next(task for phase in body["phases"] for task in phase["tasks"] if task["key"] == key)


def test_adding_a_task_after_another_with_a_lag_moves_the_go_live(client, crew):
    project = crew.project
    project.refresh_from_db()
    go_live_before = project.go_live_planned
    added = send(
        client,
        "post",
        base(project) + "/tasks",
        crew.manager,
        {"name": "Security review", "phase_key": "start", "duration": "5", "raci": {"vendor-pm": "RA"}},
        if_match=_tag(project),
    )
    assert added.status_code == 201, added.content
    task = ProjectTask.objects.get(project=project, key="security-review")
    assert added["Location"] == f"/api/v1/tasks/{task.pk}"
    timed = send(
        client,
        "patch",
        base(project) + "/tasks/security-review",
        crew.manager,
        {"timing": {"duration": "5", "after": [{"task": "build", "lag": 3}]}},
        if_match=added["ETag"],
    )
    assert timed.status_code == 200, timed.content
    body = timed.json()
    project.refresh_from_db()
    assert timed["ETag"] == f'"{project.pk}-{project.version}"'
    assert task_of(body, "security-review")["raci"] == {"vendor-pm": "R/A"}
    assert body["go_live"]["planned"] > go_live_before.isoformat()
    link = project_playbook(project).task("security-review").timing.after[0]
    assert (link.task, link.lag) == ("build", 3)


def test_a_loop_is_refused_naming_the_tasks_and_nothing_changes(client, crew):
    project = crew.project
    tag = _tag(project)
    response = send(
        client,
        "patch",
        base(project) + "/tasks/kickoff",
        crew.manager,
        {"timing": {"after": [{"task": "build"}]}, "name": "Kick-off renamed"},
        if_match=tag,
    )
    assert response.status_code == 422
    detail = response.json()["details"][0]
    assert detail["code"] == "plan-cycle"
    assert "Kick-off" in detail["message"]
    assert "Build the connector" in detail["message"]
    assert _tag(project) == tag  # the rename in the same request was undone too
    assert ProjectTask.objects.get(project=project, key="kickoff").name == "Kick-off"


def test_a_stale_if_match_is_refused_with_412_and_a_missing_one_with_428(client, crew):
    project = crew.project
    stale = f'"{project.pk}-{project.version - 1 if project.version > 1 else 99}"'
    path = base(project) + "/tasks/build"
    assert send(client, "patch", path, crew.manager, {"name": "New"}, if_match=stale).status_code == 412
    assert send(client, "patch", path, crew.manager, {"name": "New"}).status_code == 428
    assert ProjectTask.objects.get(project=project, key="build").name == "Build the connector"


def test_a_vendor_member_gets_403_and_another_customers_contact_404(client, crew):
    project = crew.project
    member = UserFactory()
    Membership.objects.create(user=member, workspace=project.workspace, kind=MembershipKind.VENDOR_MEMBER)
    stranger = UserFactory()
    Membership.objects.create(
        user=stranger,
        workspace=project.workspace,
        kind=MembershipKind.CUSTOMER_CONTACT,
        customer=CustomerFactory(workspace=project.workspace),
    )
    path = base(project) + "/tasks/go-live/go-live"
    assert send(client, "post", path, member, if_match=_tag(project)).status_code == 403
    assert send(client, "post", path, stranger, if_match=_tag(project)).status_code == 404
    assert send(client, "get", base(project) + "/playbook", stranger).status_code == 404
    assert not ActivityEntry.objects.filter(project=project, verb=Verb.PLAN_GO_LIVE_MARKED).exists()


def test_marking_a_task_that_is_no_milestone_as_go_live_is_refused(client, crew):
    project = crew.project
    response = send(
        client, "post", base(project) + "/tasks/build/go-live", crew.manager, if_match=_tag(project)
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["code"] == "go-live-not-milestone"


def test_marking_the_go_live_milestone_is_stored_and_logged(client, crew):
    project = crew.project
    response = send(
        client, "post", base(project) + "/tasks/go-live/go-live", crew.manager, if_match=_tag(project)
    )
    assert response.status_code == 200
    project.refresh_from_db()
    assert project_playbook(project).task("go-live").go_live
    assert ActivityEntry.objects.filter(project=project, verb=Verb.PLAN_GO_LIVE_MARKED).exists()


def test_a_removed_task_comes_back_with_the_links_other_tasks_had_to_it(client, crew):
    project = crew.project
    timed = send(
        client,
        "patch",
        base(project) + "/tasks/go-live",
        crew.manager,
        {"timing": {"after": [{"task": "build", "lag": 4}]}},
        if_match=_tag(project),
    )
    assert timed.status_code == 200, timed.content
    removed = send(client, "delete", base(project) + "/tasks/build", crew.manager, if_match=timed["ETag"])
    assert removed.status_code == 200
    assert not ProjectTask.objects.filter(project=project, key="build").exists()
    project.refresh_from_db()
    assert project_playbook(project).task("go-live").timing is None  # its only link went
    restored = send(
        client, "post", base(project) + "/tasks/build/restore", crew.manager, if_match=removed["ETag"]
    )
    assert restored.status_code == 200, restored.content
    assert task_of(restored.json(), "build")["status"] == "not_started"
    project.refresh_from_db()
    link = project_playbook(project).task("go-live").timing.after[0]
    assert (link.task, link.lag) == ("build", 4)
    again = send(
        client, "post", base(project) + "/tasks/build/restore", crew.manager, if_match=restored["ETag"]
    )
    assert again.status_code == 404


def test_moving_a_task_puts_it_in_the_other_phase(client, crew):
    project = crew.project
    response = send(
        client,
        "post",
        base(project) + "/tasks/build/move",
        crew.manager,
        {"phase_key": "live", "before_key": "go-live"},
        if_match=_tag(project),
    )
    assert response.status_code == 200
    assert task_of(response.json(), "build")["phase_key"] == "live"


def test_the_plan_is_previewed_then_saved_as_a_workspace_playbook_once(client, crew):
    project = crew.project
    preview = send(client, "get", base(project) + "/playbook", crew.manager)
    assert preview.status_code == 200
    assert (preview.json()["key"], preview.json()["tasks"]) == ("small", 3)
    body = {"key": "small-edited", "version": "2.0"}
    saved = send(client, "post", base(project) + "/playbook", crew.manager, body)
    assert saved.status_code == 201, saved.content
    assert WorkspacePlaybook.objects.filter(
        workspace=project.workspace, key="small-edited", version="2.0"
    ).exists()
    again = send(client, "post", base(project) + "/playbook", crew.manager, body)
    assert again.status_code == 422
    assert again.json()["details"][0]["field"] == "version"


def test_a_closed_projects_plan_cannot_change(client, crew):
    project = crew.project
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    response = send(
        client, "patch", base(project) + "/tasks/build", crew.manager, {"name": "X"}, if_match=_tag(project)
    )
    assert response.status_code == 409
    assert response.json()["code"] == "project-closed"


def test_a_removed_task_comes_back_before_the_tasks_that_finished_before_it(client, crew):
    project = crew.project
    timed = send(
        client,
        "patch",
        base(project) + "/tasks/kickoff",
        crew.manager,
        {"timing": {"before": ["build"]}},
        if_match=_tag(project),
    )
    assert timed.status_code == 200, timed.content
    removed = send(client, "delete", base(project) + "/tasks/build", crew.manager, if_match=timed["ETag"])
    project.refresh_from_db()
    timing = project_playbook(project).task("kickoff").timing
    assert timing is None or "build" not in timing.before
    restored = send(
        client, "post", base(project) + "/tasks/build/restore", crew.manager, if_match=removed["ETag"]
    )
    assert restored.status_code == 200, restored.content
    project.refresh_from_db()
    assert project_playbook(project).task("kickoff").timing.before == ("build",)
