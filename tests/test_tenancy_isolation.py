"""A customer's contact never meets another customer's project: not in a list, not by its address.

Customer A and customer B share a workspace. A's project has work for A's contact, activity and
notifications; B's contact looks everywhere a person can look.
"""

from __future__ import annotations

import pytest
from django.test import Client

from accord.inbox.models import Notification
from accord.projects import services as project_services
from accord.projects.models import ProjectTask
from tests.projects.factories import manager_of, project_made
from tests.workspaces.factories import CustomerContactFactory, CustomerFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Zanzibar-only-for-A"


@pytest.fixture
def world():
    manager = manager_of()
    customer_a = CustomerFactory(workspace=manager.workspace, name="Customer A")
    customer_b = CustomerFactory(workspace=manager.workspace, name="Customer B")
    contact_a = CustomerContactFactory(workspace=manager.workspace, customer=customer_a)
    contact_b = CustomerContactFactory(workspace=manager.workspace, customer=customer_b)
    project_a = project_made(manager, customer=customer_a, name=SECRET_NAME)
    project_b = project_made(manager, customer=customer_b, name="B's own project")
    for project, contact in ((project_a, contact_a), (project_b, contact_b)):
        project_services.role_assign(
            actor=manager.user, project=project, role_key="project-manager", user=contact.user
        )
    task_a = ProjectTask.objects.filter(project=project_a).first()
    Notification.objects.create(
        user=contact_a.user, project=project_a, task=task_a, kind="other", message=SECRET_NAME
    )
    return {"a": project_a, "b": project_b, "task_a": task_a, "contact_b": contact_b.user}


def test_lists_never_show_another_customers_rows(world):
    client = Client()
    client.force_login(world["contact_b"])
    for address in ("/projects/", "/my-work/", "/inbox/", "/fr/projects/", "/fr/my-work/"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert SECRET_NAME not in response.text, address
    assert (
        "B&#x27;s own project" in client.get("/projects/").text
        or "B's own project" in client.get("/projects/").text
    )


def test_everything_of_another_customers_project_is_not_found(world):
    client = Client()
    client.force_login(world["contact_b"])
    project, task = world["a"], world["task_a"]
    addresses = [
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/people/",
        f"/projects/{project.pk}/board/",
        f"/projects/{project.pk}/board/export.xlsx",
        f"/projects/{project.pk}/board/export.csv",
        f"/projects/{project.pk}/board/export.md",
        f"/projects/{project.pk}/tasks/{task.pk}/",
        f"/fr/projects/{project.pk}/board/",
    ]
    for address in addresses:
        assert client.get(address).status_code == 404, address
    writes = [
        (f"/projects/{project.pk}/tasks/{task.pk}/transition/", {"action": "start", "version": task.version}),
        (f"/projects/{project.pk}/tasks/{task.pk}/comment/", {"kind": "comment", "body": "hello"}),
        (
            f"/projects/{project.pk}/board/cell/",
            {"task": task.pk, "role": "it-department", "version": 1, "letters": ["R"]},
        ),
    ]
    for address, data in writes:
        assert client.post(address, data).status_code == 404, address
    task.refresh_from_db()
    assert task.status == "not_started"
    assert task.comments.count() == 0
