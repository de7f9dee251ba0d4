"""What the activity log says happened: every verb written, and the sentence each one reads as.

An entry stores its verb's value ("task.approved"); :data:`SENTENCES` gives each verb a sentence
template in the catalogue (English and French) naming people, roles and tasks, and
:func:`entry_sentence` fills it in the active language. The entry's ``before`` and ``after`` are
read here for display only: no state is ever read back from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accord.activity.models import ActivityEntry


class Verb(models.TextChoices):
    """Every kind of change the activity log records; the values are what the rows store."""

    # Task workflow (one per action of accord.domain.workflow).
    TASK_STARTED = "task.started", _("Task started")
    TASK_SUBMITTED = "task.submitted", _("Task submitted for approval")
    TASK_APPROVED = "task.approved", _("Task approved")
    TASK_SENT_BACK = "task.sent_back", _("Task sent back")
    TASK_BLOCKED = "task.blocked", _("Task blocked")
    TASK_UNBLOCKED = "task.unblocked", _("Task unblocked")
    TASK_REOPENED = "task.reopened", _("Task reopened")
    TASK_NOT_APPLICABLE = "task.not_applicable", _("Task marked not applicable")
    TASK_RESTORED = "task.restored", _("Task restored")
    # RACI cells.
    RACI_CHANGED = "raci.changed", _("RACI cell changed")
    RACI_UNDONE = "raci.undone", _("RACI change undone")
    RACI_BULK_CHANGED = "raci.bulk_changed", _("RACI cells changed together")
    RACI_BULK_UNDONE = "raci.bulk_undone", _("RACI cells changed together, undone")
    # Comments and requests for input.
    COMMENT_ADDED = "comment.added", _("Comment added")
    COMMENT_INTERNAL_ADDED = "comment.internal_added", _("Internal comment added")
    INPUT_REQUESTED = "input.requested", _("Input requested")
    INPUT_GIVEN = "input.given", _("Input given")
    # The project itself.
    PROJECT_CREATED = "project.created", _("Project created")
    ALTERNATIVES_CHOSEN = "alternatives.chosen", _("Owners of alternative tasks chosen")
    PROJECT_UPGRADED = "project.upgraded", _("Playbook upgraded")
    PROJECT_BASELINE_SET = "project.baseline_set", _("Committed go-live set")
    FORECAST_MOVED = "forecast.moved", _("Forecast go-live moved")
    PLAN_CHANGED = "plan.changed", _("Plan changed")
    PROJECT_RENAMED = "project.renamed", _("Project renamed")
    PROJECT_CALENDAR_CHANGED = "project.calendar_changed", _("Project calendar changed")
    CLOSURE_ADDED = "closure.added", _("Closure added")
    CLOSURE_REMOVED = "closure.removed", _("Closure removed")
    PROJECT_CLOSED = "project.closed", _("Project closed")
    PROJECT_REOPENED = "project.reopened", _("Project reopened")
    TASK_ACTUAL_DATES_SET = "actual_dates.set", _("Task actual dates recorded")
    # People.
    PARTNER_ADDED = "partner.added", _("Partner added")
    PARTICIPANT_ADDED = "participant.added", _("Participant added")
    PARTICIPANT_REMOVED = "participant.removed", _("Participant removed")
    ROLE_ASSIGNED = "role.assigned", _("Role assigned")
    ROLE_UNASSIGNED = "role.unassigned", _("Role unassigned")
    ROLE_LEAD_CHANGED = "role.lead_changed", _("Role lead changed")
    ROLE_HANDED_OVER = "role.handed_over", _("Role handed over")
    # Plan edits on the project's pages (accord.projects.plan_services).
    PLAN_TASK_ADDED = "plan.task_added", _("Task added to the plan")
    PLAN_TASK_RENAMED = "plan.task_renamed", _("Task renamed")
    PLAN_TASK_REMOVED = "plan.task_removed", _("Task removed from the plan")
    PLAN_TASK_PUT_BACK = "plan.task_put_back", _("Removed task put back in the plan")
    PLAN_TASK_MOVED = "plan.task_moved", _("Task moved in the plan")
    PLAN_TASK_TIMING_SET = "plan.task_timing_set", _("Task duration and dependencies changed")
    PLAN_GO_LIVE_MARKED = "plan.go_live_marked", _("Go-live milestone chosen")
    PLAN_SAVED_AS_PLAYBOOK = "plan.saved_as_playbook", _("Plan saved as a workspace playbook")
    # The workspace's catalogue (entries without a project).
    PLAYBOOK_UPLOADED = "playbook.uploaded", _("Playbook uploaded")
    # From need to design (accord.design).
    NEED_WRITTEN = "need.written", _("Need written")
    NEED_CASE_CHOSEN = "need.case_chosen", _("Integration way chosen")
    PROJECT_VARIANT_SWITCHED = "project.variant_switched", _("Project switched to another variant")
    DECISION_TREE_SAVED = "decision_tree.saved", _("Decision tree changed")
    DISCOVERY_SCHEDULED = "discovery.scheduled", _("Discovery sessions scheduled")
    DESIGN_REVIEW_RECORDED = "design_review.recorded", _("Design review recorded")
    FLOW_ADDED = "flow.added", _("Data flow added")
    DESIGN_ITEM_ADDED = "design_item.added", _("Design record added")
    QUESTION_ANSWERED = "question.answered", _("Open question answered")
    # Support after go-live (accord.support). An escalation's entry never carries its text.
    SUPPORT_OWNER_AGREED = "support.owner_agreed", _("First level of support agreed")
    SUPPORT_ADDRESS_SET = "support.address_set", _("Vendor's support address set")
    TICKET_OPENED = "ticket.opened", _("Support ticket opened")
    TICKET_CHANGED = "ticket.changed", _("Support ticket changed")
    TICKET_COMMENTED = "ticket.commented", _("Support ticket commented")
    TICKET_ESCALATED = "ticket.escalated", _("Support ticket escalated to the vendor")
    # The post-onboarding survey and the close (accord.surveys).
    SURVEY_SENT = "survey.sent", _("Post-onboarding survey sent")
    SURVEY_ANSWERED = "survey.answered", _("Post-onboarding survey answered")
    ONBOARDING_CLOSED = "onboarding.closed", _("Onboarding closed")
    # Test campaigns (accord.campaigns).
    CAMPAIGN_CREATED = "campaign.created", _("Test campaign created")
    CAMPAIGN_STARTED = "campaign.started", _("Test campaign started")
    CAMPAIGN_AWAITS_SIGN_OFF = "campaign.awaits_sign_off", _("Test campaign awaits sign-off")
    CAMPAIGN_SIGNED_OFF = "campaign.signed_off", _("Test campaign signed off")
    CASES_GENERATED = "case.generated", _("Test cases generated")
    CASE_ADDED = "case.added", _("Test case added")
    CASE_CHANGED = "case.changed", _("Test case changed")
    RUN_RECORDED = "run.recorded", _("Test run recorded")
    EVIDENCE_ADDED = "evidence.added", _("Test evidence attached")
    # Status reports (accord.reports).
    REPORT_PUBLISHED = "report.published", _("Status report published")
    DEFECT_REPORTED = "defect.reported", _("Defect reported")
    DEFECT_CHANGED = "defect.changed", _("Defect changed")
    # The go-live gate (accord.golive).
    GOLIVE_GATE_CHANGED = "golive.gate_changed", _("Go-live checklist changed")
    CREDENTIALS_HANDED_OVER = "golive.credentials_handed_over", _("API credentials hand-over recorded")
    WENT_LIVE = "golive.went_live", _("Project went live")
    GOLIVE_OVERRIDDEN = "golive.overridden", _("Go-live gate overridden")
    # Incoming triggers and automation rules (accord.automations; entries without a project).
    AUTOMATION_RULE_CREATED = "automation.rule_created", _("Automation rule created")
    AUTOMATION_RULE_WENT_LIVE = "automation.rule_went_live", _("Automation rule went live")
    AUTOMATION_RUN_FAILED = "automation.run_failed", _("Automation run failed")


#: The sentence each verb reads as. Placeholders: actor, task, role, to_role, person, project,
#: partner, before, after, date, version, playbook, count.
SENTENCES: Mapping[Verb, Promise] = {
    Verb.TASK_STARTED: _("%(actor)s started “%(task)s”"),
    Verb.TASK_SUBMITTED: _("%(actor)s submitted “%(task)s” for approval"),
    Verb.TASK_APPROVED: _("%(actor)s approved “%(task)s”"),
    Verb.TASK_SENT_BACK: _("%(actor)s sent “%(task)s” back"),
    Verb.TASK_BLOCKED: _("%(actor)s marked “%(task)s” as blocked"),
    Verb.TASK_UNBLOCKED: _("%(actor)s unblocked “%(task)s”"),
    Verb.TASK_REOPENED: _("%(actor)s reopened “%(task)s”"),
    Verb.TASK_NOT_APPLICABLE: _("%(actor)s marked “%(task)s” as not applicable"),
    Verb.TASK_RESTORED: _("%(actor)s restored “%(task)s”"),
    Verb.RACI_CHANGED: _("%(actor)s changed %(role)s on “%(task)s” from %(before)s to %(after)s"),
    Verb.RACI_UNDONE: _("%(actor)s undid a change of %(role)s on “%(task)s”, back to %(after)s"),
    Verb.COMMENT_ADDED: _("%(actor)s commented on “%(task)s”"),
    Verb.COMMENT_INTERNAL_ADDED: _("%(actor)s wrote an internal comment on “%(task)s” (vendor staff only)"),
    Verb.RACI_BULK_CHANGED: _("%(actor)s changed several RACI cells at once (%(count)s)"),
    Verb.RACI_BULK_UNDONE: _("%(actor)s undid a change of several RACI cells (%(count)s)"),
    Verb.INPUT_REQUESTED: _("%(actor)s asked for input on “%(task)s”"),
    Verb.INPUT_GIVEN: _("%(actor)s gave the input asked for on “%(task)s”"),
    Verb.PROJECT_CREATED: _("%(actor)s created the project “%(project)s”"),
    Verb.ALTERNATIVES_CHOSEN: _("%(actor)s chose the owners of %(count)s alternative tasks"),
    Verb.PROJECT_UPGRADED: _("%(actor)s upgraded the playbook to version %(version)s"),
    Verb.PROJECT_BASELINE_SET: _("%(actor)s set the committed go-live to %(date)s"),
    Verb.PROJECT_RENAMED: _("%(actor)s renamed the project “%(project)s”"),
    Verb.PROJECT_CALENDAR_CHANGED: _("%(actor)s changed the project's calendar"),
    Verb.CLOSURE_ADDED: _("%(actor)s added a closure from %(date)s"),
    Verb.CLOSURE_REMOVED: _("%(actor)s removed the closure from %(date)s"),
    Verb.PROJECT_CLOSED: _("%(actor)s closed the project"),
    Verb.PROJECT_REOPENED: _("%(actor)s reopened the project"),
    Verb.TASK_ACTUAL_DATES_SET: _("%(actor)s recorded the actual dates of “%(task)s”"),
    Verb.FORECAST_MOVED: _("The forecast go-live moved from %(before)s to %(after)s"),
    Verb.PLAN_CHANGED: _("The plan changed: %(count)s tasks have new dates"),
    Verb.PARTNER_ADDED: _("%(actor)s added the partner %(partner)s"),
    Verb.PARTICIPANT_ADDED: _("%(actor)s added %(person)s to the project"),
    Verb.PARTICIPANT_REMOVED: _("%(actor)s removed %(person)s from the project"),
    Verb.ROLE_ASSIGNED: _("%(actor)s made %(person)s %(role)s"),
    Verb.ROLE_UNASSIGNED: _("%(actor)s took %(person)s off %(role)s"),
    Verb.ROLE_LEAD_CHANGED: _("%(actor)s made %(person)s lead of %(role)s"),
    Verb.ROLE_HANDED_OVER: _("%(role)s handed over to %(to_role)s (%(person)s)"),
    Verb.PLAN_TASK_ADDED: _("%(actor)s added the task “%(task)s” to the plan"),
    Verb.PLAN_TASK_RENAMED: _("%(actor)s renamed the task “%(before)s” to “%(task)s”"),
    Verb.PLAN_TASK_REMOVED: _("%(actor)s removed the task “%(task)s” from the plan"),
    Verb.PLAN_TASK_PUT_BACK: _("%(actor)s put the removed task “%(task)s” back in the plan"),
    Verb.PLAN_TASK_MOVED: _("%(actor)s moved the task “%(task)s” in the plan"),
    Verb.PLAN_TASK_TIMING_SET: _("%(actor)s changed the duration and dependencies of “%(task)s”"),
    Verb.PLAN_GO_LIVE_MARKED: _("%(actor)s made “%(task)s” the go-live milestone"),
    Verb.PLAN_SAVED_AS_PLAYBOOK: _(
        "%(actor)s saved the plan as the playbook %(playbook)s, version %(version)s"
    ),
    Verb.PLAYBOOK_UPLOADED: _("%(actor)s uploaded the playbook %(playbook)s, version %(version)s"),
    Verb.NEED_WRITTEN: _("%(actor)s wrote version %(version)s of the need “%(subject)s”"),
    Verb.NEED_CASE_CHOSEN: _("%(actor)s chose the integration way of the need “%(subject)s”"),
    Verb.PROJECT_VARIANT_SWITCHED: _("%(actor)s switched the project to the variant “%(subject)s”"),
    Verb.DECISION_TREE_SAVED: _("%(actor)s changed the decision tree"),
    Verb.DISCOVERY_SCHEDULED: _("%(actor)s scheduled %(count)s discovery sessions"),
    Verb.DESIGN_REVIEW_RECORDED: _("%(actor)s recorded a design review: %(subject)s"),
    Verb.FLOW_ADDED: _("%(actor)s added the data flow “%(subject)s”"),
    Verb.DESIGN_ITEM_ADDED: _("%(actor)s added to the design: “%(subject)s”"),
    Verb.QUESTION_ANSWERED: _("%(actor)s answered the open question “%(subject)s”"),
    Verb.SUPPORT_OWNER_AGREED: _("%(actor)s recorded that %(owner)s is the first level of support"),
    Verb.SUPPORT_ADDRESS_SET: _("%(actor)s changed the vendor's support address"),
    Verb.TICKET_OPENED: _("%(actor)s opened the support ticket %(ticket)s"),
    Verb.TICKET_CHANGED: _("%(actor)s changed the support ticket %(ticket)s"),
    Verb.TICKET_COMMENTED: _("%(actor)s commented on the support ticket %(ticket)s"),
    Verb.TICKET_ESCALATED: _("%(actor)s escalated the support ticket %(ticket)s to the vendor's support"),
    Verb.SURVEY_SENT: _("%(actor)s sent the post-onboarding survey to %(count)s contacts"),
    Verb.SURVEY_ANSWERED: _("%(actor)s answered the post-onboarding survey"),
    Verb.ONBOARDING_CLOSED: _("%(actor)s closed the onboarding; %(person)s is the main point of contact"),
    Verb.CAMPAIGN_CREATED: _("%(actor)s created the test campaign “%(campaign)s”"),
    Verb.CAMPAIGN_STARTED: _("%(actor)s started the test campaign “%(campaign)s”"),
    Verb.CAMPAIGN_AWAITS_SIGN_OFF: _("The test campaign “%(campaign)s” awaits sign-off"),
    Verb.CAMPAIGN_SIGNED_OFF: _("%(actor)s signed off the test campaign “%(campaign)s”"),
    Verb.CASES_GENERATED: _("%(actor)s generated %(count)s test cases in “%(campaign)s”"),
    Verb.CASE_ADDED: _("%(actor)s added the test case “%(case)s” to “%(campaign)s”"),
    Verb.CASE_CHANGED: _("%(actor)s changed the test case “%(case)s” of “%(campaign)s”"),
    Verb.RUN_RECORDED: _("%(actor)s recorded “%(result)s” for the test case “%(case)s”"),
    Verb.EVIDENCE_ADDED: _("%(actor)s attached evidence to the test case “%(case)s”"),
    Verb.REPORT_PUBLISHED: _("%(actor)s published a status report"),
    Verb.DEFECT_REPORTED: _("%(actor)s reported the %(severity)s defect “%(defect)s”"),
    Verb.DEFECT_CHANGED: _("%(actor)s set the defect “%(defect)s” to %(status)s, %(severity)s"),
    Verb.GOLIVE_GATE_CHANGED: _("%(actor)s updated the go-live checklist: %(item)s"),
    Verb.CREDENTIALS_HANDED_OVER: _(
        "%(actor)s recorded that API credentials were handed over to %(person)s on %(date)s"
    ),
    Verb.WENT_LIVE: _("%(actor)s took the project live"),
    Verb.GOLIVE_OVERRIDDEN: _("%(actor)s overrode the go-live gate and took the project live"),
    Verb.AUTOMATION_RULE_CREATED: _("%(actor)s created the automation rule “%(rule)s”"),
    Verb.AUTOMATION_RULE_WENT_LIVE: _("%(actor)s put the automation rule “%(rule)s” live"),
    Verb.AUTOMATION_RUN_FAILED: _("A run of the automation rule “%(rule)s” failed"),
}


@dataclass(frozen=True, slots=True)
class Names:
    """How to name what entries point at: task keys and role keys to their names (keys show
    as they are when missing)."""

    tasks: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)


class _Named(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def name(self) -> str: ...


class NamedParts(Protocol):
    """What names come from: a playbook's roles and tasks (``accord.domain.playbook.Playbook``,
    described here so that the activity app imports no other part of Accord)."""

    @property
    def roles(self) -> Sequence[_Named]: ...

    @property
    def tasks(self) -> Sequence[_Named]: ...


def playbook_names(playbook: NamedParts) -> Names:
    """The task and role names of a project's playbook copy (the typed copy:
    ``accord.projects.playbook_copy.project_playbook``)."""
    return Names(
        tasks={task.key: task.name or task.key for task in playbook.tasks},
        roles={role.key: role.name or role.key for role in playbook.roles},
    )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _person(value: Any) -> str:
    data = _dict(value)
    return str(data.get("name") or data.get("email") or "—")


def _date(value: Any) -> str:
    if not value:
        return "—"
    try:
        return str(formats.date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT"))
    except ValueError:
        return str(value)


def _letters(value: Any) -> str:
    return str(_dict(value).get("raci") or "—")


_SUPPORT_VERBS = frozenset(
    {
        Verb.SUPPORT_OWNER_AGREED,
        Verb.TICKET_OPENED,
        Verb.TICKET_CHANGED,
        Verb.TICKET_COMMENTED,
        Verb.TICKET_ESCALATED,
        Verb.SURVEY_SENT,
        Verb.ONBOARDING_CLOSED,
    }
)


def _support_values(target_key: str, after: dict[str, Any], *, enabled: bool) -> dict[str, str]:
    """Support and close entries: a ticket reads as #id, the owner as its stored name (nothing
    for other verbs). An escalation's entry holds no text of it: only ids and a count."""
    if not enabled:
        return {}
    return {
        "ticket": f"#{target_key}",
        "owner": str(after.get("owner") or "—"),
        "count": str(after.get("count", 0)),
        "person": _person(after),
    }


_CAMPAIGN_PREFIXES = ("campaign.", "case.", "run.", "evidence.", "defect.", "golive.")
#: Words stored in campaign and go-live entries, read in the active language.
_CAMPAIGN_WORDS: Mapping[str, Promise] = {
    "pass": _("pass"),
    "fail": _("fail"),
    "blocked": _("blocked"),
    "critical": _("critical"),
    "major": _("major"),
    "minor": _("minor"),
    "trivial": _("trivial"),
    "open": _("open"),
    "fixed": _("fixed"),
    "closed": _("closed"),
    "integration-contact": _("integration contact named"),
    "communication-ready": _("go-live communication ready"),
    "communication-not-ready": _("go-live communication not ready"),
}


def _no_values(after: dict[str, Any]) -> dict[str, str]:
    return {}


def _campaign_values(after: dict[str, Any]) -> dict[str, str]:
    """Test campaign and go-live entries: names as stored, stored words in the active language."""

    def word(key: str) -> str:
        value = str(after.get(key) or "")
        return str(_CAMPAIGN_WORDS.get(value, value or "—"))

    return {
        "campaign": str(after.get("campaign") or "—"),
        "case": str(after.get("case") or "—"),
        "defect": str(after.get("defect") or "—"),
        "count": str(after.get("count", 0)),
        "result": word("result"),
        "severity": word("severity"),
        "status": word("status"),
        "item": word("item"),
        "person": _person(after.get("person") or after),
        "date": _date(after.get("date")),
    }


#: Verbs of accord.design whose sentence names what they are about (``after["subject"]``).
_DESIGN_VERBS = frozenset(
    {
        Verb.NEED_WRITTEN,
        Verb.NEED_CASE_CHOSEN,
        Verb.PROJECT_VARIANT_SWITCHED,
        Verb.DECISION_TREE_SAVED,
        Verb.DISCOVERY_SCHEDULED,
        Verb.DESIGN_REVIEW_RECORDED,
        Verb.FLOW_ADDED,
        Verb.DESIGN_ITEM_ADDED,
        Verb.QUESTION_ANSWERED,
    }
)


def _design_values(summary: str, after: dict[str, Any], *, enabled: bool) -> dict[str, str]:
    """Design entries (accord.design): what they are about, a version and a count; {} for others."""
    if not enabled:
        return {}
    return {
        "subject": str(after.get("subject") or after.get("name") or summary or "—"),
        "version": str(after.get("version") or "—"),
        "count": str(after.get("count") or 0),
    }


#: Entries of test campaigns and the go-live gate, by the first part of their verb.
_CAMPAIGN_READERS = dict.fromkeys(_CAMPAIGN_PREFIXES, _campaign_values)


_Reader = Callable[["ActivityEntry", dict[str, Any], dict[str, Any], Names], dict[str, str]]


def _role_person(
    entry: ActivityEntry, before: dict[str, Any], after: dict[str, Any], names: Names
) -> dict[str, str]:
    return {
        "role": names.roles.get(entry.target_key, entry.target_key),
        "person": _person(before if entry.verb == Verb.ROLE_UNASSIGNED else after),
    }


def _handed_over(
    entry: ActivityEntry, before: dict[str, Any], after: dict[str, Any], names: Names
) -> dict[str, str]:
    giver, _sep, taker = entry.target_key.partition(">")
    giver, taker = str(before.get("role") or giver), str(after.get("role") or taker)
    return {
        "role": names.roles.get(giver, giver),
        "to_role": names.roles.get(taker, taker),
        "person": _person(after.get("holder")),
    }


def _count(
    entry: ActivityEntry, before: dict[str, Any], after: dict[str, Any], names: Names
) -> dict[str, str]:
    # Owners chosen: one per key; a plan change counts its tasks with new dates.
    return {"count": str(after.get("count", 0) if entry.verb == Verb.PLAN_CHANGED else len(after))}


def _forecast(
    entry: ActivityEntry, before: dict[str, Any], after: dict[str, Any], names: Names
) -> dict[str, str]:
    return {"before": _date(before.get("go_live_p80")), "after": _date(after.get("go_live_p80"))}


def _uploaded(
    entry: ActivityEntry, before: dict[str, Any], after: dict[str, Any], names: Names
) -> dict[str, str]:
    return {
        "playbook": str(after.get("name") or after.get("key") or entry.target_key),
        "version": str(after.get("version") or "—"),
    }


def _project_named(
    entry: ActivityEntry, before: dict[str, Any], after: dict[str, Any], names: Names
) -> dict[str, str]:
    return {"project": str(after.get("name") or entry.summary)}


def _partner_named(
    entry: ActivityEntry, before: dict[str, Any], after: dict[str, Any], names: Names
) -> dict[str, str]:
    return {"partner": str(after.get("name") or entry.summary)}


def _plan_task(
    entry: ActivityEntry, before: dict[str, Any], after: dict[str, Any], names: Names
) -> dict[str, str]:
    # A removed task is no longer among the project's names: its entry keeps the name.
    stored = after.get("name") or before.get("name") or entry.target_key
    task = names.tasks.get(entry.target_key) or str(stored)
    return {"task": task, "before": str(before.get("name") or task)}


#: How each verb's sentence reads its values (verbs not listed need only the common ones).
_READERS: dict[Verb, _Reader] = {
    Verb.ROLE_ASSIGNED: _role_person,
    Verb.ROLE_UNASSIGNED: _role_person,
    Verb.ROLE_LEAD_CHANGED: _role_person,
    Verb.ROLE_HANDED_OVER: _handed_over,
    Verb.PARTICIPANT_ADDED: lambda entry, before, after, names: {"person": _person(after)},
    Verb.PARTICIPANT_REMOVED: lambda entry, before, after, names: {"person": _person(before)},
    Verb.PROJECT_CREATED: _project_named,
    Verb.ALTERNATIVES_CHOSEN: _count,
    Verb.PLAN_CHANGED: _count,
    Verb.RACI_BULK_CHANGED: lambda entry, before, after, names: {"count": str(len(after.get("cells", ())))},
    Verb.RACI_BULK_UNDONE: lambda entry, before, after, names: {"count": str(len(after.get("cells", ())))},
    Verb.PROJECT_UPGRADED: lambda entry, before, after, names: {
        "version": str(after.get("playbook_version") or "—")
    },
    Verb.PROJECT_BASELINE_SET: lambda entry, before, after, names: {
        "date": _date(after.get("go_live_baseline"))
    },
    Verb.FORECAST_MOVED: _forecast,
    Verb.PROJECT_RENAMED: _project_named,
    Verb.CLOSURE_ADDED: lambda entry, before, after, names: {"date": _date(after.get("start"))},
    Verb.CLOSURE_REMOVED: lambda entry, before, after, names: {"date": _date(before.get("start"))},
    Verb.PARTNER_ADDED: _partner_named,
    Verb.PLAYBOOK_UPLOADED: _uploaded,
    **dict.fromkeys(
        (
            Verb.PLAN_TASK_ADDED,
            Verb.PLAN_TASK_RENAMED,
            Verb.PLAN_TASK_REMOVED,
            Verb.PLAN_TASK_PUT_BACK,
            Verb.PLAN_TASK_MOVED,
            Verb.PLAN_TASK_TIMING_SET,
            Verb.PLAN_GO_LIVE_MARKED,
        ),
        _plan_task,
    ),
    Verb.PLAN_SAVED_AS_PLAYBOOK: _uploaded,
}


def sentence_values(entry: ActivityEntry, names: Names | None = None) -> dict[str, str]:
    """The values an entry's sentence is filled with, read from its actor, target and
    before/after (for display only)."""
    names = names or Names()
    before, after = _dict(entry.before), _dict(entry.after)
    actor = entry.actor
    task_key, _slash, role_key = entry.target_key.partition("/")
    values = {
        "actor": (actor.get_full_name() or actor.email) if actor is not None else gettext("Accord"),
        "task": names.tasks.get(task_key, task_key),
        "role": names.roles.get(role_key, role_key),
        "before": _letters(before),
        "after": _letters(after),
    }
    verb = entry.verb
    # Support and close verbs (accord.support, accord.surveys) fill theirs without a branch here.
    values |= _support_values(entry.target_key, after, enabled=verb in _SUPPORT_VERBS)
    values |= _design_values(entry.summary, after, enabled=verb in _DESIGN_VERBS)
    reader = _READERS.get(Verb(verb)) if verb in Verb.values else None
    if reader is not None:
        values |= reader(entry, before, after, names)
    elif str(verb).startswith("automation."):
        values["rule"] = str(after.get("rule") or entry.summary or "—")
    values |= _CAMPAIGN_READERS.get(str(verb).split(".", 1)[0] + ".", _no_values)(after)
    return values


def entry_sentence(entry: ActivityEntry, names: Names | None = None) -> str:
    """What an entry says happened, as a sentence in the active language. An entry whose verb
    is not (or no longer) known reads as its stored summary, or its verb."""
    try:
        template = SENTENCES[Verb(entry.verb)]
    except (ValueError, KeyError):
        return entry.summary or entry.verb
    return str(template) % sentence_values(entry, names)


def entry_detail(entry: ActivityEntry) -> str:
    """What a person wrote with the change (a comment, a question, an answer, a reason), if any."""
    after = _dict(entry.after)
    if entry.verb in (Verb.COMMENT_ADDED, Verb.INPUT_REQUESTED, Verb.INPUT_GIVEN):
        return str(after.get("body") or "")
    return str(after.get("reason") or "")


#: Verbs whose entries are internal (vendor staff only, DESIGN.md "Audience"): a reader of the log
#: for a contact (the SHARED audience) leaves them out.
INTERNAL_VERBS: frozenset[str] = frozenset({Verb.COMMENT_INTERNAL_ADDED.value})
