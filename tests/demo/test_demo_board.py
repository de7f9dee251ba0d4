"""The demo shows an internal comment (vendor staff only) on a task, once, and boards whose findings
have a safe fix offered to the manager."""

import pytest

from accord.accounts.models import User
from accord.demo import cast
from accord.demo.board import INTERNAL_NOTE, PLAYBOOK, TASK
from accord.demo.builder import demo_build
from accord.projects.models import Project, ProjectTask, TaskComment
from accord.work import board_selectors, selectors
from tests.html import page as parsed


@pytest.fixture
def build(db, django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return demo_build()

    return run


def test_the_demo_shows_an_internal_comment_to_vendor_staff_only_and_a_safe_fix(build, client):
    build()
    task = ProjectTask.objects.get(project__playbook_key=PLAYBOOK, key=TASK)
    comment = TaskComment.objects.get(task=task, internal=True)
    assert comment.body == INTERNAL_NOTE
    assert not build().built_something  # once
    assert TaskComment.objects.filter(task=task, internal=True).count() == 1

    path = f"/projects/{task.project_id}/tasks/{task.pk}/"
    client.login(email=cast.MEMBER.email, password=cast.DEMO_PASSWORD)
    assert INTERNAL_NOTE in parsed(client.get(path).text).text
    client.login(email=cast.GLOBEX_CONTACT.email, password=cast.DEMO_PASSWORD)
    response = client.get(path)
    assert response.status_code == 200
    assert INTERNAL_NOTE not in parsed(response.text).text

    manager = User.objects.get(email=cast.MANAGER.email)
    fixes = [
        fix
        for project in Project.objects.all()
        for fix in board_selectors.board_fixes(selectors.board(manager, project.pk))
    ]
    assert fixes, "some demo board offers a safe fix"
