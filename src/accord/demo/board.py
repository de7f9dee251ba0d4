"""The demo's internal comment: on the stalled Invoice Cloud project, the manager tells the vendor's
staff (and only them) how to get the blocked design review moving, so that the task page shows an
internal comment to vendor staff and not to Globex's contact. Made through the real service, once.

The demo's boards already hold findings with a safe fix (the SocialTalent onboarding's and the
Paylocity integration's playbooks give two Responsibles to some tasks): nothing to add for those.
"""

from __future__ import annotations

from accord.accounts.models import User
from accord.projects.models import Project, ProjectTask, TaskComment
from accord.work import services as work_services

PLAYBOOK = "invoicecloud-integration"
TASK = "business-design-review"
INTERNAL_NOTE = (
    "Globex's billing team waits for their CFO on the fee model, as on Paylocity. "
    "If the review is still blocked on Friday, Marc asks the CFO directly."
)


def board_demo(project: Project, *, manager: User) -> bool:
    """Add the demo's internal comment once; True when it was made."""
    if project.playbook_key != PLAYBOOK:
        return False
    task = ProjectTask.objects.filter(project=project, key=TASK).first()
    if task is None or TaskComment.objects.filter(task=task, internal=True).exists():
        return False
    work_services.comment_add(actor=manager, task=task, body=INTERNAL_NOTE, internal=True)
    return True
