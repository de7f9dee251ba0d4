"""Writes to the automations: triggers (create, rotate the secret, delete), rules (create, change,
go live, back to test mode, delete) and replays of failed runs. Receiving an event and running the
rules is :mod:`accord.automations.engine`.

Only the vendor admins and managers of a workspace change its automations (anyone else: NotFound,
as if nothing existed). Each function is atomic, takes the acting person, and returns what it
changed.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.automations import engine, selectors
from accord.automations.models import Rule, RuleAction, RuleMode, Run, RunOutcome, Trigger
from accord.catalog.selectors import catalog_playbook
from accord.domain import automations as core
from accord.domain.errors import AccordError, InvalidInput, NotFound, Problem, StaleWrite
from accord.domain.workflow import Action
from accord.webhooks.services import new_secret
from accord.workspaces.models import Customer, Workspace

#: How long events signed with the previous secret are still accepted after a rotation.
ROTATION_OVERLAP = dt.timedelta(hours=24)
#: Triggers and rules one workspace may have.
MAX_TRIGGERS = 20
MAX_RULES = 100
_COUNTRY = re.compile(r"[A-Z]{2}")


class GoLiveRefused(InvalidInput):
    """A check before going live failed: each problem is one failed check (``where`` its code)."""

    code = "go-live-refused"


class RunNotReplayable(AccordError):
    """Only a failed run, not yet replayed successfully, may be replayed."""

    code = "run-not-replayable"


def new_public_id() -> str:
    """A trigger's public id: ``trg_`` + 22 random URL-safe characters."""
    return "trg_" + secrets.token_urlsafe(16)[:22]


def _text(value: Any, where: str, max_length: int, *, required: bool = False) -> tuple[str, list[Problem]]:
    """A text field cleaned, and what is wrong with it."""
    text = str(value or "").strip()
    if "\x00" in text:
        return "", [Problem("text-invalid", _("This text contains a NUL character."), where=where)]
    if required and not text:
        return "", [Problem("required", _("This field is required."), where=where)]
    if len(text) > max_length:
        return "", [
            Problem(
                "too-long",
                _("This text is too long (%(count)s characters at most).") % {"count": max_length},
                where=where,
            )
        ]
    return text, []


def _version_check(current: int, expected: int | None, what: str) -> None:
    if expected is not None and expected != current:
        raise StaleWrite(
            _("This %(what)s was changed by someone else since you opened it; nothing was changed.")
            % {"what": what},
            hint=_("Reload the page to see the latest version, then try again."),
        )


def _save(row: Trigger | Rule, *names: str) -> None:
    row.version += 1
    row.updated_at = timezone.now()
    row.save(update_fields=[*names, "version", "updated_at"])


# --- Triggers -------------------------------------------------------------------------------------


@transaction.atomic
def trigger_create(*, actor: User, workspace: Workspace, name: str, platform: str) -> Trigger:
    """A new trigger of the workspace with its own address and secret (``trigger.secret``, shown
    to people this once)."""
    workspace = selectors.managed_workspace(actor, workspace.pk)
    name, name_problems = _text(name, "name", 100, required=True)
    platform, platform_problems = _text(platform, "platform", 100, required=True)
    problems = name_problems + platform_problems
    if Trigger.objects.filter(workspace=workspace).count() >= MAX_TRIGGERS:
        problems.append(
            Problem(
                "too-many-triggers",
                _("A workspace may have %(count)s triggers at most.") % {"count": MAX_TRIGGERS},
                where="name",
                hint=_("Delete a trigger you no longer use."),
            )
        )
    if problems:
        raise InvalidInput(problems)
    return Trigger.objects.create(
        workspace=workspace,
        public_id=new_public_id(),
        name=name,
        platform=platform,
        secret=new_secret(),
        created_by=actor,
    )


def _locked_trigger(actor: User, trigger: Trigger, expected_version: int | None) -> Trigger:
    visible = selectors.trigger_for(actor, trigger.pk)
    locked = Trigger.objects.select_for_update().get(pk=visible.pk)
    _version_check(locked.version, expected_version, _("trigger"))
    return locked


@transaction.atomic
def trigger_secret_rotate(*, actor: User, trigger: Trigger, expected_version: int | None = None) -> Trigger:
    """A new secret for the trigger (returned once, as ``trigger.secret``); for
    :data:`ROTATION_OVERLAP` events signed with the previous one are still accepted, so that the
    platform can switch without losing an event."""
    trigger = _locked_trigger(actor, trigger, expected_version)
    trigger.previous_secret = trigger.secret
    trigger.previous_secret_expires_at = timezone.now() + ROTATION_OVERLAP
    trigger.secret = new_secret()
    _save(trigger, "secret", "previous_secret", "previous_secret_expires_at")
    return trigger


@transaction.atomic
def trigger_delete(*, actor: User, trigger: Trigger, expected_version: int | None = None) -> None:
    """Delete the trigger with its events, rules and their runs (its address stops answering)."""
    trigger = _locked_trigger(actor, trigger, expected_version)
    trigger.delete()


# --- Rules ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule as people write it: everything :func:`rule_create` needs besides who acts and where.

    Ids are checked against the workspace by the service; ``mapping`` is the text of the mapping
    editor (``path -> field`` per line) or its lines. Nothing here is checked yet.
    """

    name: str
    trigger_id: int | None
    event_type: str
    field_path: str
    to_value: str
    record_id_path: str
    action: str
    test_customer_id: int | None
    owner_id: int | None = None
    from_value: str = ""
    old_value_path: str = ""
    field_label: str = ""
    goal: str = ""
    mapping: str | Sequence[core.MappingLine] = ()
    live_playbook_key: str = ""
    test_playbook_key: str = ""
    variant: str = ""
    country: str = "FR"
    live_customer_id: int | None = None
    task_key: str = ""
    task_action: str = ""
    comment_template: str = ""


#: The fields of a rule that a spec sets (everything but the ids, mode and stamps).
_TEXT_LIMITS: dict[str, int] = {
    "name": 150,
    "event_type": 200,
    "field_label": 100,
    "from_value": 200,
    "to_value": 200,
    "goal": 2000,
    "live_playbook_key": 100,
    "test_playbook_key": 100,
    "variant": 100,
    "country": 10,
    "task_key": 100,
    "task_action": 30,
    "comment_template": 5000,
}
_PATHS = ("field_path", "old_value_path", "record_id_path")


def rule_spec_of(rule: Rule) -> RuleSpec:
    """The spec a rule was made from, to change some of it (``dataclasses.replace``)."""
    return RuleSpec(
        name=rule.name,
        trigger_id=rule.trigger_id,
        event_type=rule.event_type,
        field_path=rule.field_path,
        to_value=rule.to_value,
        record_id_path=rule.record_id_path,
        action=rule.action,
        test_customer_id=rule.test_customer_id,
        owner_id=rule.owner_id,
        from_value=rule.from_value,
        old_value_path=rule.old_value_path,
        field_label=rule.field_label,
        goal=rule.goal,
        mapping=selectors.rule_mapping(rule),
        live_playbook_key=rule.live_playbook_key,
        test_playbook_key=rule.test_playbook_key,
        variant=rule.variant,
        country=rule.country,
        live_customer_id=rule.live_customer_id,
        task_key=rule.task_key,
        task_action=rule.task_action,
        comment_template=rule.comment_template,
    )


def _mapping_checked(mapping: str | Sequence[core.MappingLine]) -> tuple[list[dict[str, str]], list[Problem]]:
    if isinstance(mapping, str):
        if "\x00" in mapping:
            return [], [Problem("text-invalid", _("This text contains a NUL character."), where="mapping")]
        lines, line_problems = core.mapping_parse(mapping)
        problems = [
            Problem(
                item.code,
                _("Line %(line)s: %(message)s") % {"line": item.line, "message": _(item.message)},
                where="mapping",
                line=item.line,
                hint=_("e.g. data.deal.company.name -> customer_name"),
            )
            for item in line_problems
        ]
        return [{"path": line.path, "field": line.field} for line in lines], problems
    text = core.mapping_text(list(mapping))
    return _mapping_checked(text) if text else ([], [])


def _path_problems(values: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for name in _PATHS:
        text = values[name]
        if not text and name == "old_value_path":
            continue
        if "\x00" in text:
            problems.append(Problem("text-invalid", _("This text contains a NUL character."), where=name))
            continue
        try:
            core.path_parse(text)
        except core.PathError as error:
            problems.append(
                Problem(
                    error.code,
                    _(error.message),
                    where=name,
                    hint=_("e.g. data.deal.stage or data.items[0].id"),
                )
            )
    return problems


def _customer(
    workspace: Workspace, customer_id: int | None, where: str, problems: list[Problem]
) -> Customer | None:
    if customer_id is None:
        return None
    customer = Customer.objects.filter(pk=customer_id, workspace=workspace).first()
    if customer is None:
        problems.append(Problem("customer-unknown", _("Choose a customer of this workspace."), where=where))
    return customer


def _playbook_problems(actor: User, workspace: Workspace, values: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    variants: set[str] | None = None
    for name in ("live_playbook_key", "test_playbook_key"):
        key = values[name]
        if not key:
            continue
        try:
            playbook = catalog_playbook(actor, workspace.pk, key)
        except NotFound:
            problems.append(
                Problem("playbook-unknown", _("There is no playbook “%(key)s”.") % {"key": key}, where=name)
            )
            continue
        if name == "live_playbook_key" or variants is None:
            variants = {variant.key for variant in playbook.variants}
    if not values["live_playbook_key"] and not values["test_playbook_key"]:
        problems.append(
            Problem(
                "playbook-required",
                _("Choose the playbook the projects start from."),
                where="live_playbook_key",
                hint=_("A test playbook alone is enough while the rule is in test mode."),
            )
        )
    if variants is not None and variants and values["variant"] not in variants:
        problems.append(
            Problem(
                "variant-unknown",
                _("Choose the path of the playbook: %(variants)s.")
                % {"variants": ", ".join(sorted(variants))},
                where="variant",
            )
        )
    if not _COUNTRY.fullmatch(values["country"]):
        problems.append(
            Problem(
                "country-invalid",
                _("Give the two-letter code of the country whose holidays count."),
                where="country",
                hint=_("e.g. FR, GB, US"),
            )
        )
    return problems


def _action_problems(action: str, values: dict[str, str]) -> list[Problem]:
    if action not in RuleAction.values:
        return [
            Problem(
                "action-unknown",
                _("Choose what the rule does."),
                where="action",
                hint=", ".join(RuleAction.values),
            )
        ]
    problems: list[Problem] = []
    if action in (RuleAction.MOVE_TASK, RuleAction.ADD_COMMENT) and not values["task_key"]:
        problems.append(
            Problem("task-key-required", _("Give the key of the task, e.g. kickoff."), where="task_key")
        )
    if action == RuleAction.MOVE_TASK and values["task_action"] not in {action.value for action in Action}:
        problems.append(
            Problem(
                "task-action-unknown",
                _("Choose the workflow action."),
                where="task_action",
                hint=", ".join(action.value for action in Action),
            )
        )
    if action == RuleAction.ADD_COMMENT and not values["comment_template"]:
        problems.append(
            Problem(
                "comment-required",
                _("Write the comment; {field} puts a mapped value in it."),
                where="comment_template",
            )
        )
    return problems


@dataclass(frozen=True, slots=True)
class _Checked:
    values: dict[str, Any]


def _spec_checked(actor: User, workspace: Workspace, spec: RuleSpec) -> _Checked:
    """Every check of a rule, each problem naming its field; raises InvalidInput with them all."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for name, limit in _TEXT_LIMITS.items():
        required = name in ("name", "event_type", "to_value")
        values[name], found = _text(getattr(spec, name), name, limit, required=required)
        problems += found
    values["country"] = values["country"].upper()
    for name in _PATHS:
        values[name], found = _text(getattr(spec, name), name, 300, required=name != "old_value_path")
        problems += found
    problems += _path_problems(values) if not any(p.where in _PATHS for p in problems) else []
    if values["from_value"] and values["from_value"] == values["to_value"]:
        problems.append(
            Problem(
                "transition-unchanged",
                _("The field must move to another value than the one it moves from."),
                where="to_value",
            )
        )
    values["mapping"], found = _mapping_checked(spec.mapping)
    problems += found
    trigger = Trigger.objects.filter(pk=spec.trigger_id or 0, workspace=workspace).first()
    if trigger is None:
        problems.append(Problem("trigger-unknown", _("Choose a trigger of this workspace."), where="trigger"))
    values["trigger"] = trigger
    owner = selectors.workspace_managers(workspace.pk).filter(pk=spec.owner_id or actor.pk).first()
    if owner is None:
        problems.append(
            Problem(
                "owner-not-manager",
                _("The owner must be an admin or a manager of the workspace."),
                where="owner",
                hint=_("The rule acts as its owner, and alerts them when a run fails."),
            )
        )
    values["owner"] = owner
    values["test_customer"] = _customer(workspace, spec.test_customer_id, "test_customer", problems)
    values["live_customer"] = _customer(workspace, spec.live_customer_id, "live_customer", problems)
    if spec.test_customer_id is None:
        problems.append(
            Problem(
                "test-customer-required",
                _("Choose the dedicated test customer."),
                where="test_customer",
                hint=_("In test mode everything the rule does happens there, easy to find and delete."),
            )
        )
    elif spec.test_customer_id == spec.live_customer_id:
        problems.append(
            Problem(
                "test-customer-is-live",
                _("The test customer must not be the real one."),
                where="test_customer",
            )
        )
    problems += _action_problems(spec.action, values)
    values["action"] = spec.action
    if spec.action == RuleAction.CREATE_PROJECT:
        problems += _playbook_problems(actor, workspace, values)
    if problems:
        raise InvalidInput(problems)
    return _Checked(values)


#: The rule's relations a spec sets, compared by id.
_RELATIONS = ("trigger", "owner", "test_customer", "live_customer")


def _apply(rule: Rule, checked: _Checked) -> list[str]:
    changed = []
    for name, value in checked.values.items():
        if name in _RELATIONS:
            same = getattr(rule, f"{name}_id") == (value.pk if value is not None else None)
        else:
            same = getattr(rule, name) == value
        if not same:
            setattr(rule, name, value)
            changed.append(name)
    return changed


@transaction.atomic
def rule_create(*, actor: User, workspace: Workspace, spec: RuleSpec) -> Rule:
    """A new rule of the workspace, in test mode. Every problem is reported at once, each naming
    its field (name, trigger, owner, event_type, field_path, old_value_path, from_value,
    to_value, record_id_path, mapping, action, live_playbook_key, test_playbook_key, variant,
    country, test_customer, live_customer, task_key, task_action, comment_template)."""
    workspace = selectors.managed_workspace(actor, workspace.pk)
    checked = _spec_checked(actor, workspace, spec)
    if Rule.objects.filter(workspace=workspace).count() >= MAX_RULES:
        raise InvalidInput(
            [
                Problem(
                    "too-many-rules",
                    _("A workspace may have %(count)s rules at most.") % {"count": MAX_RULES},
                    where="name",
                )
            ]
        )
    rule = Rule(workspace=workspace, created_by=actor, mode=RuleMode.TEST)
    _apply(rule, checked)
    rule.save()
    activity_record(
        actor=actor,
        workspace_id=workspace.pk,
        verb=Verb.AUTOMATION_RULE_CREATED,
        target_type="automation_rule",
        target_key=str(rule.pk),
        summary=rule.name,
        after={"rule": rule.name, "trigger": rule.trigger.name, "action": rule.action, "mode": rule.mode},
    )
    return rule


def _locked_rule(actor: User, rule: Rule, expected_version: int | None) -> Rule:
    visible = selectors.rule_for(actor, rule.pk)
    locked = (
        Rule.objects.select_for_update(of=("self",))
        .select_related("trigger", "owner", "workspace")
        .get(pk=visible.pk)
    )
    _version_check(locked.version, expected_version, _("rule"))
    return locked


def _back_to_test(rule: Rule) -> list[str]:
    rule.mode = RuleMode.TEST
    rule.went_live_at = None
    rule.went_live_by = None
    rule.special_cases_confirmed_by = None
    rule.special_cases_confirmed_at = None
    return [
        "mode",
        "went_live_at",
        "went_live_by",
        "special_cases_confirmed_by",
        "special_cases_confirmed_at",
    ]


@transaction.atomic
def rule_update(*, actor: User, rule: Rule, spec: RuleSpec, expected_version: int | None = None) -> Rule:
    """Change a rule (the whole spec; build it with :func:`rule_spec_of` and ``replace``). A live
    rule whose condition, mapping, action or target changes goes back to test mode: what runs live
    has been tested as it is."""
    rule = _locked_rule(actor, rule, expected_version)
    checked = _spec_checked(actor, rule.workspace, spec)
    changed = _apply(rule, checked)
    if not changed:
        return rule
    if set(changed) - {"name", "goal", "field_label"} and rule.mode == RuleMode.LIVE:
        changed += _back_to_test(rule)
    if "owner" in changed and rule.special_cases_confirmed_by_id is not None:
        rule.special_cases_confirmed_by = None
        rule.special_cases_confirmed_at = None
        changed += ["special_cases_confirmed_by", "special_cases_confirmed_at"]
    _save(rule, *dict.fromkeys(changed))
    return rule


@transaction.atomic
def rule_go_live(
    *, actor: User, rule: Rule, no_special_cases: bool = False, expected_version: int | None = None
) -> Rule:
    """Put the rule live, pointed at the real target, if every check of seed 001 holds
    (:func:`accord.automations.selectors.rule_checks`); otherwise raise :class:`GoLiveRefused`
    with one problem per failed check, and nothing changes. ``no_special_cases`` is the owner's
    confirmation (anyone else's does not count)."""
    rule = _locked_rule(actor, rule, expected_version)
    if rule.mode == RuleMode.LIVE:
        return rule
    # One rule of a trigger goes live at a time: "no two live rules on the same event" holds.
    Trigger.objects.select_for_update().filter(pk=rule.trigger_id).first()
    owner_confirms = no_special_cases and rule.owner_id == actor.pk
    checks = selectors.rule_checks(rule, owner_confirms=owner_confirms)
    failed = [view for view in selectors.check_views(checks) if not view.passed]
    if failed:
        raise GoLiveRefused(
            [Problem(view.code, view.message, hint=view.hint, where=view.code) for view in failed],
            message=_("The rule cannot go live yet: %(count)s checks fail.") % {"count": len(failed)},
        )
    now = timezone.now()
    if owner_confirms:
        rule.special_cases_confirmed_by = actor
        rule.special_cases_confirmed_at = now
    rule.mode = RuleMode.LIVE
    rule.went_live_at = now
    rule.went_live_by = actor
    _save(
        rule,
        "mode",
        "went_live_at",
        "went_live_by",
        "special_cases_confirmed_by",
        "special_cases_confirmed_at",
    )
    activity_record(
        actor=actor,
        workspace_id=rule.workspace_id,
        verb=Verb.AUTOMATION_RULE_WENT_LIVE,
        target_type="automation_rule",
        target_key=str(rule.pk),
        summary=rule.name,
        after={"rule": rule.name, "mode": rule.mode},
    )
    return rule


@transaction.atomic
def rule_test_mode(*, actor: User, rule: Rule, expected_version: int | None = None) -> Rule:
    """Put a live rule back in test mode (pointed at the test target again)."""
    rule = _locked_rule(actor, rule, expected_version)
    if rule.mode == RuleMode.TEST:
        return rule
    _save(rule, *_back_to_test(rule))
    return rule


@transaction.atomic
def rule_delete(*, actor: User, rule: Rule, expected_version: int | None = None) -> None:
    """Delete the rule with its runs and stored values (what it made stays)."""
    rule = _locked_rule(actor, rule, expected_version)
    rule.delete()


def rule_changes(rule: Rule, **changes: Any) -> RuleSpec:
    """The rule's spec with ``changes`` (names of :class:`RuleSpec`; unknown names are ignored)."""
    known = {item.name for item in fields(RuleSpec)}
    return replace(rule_spec_of(rule), **{name: value for name, value in changes.items() if name in known})


# --- Runs -----------------------------------------------------------------------------------------


@transaction.atomic
def run_replay(*, actor: User, run: Run) -> Run:
    """Run a failed run's action again, with the rule's mapping as it is now (fix the mapping, then
    replay), in the run's mode and as the rule's owner. Returns the new run; a run that did not
    fail, or that a replay already made succeed, is refused (:class:`RunNotReplayable`): nothing
    is ever done twice."""
    visible = selectors.run_for(actor, run.pk)
    run = Run.objects.select_for_update(of=("self",)).select_related("rule").get(pk=visible.pk)
    if run.outcome != RunOutcome.FAILED:
        raise RunNotReplayable(
            _("Only a failed run can be replayed; this one %(outcome)s.")
            % {"outcome": run.get_outcome_display()},
            hint=_("Send the event again from the platform with a new id if it must run again."),
        )
    if run.replays.filter(outcome=RunOutcome.SUCCEEDED).exists():
        raise RunNotReplayable(
            _("A replay of this run already succeeded."), hint=_("See the replays listed on the run.")
        )
    return engine.run_again(run=run, actor=actor)
