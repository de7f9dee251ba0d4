"""Who holds which letter on a task: the people behind each RACI letter, in the playbook's order.

These reads take a task already found through the one access rule; the inbox (who to tell), the
work pages and the demo all ask the same questions here.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from accord.accounts.models import User
from accord.domain.raci import Raci
from accord.projects.models import Project, ProjectTask, RaciCell, RoleAssignment, TaskComment
from accord.projects.playbook_copy import project_playbook

LETTER_NAMES: dict[str, Raci] = {"R": Raci.R, "A": Raci.A, "C": Raci.C, "I": Raci.I}


def letters_including(letter: Raci) -> list[int]:
    """Every stored cell value that contains ``letter`` (cells are bits; an IN list uses the index)."""
    return [value for value in range(1, 16) if value & letter]


def role_order(project: Project) -> dict[str, int]:
    """Role keys in the order the project's playbook copy lists them."""
    return {role.key: index for index, role in enumerate(project_playbook(project).roles)}


def task_people(task: ProjectTask) -> dict[str, list[User]]:
    """Who holds each letter on ``task``: {"R": [...], "A": [...], "C": [...], "I": [...]}.

    People come from the roles holding the letter (in the playbook's role order), each role's
    lead first; a person holding the letter through two roles appears once. Two queries.
    """
    cells = list(RaciCell.objects.filter(task_id=task.pk))
    order = role_order(task.project)
    cells.sort(key=lambda cell: (order.get(cell.role_key, len(order)), cell.role_key))
    assignments = RoleAssignment.objects.filter(
        project_id=task.project_id, role_key__in=[cell.role_key for cell in cells], user__is_active=True
    ).select_related("user")
    people_by_role: dict[str, list[User]] = {}
    for assignment in assignments.order_by("-is_lead", "created_at", "pk"):
        people_by_role.setdefault(assignment.role_key, []).append(assignment.user)
    people: dict[str, list[User]] = {name: [] for name in LETTER_NAMES}
    for name, letter in LETTER_NAMES.items():
        for cell in cells:
            if cell.letters & letter:
                for user in people_by_role.get(cell.role_key, []):
                    if user not in people[name]:
                        people[name].append(user)
    return people


def responsible_person(task: ProjectTask) -> User | None:
    """ "The Responsible": the lead of the first role holding R (its first person if it has no lead)."""
    responsible = task_people(task)["R"]
    return responsible[0] if responsible else None


def _still_open(questions: QuerySet[TaskComment], *, before: int | None = None) -> QuerySet[TaskComment]:
    """The one rule for "open": of ``questions``, those no answer on the same task came after.
    Comments are taken in the order they were written: their ids, so two written in the same
    instant still have an order. With ``before`` (a comment's id), only what came before it."""
    later_answers = TaskComment.objects.filter(
        task_id=OuterRef("task_id"), kind=TaskComment.Kind.ANSWER, pk__gt=OuterRef("pk")
    )
    if before is not None:
        questions, later_answers = questions.filter(pk__lt=before), later_answers.filter(pk__lt=before)
    return questions.filter(kind=TaskComment.Kind.QUESTION).exclude(Exists(later_answers))


def open_input_requests(task: ProjectTask, *, before: int | None = None) -> QuerySet[TaskComment]:
    """The requests for input still open on ``task``: the questions asked since its last answer,
    oldest first. With ``before`` (a comment's id), the requests that were open when that comment
    was written. One query."""
    return _still_open(TaskComment.objects.filter(task_id=task.pk), before=before).order_by("pk")


def has_open_input_request() -> Exists:
    """Whether a task has a request for input still open, as an expression to annotate a
    :class:`ProjectTask` query with (the same rule as :func:`open_input_requests`, no extra query)."""
    return Exists(_still_open(TaskComment.objects.filter(task_id=OuterRef("pk"))))
