"""Move demo tasks through the workflow and write their comments, as the people holding the
letters would: the Responsible starts and submits, the Accountable approves or sends back, a
vendor manager marks a task not applicable (or stands in for a role nobody staffs)."""

from __future__ import annotations

from collections.abc import Mapping

from accord.accounts.models import User
from accord.demo.cast import Conversation, Stage
from accord.domain.errors import AccordError
from accord.domain.workflow import Action
from accord.projects import task_selectors
from accord.projects.models import ProjectTask, TaskComment
from accord.work import services as work_services

#: The actions that lead from a task not started to each stage, and who takes each one.
_PATHS: dict[Stage, tuple[tuple[Action, str], ...]] = {
    Stage.DONE: ((Action.START, "R"), (Action.SUBMIT, "R"), (Action.APPROVE, "A")),
    Stage.AWAITING_APPROVAL: ((Action.START, "R"), (Action.SUBMIT, "R")),
    Stage.IN_PROGRESS: ((Action.START, "R"),),
    Stage.SENT_BACK: ((Action.START, "R"), (Action.SUBMIT, "R"), (Action.SEND_BACK, "A")),
    Stage.BLOCKED: ((Action.BLOCK, "R"),),
    Stage.NOT_APPLICABLE: ((Action.MARK_NOT_APPLICABLE, "manager"),),
}
#: The status each stage ends in.
_ENDS: dict[Stage, str] = {
    Stage.DONE: "done",
    Stage.AWAITING_APPROVAL: "awaiting_approval",
    Stage.IN_PROGRESS: "in_progress",
    Stage.SENT_BACK: "in_progress",
    Stage.BLOCKED: "blocked",
    Stage.NOT_APPLICABLE: "not_applicable",
}


class DemoStageUnreachable(AccordError):
    """The demo asks for a stage the task's RACI does not lead to (e.g. approval without an A)."""

    code = "demo-stage-unreachable"


def move_to(task: ProjectTask, stage: Stage, *, manager: User, reason: str = "") -> ProjectTask:
    """Take ``task`` (not started) to ``stage`` through the workflow; returns the task as it ends.

    A task with no Accountable is done on submit, so its approval step is skipped.
    """
    people = task_selectors.task_people(task)
    for action, holder in _PATHS[stage]:
        if action is Action.APPROVE and task.status == "done":
            break
        actor = manager if holder == "manager" else next(iter(people[holder]), manager)
        task = work_services.task_transition(
            actor=actor,
            task=task,
            action=action,
            expected_version=task.version,
            reason=reason if action in (Action.BLOCK, Action.SEND_BACK) else "",
        )
    if task.status != _ENDS[stage]:
        raise DemoStageUnreachable(
            f"Task {task.key} ended {task.status}, not {_ENDS[stage]}.",
            hint="Choose a task whose RACI leads there (an Accountable for approvals).",
        )
    return task


def converse(task: ProjectTask, conversation: Conversation, *, people: Mapping[str, User]) -> None:
    """Write a comment, or ask the Consulted for input and, when given, answer it."""
    author = people[conversation.author]
    if not conversation.question:
        work_services.comment_add(actor=author, task=task, body=conversation.text)
        return
    work_services.input_request(actor=author, task=task, question=conversation.text)
    if conversation.answer_by:
        work_services.comment_add(
            actor=people[conversation.answer_by],
            task=task,
            body=conversation.answer,
            kind=TaskComment.Kind.ANSWER,
        )
