"""Reads of the go-live gate: its checklist (each condition with who is responsible), and the
monitoring period after go-live. Always through the one access rule.

The checklist reads what other apps record: the campaigns' sign-offs (accord.campaigns), the
automation rules (accord.automations), the API tokens (accord.apikit) and the support agreement
(accord.support); this app records only the integration contact, the credential hand-overs, the
communication and the go-live itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accord.apikit.models import ApiToken
from accord.automations.models import Rule, RuleMode, Run, RunOutcome
from accord.campaigns import selectors as campaign_selectors
from accord.campaigns.models import Campaign, CampaignKind, CampaignStatus, Defect, DefectStatus
from accord.campaigns.validation import CAMPAIGN_TASKS
from accord.domain.gates import Condition, GoLiveCode, is_open
from accord.golive.models import CredentialHandover, GoLiveGate
from accord.projects.access import ProjectAccess, ProjectAction, project_access
from accord.projects.models import Project
from accord.support.selectors import support_owner
from accord.webhooks.models import DeliveryStatus, WebhookDelivery
from accord.workspaces.access import Requester


def _name(user: Any) -> str:
    return (user.get_full_name() or user.email) if user is not None else "—"


def _date(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return "—"
    day = timezone.localdate(moment) if isinstance(moment, dt.datetime) else moment
    return str(formats.date_format(day, "DATE_FORMAT"))


def gate_of(project: Project) -> GoLiveGate:
    """The project's gate row, or an unsaved empty one (nothing recorded yet)."""
    gate = (
        GoLiveGate.objects.select_related("integration_contact", "communication_marked_by", "went_live_by")
        .filter(project=project)
        .first()
    )
    return gate if gate is not None else GoLiveGate(project=project)


# --- The conditions ----------------------------------------------------------------------------


def _acceptance_kinds(project: Project) -> tuple[CampaignKind, ...]:
    """The campaigns whose sign-off counts as user acceptance: UAT, or E2E for a playbook whose
    validation is an E2E session (seed 000) and has no UAT."""
    listed = CAMPAIGN_TASKS.get(project.playbook_key, {})
    if CampaignKind.UAT.value not in listed and CampaignKind.E2E.value in listed:
        return (CampaignKind.E2E,)
    return (CampaignKind.UAT,)


def _uat_condition(project: Project, campaigns: list[Campaign]) -> Condition:
    kinds = _acceptance_kinds(project)
    relevant = [campaign for campaign in campaigns if campaign.kind in kinds]
    signed = [campaign for campaign in relevant if campaign.status == CampaignStatus.SIGNED_OFF]
    label = _("UAT") if kinds == (CampaignKind.UAT,) else _("E2E test validation")
    pending = [campaign for campaign in relevant if campaign.status != CampaignStatus.SIGNED_OFF]
    met = bool(signed) and (kinds == (CampaignKind.UAT,) or not pending)
    responsible = (
        campaign_selectors.signer_names((pending or relevant)[0])
        if relevant
        else _("a vendor admin or manager, who creates the campaign")
    )
    if met:
        last = max(signed, key=lambda campaign: campaign.signed_off_at or timezone.now())
        message = _("%(what)s signed off by %(person)s on %(date)s.") % {
            "what": label,
            "person": _name(last.signed_off_by),
            "date": _date(last.signed_off_at),
        }
    elif not relevant:
        message = _("No %(what)s campaign yet.") % {"what": label}
    else:
        message = _("%(what)s is not signed off yet: %(campaigns)s.") % {
            "what": label,
            "campaigns": ", ".join(campaign.name for campaign in pending),
        }
    return Condition(GoLiveCode.UAT_SIGNED_OFF.value, met, message, lifted_by=responsible)


def project_automation_rules(project: Project) -> QuerySet[Rule]:
    """The automation rules that concern a project: those of its workspace that act for its
    customer (live or in test), that create projects from its playbook, or that ran on it."""
    return (
        Rule.objects.filter(workspace_id=project.workspace_id)
        .filter(
            Q(live_customer_id=project.customer_id)
            | Q(test_customer_id=project.customer_id)
            | Q(live_playbook_key=project.playbook_key)
            | Q(runs__project_id=project.pk)
        )
        .select_related("owner", "live_customer")
        .distinct()
        .order_by("name", "pk")
    )


def _test_targets(project: Project) -> tuple[set[int], set[str]]:
    """The customers and playbooks the workspace's rules use for testing."""
    customers: set[int] = set()
    playbooks: set[str] = set()
    for customer_id, playbook_key in Rule.objects.filter(workspace_id=project.workspace_id).values_list(
        "test_customer_id", "test_playbook_key"
    ):
        if customer_id is not None:
            customers.add(customer_id)
        if playbook_key:
            playbooks.add(playbook_key)
    return customers, playbooks


def rule_problem(rule: Rule, test_customers: set[int], test_playbooks: set[str]) -> str:
    """Why a rule still points at the test set-up ("" when it is live on the real one)."""
    if rule.mode != RuleMode.LIVE:
        return _("“%(rule)s” is still in test mode") % {"rule": rule.name}
    if rule.live_customer_id is not None and rule.live_customer_id in test_customers:
        return _("“%(rule)s” acts for a test customer") % {"rule": rule.name}
    if rule.live_playbook_key and rule.live_playbook_key in test_playbooks:
        return _("“%(rule)s” uses the test playbook %(playbook)s") % {
            "rule": rule.name,
            "playbook": rule.live_playbook_key,
        }
    return ""


def _template_condition(project: Project) -> Condition:
    rules = list(project_automation_rules(project))
    code = GoLiveCode.TEMPLATE_SWITCHED.value
    if not rules:
        return Condition(
            code,
            True,
            _("No automation rule concerns this project: not applicable."),
            lifted_by="—",
            applicable=False,
        )
    customers, playbooks = _test_targets(project)
    problems = [(rule, rule_problem(rule, customers, playbooks)) for rule in rules]
    failing = [(rule, text) for rule, text in problems if text]
    owners = sorted({_name(rule.owner) for rule, _text in failing if rule.owner is not None})
    responsible = ", ".join(owners) if owners else _("the owners of the automation rules")
    if not failing:
        return Condition(
            code,
            True,
            _("All %(count)s automation rules are live on the real template.") % {"count": len(rules)},
            lifted_by=responsible,
        )
    return Condition(
        code,
        False,
        _("Point the configuration at the real template: %(problems)s.")
        % {"problems": "; ".join(text for _rule, text in failing)},
        lifted_by=responsible,
    )


def usable_token(user_id: int | None) -> ApiToken | None:
    """The contact's newest usable API token, if any."""
    if user_id is None:
        return None
    now = timezone.now()
    return (
        ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .select_related("created_by")
        .order_by("-created_at")
        .first()
    )


def _credentials_condition(gate: GoLiveGate, handovers: list[CredentialHandover]) -> Condition:
    code = GoLiveCode.CREDENTIALS_ISSUED.value
    responsible = _("a vendor admin, who issues the token (Settings › API tokens) or records the hand-over")
    contact = gate.integration_contact
    token = usable_token(contact.pk if contact is not None else None)
    if token is not None:
        return Condition(
            code,
            True,
            _("%(person)s holds an API token issued on %(date)s.")
            % {"person": _name(contact), "date": _date(token.created_at)},
            lifted_by=responsible,
        )
    if handovers:
        latest = handovers[0]
        return Condition(
            code,
            True,
            _("Credentials handed over to %(person)s on %(date)s.")
            % {"person": latest.recipient, "date": _date(latest.handed_over_on)},
            lifted_by=responsible,
        )
    if contact is None:
        return Condition(
            code,
            False,
            _("No integration contact is named, and no hand-over of credentials is recorded."),
            lifted_by=_("a vendor admin or manager, who names the contact"),
        )
    return Condition(
        code,
        False,
        _("%(person)s holds no usable API token, and no hand-over is recorded.") % {"person": _name(contact)},
        lifted_by=responsible,
    )


def _support_condition(project: Project) -> Condition:
    code = GoLiveCode.SUPPORT_OWNER_AGREED.value
    owner = support_owner(project)
    responsible = _("a vendor admin or manager, with the customer (the project's Support page)")
    if owner is None:
        return Condition(
            code,
            False,
            _("Nobody has agreed who answers first-level questions: the customer's team or the third party."),
            lifted_by=responsible,
        )
    return Condition(
        code,
        True,
        _("First level of support: %(owner)s, agreed by %(person)s on %(date)s.")
        % {"owner": owner.label, "person": _name(owner.agreed_by), "date": _date(owner.agreed_at)},
        lifted_by=responsible,
    )


def _communication_condition(project: Project, gate: GoLiveGate) -> Condition:
    code = GoLiveCode.COMMUNICATION_READY.value
    responsible = _("the customer's team (%(customer)s), with a vendor manager") % {
        "customer": project.customer.name
    }
    if gate.communication_ready:
        return Condition(
            code,
            True,
            _("The go-live communication to end users is ready (marked by %(person)s on %(date)s).")
            % {"person": _name(gate.communication_marked_by), "date": _date(gate.communication_marked_at)},
            lifted_by=responsible,
        )
    return Condition(
        code, False, _("The go-live communication to end users is not marked ready."), lifted_by=responsible
    )


def gate_conditions(project: Project, gate: GoLiveGate | None = None) -> tuple[Condition, ...]:
    """The five conditions of the go-live gate of ``project`` (found through the access rule), in
    the checklist's order, with who is responsible for each."""
    gate = gate or gate_of(project)
    campaigns = list(Campaign.objects.filter(project=project).select_related("signed_off_by"))
    handovers = list(gate.handovers.all()) if gate.pk else []
    return (
        _uat_condition(project, campaigns),
        _template_condition(project),
        _credentials_condition(gate, handovers),
        _support_condition(project),
        _communication_condition(project, gate),
    )


# --- The page's view of it ---------------------------------------------------------------------


@dataclass
class Monitoring:
    """The monitoring period after go-live: until when, and what went wrong since go-live."""

    until: dt.date
    active: bool
    failed_runs: list[Run] = field(default_factory=list)
    webhook_failures: list[WebhookDelivery] = field(default_factory=list)
    open_defects: list[Defect] = field(default_factory=list)
    show_webhooks: bool = False


@dataclass
class GateView:
    access: ProjectAccess
    gate: GoLiveGate
    conditions: tuple[Condition, ...]
    handovers: list[CredentialHandover]
    monitoring: Monitoring | None

    @property
    def project(self) -> Project:
        return self.access.project

    @property
    def open(self) -> bool:
        return is_open(self.conditions)


MONITORING_LIST_LIMIT = 50


def monitoring_of(access: ProjectAccess, gate: GoLiveGate) -> Monitoring | None:
    """What to watch after go-live (None before it): failed automation runs and webhook failures of
    the project since go-live, and its open defects. Webhook deliveries are the vendor's settings:
    only its staff see them."""
    if gate.went_live_at is None or gate.monitoring_until is None:
        return None
    project = access.project
    since = gate.went_live_at
    staff = access.allows(ProjectAction.SEE_INTERNAL)
    monitoring = Monitoring(
        until=gate.monitoring_until,
        active=timezone.localdate() <= gate.monitoring_until,
        show_webhooks=staff,
    )
    monitoring.failed_runs = list(
        Run.objects.filter(project=project, outcome=RunOutcome.FAILED, started_at__gte=since)
        .select_related("rule")
        .order_by("-started_at", "-pk")[:MONITORING_LIST_LIMIT]
    )
    if staff:
        monitoring.webhook_failures = list(
            WebhookDelivery.objects.filter(
                message__activity__project_id=project.pk,
                status__in=[DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP],
                created_at__gte=since,
            )
            .select_related("endpoint", "message")
            .order_by("-created_at", "-pk")[:MONITORING_LIST_LIMIT]
        )
    monitoring.open_defects = list(
        Defect.objects.filter(campaign__project=project, status=DefectStatus.OPEN)
        .select_related("campaign", "owner")
        .order_by("-created_at", "-pk")[:MONITORING_LIST_LIMIT]
    )
    return monitoring


def gate_view(user: Requester, project_id: int) -> GateView:
    """The go-live gate of a project the requester sees (NotFound otherwise)."""
    access = project_access(user, project_id)
    gate = gate_of(access.project)
    handovers = list(gate.handovers.select_related("recorded_by")) if gate.pk else []
    return GateView(
        access=access,
        gate=gate,
        conditions=gate_conditions(access.project, gate),
        handovers=handovers,
        monitoring=monitoring_of(access, gate),
    )


def contact_choices(project: Project) -> QuerySet[Any]:
    """Who may be named the integration contact: the project's customer contacts and the contacts
    of its partners who take part in it."""
    from accord.accounts.models import User

    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(
                memberships__workspace_id=project.workspace_id,
                memberships__customer_id=project.customer_id,
            )
            | Q(participations__project=project, memberships__partner__project_partners__project=project)
        )
        .distinct()
        .order_by("full_name", "email")
    )
