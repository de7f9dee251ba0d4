"""Every write of the need and design records: needs and their versions, the walk of the decision
tree and the variant switch it may lead to, the workspace's tree, discovery sessions and their
invitations, design reviews, data flows with their mappings, rules, requirements, decisions and
open questions.

Each function takes the acting person, checks what they may do through accord.projects.access
(EDIT_DESIGN: everyone who sees the project; SCHEDULE_MEETINGS: the vendor's staff; MANAGE for the
variant switch; the workspace's managers for its tree), changes everything or nothing, and writes
the activity log. Internal notes are written only by the vendor's staff: a contact's write keeps
the note as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accord.accounts.models import User, user_language
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.design import selectors
from accord.design.models import (
    DataFlowRecord,
    DesignItem,
    DesignReview,
    DiscoverySeries,
    FieldMappingRecord,
    Need,
    NeedVersion,
    WorkspaceDecisionTree,
)
from accord.domain import design as design_domain
from accord.domain import needs as needs_domain
from accord.domain.decision_tree import Walk, walk
from accord.domain.errors import InvalidInput, NotFound, Problem, StaleWrite
from accord.formats.design.decision_tree_yaml import decision_tree_to_data, loads_decision_tree
from accord.formats.design.discovery_ics import series_to_ics, session_days
from accord.projects.access import Audience, NotAllowed, ProjectAction, allowed, audience, require
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_calendar
from accord.projects.variants import project_variant_switch
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.models import Workspace

__all__ = [
    "NeedParts",
    "decision_tree_reset",
    "decision_tree_save",
    "discovery_invitations_deliver",
    "discovery_schedule",
    "flow_add",
    "item_add",
    "need_answer",
    "need_switch_variant",
    "need_write",
    "question_answer",
    "review_record",
]


# -- needs -----------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NeedParts:
    """What a person writes of a need (the guided form or the API's body)."""

    action: str
    target_platform: str
    trigger: str = ""
    trigger_platform: str = ""
    trigger_field: str = ""
    trigger_from: str = ""
    trigger_to: str = ""
    fields: Sequence[str] = ()
    goal: str = ""
    check_unique: bool = False
    check_identifiable: bool = False
    check_no_special_cases: bool = False
    internal_note: str = ""

    def pure(self) -> needs_domain.Need:
        return needs_domain.Need(
            action=self.action.strip(),
            target_platform=self.target_platform.strip(),
            trigger=self.trigger.strip(),
            trigger_platform=self.trigger_platform.strip(),
            trigger_field=self.trigger_field.strip(),
            trigger_from=self.trigger_from.strip(),
            trigger_to=self.trigger_to.strip(),
            fields=tuple(item.strip() for item in self.fields),
            goal=self.goal.strip(),
            checks=needs_domain.TriggerChecks(
                unique=self.check_unique,
                identifiable=self.check_identifiable,
                no_special_cases=self.check_no_special_cases,
            ),
        )


def _translated(error: InvalidInput) -> InvalidInput:
    """The pure core's English problems, in the active language (they are in the catalogue)."""
    return InvalidInput(
        [
            Problem(problem.code, _(problem.message), hint=_(problem.hint), where=problem.where)
            for problem in error.problems
        ]
    )


def _need_data(parts: NeedParts, pure: needs_domain.Need, note: str) -> dict[str, object]:
    return {
        "action": pure.action,
        "target_platform": pure.target_platform,
        "trigger": pure.trigger,
        "trigger_platform": pure.trigger_platform,
        "trigger_field": pure.trigger_field,
        "trigger_from": pure.trigger_from,
        "trigger_to": pure.trigger_to,
        "fields": list(pure.fields),
        "goal": pure.goal,
        "check_unique": parts.check_unique,
        "check_identifiable": parts.check_identifiable,
        "check_no_special_cases": parts.check_no_special_cases,
        "internal_note": note.strip(),
    }


@transaction.atomic
def need_write(
    *,
    actor: User,
    project: Project,
    parts: NeedParts,
    need: Need | None = None,
    expected_version: int | None = None,
) -> Need:
    """Write a new need of ``project``, or a new version of ``need`` (``expected_version``: the
    version the person edited; StaleWrite when another was written meanwhile).

    Refused with InvalidInput (each problem naming its field) when the need is not usable; its
    warnings do not stop it (:func:`accord.design.selectors.need_warnings`). Only the vendor's
    staff write the internal note; a contact's version keeps the previous one.
    """
    require(actor, ProjectAction.EDIT_DESIGN, project)
    pure = parts.pure()
    try:
        needs_domain.validate_need(pure)
    except InvalidInput as error:
        raise _translated(error) from None
    staff = audience(actor, project) is Audience.INTERNAL
    now = timezone.now()
    if need is None:
        data = _need_data(parts, pure, parts.internal_note if staff else "")
        need = Need.objects.create(project=project, created_by=actor, created_at=now, updated_at=now, **data)
    else:
        need = Need.objects.select_for_update().get(pk=need.pk, project=project)
        if expected_version is not None and need.version != expected_version:
            raise StaleWrite(
                _("Someone wrote a newer version of this need meanwhile (version %(version)s).")
                % {"version": need.version},
                hint=_("Reload the need, then make your change again."),
            )
        data = _need_data(parts, pure, parts.internal_note if staff else need.internal_note)
        for name, value in data.items():
            setattr(need, name, value)
        need.version += 1
        need.updated_at = now
        need.save()
    NeedVersion.objects.create(need=need, version=need.version, data=data, author=actor, created_at=now)
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.NEED_WRITTEN,
        target_type="need",
        target_key=str(need.pk),
        summary=pure.action[:200],
        after={"subject": pure.action[:200], "version": need.version},
    )
    return need


def _no_such_answer(question: str, answer: str) -> InvalidInput:
    return InvalidInput(
        [
            Problem(
                "decision-tree-unknown-answer",
                _("This question has no answer %(answer)s.") % {"answer": answer},
                hint=_("Choose one of the answers offered."),
                where=question,
            )
        ]
    )


@transaction.atomic
def need_answer(
    *, actor: User, need: Need, question: str = "", answer: str = "", restart: bool = False
) -> Walk:
    """Answer one question of the workspace's decision tree for ``need`` (or start over).

    When the answers reach a leaf, the need records the way and the integration case. On a
    playbook whose variants are the integration cases, the project is not changed here: the
    page offers the switch (:func:`need_switch_variant`); on other playbooks the case is only
    recorded on the need.
    """
    project = need.project
    require(actor, ProjectAction.EDIT_DESIGN, project)
    need = Need.objects.select_for_update().get(pk=need.pk)
    tree = selectors.workspace_tree(project.workspace_id)
    answers: dict[str, str] = {} if restart else dict(need.tree_answers or {})
    if not restart:
        current = walk(tree, {}) if not answers else selectors.need_walk(need, tree)
        asked = current.next_question
        if asked is None or asked.key != question or asked.answer(answer) is None:
            raise _no_such_answer(question, answer)
        answers = {step.question.key: step.answer.key for step in current.steps} | {question: answer}
    result = walk(tree, answers)
    need.tree_answers = answers
    need.tree_path = result.path_text[:500]
    leaf = result.leaf
    need.leaf_key, need.way, need.case = (leaf.key, leaf.way, leaf.case) if leaf else ("", "", "")
    cases = selectors.playbook_cases(project)
    if leaf is None:
        need.case_outcome = Need.Outcome.NONE
    elif not cases or leaf.case not in cases:
        need.case_outcome = Need.Outcome.RECORDED
    else:
        need.case_outcome = Need.Outcome.ALREADY if project.variant == leaf.case else Need.Outcome.NONE
    need.updated_at = timezone.now()
    need.save(
        update_fields=["tree_answers", "tree_path", "leaf_key", "way", "case", "case_outcome", "updated_at"]
    )
    if leaf is not None:
        activity_record(
            actor=actor,
            project=project,
            verb=Verb.NEED_CASE_CHOSEN,
            target_type="need",
            target_key=str(need.pk),
            summary=f"{need.action[:150]}: {leaf.way} ({leaf.case})",
            after={"subject": need.action[:200], "way": leaf.way, "case": leaf.case, "path": need.tree_path},
        )
    return result


@transaction.atomic
def need_switch_variant(
    *, actor: User, need: Need, expected_version: int, today: dt.date | None = None
) -> Project:
    """Switch the need's project to the variant its case names (vendor admins and managers);
    refused when a task the switch would remove has started (see accord.projects.variants)."""
    project = need.project
    if not need.case or need.case not in selectors.playbook_cases(project):
        raise InvalidInput(
            [
                Problem(
                    "need-no-case",
                    _("The decision tree has not led this need to an integration case of the playbook."),
                    hint=_("Answer the questions of the decision tree first."),
                    where="variant",
                )
            ]
        )
    project = project_variant_switch(
        actor=actor, project=project, variant=need.case, expected_version=expected_version, today=today
    )
    Need.objects.filter(pk=need.pk).update(case_outcome=Need.Outcome.SWITCHED, updated_at=timezone.now())
    return project


# -- the workspace's decision tree -----------------------------------------------------------------


@transaction.atomic
def decision_tree_save(*, actor: User, workspace: Workspace, text: str) -> WorkspaceDecisionTree:
    """Make ``text`` (YAML, the built-in tree's format) the workspace's decision tree.

    Refused with InvalidInput when some path does not end in a leaf (the problem names the path,
    e.g. ``direction → from-third-party → create-or-sign → no → …``), or any other fault, each
    with its line and column. Workspace admins and managers only (NotFound for others).
    """
    require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)
    tree = loads_decision_tree(text.encode(), "decision tree")
    now = timezone.now()
    row, created = WorkspaceDecisionTree.objects.select_for_update().get_or_create(
        workspace=workspace,
        defaults={"data": decision_tree_to_data(tree), "updated_by": actor, "updated_at": now},
    )
    if not created:
        row.data = decision_tree_to_data(tree)
        row.version += 1
        row.updated_by, row.updated_at = actor, now
        row.save()
    activity_record(
        actor=actor,
        verb=Verb.DECISION_TREE_SAVED,
        workspace_id=workspace.pk,
        target_type="decision-tree",
        target_key=tree.key,
        summary=f"{tree.key} {tree.version}",
        after={"subject": tree.name.en, "version": row.version},
    )
    return row


@transaction.atomic
def decision_tree_reset(*, actor: User, workspace: Workspace) -> None:
    """Go back to the built-in decision tree (the workspace's own copy is deleted)."""
    require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)
    deleted, _rows = WorkspaceDecisionTree.objects.filter(workspace=workspace).delete()
    if deleted:
        activity_record(
            actor=actor,
            verb=Verb.DECISION_TREE_SAVED,
            workspace_id=workspace.pk,
            target_type="decision-tree",
            target_key=selectors.DEFAULT_TREE,
            summary="built-in",
            after={"subject": "built-in"},
        )


# -- discovery -------------------------------------------------------------------------------------

MAX_SESSIONS = 10
MAX_MINUTES = 8 * 60


@dataclass(frozen=True, kw_only=True)
class SeriesRequest:
    """A discovery series to schedule: on ``first_day`` (rolled to a business day) and the
    business days after it, ``count`` sessions of ``minutes`` at ``at``."""

    task: ProjectTask | None
    title: str
    first_day: dt.date
    at: dt.time
    minutes: int = 90
    count: int = 3
    include_informed: bool = False
    send: bool = True


def _series_problems(request: SeriesRequest, project: Project) -> list[Problem]:
    problems = []
    if not 1 <= request.count <= MAX_SESSIONS:
        problems.append(
            Problem(
                "discovery-count",
                _("Plan between 1 and %(most)s sessions.") % {"most": MAX_SESSIONS},
                hint=_("Seed 003's discovery is three sessions."),
                where="count",
            )
        )
    if not 15 <= request.minutes <= MAX_MINUTES:
        problems.append(
            Problem(
                "discovery-minutes",
                _("A session lasts between 15 minutes and 8 hours."),
                hint=_("Seed 003's sessions last 90 minutes."),
                where="minutes",
            )
        )
    if not request.title.strip():
        problems.append(
            Problem(
                "discovery-title", _("Give the sessions a title."), hint=_("e.g. Discovery"), where="title"
            )
        )
    if request.task is not None and request.task.project_id != project.pk:
        raise NotFound(_("No such task."))
    return problems


@transaction.atomic
def discovery_schedule(*, actor: User, project: Project, request: SeriesRequest) -> DiscoverySeries:
    """Put a discovery series on the project's calendar (vendor staff) and, with ``send``, e-mail
    its ``.ics`` invitation to the task's R, A and C (and I when asked) once committed."""
    require(actor, ProjectAction.SCHEDULE_MEETINGS, project)
    problems = _series_problems(request, project)
    if problems:
        raise InvalidInput(problems)
    try:
        days = session_days(project_calendar(project), request.first_day, request.count)
    except Exception as error:  # the calendar's range ends: say so on the field
        raise InvalidInput(
            [
                Problem(
                    "discovery-first-day", _("This day is outside the project's calendar."), where="first_day"
                )
            ]
        ) from error
    series = DiscoverySeries.objects.create(
        project=project,
        task_key=request.task.key if request.task is not None else "",
        title=request.title.strip(),
        first_day=days[0],
        at=request.at,
        minutes=request.minutes,
        count=request.count,
        days=[day.isoformat() for day in days],
        include_informed=request.include_informed,
        created_by=actor,
    )
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.DISCOVERY_SCHEDULED,
        target_type="discovery",
        target_key=str(series.pk),
        summary=f"{series.title}: {', '.join(series.days)}",
        after={"subject": series.title, "count": series.count, "days": series.days},
    )
    if request.send:
        from accord.design.tasks import discovery_invitations_send

        series_id, organiser_id = series.pk, actor.pk
        transaction.on_commit(
            lambda: discovery_invitations_send.enqueue(series_id=series_id, organiser_id=organiser_id)
        )
    return series


INVITATION_SUBJECTS = {"en": "Invitation: {title} — {project}", "fr": "Invitation : {title} — {project}"}


def discovery_invitations_deliver(*, series_id: int, organiser_id: int | None = None) -> int:
    """E-mail the series' ``.ics`` invitation to each attendee, in their language; returns how
    many were sent. Called by the worker after the series was committed."""
    series = (
        DiscoverySeries.objects.select_related("project", "project__customer").filter(pk=series_id).first()
    )
    if series is None:
        return 0
    organiser = User.objects.filter(pk=organiser_id).first() if organiser_id else None
    invitation = selectors.meeting_series(series, organiser=organiser)
    sent = 0
    for person, _required in selectors.series_attendees(series):
        language = user_language(person)
        with translation.override(language):
            body = _(
                "You are invited to %(count)s sessions of %(minutes)s minutes for the project %(project)s: "
                "%(days)s. The invitation is attached."
            ) % {
                "count": series.count,
                "minutes": series.minutes,
                "project": series.project.name,
                "days": ", ".join(series.days),
            }
            message = EmailMessage(
                subject=INVITATION_SUBJECTS.get(language, INVITATION_SUBJECTS["en"]).format(
                    title=series.title, project=series.project.name
                ),
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[person.email],
            )
            message.attach(
                "discovery.ics",
                series_to_ics(invitation, language=language),
                "text/calendar; method=REQUEST; charset=utf-8",
            )
            message.send()
            sent += 1
    DiscoverySeries.objects.filter(pk=series.pk).update(invitations_sent_at=timezone.now())
    return sent


# -- design reviews and their records --------------------------------------------------------------


@transaction.atomic
def review_record(
    *,
    actor: User,
    project: Project,
    kind: str,
    held_on: dt.date | None = None,
    summary: str = "",
    internal_note: str = "",
) -> DesignReview:
    """Record a business (``bdr``) or technical (``tdr``) design review of ``project``."""
    require(actor, ProjectAction.EDIT_DESIGN, project)
    if kind not in DesignReview.Kind.values:
        raise InvalidInput(
            [Problem("design-review-kind", _("Choose BDR or TDR."), hint=_("bdr or tdr"), where="kind")]
        )
    staff = audience(actor, project) is Audience.INTERNAL
    review = DesignReview.objects.create(
        project=project,
        kind=kind,
        held_on=held_on,
        summary=summary.strip(),
        internal_note=internal_note.strip() if staff else "",
        created_by=actor,
    )
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.DESIGN_REVIEW_RECORDED,
        target_type="design-review",
        target_key=str(review.pk),
        summary=kind.upper(),
        after={"subject": kind.upper()},
    )
    return review


def _flow_problems(flow: design_domain.DataFlow, taken: set[str]) -> list[Problem]:
    problems = [
        Problem(problem.code, _(problem.message), hint=_(problem.hint), where=problem.where)
        for problem in design_domain.flow_problems(flow)
    ]
    if flow.name.strip() in taken:
        problems.append(
            Problem(
                "design-flow-duplicate",
                _("This project already has a flow named %(name)s.") % {"name": flow.name.strip()},
                hint=_("Give each flow its own name."),
                where="name",
            )
        )
    return problems


@transaction.atomic
def flow_add(
    *, actor: User, project: Project, flow: design_domain.DataFlow, review: DesignReview | None = None
) -> DataFlowRecord:
    """Add a data flow with its field mappings after the project's last flow (its place in the
    sequence diagram). Refused with InvalidInput naming the field (``name``,
    ``mappings[1].target``) when the flow is incomplete, a target field is mapped twice or the
    name is taken."""
    require(actor, ProjectAction.EDIT_DESIGN, project)
    if review is not None and review.project_id != project.pk:
        raise NotFound(_("No such design review."))
    Project.objects.select_for_update().filter(pk=project.pk).first()  # one writer of positions
    taken = set(DataFlowRecord.objects.filter(project=project).values_list("name", flat=True))
    problems = _flow_problems(flow, taken)
    if problems:
        raise InvalidInput(problems)
    last = DataFlowRecord.objects.filter(project=project).aggregate(last=Max("position"))["last"] or 0
    row = DataFlowRecord.objects.create(
        project=project,
        review=review,
        position=last + 1,
        name=flow.name.strip(),
        source_system=flow.source_system.strip(),
        target_system=flow.target_system.strip(),
        trigger=flow.trigger.strip(),
        mode=flow.mode.value,
        format=flow.format.strip(),
        security=flow.security.strip(),
        created_by=actor,
    )
    FieldMappingRecord.objects.bulk_create(
        FieldMappingRecord(
            flow=row,
            position=index,
            source=item.source.strip(),
            target=item.target.strip(),
            rule=item.rule.strip(),
        )
        for index, item in enumerate(flow.mappings, start=1)
    )
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.FLOW_ADDED,
        target_type="flow",
        target_key=str(row.pk),
        summary=f"{row.name}: {row.source_system} -> {row.target_system}",
        after={"subject": row.name, "count": len(flow.mappings)},
    )
    return row


@dataclass(frozen=True, kw_only=True)
class ItemRequest:
    kind: str
    text: str
    detail: str = ""
    owner: User | None = None
    due: dt.date | None = None
    review: DesignReview | None = None


def _item_problems(project: Project, request: ItemRequest) -> list[Problem]:
    problems = []
    if request.kind not in DesignItem.Kind.values:
        problems.append(Problem("design-item-kind", _("Choose what this record is."), where="kind"))
    if not request.text.strip():
        problems.append(
            Problem(
                "design-field-empty", _("The text is empty."), hint=_("Write what it says."), where="text"
            )
        )
    if request.kind == DesignItem.Kind.QUESTION:
        if request.owner is None:
            problems.append(
                Problem(
                    "design-question-owner",
                    _("An open question needs an owner."),
                    hint=_("Choose who answers it: it shows in their My work."),
                    where="owner",
                )
            )
        elif not allowed(request.owner, ProjectAction.VIEW, project):
            problems.append(
                Problem(
                    "design-owner-unknown",
                    _("This person does not take part in the project."),
                    hint=_("Choose someone who sees the project."),
                    where="owner",
                )
            )
        if request.due is None:
            problems.append(
                Problem(
                    "design-question-due",
                    _("An open question needs a due date."),
                    hint=_("Say by when it must be answered."),
                    where="due",
                )
            )
    return problems


@transaction.atomic
def item_add(*, actor: User, project: Project, request: ItemRequest) -> DesignItem:
    """Add a business rule, a compliance requirement, a decision or an open question (with its
    owner, who must see the project, and its due date)."""
    require(actor, ProjectAction.EDIT_DESIGN, project)
    if request.review is not None and request.review.project_id != project.pk:
        raise NotFound(_("No such design review."))
    problems = _item_problems(project, request)
    if problems:
        raise InvalidInput(problems)
    question = request.kind == DesignItem.Kind.QUESTION
    item = DesignItem.objects.create(
        project=project,
        review=request.review,
        kind=request.kind,
        text=request.text.strip(),
        detail=request.detail.strip(),
        owner=request.owner if question else None,
        due=request.due if question else None,
        created_by=actor,
    )
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.DESIGN_ITEM_ADDED,
        target_type=f"design-{item.kind}",
        target_key=str(item.pk),
        summary=item.text[:200],
        after={"subject": item.text[:200], "kind": item.kind},
    )
    return item


@transaction.atomic
def question_answer(*, actor: User, item: DesignItem, answer: str) -> DesignItem:
    """Answer an open question: its owner or the vendor's managers; it leaves the owner's My work."""
    project = item.project
    require(actor, ProjectAction.EDIT_DESIGN, project)
    if item.owner_id != actor.pk and not allowed(actor, ProjectAction.MANAGE, project):
        raise NotAllowed(
            _("Only the question's owner or a vendor manager answers it."),
            hint=_("Ask its owner to answer it."),
        )
    if item.kind != DesignItem.Kind.QUESTION or item.answered_at is not None:
        raise InvalidInput([Problem("design-question-closed", _("This question is already answered."))])
    if not answer.strip():
        raise InvalidInput(
            [
                Problem(
                    "design-field-empty",
                    _("The answer is empty."),
                    hint=_("Write the answer."),
                    where="answer",
                )
            ]
        )
    item.answer, item.answered_at = answer.strip(), timezone.now()
    item.save(update_fields=["answer", "answered_at"])
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.QUESTION_ANSWERED,
        target_type="design-question",
        target_key=str(item.pk),
        summary=item.text[:200],
        after={"subject": item.text[:200]},
    )
    return item
