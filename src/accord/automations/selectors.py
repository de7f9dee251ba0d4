"""Every read of automations, scoped by the person asking: only the vendor admins and managers of a
workspace (``WorkspaceAction.MANAGE``) see its triggers, rules and runs; for anyone else they do
not exist (NotFound: the pages answer 404).

Also the reads that explain a rule: its statement in the need's words, its go-live checks, and a
preview of its condition and mapping on the latest test event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.automations.models import IncomingEvent, Rule, RuleAction, RuleMode, Run, RunOutcome, Trigger
from accord.domain import automations as core
from accord.domain.errors import NotFound
from accord.domain.needs import Need, TriggerChecks, statement
from accord.domain.workflow import Action
from accord.workspaces.access import (
    ALLOWED_KINDS,
    Requester,
    WorkspaceAction,
    memberships_allowing,
    require_membership,
)
from accord.workspaces.models import Membership, Workspace

#: Runs one page of a list shows.
RUN_PAGE = 50
#: Test payloads the go-live checks read (the newest).
TEST_PAYLOADS = 50


def managed_workspace_ids(user: Requester) -> set[int]:
    """The workspaces whose automations the requester manages (vendor admin or manager)."""
    return set(memberships_allowing(user, WorkspaceAction.MANAGE).values_list("workspace_id", flat=True))


def managed_workspace(user: Requester, workspace_id: int) -> Workspace:
    """The workspace if the requester manages its automations; :class:`NotFound` otherwise."""
    return require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace


def workspace_managers(workspace_id: int) -> QuerySet[User]:
    """The people who may own a rule of the workspace: its active admins and managers."""
    kinds = sorted(ALLOWED_KINDS[WorkspaceAction.MANAGE])
    ids = Membership.objects.filter(workspace_id=workspace_id, kind__in=kinds).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("email")


# --- Triggers -------------------------------------------------------------------------------------


def visible_triggers(user: Requester, *, workspace_id: int | None = None) -> QuerySet[Trigger]:
    """The triggers the requester manages (of one workspace when given), oldest first."""
    triggers = Trigger.objects.filter(workspace_id__in=managed_workspace_ids(user))
    if workspace_id is not None:
        triggers = triggers.filter(workspace_id=workspace_id)
    return triggers.order_by("created_at", "pk")


def trigger_for(user: Requester, trigger_id: int, *, workspace_id: int | None = None) -> Trigger:
    """One trigger the requester manages, or :class:`NotFound`."""
    trigger = visible_triggers(user, workspace_id=workspace_id).filter(pk=trigger_id).first()
    if trigger is None:
        raise NotFound(_("No such trigger."))
    return trigger


def trigger_url(trigger: Trigger) -> str:
    """The address the platform sends its events to."""
    return f"{settings.ACCORD_BASE_URL}{reverse('automations:hook', kwargs={'public_id': trigger.public_id})}"


def trigger_events(trigger: Trigger, *, limit: int = 20) -> list[IncomingEvent]:
    """The trigger's latest events, newest first (the caller already holds the trigger)."""
    return list(IncomingEvent.objects.filter(trigger_id=trigger.pk).order_by("-received_at", "-pk")[:limit])


def rotation_in_progress(trigger: Trigger) -> bool:
    """Whether events signed with the previous secret are still accepted."""
    return bool(
        trigger.previous_secret
        and trigger.previous_secret_expires_at is not None
        and trigger.previous_secret_expires_at > timezone.now()
    )


# --- Rules ----------------------------------------------------------------------------------------


def visible_rules(user: Requester, *, workspace_id: int | None = None) -> QuerySet[Rule]:
    """The rules the requester manages (of one workspace when given), oldest first."""
    rules = Rule.objects.filter(workspace_id__in=managed_workspace_ids(user))
    if workspace_id is not None:
        rules = rules.filter(workspace_id=workspace_id)
    return rules.select_related("trigger", "owner", "test_customer", "live_customer").order_by(
        "created_at", "pk"
    )


def rule_for(user: Requester, rule_id: int, *, workspace_id: int | None = None) -> Rule:
    """One rule the requester manages, or :class:`NotFound`."""
    rule = visible_rules(user, workspace_id=workspace_id).filter(pk=rule_id).first()
    if rule is None:
        raise NotFound(_("No such rule."))
    return rule


def rule_transition(rule: Rule) -> core.Transition:
    """The rule's condition as the domain reads it."""
    return core.Transition(
        field_path=rule.field_path,
        to_value=rule.to_value,
        from_value=rule.from_value,
        old_value_path=rule.old_value_path,
    )


def rule_mapping(rule: Rule) -> tuple[core.MappingLine, ...]:
    """The rule's mapping as the domain reads it (rows that are not {path, field} are skipped)."""
    return tuple(
        core.MappingLine(path=str(item["path"]), field=str(item["field"]))
        for item in rule.mapping
        if isinstance(item, dict) and "path" in item and "field" in item
    )


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in ("en", "fr") else "en"


def action_words(rule: Rule) -> str:
    """What the rule does, in the need's words and the active language."""
    if rule.action == RuleAction.CREATE_PROJECT:
        return _("to create a project from the playbook “%(playbook)s”") % {
            "playbook": rule.live_playbook_key or rule.test_playbook_key
        }
    if rule.action == RuleAction.MOVE_TASK:
        try:
            verb = _(Action(rule.task_action).label)
        except ValueError:
            verb = rule.task_action
        return _("to %(action)s the task “%(task)s”") % {"action": verb, "task": rule.task_key}
    return _("to add a comment to the task “%(task)s”") % {"task": rule.task_key}


def rule_statement(rule: Rule) -> str:
    """ "I want ACTION in Accord when TRIGGER in PLATFORM; data exchanged: FIELDS from PLATFORM to
    Accord", in the active language (accord.domain.needs writes it)."""
    field_name = rule.field_label.strip() or rule.field_path
    transition = rule_transition(rule)
    need = Need(
        action=action_words(rule),
        target_platform="Accord",
        trigger=""
        if transition.is_transition
        else _("%(field)s is “%(to)s”") % {"field": field_name, "to": rule.to_value},
        trigger_platform=rule.trigger.platform,
        trigger_field=field_name if transition.is_transition else "",
        trigger_from=rule.from_value if transition.is_transition else "",
        trigger_to=rule.to_value if transition.is_transition else "",
        fields=tuple(line.field for line in rule_mapping(rule)),
        goal=rule.goal,
        checks=TriggerChecks(no_special_cases=special_cases_confirmed(rule)),
    )
    return statement(need, _language())


def special_cases_confirmed(rule: Rule) -> bool:
    """Whether the rule's owner (and nobody else) confirmed the trigger has no special cases."""
    return rule.owner_id is not None and rule.special_cases_confirmed_by_id == rule.owner_id


def recorded_test_payloads(rule: Rule) -> list[Any]:
    """The payloads the rule met in test mode (its runs' inputs), newest first."""
    return list(
        Run.objects.filter(rule_id=rule.pk, mode=RuleMode.TEST, replay_of__isnull=True)
        .order_by("-started_at", "-pk")
        .values_list("input", flat=True)[:TEST_PAYLOADS]
    )


def other_live_rules(rule: Rule) -> list[str]:
    """The names of the other live rules that would fire on the same events as ``rule``."""
    mine = rule_transition(rule)
    others = Rule.objects.filter(
        trigger_id=rule.trigger_id, event_type=rule.event_type, mode=RuleMode.LIVE
    ).exclude(pk=rule.pk)
    return [other.name for other in others if core.same_event(mine, rule_transition(other))]


def live_target_missing(rule: Rule) -> str:
    """What real target the rule still lacks, in words ("" when none)."""
    if rule.action != RuleAction.CREATE_PROJECT:
        return ""
    missing = []
    if not rule.live_playbook_key:
        missing.append(_("the real playbook"))
    fields = {line.field for line in rule_mapping(rule)}
    if rule.live_customer_id is None and not fields & {"customer_name", "customer_external_id"}:
        missing.append(_("the real customer (choose one, or map customer_name or customer_external_id)"))
    return ", ".join(missing)


@dataclass(frozen=True, slots=True)
class CheckView:
    """One go-live check as a page or the API shows it, in the active language."""

    code: str
    passed: bool
    label: str
    message: str
    hint: str


def check_views(checks: Sequence[core.GoLiveCheck]) -> list[CheckView]:
    """The checks translated: what is checked, and for those that fail why and what to do."""
    return [
        CheckView(
            code=check.code,
            passed=check.passed,
            label=_(check.label),
            message="" if check.passed else _(check.failure) % check.params,
            hint="" if check.passed else _(check.hint),
        )
        for check in checks
    ]


def rule_checks(rule: Rule, *, owner_confirms: bool = False) -> tuple[core.GoLiveCheck, ...]:
    """Every go-live check of the rule (``owner_confirms``: the owner confirms "no special cases"
    in the same step)."""
    owner = rule.owner
    return core.golive_checks(
        transition=rule_transition(rule),
        event_type=rule.event_type,
        record_id_path=rule.record_id_path,
        test_payloads=recorded_test_payloads(rule),
        test_succeeded=Run.objects.filter(
            rule_id=rule.pk, mode=RuleMode.TEST, outcome=RunOutcome.SUCCEEDED
        ).exists(),
        other_live_rules=other_live_rules(rule),
        owner=(owner.get_full_name() or owner.email) if owner is not None else _("nobody"),
        owner_confirmed=owner_confirms or special_cases_confirmed(rule),
        live_target_missing=live_target_missing(rule),
    )


@dataclass(frozen=True, slots=True)
class Preview:
    """The rule's condition and mapping applied to one recorded event."""

    event: IncomingEvent
    evaluation: core.Evaluation
    reason: str
    mapped: dict[str, Any]
    missing: tuple[str, ...]
    record_id: str


def rule_preview(rule: Rule) -> Preview | None:
    """The latest event of the rule's type on its trigger, read by the rule as it is now (the
    previous value from the payload only): what the page shows under the mapping editor."""
    event = (
        IncomingEvent.objects.filter(trigger_id=rule.trigger_id, event_type=rule.event_type)
        .order_by("-received_at", "-pk")
        .first()
    )
    if event is None:
        return None
    evaluation = core.transition_evaluate(rule_transition(rule), event.payload, stored=core.NOTHING_STORED)
    mapped, missing = core.mapping_apply(rule_mapping(rule), event.payload)
    return Preview(
        event=event,
        evaluation=evaluation,
        reason=_(core.REASONS[evaluation.reason]) % evaluation.params,
        mapped=mapped,
        missing=missing,
        record_id=core.value_text(core.path_value(event.payload, rule.record_id_path)),
    )


# --- Runs -----------------------------------------------------------------------------------------


def visible_runs(
    user: Requester,
    *,
    workspace_id: int | None = None,
    rule_id: int | None = None,
    outcome: str = "",
) -> QuerySet[Run]:
    """The runs the requester may see, newest first, with their rule and project (one query)."""
    # A subquery, not a second query: the project overview pays one query for its runs.
    managed = memberships_allowing(user, WorkspaceAction.MANAGE).order_by().values("workspace_id")
    runs = Run.objects.filter(workspace_id__in=managed)
    if workspace_id is not None:
        runs = runs.filter(workspace_id=workspace_id)
    if rule_id is not None:
        runs = runs.filter(rule_id=rule_id)
    if outcome in RunOutcome.values:
        runs = runs.filter(outcome=outcome)
    return runs.select_related("rule", "project", "event").order_by("-started_at", "-pk")


def run_for(user: Requester, run_id: int, *, workspace_id: int | None = None) -> Run:
    """One run the requester may see, or :class:`NotFound`."""
    run = visible_runs(user, workspace_id=workspace_id).filter(pk=run_id).first()
    if run is None:
        raise NotFound(_("No such run."))
    return run


def run_reason(run: Run) -> str:
    """Why the run's condition fired or not, in the active language."""
    template = core.REASONS.get(run.reason_code)
    if template is None:
        return ""
    try:
        return str(_(template) % run.reason_params)
    except (KeyError, TypeError, ValueError):
        return _(template)


def project_runs(user: Requester, project_id: int, *, limit: int = 10) -> list[Run]:
    """The latest runs of rules that touched the project, for those who manage its workspace
    (nobody else: internal configuration); one query."""
    return list(visible_runs(user).filter(project_id=project_id)[:limit])
