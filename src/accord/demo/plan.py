"""The demo's plan edits: on the SocialTalent onboarding, the learner launch is the go-live (not
the close of the onboarding) and the manager added a task before it, so that the plan page and the
activity show plan editing. Made through the real services (accord.projects.plan_services), once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from accord.accounts.models import User
from accord.projects import plan_services
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_playbook

PLAYBOOK = "socialtalent-onboarding"
LEARNER_LAUNCH = "learner-launch-kick-off-call"
ADDED_NAME = "Learner communications plan"


def plan_demo(projects: Iterable[Project], *, manager: User, today: dt.date) -> bool:
    """Make the plan edits on the SocialTalent projects of ``projects``, once; True when something
    was made."""
    made = False
    for project in projects:
        made |= _socialtalent_plan(project, manager=manager, today=today)
    return made


def _socialtalent_plan(project: Project, *, manager: User, today: dt.date) -> bool:
    """Mark the learner launch as the go-live and add one task before it, each once."""
    if project.playbook_key != PLAYBOOK:
        return False
    keys = set(ProjectTask.objects.filter(project=project).values_list("key", flat=True))
    if LEARNER_LAUNCH not in keys:
        return False
    made = False
    project = Project.objects.get(pk=project.pk)
    if not project_playbook(project).task(LEARNER_LAUNCH).go_live:
        project = plan_services.plan_go_live_mark(
            actor=manager,
            project=project,
            expected_version=project.version,
            task_key=LEARNER_LAUNCH,
            today=today,
        )
        made = True
    if not ProjectTask.objects.filter(project=project, name=ADDED_NAME).exists():
        phase = ProjectTask.objects.get(project=project, key=LEARNER_LAUNCH).phase_key
        project = Project.objects.get(pk=project.pk)
        plan_services.plan_task_add(
            actor=manager,
            project=project,
            expected_version=project.version,
            name=ADDED_NAME,
            phase_key=phase,
            before_key=LEARNER_LAUNCH,
            duration="3",
            today=today,
        )
        made = True
    return made
