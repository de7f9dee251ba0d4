"""Several cells at once through the API: a bulk edit is one transaction (one stale task refuses
it all), its undo reverses the whole edit, a safe fix is previewed then applied with If-Match, and
contacts can neither preview (empty) nor change anything; another customer's contact gets 404."""

from __future__ import annotations

import json

import pytest

from accord.activity.models import ActivityEntry
from accord.domain.raci import Raci
from accord.projects.models import Project
from tests.apikit.factories import bearer
from tests.projects.factories import manager_of
from tests.work.factories import project_with_tasks, staff, task
from tests.work.test_board_bulk import cells, two_responsibles
from tests.workspaces.factories import CustomerContactFactory

pytestmark = pytest.mark.django_db

R, A, C, I = Raci.R, Raci.A, Raci.C, Raci.I  # noqa: E741 the letters


def send(client, method, path, user, body=None, **headers):
    kwargs = {"headers": bearer(user, "write") | headers}
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(path, **kwargs)


def column(project, letters="C"):
    """The partner's column of kick-off and build, with the versions just read."""
    return {
        "cells": [
            {"task_id": row.pk, "role_key": "partner-tpa", "letters": letters, "task_version": row.version}
            for row in (task(project, "kickoff"), task(project, "build"))
        ]
    }


def test_a_bulk_edit_sets_every_cell_and_its_undo_puts_them_all_back(client, crew):
    project = crew.project
    path = f"/api/v1/projects/{project.pk}/raci/cells"
    response = send(client, "post", path, crew.manager, column(project))
    assert response.status_code == 200, response.content
    body = response.json()
    assert {(cell["task_key"], cell["letters"]) for cell in body["cells"]} == {
        ("kickoff", "C"),
        ("build", "C"),
    }
    assert {cell["task_version"] for cell in body["cells"] if cell["task_key"] == "build"} == {
        task(project, "build").version
    }
    assert cells(project, "kickoff")["partner-tpa"] == C
    assert cells(project, "build")["partner-tpa"] == C

    undo = send(
        client,
        "post",
        f"/api/v1/projects/{project.pk}/raci/bulk-changes/{body['change_id']}/undo",
        crew.manager,
    )
    assert undo.status_code == 200, undo.content
    assert cells(project, "kickoff")["partner-tpa"] == I
    assert "partner-tpa" not in cells(project, "build")
    assert ActivityEntry.objects.get(pk=undo.json()["change_id"]).verb == "raci.bulk_undone"
    # Undoing the same change twice is refused: its cells no longer hold what it set.
    again = send(
        client,
        "post",
        f"/api/v1/projects/{project.pk}/raci/bulk-changes/{body['change_id']}/undo",
        crew.manager,
    )
    assert again.status_code == 409
    assert again.json()["code"] == "undo-impossible"


def test_one_stale_task_refuses_the_whole_bulk_edit(client, crew):
    project = crew.project
    body = column(project)
    build = task(project, "build")
    send(
        client,
        "put",
        f"/api/v1/tasks/{build.pk}/raci/vendor-pm",
        crew.manager,
        {"letters": "I"},
        **{"If-Match": f'"{build.pk}-{build.version}"'},
    )
    response = send(client, "post", f"/api/v1/projects/{project.pk}/raci/cells", crew.manager, body)
    assert response.status_code == 412
    assert set(response.json()) == {"code", "message", "details"}
    assert cells(project, "kickoff")["partner-tpa"] == I  # kick-off was fresh, and is unchanged
    assert not ActivityEntry.objects.filter(verb="raci.bulk_changed").exists()


def test_a_bad_letter_or_two_versions_of_one_task_refuse_the_edit_naming_the_field(client, crew):
    project = crew.project
    path = f"/api/v1/projects/{project.pk}/raci/cells"
    bad = column(project, letters="X")
    response = send(client, "post", path, crew.manager, bad)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "letters"
    twice = column(project)
    twice["cells"].append({**twice["cells"][0], "task_version": twice["cells"][0]["task_version"] + 1})
    response = send(client, "post", path, crew.manager, twice)
    assert response.status_code == 422
    assert response.json()["details"][0] | {"message": "", "hint": ""} == {
        "field": "cells",
        "code": "raci-versions-differ",
        "message": "",
        "hint": "",
    }
    assert cells(project, "kickoff")["partner-tpa"] == I


def test_contacts_cannot_bulk_edit_and_another_customers_contact_sees_nothing(client, crew):
    project = crew.project
    path = f"/api/v1/projects/{project.pk}/raci/cells"
    assert send(client, "post", path, crew.lead, column(project)).status_code == 403
    assert send(client, "post", path, crew.pm, column(project)).status_code == 403  # staff, not a manager
    stranger = CustomerContactFactory(workspace=project.workspace).user
    assert send(client, "post", path, stranger, column(project)).status_code == 404
    assert (
        client.get(f"/api/v1/projects/{project.pk}/raci/fixes", headers=bearer(stranger)).status_code == 404
    )
    entry = send(client, "post", path, crew.manager, column(project)).json()["change_id"]
    undo = f"/api/v1/projects/{project.pk}/raci/bulk-changes/{entry}/undo"
    assert send(client, "post", undo, crew.lead).status_code == 403
    assert send(client, "post", undo, stranger).status_code == 404
    assert cells(project, "build")["partner-tpa"] == C


def test_a_single_cell_change_is_not_a_bulk_change_to_undo(client, crew):
    build = task(crew.project, "build")
    response = send(
        client,
        "put",
        f"/api/v1/tasks/{build.pk}/raci/vendor-pm",
        crew.manager,
        {"letters": "I"},
        **{"If-Match": f'"{build.pk}-{build.version}"'},
    )
    change = response.json()["change_id"]
    undo = send(
        client, "post", f"/api/v1/projects/{crew.project.pk}/raci/bulk-changes/{change}/undo", crew.manager
    )
    assert undo.status_code == 404


def test_a_closed_project_refuses_a_bulk_edit_and_the_undo_of_any_raci_change(client, crew):
    project = crew.project
    bulk = send(client, "post", f"/api/v1/projects/{project.pk}/raci/cells", crew.manager, column(project))
    build = task(project, "build")
    single = send(
        client,
        "put",
        f"/api/v1/tasks/{build.pk}/raci/vendor-pm",
        crew.manager,
        {"letters": "I"},
        **{"If-Match": f'"{build.pk}-{build.version}"'},
    )
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    refused = [
        send(client, "post", f"/api/v1/projects/{project.pk}/raci/cells", crew.manager, column(project, "R")),
        send(
            client,
            "post",
            f"/api/v1/projects/{project.pk}/raci/bulk-changes/{bulk.json()['change_id']}/undo",
            crew.manager,
        ),
        send(
            client,
            "post",
            f"/api/v1/projects/{project.pk}/raci/changes/{single.json()['change_id']}/undo",
            crew.manager,
        ),
    ]
    assert [(response.status_code, response.json()["code"]) for response in refused] == [
        (409, "project-closed")
    ] * 3
    assert cells(project, "kickoff")["partner-tpa"] == C
    assert cells(project, "build")["vendor-pm"] == I


@pytest.fixture
def twice():
    project = project_with_tasks(two_responsibles())
    return {"project": project, "manager": manager_of(project).user, "lead": staff(project, "customer-lead")}


def test_a_safe_fix_is_previewed_then_applied_with_if_match_and_undone_as_a_whole(client, twice):
    project, manager = twice["project"], twice["manager"]
    preview = client.get(f"/api/v1/projects/{project.pk}/raci/fixes", headers=bearer(manager))
    assert preview.status_code == 200
    fix = next(item for item in preview.json()["fixes"] if item["code"] == "RACI002")
    assert fix["cells"] == [
        {"role_key": "customer-it", "role_name": "IT department", "before": "R", "after": "C"}
    ]
    kickoff = task(project, "kickoff")
    assert fix["task_id"] == kickoff.pk
    path = f"/api/v1/tasks/{kickoff.pk}/raci/fixes/RACI002"

    assert send(client, "post", path, manager).status_code == 428
    assert (
        send(
            client, "post", path, manager, **{"If-Match": f'"{kickoff.pk}-{kickoff.version + 5}"'}
        ).status_code
        == 412
    )
    assert cells(project, "kickoff")["customer-it"] == R  # nothing applied yet

    applied = send(client, "post", path, manager, **{"If-Match": f'"{kickoff.pk}-{fix["task_version"]}"'})
    assert applied.status_code == 200, applied.content
    assert cells(project, "kickoff") == {"vendor-pm": R, "customer-it": C, "customer-lead": A}
    # The fix is gone from the preview, and applying it again says there is nothing to fix.
    after = client.get(f"/api/v1/projects/{project.pk}/raci/fixes", headers=bearer(manager)).json()
    assert all(item["code"] != "RACI002" for item in after["fixes"])
    kickoff.refresh_from_db()
    again = send(client, "post", path, manager, **{"If-Match": f'"{kickoff.pk}-{kickoff.version}"'})
    assert again.status_code == 422
    assert again.json()["details"][0]["code"] == "no-safe-fix"

    change = applied.json()["change_id"]
    undo = send(client, "post", f"/api/v1/projects/{project.pk}/raci/bulk-changes/{change}/undo", manager)
    assert undo.status_code == 200
    assert cells(project, "kickoff")["customer-it"] == R


def test_a_contact_previews_no_fix_and_cannot_apply_one(client, twice):
    project, lead = twice["project"], twice["lead"]
    preview = client.get(f"/api/v1/projects/{project.pk}/raci/fixes", headers=bearer(lead))
    assert preview.status_code == 200
    assert preview.json()["fixes"] == []
    kickoff = task(project, "kickoff")
    response = send(
        client,
        "post",
        f"/api/v1/tasks/{kickoff.pk}/raci/fixes/RACI002",
        lead,
        **{"If-Match": f'"{kickoff.pk}-{kickoff.version}"'},
    )
    assert response.status_code == 403
    assert cells(project, "kickoff")["customer-it"] == R
