"""Role hand-overs at a milestone, read from a project's playbook copy.

Seed 000: the Account Manager is the COM during onboarding and the CSM after it. The playbook
says ``account-manager`` hands over to ``customer-success-manager`` after ``deployment`` (a task
or a phase key); before that milestone is reached the role's holder is the Account Manager's
lead, after it the Customer Success Manager's lead.
"""

from __future__ import annotations

from collections.abc import Iterable

from accord.domain.playbook import Handover
from accord.domain.workflow import CLOSED_STATUSES
from accord.projects.models import Project
from accord.projects.playbook_copy import project_playbook


def handovers_of(project: Project) -> tuple[Handover, ...]:
    """The hand-overs of the project's playbook copy."""
    return project_playbook(project).handovers


def handover_key(handover: Handover) -> str:
    """How the activity log names one hand-over (its target key)."""
    return f"{handover.role}>{handover.to}"


def milestone_reached(after: str, statuses: Iterable[tuple[str, str, str]]) -> bool:
    """True when the task ``after`` is done or not applicable, or, when ``after`` names a phase,
    every task of that phase is. ``statuses`` are ``(task key, phase key, status)`` rows. A
    milestone the project does not have (another variant's) is never reached."""
    rows = list(statuses)
    for key, _phase, status in rows:
        if key == after:
            return status in CLOSED_STATUSES
    phase = [status for _key, phase_key, status in rows if phase_key == after]
    return bool(phase) and all(status in CLOSED_STATUSES for status in phase)
