"""Receiving an event and running the rules it fires: synchronously, inside the request.

:func:`event_receive` checks the trigger's address, the body's size and the Standard Webhooks
signature (5 minutes of tolerance), then, in one transaction, inserts the event's row and runs
every rule of the trigger that listens to its type. The row's unique constraint (trigger, event
id) is the exactly-once guarantee: a second delivery of the same event, even one arriving while
the first is still being applied, cannot insert it (on PostgreSQL it waits for the first to commit,
then fails) and answers "already received" having done nothing. If the transaction fails, nothing
of it stays and the platform's retry applies the event then.

Each rule runs in a savepoint: a failing action rolls back its own work only, and its run is logged
as failed (with the error), recorded in the activity log, and e-mailed to the rule's owner by the
worker after commit. Actions act as the rule's owner, through the same services as the pages.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from accord.accounts.models import User, user_language
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.automations import selectors, tasks
from accord.automations.models import (
    CustomerLink,
    IncomingEvent,
    RecordValue,
    Rule,
    RuleAction,
    RuleMode,
    Run,
    RunOutcome,
    Trigger,
)
from accord.base.forms import error_text
from accord.catalog.selectors import catalog_playbook
from accord.domain import automations as core
from accord.domain.errors import AccordError, InvalidInput, Problem
from accord.projects import services as project_services
from accord.projects.models import Project, ProjectTask
from accord.projects.selectors import project_for
from accord.work import services as work_services
from accord.workspaces import services as workspace_services
from accord.workspaces.models import Customer

logger = logging.getLogger(__name__)

#: The largest body a trigger accepts (a CRM event is a few kilobytes).
MAX_BODY_BYTES = 256 * 1024
#: The longest event id (the webhook-id header) kept.
MAX_EVENT_ID = 255


class HookRefused(AccordError):
    """An incoming delivery is refused; ``status`` is the HTTP answer (nothing was applied)."""

    def __init__(self, status: int, code: str, message: str, *, hint: str = "") -> None:
        super().__init__(message, hint=hint, code=code)
        self.status = status


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a delivery did: the event's row, whether it was already received, and the runs."""

    event: IncomingEvent
    duplicate: bool
    runs: list[Run] = field(default_factory=list)


# --- Receiving ------------------------------------------------------------------------------------


def _secrets(trigger: Trigger) -> list[str]:
    found = [trigger.secret]
    if selectors.rotation_in_progress(trigger):
        found.append(trigger.previous_secret)
    return found


def signature_verify(trigger: Trigger, body: bytes, headers: Mapping[str, str]) -> None:
    """Raise :class:`HookRefused` (401) unless ``body`` is signed with the trigger's secret (or
    the previous one during a rotation) and its timestamp is within 5 minutes of now."""
    wanted = {
        name: headers.get(name, "") for name in ("webhook-id", "webhook-timestamp", "webhook-signature")
    }
    reason = ""
    for secret in _secrets(trigger):
        try:
            Webhook(secret).verify(body, wanted, json_parse=False)
        except (WebhookVerificationError, ValueError) as error:  # ValueError: malformed headers
            reason = str(error)
            continue
        return
    if "timestamp" in reason:
        message = _("The event's timestamp is more than 5 minutes away from Accord's clock.")
    elif "Missing" in reason:
        message = _("The event lacks the webhook-id, webhook-timestamp or webhook-signature header.")
    else:
        message = _("The event's signature does not match the trigger's secret.")
    raise HookRefused(
        401,
        "signature-invalid",
        message,
        hint=_("Sign events with the trigger's secret, as the Standard Webhooks specification says."),
    )


def _payload(body: bytes) -> dict[str, Any]:
    text = ""
    payload: Any = None
    try:
        text = body.decode("utf-8")
        payload = json.loads(text)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        payload = None
    if not isinstance(payload, dict):
        raise HookRefused(
            422,
            "payload-invalid",
            _("The event's body is not a JSON object."),
            hint=_('Send {"type": …, "timestamp": …, "data": {…}} as UTF-8 JSON.'),
        )
    if "\\u0000" in text:
        raise HookRefused(422, "payload-invalid", _("The event's body contains a NUL character."))
    return payload


def event_receive(*, public_id: str, body: bytes, headers: Mapping[str, str]) -> Receipt:
    """Verify one delivery to a trigger's address and apply its event exactly once.

    Raises :class:`HookRefused` with the status to answer: 404 (no such trigger), 413 (body too
    large), 401 (signature or timestamp), 422 (not a JSON object, or an id too long). A delivery
    of an event already received returns ``duplicate=True`` and does nothing.
    """
    trigger = Trigger.objects.filter(public_id=public_id).first()
    if trigger is None:
        raise HookRefused(404, "not-found", _("No such trigger."))
    if len(body) > MAX_BODY_BYTES:
        raise HookRefused(
            413,
            "payload-too-large",
            _("The event is larger than %(size)s KiB.") % {"size": MAX_BODY_BYTES // 1024},
            hint=_("Send the record's fields only, not the whole record with its history."),
        )
    signature_verify(trigger, body, headers)
    payload = _payload(body)
    event_id = headers.get("webhook-id", "").strip()
    if len(event_id) > MAX_EVENT_ID or "\x00" in event_id:
        raise HookRefused(422, "event-id-invalid", _("The webhook-id header is longer than 255 characters."))
    try:
        with transaction.atomic():
            event = IncomingEvent.objects.create(
                trigger=trigger,
                event_id=event_id,
                event_type=core.event_type_of(payload)[:200],
                payload=payload,
            )
            runs = rules_apply(trigger, event)
            Trigger.objects.filter(pk=trigger.pk).update(last_event_at=event.received_at)
    except IntegrityError:
        existing = IncomingEvent.objects.filter(trigger=trigger, event_id=event_id).first()
        if existing is None:
            raise
        return Receipt(event=existing, duplicate=True)
    return Receipt(event=event, duplicate=False, runs=runs)


def rules_apply(trigger: Trigger, event: IncomingEvent) -> list[Run]:
    """Run every rule of the trigger that listens to the event's type (test and live alike: a
    rule in test mode acts on its test target)."""
    rules = (
        Rule.objects.filter(trigger_id=trigger.pk, event_type=event.event_type)
        .select_related("owner", "trigger", "test_customer", "live_customer")
        .order_by("created_at", "pk")
    )
    return [rule_apply(rule, event) for rule in rules]


# --- One rule, one event --------------------------------------------------------------------------


def _stored_value(rule: Rule, record_id: str) -> tuple[bool, Any]:
    if not record_id:
        return core.NOTHING_STORED
    row = RecordValue.objects.select_for_update().filter(rule=rule, record_id=record_id).first()
    return (True, row.value) if row is not None else core.NOTHING_STORED


def _store_value(rule: Rule, record_id: str, value: Any) -> None:
    if not record_id:
        return
    now = timezone.now()
    if RecordValue.objects.filter(rule=rule, record_id=record_id).update(value=value, updated_at=now):
        return
    try:
        with transaction.atomic():
            RecordValue.objects.create(rule=rule, record_id=record_id, value=value, updated_at=now)
    except IntegrityError:  # stored meanwhile by another event of the same record
        RecordValue.objects.filter(rule=rule, record_id=record_id).update(value=value, updated_at=now)


def rule_apply(rule: Rule, event: IncomingEvent) -> Run:
    """Evaluate one rule on one event, act if it fires, and log the run."""
    started, clock = timezone.now(), time.monotonic()
    payload = event.payload
    record_id = core.value_text(core.path_value(payload, rule.record_id_path))[:200]
    evaluation = core.transition_evaluate(
        selectors.rule_transition(rule), payload, stored=_stored_value(rule, record_id)
    )
    if evaluation.reason != "field-missing":
        _store_value(rule, record_id, evaluation.current)
    mapped, _missing = core.mapping_apply(selectors.rule_mapping(rule), payload)
    run = Run(
        workspace_id=rule.workspace_id,
        rule=rule,
        event=event,
        mode=rule.mode,
        record_id=record_id,
        input=payload,
        previous_value=evaluation.previous,
        previous_source=evaluation.previous_source,
        current_value=evaluation.current,
        reason_code=evaluation.reason,
        reason_params=evaluation.params,
        mapped=mapped,
        action=rule.action,
        started_at=started,
    )
    if not evaluation.fires:
        run.outcome = RunOutcome.SKIPPED
        return _finished(run, clock)
    return _act(run, clock)


def run_again(*, run: Run, actor: User) -> Run:
    """A replay of ``run`` (the caller checked it may be): its input mapped with the rule's
    current mapping, acted on in the run's mode, as the rule's owner."""
    rule = Rule.objects.select_related("owner", "trigger", "test_customer", "live_customer").get(
        pk=run.rule_id
    )
    mapped, _missing = core.mapping_apply(selectors.rule_mapping(rule), run.input)
    again = Run(
        workspace_id=rule.workspace_id,
        rule=rule,
        event=run.event,
        mode=run.mode,
        record_id=run.record_id,
        input=run.input,
        previous_value=run.previous_value,
        previous_source=run.previous_source,
        current_value=run.current_value,
        reason_code=run.reason_code,
        reason_params=run.reason_params,
        mapped=mapped,
        action=rule.action,
        replay_of=run,
        replayed_by=actor,
        started_at=timezone.now(),
    )
    return _act(again, time.monotonic())


def _finished(run: Run, clock: float) -> Run:
    run.duration_ms = max(0, int((time.monotonic() - clock) * 1000))
    run.save()
    return run


def _act(run: Run, clock: float) -> Run:
    rule = run.rule
    try:
        with transaction.atomic():
            project, summary = ACTIONS[RuleAction(rule.action)](rule, run)
    except AccordError as error:
        run.outcome, run.error = RunOutcome.FAILED, error_text(error)[:1000]
    except Exception:  # a bug must not lose the event: the run says so, the log has the details
        logger.exception("Automation rule %s failed on event %s", rule.pk, run.event_id)
        run.outcome, run.error = (
            RunOutcome.FAILED,
            _("An unexpected error happened; the server log has the details."),
        )
    else:
        run.outcome, run.project, run.action_summary = RunOutcome.SUCCEEDED, project, summary[:500]
    run = _finished(run, clock)
    if run.outcome == RunOutcome.FAILED:
        _failure_alert(run)
    return run


def _failure_alert(run: Run) -> None:
    rule = run.rule
    activity_record(
        actor=None,
        workspace_id=rule.workspace_id,
        verb=Verb.AUTOMATION_RUN_FAILED,
        target_type="automation_run",
        target_key=str(run.pk),
        summary=f"{rule.name}: {run.error}",
        after={"rule": rule.name, "run": run.pk, "mode": run.mode, "error": run.error},
    )
    run_id = run.pk
    transaction.on_commit(lambda: tasks.run_failure_notice_send.enqueue(run_id=run_id))


# --- Actions --------------------------------------------------------------------------------------


def _owner(rule: Rule) -> User:
    owner = rule.owner
    if owner is None or not owner.is_active:
        raise AccordError(
            _("The rule has no active owner to act as."),
            hint=_("Choose an owner on the rule's page."),
            code="rule-no-owner",
        )
    return owner


def _refused(code: str, message: str, hint: str = "", where: str = "") -> InvalidInput:
    return InvalidInput([Problem(code, message, hint=hint, where=where)])


def _mapped_text(run: Run, name: str) -> str:
    return core.value_text(run.mapped.get(name))


def _customer_for(rule: Rule, run: Run, owner: User) -> Customer:
    """The test customer in test mode; live, the rule's customer, or the one the mapped fields
    name (by external id, then by name), created when there is none."""
    if run.mode == RuleMode.TEST:
        if rule.test_customer is None:
            raise _refused("test-customer-missing", _("The rule has no test customer."), _("Edit the rule."))
        return rule.test_customer
    if rule.live_customer is not None:
        return rule.live_customer
    external_id, name = (
        _mapped_text(run, "customer_external_id")[:200],
        _mapped_text(run, "customer_name")[:150],
    )
    customer = None
    if external_id:
        link = (
            CustomerLink.objects.filter(trigger_id=rule.trigger_id, external_id=external_id)
            .select_related("customer")
            .first()
        )
        customer = link.customer if link is not None else None
    if customer is None and name:
        customer = Customer.objects.filter(workspace_id=rule.workspace_id, name__iexact=name).first()
        if customer is None:
            customer = workspace_services.customer_create(actor=owner, workspace=rule.workspace, name=name)
    if customer is None:
        raise _refused(
            "customer-unknown",
            _("The event names no customer: customer_name and customer_external_id are empty."),
            _("Map the customer's name (customer_name) or id (customer_external_id)."),
        )
    if external_id:
        CustomerLink.objects.get_or_create(
            trigger_id=rule.trigger_id, external_id=external_id, defaults={"customer": customer}
        )
    return customer


def _start_date(run: Run) -> dt.date:
    text = _mapped_text(run, "start_date")
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise _refused(
            "start-date-invalid",
            _("The mapped start date “%(value)s” is not a date.") % {"value": text[:40]},
            _("Map a YYYY-MM-DD value to start_date, or leave it out to start today."),
        ) from None


def create_project(rule: Rule, run: Run) -> tuple[Project, str]:
    """Create a project from the rule's playbook (the test one in test mode, when there is one)
    for the customer :func:`_customer_for` finds."""
    owner = _owner(rule)
    key = (
        (rule.test_playbook_key or rule.live_playbook_key)
        if run.mode == RuleMode.TEST
        else rule.live_playbook_key
    )
    if not key:
        raise _refused(
            "playbook-missing", _("The rule has no live playbook."), _("Edit the rule and choose it.")
        )
    playbook = catalog_playbook(owner, rule.workspace_id, key)
    customer = _customer_for(rule, run, owner)
    variants = {variant.key for variant in playbook.variants}
    name = (_mapped_text(run, "project_name") or customer.name)[:200]
    project = project_services.project_create(
        actor=owner,
        creation=project_services.ProjectCreation(
            workspace=rule.workspace,
            customer=customer,
            name=name,
            playbook=playbook,
            playbook_source="automation",
            # A playbook without paths takes none; one with paths checks the rule's (project_create).
            variant=(rule.variant or None) if variants else None,
            start_date=_start_date(run),
            country=(_mapped_text(run, "country") or rule.country).upper()[:10],
        ),
    )
    return project, _("Created the project “%(project)s” from %(playbook)s for %(customer)s") % {
        "project": project.name,
        "playbook": playbook.name,
        "customer": customer.name,
    }


def _project_of(rule: Rule, run: Run, owner: User) -> Project:
    """The project a task action works on: the mapped ``project_id``, else the project a rule of
    the same trigger created for the same record in the same mode."""
    mapped_id = _mapped_text(run, "project_id")
    project: Project | None = None
    if mapped_id.isdigit() and len(mapped_id) < 19:
        project = project_for(owner, int(mapped_id))
    elif run.record_id:
        made = (
            Run.objects.filter(
                rule__trigger_id=rule.trigger_id,
                record_id=run.record_id,
                mode=run.mode,
                outcome=RunOutcome.SUCCEEDED,
                action=RuleAction.CREATE_PROJECT,
                project__isnull=False,
            )
            .order_by("-started_at", "-pk")
            .values_list("project_id", flat=True)
            .first()
        )
        project = project_for(owner, made) if made is not None else None
    if project is None:
        raise _refused(
            "project-unknown",
            _("No project for the record “%(record)s”.") % {"record": run.record_id},
            _("Map project_id, or let a rule of this trigger create the project for this record first."),
        )
    if run.mode == RuleMode.TEST and project.customer_id != rule.test_customer_id:
        raise _refused(
            "not-a-test-project",
            _("In test mode the rule only acts on projects of the test customer; “%(project)s” is not one.")
            % {"project": project.name},
            _("Test with a project of the test customer, then put the rule live."),
        )
    return project


def _task_of(rule: Rule, run: Run, project: Project) -> ProjectTask:
    key = _mapped_text(run, "task_key") or rule.task_key
    task = ProjectTask.objects.select_related("project").filter(project=project, key=key).first()
    if task is None:
        raise _refused(
            "task-unknown",
            _("The project “%(project)s” has no task “%(task)s”.") % {"project": project.name, "task": key},
            _("Check the task key in the rule (the keys are in the playbook)."),
        )
    return task


def move_task(rule: Rule, run: Run) -> tuple[Project, str]:
    """Move the task through the workflow, with its rules, as the owner."""
    owner = _owner(rule)
    project = _project_of(rule, run, owner)
    task = _task_of(rule, run, project)
    before = task.get_status_display()
    task = work_services.task_transition(
        actor=owner,
        task=task,
        action=rule.task_action,
        expected_version=task.version,
        reason=_mapped_text(run, "reason")[:1000] or _("Automation rule “%(rule)s”") % {"rule": rule.name},
    )
    return project, _("Moved “%(task)s” from %(before)s to %(after)s") % {
        "task": task.name,
        "before": before,
        "after": task.get_status_display(),
    }


def add_comment(rule: Rule, run: Run) -> tuple[Project, str]:
    """Comment on the task, the comment's {field}s filled with the mapped values, as the owner."""
    owner = _owner(rule)
    project = _project_of(rule, run, owner)
    task = _task_of(rule, run, project)
    body = core.template_fill(rule.comment_template, run.mapped)[:5000]
    work_services.comment_add(actor=owner, task=task, body=body)
    return project, _("Commented on “%(task)s”") % {"task": task.name}


ACTIONS = {
    RuleAction.CREATE_PROJECT: create_project,
    RuleAction.MOVE_TASK: move_task,
    RuleAction.ADD_COMMENT: add_comment,
}


# --- The failure notice ---------------------------------------------------------------------------


def run_failure_notice_deliver(*, run_id: int) -> int:
    """E-mail the rule's owner (else its author) that a run failed, in their language; returns how
    many e-mails were sent (none when the run is gone or has no one to tell)."""
    run = (
        Run.objects.select_related("rule", "rule__owner", "rule__created_by", "rule__workspace")
        .filter(pk=run_id)
        .first()
    )
    if run is None:
        return 0
    rule = run.rule
    person = rule.owner if rule.owner is not None and rule.owner.is_active else rule.created_by
    if person is None or not person.is_active or not person.email:
        return 0
    path = reverse("automations:run_detail", kwargs={"workspace_id": rule.workspace_id, "run_id": run.pk})
    with translation.override(user_language(person)):
        context = {
            "rule": rule,
            "run": run,
            "mode": run.get_mode_display(),
            "workspace": rule.workspace,
            "link": f"{settings.ACCORD_BASE_URL}{path}",
        }
        subject = " ".join(render_to_string("automations/run_failed_subject.txt", context).split())
        body = render_to_string("automations/run_failed_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
    return 1
