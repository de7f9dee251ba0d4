"""The task workflow: which status a task moves to on each action, and who may take it.

A task is *not started*, *in progress*, *awaiting approval*, *done*, *blocked* or *not
applicable*. People move it with actions; what a person may do is decided by the
:class:`Capabilities` they hold on that task:

- the **Responsible** (R) starts the work, submits it for approval, blocks and unblocks it;
- the **Accountable** (A) approves or sends back submitted work, reopens done work, and may also
  do whatever the Responsible does;
- a **vendor manager** (or vendor admin) may do everything, including marking a task not
  applicable and restoring it.

A task with no Accountable role needs no approval: the Responsible's submit finishes it.
Sending back and blocking need a reason, so the person who picks the task up knows why.

Messages are English templates marked with :func:`mark_for_translation` so that the web
application can translate them (``WorkflowError.translated``) without this module importing
Django.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from accord.domain.errors import AccordError, StaleWrite


def mark_for_translation(text: str) -> str:
    """Return ``text`` unchanged; marks it for the message catalogue (like gettext_noop)."""
    return text


_ = mark_for_translation


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    AWAITING_APPROVAL = "awaiting_approval"
    DONE = "done"
    BLOCKED = "blocked"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        """The status in words, as messages name it (English; translatable)."""
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: _("not started"),
    Status.IN_PROGRESS: _("in progress"),
    Status.AWAITING_APPROVAL: _("awaiting approval"),
    Status.DONE: _("done"),
    Status.BLOCKED: _("blocked"),
    Status.NOT_APPLICABLE: _("not applicable"),
}

#: Statuses in which no more work is expected.
CLOSED_STATUSES = frozenset({Status.DONE, Status.NOT_APPLICABLE})


class Action(StrEnum):
    START = "start"
    SUBMIT = "submit"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    BLOCK = "block"
    UNBLOCK = "unblock"
    REOPEN = "reopen"
    MARK_NOT_APPLICABLE = "mark_not_applicable"
    RESTORE = "restore"

    @property
    def label(self) -> str:
        """The action in words, as messages name it (English; translatable)."""
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.START: _("start"),
    Action.SUBMIT: _("submit"),
    Action.APPROVE: _("approve"),
    Action.SEND_BACK: _("send back"),
    Action.BLOCK: _("block"),
    Action.UNBLOCK: _("unblock"),
    Action.REOPEN: _("reopen"),
    Action.MARK_NOT_APPLICABLE: _("mark not applicable"),
    Action.RESTORE: _("restore"),
}


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What one person may do on one task: the letters they hold there and whether they manage
    the vendor's projects (vendor admin or vendor manager)."""

    responsible: bool = False
    accountable: bool = False
    manager: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.responsible or self.accountable or self.manager)


class Holder(StrEnum):
    """Who may take an action, from the narrowest to the widest."""

    RESPONSIBLE = "responsible"  # the Responsible, the Accountable, or a manager
    ACCOUNTABLE = "accountable"  # the Accountable or a manager
    MANAGER = "manager"  # a vendor manager or admin only


def _holds(capabilities: Capabilities, holder: Holder) -> bool:
    if capabilities.manager:
        return True
    if holder is Holder.RESPONSIBLE:
        return capabilities.responsible or capabilities.accountable
    if holder is Holder.ACCOUNTABLE:
        return capabilities.accountable
    return False


_HOLDER_HINTS: dict[Holder, str] = {
    Holder.RESPONSIBLE: _(
        "Only the task's Responsible, its Accountable or a vendor manager can {action} it; ask one of them."
    ),
    Holder.ACCOUNTABLE: _(
        "Only the task's Accountable or a vendor manager can {action} it; ask one of them."
    ),
    Holder.MANAGER: _("Only a vendor manager or admin can {action} a task; ask one of them."),
}


@dataclass(frozen=True, slots=True)
class _Rule:
    sources: frozenset[Status]
    holder: Holder
    needs_reason: bool = False
    # What to do first when the task is in another status (a translatable sentence).
    wrong_status_hint: str = ""


_RULES: dict[Action, _Rule] = {
    Action.START: _Rule(
        frozenset({Status.NOT_STARTED}),
        Holder.RESPONSIBLE,
        wrong_status_hint=_("Only a task not started yet can be started."),
    ),
    Action.SUBMIT: _Rule(
        frozenset({Status.IN_PROGRESS}),
        Holder.RESPONSIBLE,
        wrong_status_hint=_("Only a task in progress can be submitted; start it first."),
    ),
    Action.APPROVE: _Rule(
        frozenset({Status.AWAITING_APPROVAL}),
        Holder.ACCOUNTABLE,
        wrong_status_hint=_(
            "Only a task awaiting approval can be approved; the Responsible submits it first."
        ),
    ),
    Action.SEND_BACK: _Rule(
        frozenset({Status.AWAITING_APPROVAL}),
        Holder.ACCOUNTABLE,
        needs_reason=True,
        wrong_status_hint=_("Only a task awaiting approval can be sent back."),
    ),
    Action.BLOCK: _Rule(
        frozenset({Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL}),
        Holder.RESPONSIBLE,
        needs_reason=True,
        wrong_status_hint=_("Only open work can be blocked: not started, in progress or awaiting approval."),
    ),
    Action.UNBLOCK: _Rule(
        frozenset({Status.BLOCKED}),
        Holder.RESPONSIBLE,
        wrong_status_hint=_("Only a blocked task can be unblocked."),
    ),
    Action.REOPEN: _Rule(
        frozenset({Status.DONE}),
        Holder.ACCOUNTABLE,
        wrong_status_hint=_("Only a done task can be reopened."),
    ),
    Action.MARK_NOT_APPLICABLE: _Rule(
        frozenset({Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL, Status.BLOCKED}),
        Holder.MANAGER,
        wrong_status_hint=_("A done task must be reopened before it is marked not applicable."),
    ),
    Action.RESTORE: _Rule(
        frozenset({Status.NOT_APPLICABLE}),
        Holder.MANAGER,
        wrong_status_hint=_("Only a task marked not applicable can be restored."),
    ),
}


class WorkflowError(AccordError):
    """An action the workflow refuses: wrong status, not the person's to take, or a reason missing.

    ``message_template`` and ``hint_template`` are the untranslated English texts with
    ``{action}`` and ``{status}`` placeholders; :meth:`translated` renders them in another
    language.
    """

    code = "workflow-refused"

    def __init__(
        self,
        *,
        code: str,
        action: Action,
        status: Status,
        message_template: str,
        hint_template: str,
    ) -> None:
        self.action = action
        self.status = status
        self.message_template = message_template
        self.hint_template = hint_template
        message, hint = self._render(lambda text: text)
        super().__init__(message, hint=hint, code=code)

    def _render(self, translate: Callable[[str], str]) -> tuple[str, str]:
        values = {"action": translate(self.action.label), "status": translate(self.status.label)}
        return (
            translate(self.message_template).format(**values),
            translate(self.hint_template).format(**values),
        )

    def translated(self, translate: Callable[[str], str]) -> WorkflowError:
        """The same error with its message and hint rendered through ``translate`` (a gettext)."""
        error = WorkflowError(
            code=self.code,
            action=self.action,
            status=self.status,
            message_template=self.message_template,
            hint_template=self.hint_template,
        )
        error.message, error.hint = self._render(translate)
        error.args = (error.message,)
        return error


class ChangedMeanwhile(StaleWrite):
    """Someone changed the task since the person loaded it; nothing was changed.

    A :class:`~accord.domain.errors.StaleWrite` that also says who made the newer change
    (``changed_by``, empty when unknown), when (``changed_at``) and the stored version.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str = "",
        current_version: int,
        changed_by: str = "",
        changed_at: datetime | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at


@dataclass(frozen=True, slots=True)
class Move:
    """The outcome of one allowed action.

    ``starts_work`` asks to record the actual start (if none yet), ``finishes_work`` the actual
    finish; ``reopens_work`` clears the actual finish; ``resets_work`` clears both (a task
    restored from not applicable starts afresh). ``reason`` is what the task now shows as the
    reason for its status (empty when none).
    """

    action: Action
    before: Status
    after: Status
    reason: str = ""
    starts_work: bool = False
    finishes_work: bool = False
    reopens_work: bool = False
    resets_work: bool = False


def _refusal(action: Action, status: Status, code: str, message: str, hint: str) -> WorkflowError:
    return WorkflowError(
        code=code, action=action, status=status, message_template=message, hint_template=hint
    )


def check(
    status: Status,
    action: Action,
    *,
    capabilities: Capabilities,
    reason: str = "",
) -> None:
    """Raise :class:`WorkflowError` if ``action`` may not be taken now by someone holding
    ``capabilities`` on a task in ``status``; return quietly otherwise.

    The status is checked before the person, so that someone who may act learns what to do
    first, and someone who may not learns whom to ask.
    """
    rule = _RULES[action]
    if status not in rule.sources:
        raise _refusal(
            action,
            status,
            "workflow-wrong-status",
            _("Cannot {action} a task that is {status}."),
            rule.wrong_status_hint,
        )
    if not _holds(capabilities, rule.holder):
        raise _refusal(
            action,
            status,
            "workflow-not-allowed",
            _("You cannot {action} this task."),
            _HOLDER_HINTS[rule.holder],
        )
    if rule.needs_reason and not reason.strip():
        raise _refusal(
            action,
            status,
            "workflow-reason-required",
            _("A reason is needed to {action} a task."),
            _("Say why, so that whoever picks the task up knows what to do."),
        )


def move(
    status: Status,
    action: Action,
    *,
    capabilities: Capabilities,
    has_accountable: bool,
    reason: str = "",
    status_before_block: Status | None = None,
) -> Move:
    """The move ``action`` makes from ``status``, or :class:`WorkflowError` if it is refused.

    ``has_accountable`` says whether any role holds A on the task: without one, submitting
    finishes the task at once. ``status_before_block`` is where unblocking returns to (in
    progress when unknown, or when it is not a status a task can be blocked from).
    """
    check(status, action, capabilities=capabilities, reason=reason)
    reason = reason.strip()
    if action is Action.START:
        return Move(action, status, Status.IN_PROGRESS, starts_work=True)
    if action is Action.SUBMIT:
        if has_accountable:
            return Move(action, status, Status.AWAITING_APPROVAL)
        return Move(action, status, Status.DONE, finishes_work=True)
    if action is Action.APPROVE:
        return Move(action, status, Status.DONE, finishes_work=True)
    if action is Action.SEND_BACK:
        return Move(action, status, Status.IN_PROGRESS, reason=reason)
    if action is Action.BLOCK:
        return Move(action, status, Status.BLOCKED, reason=reason)
    if action is Action.UNBLOCK:
        back = status_before_block
        if back is None or back not in _RULES[Action.BLOCK].sources:
            back = Status.IN_PROGRESS
        return Move(action, status, back, starts_work=back is not Status.NOT_STARTED)
    if action is Action.REOPEN:
        return Move(action, status, Status.IN_PROGRESS, reason=reason, reopens_work=True)
    if action is Action.MARK_NOT_APPLICABLE:
        return Move(action, status, Status.NOT_APPLICABLE, reason=reason)
    return Move(action, status, Status.NOT_STARTED, resets_work=True)


def allowed_actions(status: Status, *, capabilities: Capabilities) -> tuple[Action, ...]:
    """The actions a person holding ``capabilities`` may take on a task in ``status``, in
    :class:`Action` order (what a page offers as buttons; reasons are asked for separately)."""
    return tuple(
        action
        for action, rule in _RULES.items()
        if status in rule.sources and _holds(capabilities, rule.holder)
    )


def needs_reason(action: Action) -> bool:
    """Whether ``action`` must come with a reason (sending back and blocking)."""
    return _RULES[action].needs_reason


def actions_leading_to(
    status: Status, target: Status, *, has_accountable: bool, status_before_block: Status | None = None
) -> tuple[Action, ...]:
    """The actions that move a task in ``status`` to ``target``, whoever takes them, in
    :class:`Action` order (an API that is given a status, not an action, picks among these the
    first the person may take). Empty when no single action leads there."""
    anyone = Capabilities(manager=True)
    found = []
    for action, rule in _RULES.items():
        if status not in rule.sources:
            continue
        after = move(
            status,
            action,
            capabilities=anyone,
            has_accountable=has_accountable,
            reason="-",
            status_before_block=status_before_block,
        ).after
        if after is target:
            found.append(action)
    return tuple(found)
