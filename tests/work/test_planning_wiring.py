"""The work services with the real projects services: a move re-plans the project."""

from accord.domain.workflow import Action
from accord.projects.models import TaskStatus
from accord.work import services
from tests.work.factories import task


def test_finishing_a_task_replans_the_project(crew):
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
