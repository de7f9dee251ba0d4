"""The work operations of the API, one behaviour at a time: task lists and their filters, the
workflow through PATCH status (and approve, send back), versions (428/412), comments with
idempotency keys, RACI cells with undo, the audience rule, the board's exports and My work."""

from __future__ import annotations

import json

import pytest

from accord.activity.models import ActivityEntry
from accord.projects.models import ProjectTask, RaciCell, TaskComment, TaskStatus
from tests.apikit.factories import bearer
from tests.work.factories import Crew, project_with_tasks, task
from tests.work.test_pages_audience import NOTE, noted_playbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew(db):
    return Crew()


def send(client, method, path, user, body=None, *, scope="write", **headers):
    kwargs = {"headers": bearer(user, scope) | headers}
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(path, **kwargs)


def etag(row):
    return f'"{row.pk}-{row.version}"'


# -- lists -------------------------------------------------------------------------------------


def test_the_task_list_filters_by_status_phase_role_mine_and_late(client, crew):
    path = f"/api/v1/projects/{crew.project.pk}/tasks"
    ProjectTask.objects.filter(project=crew.project, key="build").update(status=TaskStatus.IN_PROGRESS)

    def keys(query, user=crew.manager):
        response = client.get(f"{path}?{query}", headers=bearer(user))
        assert response.status_code == 200
        return [item["key"] for item in response.json()["items"]]

    assert keys("") == ["kickoff", "build", "go-live"]
    assert keys("status=in_progress") == ["build"]
    assert keys("phase=live") == ["go-live"]
    assert keys("role=partner-tpa") == ["kickoff"]
    assert keys("mine=true", crew.it) == ["kickoff", "build"]
    assert keys("late=true") == ["kickoff", "build", "go-live"]  # due in 2026's January, all open
    first = client.get(f"{path}?limit=1", headers=bearer(crew.manager)).json()
    assert first["items"][0]["raci"]["vendor-pm"] == "R"
    assert first["next_cursor"]


@pytest.mark.parametrize("extra", [0, 6])
def test_the_task_list_takes_a_fixed_number_of_queries(client, extra, django_assert_max_num_queries):
    from tests.projects.factories import manager_of as workspace_manager
    from tests.projects.factories import playbook_of_size, project_made

    manager = workspace_manager()
    project = project_made(manager, playbook_of_size(10 + 10 * extra))
    headers = bearer(manager.user)
    with django_assert_max_num_queries(7):
        assert client.get(f"/api/v1/projects/{project.pk}/tasks", headers=headers).status_code == 200


def test_another_customers_contact_gets_404_on_tasks(client, crew):
    other = project_with_tasks(workspace=crew.project.workspace)
    foreign = task(other, "kickoff")
    assert client.get(f"/api/v1/tasks/{foreign.pk}", headers=bearer(crew.lead)).status_code == 404
    assert client.get(f"/api/v1/projects/{other.pk}/tasks", headers=bearer(crew.lead)).status_code == 404


# -- the workflow through PATCH ----------------------------------------------------------------


def test_patching_a_status_takes_the_step_that_leads_there(client, crew):
    kickoff = task(crew.project, "kickoff")
    response = send(
        client,
        "patch",
        f"/api/v1/tasks/{kickoff.pk}",
        crew.pm,
        {"status": "in_progress"},
        **{"If-Match": etag(kickoff)},
    )
    assert response.status_code == 200, response.content
    kickoff.refresh_from_db()
    assert kickoff.status == TaskStatus.IN_PROGRESS
    assert kickoff.actual_start is not None
    assert response["ETag"] == etag(kickoff)
    assert ActivityEntry.objects.filter(verb="task.started", target_key="kickoff").exists()
    submitted = send(
        client,
        "patch",
        f"/api/v1/tasks/{kickoff.pk}",
        crew.pm,
        {"status": "awaiting_approval"},
        **{"If-Match": response["ETag"]},
    )
    assert submitted.json()["status"] == "awaiting_approval"


def test_patch_needs_if_match_and_a_fresh_one(client, crew):
    kickoff = task(crew.project, "kickoff")
    path = f"/api/v1/tasks/{kickoff.pk}"
    missing = send(client, "patch", path, crew.pm, {"status": "in_progress"})
    assert missing.status_code == 428
    assert missing.json()["code"] == "version-required"
    stale = send(
        client, "patch", path, crew.pm, {"status": "in_progress"}, **{"If-Match": f'"{kickoff.pk}-99"'}
    )
    assert stale.status_code == 412
    kickoff.refresh_from_db()
    assert kickoff.status == TaskStatus.NOT_STARTED
    assert kickoff.version == 1


def test_a_status_no_step_leads_to_is_a_409(client, crew):
    kickoff = task(crew.project, "kickoff")
    response = send(
        client,
        "patch",
        f"/api/v1/tasks/{kickoff.pk}",
        crew.manager,
        {"status": "done"},
        **{"If-Match": etag(kickoff)},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "workflow-wrong-status"
    assert task(crew.project, "kickoff").status == TaskStatus.NOT_STARTED


def test_a_step_that_is_not_the_persons_is_a_403(client, crew):
    kickoff = task(crew.project, "kickoff")  # tpa is only Informed
    response = send(
        client,
        "patch",
        f"/api/v1/tasks/{kickoff.pk}",
        crew.tpa,
        {"status": "in_progress"},
        **{"If-Match": etag(kickoff)},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "workflow-not-allowed"


def test_blocking_needs_a_reason_and_keeps_it(client, crew):
    kickoff = task(crew.project, "kickoff")
    path = f"/api/v1/tasks/{kickoff.pk}"
    refused = send(client, "patch", path, crew.pm, {"status": "blocked"}, **{"If-Match": etag(kickoff)})
    assert refused.status_code == 422
    assert refused.json()["code"] == "workflow-reason-required"
    blocked = send(
        client,
        "patch",
        path,
        crew.pm,
        {"status": "blocked", "reason": "Waiting for the keys"},
        **{"If-Match": etag(kickoff)},
    )
    assert blocked.status_code == 200
    assert blocked.json()["reason"] == "Waiting for the keys"


def test_approve_and_send_back(client, crew):
    kickoff = task(crew.project, "kickoff")
    ProjectTask.objects.filter(pk=kickoff.pk).update(status=TaskStatus.AWAITING_APPROVAL)
    refused = send(client, "post", f"/api/v1/tasks/{kickoff.pk}/send-back", crew.lead, {})
    assert refused.status_code == 422
    back = send(client, "post", f"/api/v1/tasks/{kickoff.pk}/send-back", crew.lead, {"reason": "No minutes"})
    assert back.status_code == 200
    assert back.json()["status"] == "in_progress"
    assert back.json()["reason"] == "No minutes"
    ProjectTask.objects.filter(pk=kickoff.pk).update(status=TaskStatus.AWAITING_APPROVAL)
    stale = send(
        client, "post", f"/api/v1/tasks/{kickoff.pk}/approve", crew.lead, **{"If-Match": f'"{kickoff.pk}-1"'}
    )
    assert stale.status_code == 412
    approved = send(client, "post", f"/api/v1/tasks/{kickoff.pk}/approve", crew.lead)
    assert approved.status_code == 200
    assert task(crew.project, "kickoff").status == TaskStatus.DONE


# -- comments ----------------------------------------------------------------------------------


def test_a_comment_is_made_once_with_an_idempotency_key_and_listed(client, crew):
    kickoff = task(crew.project, "kickoff")
    path = f"/api/v1/tasks/{kickoff.pk}/comments"
    headers = bearer(crew.lead, "write") | {"Idempotency-Key": "comment-1"}  # keys are kept per token

    def post(body):
        return client.post(path, data=json.dumps(body), content_type="application/json", headers=headers)

    first, again = post({"body": "Ready on our side"}), post({"body": "Ready on our side"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert TaskComment.objects.filter(task=kickoff).count() == 1
    other = post({"body": "Something else"})
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency-key-reused"
    listed = client.get(path, headers=bearer(crew.tpa)).json()["items"]
    assert [(item["body"], item["author"]["id"]) for item in listed] == [("Ready on our side", crew.lead.pk)]


def test_a_question_goes_to_the_consulted(client, crew):
    kickoff = task(crew.project, "kickoff")
    response = send(
        client,
        "post",
        f"/api/v1/tasks/{kickoff.pk}/comments",
        crew.pm,
        {"body": "Which SSO?", "kind": "question"},
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "question"
    go_live = task(crew.project, "go-live")  # nobody Consulted
    refused = send(
        client,
        "post",
        f"/api/v1/tasks/{go_live.pk}/comments",
        crew.pm,
        {"body": "Anyone?", "kind": "question"},
    )
    assert refused.status_code == 422


# -- RACI cells --------------------------------------------------------------------------------


def test_a_manager_sets_a_cell_with_if_match_and_undoes_it(client, crew):
    build = task(crew.project, "build")
    path = f"/api/v1/tasks/{build.pk}/raci/partner-tpa"
    assert send(client, "put", path, crew.manager, {"letters": "C"}).status_code == 428
    response = send(client, "put", path, crew.manager, {"letters": "C"}, **{"If-Match": etag(build)})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["letters"] == "C"
    assert RaciCell.objects.get(task=build, role_key="partner-tpa").letters == 4
    stale = send(client, "put", path, crew.manager, {"letters": "I"}, **{"If-Match": etag(build)})
    assert stale.status_code == 412
    undo = send(
        client,
        "post",
        f"/api/v1/projects/{crew.project.pk}/raci/changes/{body['change_id']}/undo",
        crew.manager,
    )
    assert undo.status_code == 200
    assert undo.json()["letters"] == ""
    assert not RaciCell.objects.filter(task=build, role_key="partner-tpa").exists()


def test_bad_letters_name_the_field(client, crew):
    build = task(crew.project, "build")
    response = send(
        client,
        "put",
        f"/api/v1/tasks/{build.pk}/raci/partner-tpa",
        crew.manager,
        {"letters": "XZ"},
        **{"If-Match": etag(build)},
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "letters"


def test_a_contact_may_not_change_a_cell(client, crew):
    build = task(crew.project, "build")
    response = send(
        client,
        "put",
        f"/api/v1/tasks/{build.pk}/raci/partner-tpa",
        crew.lead,
        {"letters": "C"},
        **{"If-Match": etag(build)},
    )
    assert response.status_code == 403
    assert not RaciCell.objects.filter(task=build, role_key="partner-tpa").exists()


# -- the audience rule -------------------------------------------------------------------------


@pytest.fixture
def noted():
    from tests.projects.factories import manager_of
    from tests.work.factories import staff

    project = project_with_tasks(noted_playbook())
    return {
        "project": project,
        "manager": manager_of(project).user,
        "customer": staff(project, "customer-lead"),
    }


def test_a_contacts_token_gets_no_source_notes_nor_findings(client, noted):
    kickoff = task(noted["project"], "kickoff")
    contact = client.get(f"/api/v1/tasks/{kickoff.pk}", headers=bearer(noted["customer"])).json()
    staff = client.get(f"/api/v1/tasks/{kickoff.pk}", headers=bearer(noted["manager"])).json()
    assert contact["text"]["notes"] == []
    assert contact["text"]["details"] == "Meet the team."
    assert staff["text"]["notes"] == [NOTE]
    raci_path = f"/api/v1/projects/{noted['project'].pk}/raci"
    assert client.get(raci_path, headers=bearer(noted["customer"])).json()["findings"] == []
    assert client.get(raci_path, headers=bearer(noted["manager"])).json()["findings"]


# -- exports and My work -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file_format", "content_type"),
    [("csv", "text/csv"), ("md", "text/markdown"), ("xlsx", "application/vnd")],
)
def test_the_matrix_exports(client, crew, file_format, content_type):
    response = client.get(
        f"/api/v1/projects/{crew.project.pk}/matrix?format={file_format}", headers=bearer(crew.lead)
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment")


def test_my_work_lists_a_section(client, crew):
    body = client.get("/api/v1/my-work?section=responsible", headers=bearer(crew.it)).json()
    assert [item["task_key"] for item in body["items"]] == ["build"]
    consulted = client.get("/api/v1/my-work?section=consulted", headers=bearer(crew.it)).json()
    assert [item["task_key"] for item in consulted["items"]] == ["kickoff"]
    paged = client.get("/api/v1/my-work?section=responsible&limit=1", headers=bearer(crew.pm)).json()
    assert len(paged["items"]) == 1
    assert paged["next_cursor"]
    rest = client.get(
        f"/api/v1/my-work?section=responsible&limit=1&cursor={paged['next_cursor']}", headers=bearer(crew.pm)
    ).json()
    assert rest["items"][0]["task_id"] != paged["items"][0]["task_id"]


def test_the_step_to_a_status_follows_the_workflow():
    from accord.domain.workflow import Action, Status, actions_leading_to

    assert actions_leading_to(Status.IN_PROGRESS, Status.DONE, has_accountable=False) == (Action.SUBMIT,)
    assert actions_leading_to(Status.IN_PROGRESS, Status.DONE, has_accountable=True) == ()
    assert actions_leading_to(
        Status.BLOCKED, Status.NOT_STARTED, has_accountable=True, status_before_block=Status.NOT_STARTED
    ) == (Action.UNBLOCK,)
    assert actions_leading_to(Status.AWAITING_APPROVAL, Status.IN_PROGRESS, has_accountable=True) == (
        Action.SEND_BACK,
    )
