import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.workflow import (
    CLOSED_STATUSES,
    Action,
    Capabilities,
    Status,
    WorkflowError,
    allowed_actions,
    check,
    move,
    needs_reason,
)

RESPONSIBLE = Capabilities(responsible=True)
ACCOUNTABLE = Capabilities(accountable=True)
MANAGER = Capabilities(manager=True)
NOBODY = Capabilities()


def test_the_happy_path_with_an_approval():
    started = move(Status.NOT_STARTED, Action.START, capabilities=RESPONSIBLE, has_accountable=True)
    assert (started.after, started.starts_work) == (Status.IN_PROGRESS, True)
    submitted = move(started.after, Action.SUBMIT, capabilities=RESPONSIBLE, has_accountable=True)
    assert (submitted.after, submitted.finishes_work) == (Status.AWAITING_APPROVAL, False)
    approved = move(submitted.after, Action.APPROVE, capabilities=ACCOUNTABLE, has_accountable=True)
    assert (approved.after, approved.finishes_work) == (Status.DONE, True)


def test_without_an_accountable_submitting_finishes_the_task():
    submitted = move(Status.IN_PROGRESS, Action.SUBMIT, capabilities=RESPONSIBLE, has_accountable=False)
    assert (submitted.after, submitted.finishes_work) == (Status.DONE, True)


@pytest.mark.parametrize(
    ("action", "status", "allowed", "refused"),
    [
        (Action.START, Status.NOT_STARTED, [RESPONSIBLE, ACCOUNTABLE, MANAGER], [NOBODY]),
        (Action.SUBMIT, Status.IN_PROGRESS, [RESPONSIBLE, ACCOUNTABLE, MANAGER], [NOBODY]),
        (Action.APPROVE, Status.AWAITING_APPROVAL, [ACCOUNTABLE, MANAGER], [RESPONSIBLE, NOBODY]),
        (Action.SEND_BACK, Status.AWAITING_APPROVAL, [ACCOUNTABLE, MANAGER], [RESPONSIBLE, NOBODY]),
        (Action.BLOCK, Status.IN_PROGRESS, [RESPONSIBLE, ACCOUNTABLE, MANAGER], [NOBODY]),
        (Action.UNBLOCK, Status.BLOCKED, [RESPONSIBLE, ACCOUNTABLE, MANAGER], [NOBODY]),
        (Action.REOPEN, Status.DONE, [ACCOUNTABLE, MANAGER], [RESPONSIBLE, NOBODY]),
        (Action.MARK_NOT_APPLICABLE, Status.NOT_STARTED, [MANAGER], [RESPONSIBLE, ACCOUNTABLE, NOBODY]),
        (Action.RESTORE, Status.NOT_APPLICABLE, [MANAGER], [RESPONSIBLE, ACCOUNTABLE, NOBODY]),
    ],
)
def test_who_may_take_each_action(action, status, allowed, refused):
    for capabilities in allowed:
        check(status, action, capabilities=capabilities, reason="because")
        assert action in allowed_actions(status, capabilities=capabilities)
    for capabilities in refused:
        with pytest.raises(WorkflowError) as caught:
            check(status, action, capabilities=capabilities, reason="because")
        assert caught.value.code == "workflow-not-allowed"
        assert action.label in caught.value.message
        assert "ask" in caught.value.hint
        assert action not in allowed_actions(status, capabilities=capabilities)


def test_a_wrong_status_names_the_status_and_the_action():
    with pytest.raises(WorkflowError) as caught:
        move(Status.IN_PROGRESS, Action.APPROVE, capabilities=MANAGER, has_accountable=True)
    assert caught.value.code == "workflow-wrong-status"
    assert caught.value.message == "Cannot approve a task that is in progress."
    assert "submits it first" in caught.value.hint


@pytest.mark.parametrize("action", [Action.SEND_BACK, Action.BLOCK])
@pytest.mark.parametrize("reason", ["", "   "])
def test_sending_back_and_blocking_need_a_reason(action, reason):
    with pytest.raises(WorkflowError) as caught:
        move(Status.AWAITING_APPROVAL, action, capabilities=MANAGER, has_accountable=True, reason=reason)
    assert caught.value.code == "workflow-reason-required"
    assert needs_reason(action)


def test_the_reason_is_kept_trimmed():
    sent_back = move(
        Status.AWAITING_APPROVAL,
        Action.SEND_BACK,
        capabilities=ACCOUNTABLE,
        has_accountable=True,
        reason=" no ",
    )
    assert (sent_back.after, sent_back.reason) == (Status.IN_PROGRESS, "no")


@pytest.mark.parametrize("before", [Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL])
def test_unblocking_returns_to_the_status_before_blocking(before):
    blocked = move(before, Action.BLOCK, capabilities=RESPONSIBLE, has_accountable=True, reason="waiting")
    unblocked = move(
        blocked.after,
        Action.UNBLOCK,
        capabilities=RESPONSIBLE,
        has_accountable=True,
        status_before_block=blocked.before,
    )
    assert unblocked.after is before


@pytest.mark.parametrize("remembered", [None, Status.DONE])
def test_unblocking_without_a_usable_memory_goes_to_in_progress(remembered):
    unblocked = move(
        Status.BLOCKED,
        Action.UNBLOCK,
        capabilities=RESPONSIBLE,
        has_accountable=True,
        status_before_block=remembered,
    )
    assert (unblocked.after, unblocked.starts_work) == (Status.IN_PROGRESS, True)


def test_reopen_and_restore_clear_the_recorded_dates():
    reopened = move(Status.DONE, Action.REOPEN, capabilities=ACCOUNTABLE, has_accountable=True)
    assert (reopened.after, reopened.reopens_work) == (Status.IN_PROGRESS, True)
    restored = move(Status.NOT_APPLICABLE, Action.RESTORE, capabilities=MANAGER, has_accountable=True)
    assert (restored.after, restored.resets_work) == (Status.NOT_STARTED, True)


def test_a_done_task_must_be_reopened_before_it_is_marked_not_applicable():
    with pytest.raises(WorkflowError) as caught:
        move(Status.DONE, Action.MARK_NOT_APPLICABLE, capabilities=MANAGER, has_accountable=True)
    assert "reopened" in caught.value.hint


def test_messages_translate_through_a_gettext():
    french = {
        "Cannot {action} a task that is {status}.": "Impossible de {action} une tâche {status}.",
        "approve": "approuver",
        "in progress": "en cours",
    }
    with pytest.raises(WorkflowError) as caught:
        check(Status.IN_PROGRESS, Action.APPROVE, capabilities=MANAGER)
    translated = caught.value.translated(lambda text: french.get(text, text))
    assert translated.message == "Impossible de approuver une tâche en cours."
    assert translated.code == caught.value.code
    assert caught.value.message == "Cannot approve a task that is in progress."


# --- properties over random action sequences ---------------------------------------------------

capabilities_strategy = st.builds(Capabilities, st.booleans(), st.booleans(), st.booleans())
steps = st.lists(
    st.tuples(st.sampled_from(list(Action)), capabilities_strategy, st.sampled_from(["", "  ", "why"])),
    max_size=30,
)


def run(steps, *, has_accountable):
    """Play the steps, skipping refused ones; yield (action, capabilities, reason, move or error)."""
    status = Status.NOT_STARTED
    before_block = None
    for action, capabilities, reason in steps:
        try:
            result = move(
                status,
                action,
                capabilities=capabilities,
                has_accountable=has_accountable,
                reason=reason,
                status_before_block=before_block,
            )
        except WorkflowError as error:
            yield action, capabilities, reason, error
            continue
        if result.after is Status.BLOCKED:
            before_block = result.before
        assert result.before is status
        status = result.after
        yield action, capabilities, reason, result


@settings(max_examples=80)
@given(steps, st.booleans())
def test_statuses_stay_in_the_set_and_moves_chain(steps, has_accountable):
    for *_, outcome in run(steps, has_accountable=has_accountable):
        if not isinstance(outcome, WorkflowError):
            assert outcome.after in set(Status)


@settings(max_examples=80)
@given(steps)
def test_with_an_accountable_nothing_is_done_without_an_approval(steps):
    for action, _capabilities, _reason, outcome in run(steps, has_accountable=True):
        if not isinstance(outcome, WorkflowError) and outcome.after is Status.DONE:
            assert action is Action.APPROVE


@settings(max_examples=80)
@given(steps, st.booleans())
def test_send_back_and_block_always_need_a_reason(steps, has_accountable):
    for action, _capabilities, reason, outcome in run(steps, has_accountable=has_accountable):
        if action in (Action.SEND_BACK, Action.BLOCK) and not isinstance(outcome, WorkflowError):
            assert reason.strip()
            assert outcome.reason == reason.strip()


@settings(max_examples=80)
@given(steps, st.booleans())
def test_people_without_capabilities_never_move_a_task(steps, has_accountable):
    for _action, capabilities, _reason, outcome in run(steps, has_accountable=has_accountable):
        if capabilities.is_empty:
            assert isinstance(outcome, WorkflowError)


@settings(max_examples=80)
@given(steps, st.booleans())
def test_only_managers_touch_not_applicable_and_only_accountables_close_work(steps, has_accountable):
    for action, capabilities, _reason, outcome in run(steps, has_accountable=has_accountable):
        if isinstance(outcome, WorkflowError):
            continue
        if Status.NOT_APPLICABLE in (outcome.before, outcome.after):
            assert capabilities.manager
        if outcome.before is Status.DONE or action is Action.APPROVE:
            assert capabilities.manager or capabilities.accountable


@settings(max_examples=80)
@given(st.sampled_from(list(Status)), capabilities_strategy)
def test_allowed_actions_are_exactly_those_that_pass_the_check(status, capabilities):
    offered = set(allowed_actions(status, capabilities=capabilities))
    for action in Action:
        try:
            check(status, action, capabilities=capabilities, reason="why")
        except WorkflowError:
            assert action not in offered
        else:
            assert action in offered
    if status in CLOSED_STATUSES and not (capabilities.manager or capabilities.accountable):
        assert offered == set()
