"""The plan page and its forms, without JavaScript: edits replan, errors name the field."""

from __future__ import annotations

import pytest
from django.test import Client

from accord.catalog.models import WorkspacePlaybook
from accord.projects import plan_services
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_playbook
from tests.projects.factories import manager_of, playbook_of_size, project_made

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    manager = manager_of()
    project = project_made(manager, playbook_of_size(12))
    client = Client()
    client.force_login(manager.user)
    return client, project


def _url(project: Project, rest: str = "") -> str:
    return f"/projects/{project.pk}/plan/{rest}"


def test_the_plan_lists_every_task_and_the_go_live(page):
    client, project = page
    response = client.get(_url(project))
    assert response.status_code == 200
    rows = [row.name for row, _timing in response.context["rows"]]
    assert rows == [f"Task {number}" for number in range(12)]
    assert response.context["go_live_key"] == "task-9"


def test_adding_a_task_from_the_page_creates_it_and_replans(page):
    client, project = page
    response = client.post(
        _url(project, "add/"),
        {
            "expected_version": 1,
            "name": "Security review",
            "phase": "phase-1",
            "duration": "2 weeks",
            "responsible": "builder",
            "accountable": "lead",
        },
    )
    assert response.status_code == 302
    task = ProjectTask.objects.get(project=project, key="security-review")
    assert task.planned_finish is not None
    assert dict(task.cells.values_list("role_key", "letters")) == {"builder": 1, "lead": 2}


def test_a_cycle_is_shown_on_the_field_with_the_task_names(page):
    client, project = page
    response = client.post(
        _url(project, "tasks/task-2/timing/"), {"expected_version": 1, "after": "task-5 +2"}
    )
    assert response.status_code == 422
    [error] = response.context["timing_form"].errors["after"]
    assert "Task 2" in error
    assert "Task 5" in error
    assert Project.objects.get(pk=project.pk).version == 1


def test_an_unreadable_dependency_is_refused_on_its_field(page):
    client, project = page
    response = client.post(
        _url(project, "tasks/task-2/timing/"), {"expected_version": 1, "after": "Task five"}
    )
    assert response.status_code == 422
    assert response.context["timing_form"].errors["after"]


def test_a_stale_form_is_refused_with_409(page):
    client, project = page
    client.post(_url(project, "tasks/task-2/rename/"), {"expected_version": 1, "name": "First"})
    response = client.post(_url(project, "tasks/task-2/rename/"), {"expected_version": 1, "name": "Second"})
    assert response.status_code == 409
    assert ProjectTask.objects.get(project=project, key="task-2").name == "First"


def test_remove_then_put_back_from_the_page(page):
    client, project = page
    assert client.post(_url(project, "tasks/task-3/remove/"), {"expected_version": 1}).status_code == 302
    [removal] = client.get(_url(project)).context["removed"]
    response = client.post(_url(project, "put-back/"), {"expected_version": 2, "removal": removal.pk})
    assert response.status_code == 302
    assert ProjectTask.objects.filter(project=project, key="task-3").exists()


def test_moving_and_go_live_from_the_task_page(page):
    client, project = page
    response = client.post(_url(project, "tasks/task-0/move/"), {"expected_version": 1, "phase": "phase-1"})
    assert response.status_code == 302
    assert ProjectTask.objects.get(project=project, key="task-0").phase_key == "phase-1"
    client.post(_url(project, "tasks/task-11/timing/"), {"expected_version": 2, "milestone": "on"})
    assert client.post(_url(project, "tasks/task-9/go-live/"), {"expected_version": 3}).status_code == 302
    assert plan_services.go_live_key(Project.objects.get(pk=project.pk)) == "task-9"
    assert project_playbook(Project.objects.get(pk=project.pk)).task("task-9").go_live


def test_saving_as_a_playbook_shows_the_findings_then_saves(page):
    client, project = page
    preview = client.get(_url(project, "save/"))
    assert preview.status_code == 200
    assert preview.context["preview"].findings
    assert preview.context["form"].cleaned_data["version"] == "1.1"
    response = client.post(
        _url(project, "save/"), {"key": "generated", "name": "Generated", "version": "1.1"}
    )
    assert response.status_code == 302
    assert WorkspacePlaybook.objects.filter(key="generated", version="1.1").exists()
    again = client.post(_url(project, "save/"), {"key": "generated", "name": "Generated", "version": "1.1"})
    assert again.status_code == 422
    assert again.context["form"].errors["version"]


def test_the_plan_pages_read_in_french(page):
    client, project = page
    plan_page = client.get(f"/fr/projects/{project.pk}/plan/").content.decode()
    task_page = client.get(f"/fr/projects/{project.pk}/plan/tasks/task-2/").content.decode()
    assert "Ajouter une tâche" in plan_page
    assert "Enregistrer comme playbook de l’espace" in plan_page
    assert "Durée et dépendances" in task_page
    assert "Retirer du plan" in task_page
