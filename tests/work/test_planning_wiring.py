"""The work services with the real projects services: a move re-plans the project."""

import sys

import pytest

from accord.domain.workflow import Action
from accord.work import services
from accord.work.models import TaskStatus
from tests.work.factories import task

real_services = pytest.importorskip("accord.projects.services")


@pytest.fixture
def real_project_hooks(project_hooks, monkeypatch):
    monkeypatch.setitem(sys.modules, "accord.projects.services", real_services)


@pytest.mark.skipif(not hasattr(real_services, "project_replan"), reason="planning not wired yet")
def test_finishing_a_task_replans_the_project(crew, real_project_hooks):
    kickoff = task(crew.project, "kickoff")
    kickoff = services.task_transition(actor=crew.pm, task=kickoff, action=Action.START, expected_version=1)
    crew.project.refresh_from_db()
    assert crew.project.forecast_at is not None
    kickoff = services.task_transition(
        actor=crew.pm, task=kickoff, action=Action.SUBMIT, expected_version=kickoff.version
    )
    kickoff = services.task_transition(
        actor=crew.lead, task=kickoff, action=Action.APPROVE, expected_version=kickoff.version
    )
    assert kickoff.status == TaskStatus.DONE
    assert kickoff.actual_finish is not None
