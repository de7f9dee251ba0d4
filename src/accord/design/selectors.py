"""Reads of needs and design records, always through the one access rule (accord.projects.access).

A project the requester may not see does not exist for them (NotFound). Everyone who sees a
project reads its needs and design records; the ``internal_note`` fields reach only the
vendor's staff (:attr:`Audience.INTERNAL`): :func:`for_audience` blanks them for the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.design.models import (
    NEED_PARTS,
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
from accord.domain.decision_tree import INTEGRATION_CASES, DecisionTree, Walk, walk
from accord.domain.errors import InvalidInput, NotFound
from accord.domain.needs import WARNINGS
from accord.domain.workflow import CLOSED_STATUSES
from accord.formats.design.decision_tree_yaml import decision_tree_from_data
from accord.formats.design.discovery_ics import Attendee, MeetingSeries
from accord.formats.design.overview_pptx import Contact, IntegrationOverview, Milestone
from accord.playbooks.decision_trees import builtin_decision_tree
from accord.projects import task_selectors
from accord.projects.access import Audience, ProjectAccess, ProjectAction, project_access, visible_projects
from accord.projects.models import Project, ProjectTask
from accord.projects.playbook_copy import project_playbook
from accord.projects.selectors import main_contacts
from accord.workspaces.access import Requester, WorkspaceAction, require_membership
from accord.workspaces.models import Workspace

#: The playbook whose built-in tree is every workspace's default.
DEFAULT_TREE = "tomorro-automation"


# -- access ----------------------------------------------------------------------------------------


def design_access(
    user: Requester, project_id: int, action: ProjectAction = ProjectAction.VIEW
) -> ProjectAccess:
    """The project and what the requester may do there; NotFound when they may not see it, or
    may not do ``action`` (a page that is not theirs does not exist for them)."""
    access = project_access(user, project_id)
    if not access.allows(action):
        raise NotFound(_("No such project."))
    return access


def managed_workspace(user: Requester, workspace_id: int) -> Workspace:
    """The workspace if the requester manages it (vendor admins and managers); else NotFound."""
    return require_membership(user, WorkspaceAction.MANAGE, workspace_id).workspace


# -- needs -----------------------------------------------------------------------------------------


def need_domain(need: Need | NeedVersion) -> needs_domain.Need:
    """The pure need of a stored need, or of one of its versions."""
    if isinstance(need, NeedVersion):
        data: dict[str, Any] = need.data
    else:
        data = {name: getattr(need, name) for name in NEED_PARTS}
    return needs_domain.Need(
        action=str(data.get("action", "")),
        target_platform=str(data.get("target_platform", "")),
        trigger=str(data.get("trigger", "")),
        trigger_platform=str(data.get("trigger_platform", "")),
        trigger_field=str(data.get("trigger_field", "")),
        trigger_from=str(data.get("trigger_from", "")),
        trigger_to=str(data.get("trigger_to", "")),
        fields=tuple(str(item) for item in data.get("fields") or ()),
        goal=str(data.get("goal", "")),
        checks=needs_domain.TriggerChecks(
            unique=bool(data.get("check_unique")),
            identifiable=bool(data.get("check_identifiable")),
            no_special_cases=bool(data.get("check_no_special_cases")),
        ),
    )


def need_statement(need: Need | NeedVersion, language: str) -> str:
    """The statement of a stored need in ``language`` (English for a language it has none in)."""
    try:
        return needs_domain.statement(need_domain(need), language if language in ("en", "fr") else "en")
    except InvalidInput:
        return ""


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    message: str
    hint: str
    field: str


def need_warnings(need: Need | NeedVersion | needs_domain.Need) -> list[Warning]:
    """The warnings of a need, translated into the active language by their code."""
    pure = need if isinstance(need, needs_domain.Need) else need_domain(need)
    # The pure core's texts are English and marked for the catalogue: translated by code here.
    return [
        Warning(item.code, _(WARNINGS[item.code][0]), _(WARNINGS[item.code][1]), item.field)
        for item in needs_domain.need_warnings(pure)
    ]


def project_needs(project: Project) -> QuerySet[Need]:
    """The needs of a project (found through the access rule), oldest first. One query."""
    return Need.objects.filter(project=project).order_by("created_at", "pk")


def need_of(project: Project, need_id: int) -> Need:
    """Need ``need_id`` of ``project``, else NotFound."""
    need = Need.objects.filter(project=project, pk=need_id).first()
    if need is None:
        raise NotFound(_("No such need."), hint=_("Pick a need from the project's design page."))
    need.project = project
    return need


def need_versions(need: Need) -> list[NeedVersion]:
    """Every version of ``need``, newest first."""
    return list(NeedVersion.objects.filter(need=need).select_related("author").order_by("-version"))


def need_version(need: Need, version: int) -> NeedVersion:
    found = NeedVersion.objects.filter(need=need, version=version).select_related("author").first()
    if found is None:
        raise NotFound(_("No such version of this need."))
    return found


# -- the decision tree ------------------------------------------------------------------------------


def workspace_tree(workspace_id: int) -> DecisionTree:
    """The workspace's decision tree: its own copy, or the built-in one."""
    stored = WorkspaceDecisionTree.objects.filter(workspace_id=workspace_id).first()
    if stored is None:
        return builtin_decision_tree(DEFAULT_TREE)
    return decision_tree_from_data(stored.data, "decision tree")


def workspace_tree_row(workspace_id: int) -> WorkspaceDecisionTree | None:
    return WorkspaceDecisionTree.objects.filter(workspace_id=workspace_id).first()


def need_walk(need: Need, tree: DecisionTree) -> Walk:
    """Where the need's answers lead in ``tree`` (answers the tree no longer offers are dropped)."""
    answers = dict(need.tree_answers or {})
    while True:
        try:
            return walk(tree, answers)
        except InvalidInput as error:
            wrong = {problem.where for problem in error.problems}
            if not wrong & set(answers):
                return walk(tree, {})
            answers = {key: value for key, value in answers.items() if key not in wrong}


def playbook_cases(project: Project) -> dict[str, str]:
    """The project's playbook variants (key → name) when they are the integration cases (as on
    ``tomorro-integration``), else {}: then a case is only recorded on the need."""
    variants = {variant.key: variant.name for variant in project_playbook(project).variants}
    return variants if set(variants) & set(INTEGRATION_CASES) else {}


# -- flows, reviews, records ----------------------------------------------------------------------


def project_flows(project: Project) -> list[DataFlowRecord]:
    """The project's data flows in order, with their mappings. Two queries."""
    return list(
        DataFlowRecord.objects.filter(project=project)
        .select_related("review")
        .prefetch_related(
            Prefetch("mappings", queryset=FieldMappingRecord.objects.order_by("position", "pk"))
        )
        .order_by("position", "pk")
    )


def flows_domain(rows: Iterable[DataFlowRecord]) -> tuple[design_domain.DataFlow, ...]:
    """The pure flows of stored ones (mappings prefetched)."""
    return tuple(
        design_domain.DataFlow(
            name=row.name,
            source_system=row.source_system,
            target_system=row.target_system,
            trigger=row.trigger,
            mode=design_domain.FlowMode(row.mode),
            format=row.format,
            security=row.security,
            mappings=tuple(
                design_domain.FieldMapping(item.source, item.target, item.rule) for item in row.mappings.all()
            ),
        )
        for row in rows
    )


def review_of(project: Project, review_id: int) -> DesignReview:
    review = DesignReview.objects.filter(project=project, pk=review_id).first()
    if review is None:
        raise NotFound(_("No such design review."))
    review.project = project
    return review


def item_of(project: Project, item_id: int) -> DesignItem:
    item = DesignItem.objects.filter(project=project, pk=item_id).first()
    if item is None:
        raise NotFound(_("No such design record."))
    return item


def series_of(project: Project, series_id: int) -> DiscoverySeries:
    series = DiscoverySeries.objects.filter(project=project, pk=series_id).first()
    if series is None:
        raise NotFound(_("No such discovery series."))
    series.project = project
    return series


def for_audience[T: (Need, DesignReview, NeedVersion)](rows: Sequence[T], audience: Audience) -> Sequence[T]:
    """``rows`` with their internal notes blanked for the SHARED audience (never saved)."""
    if audience is Audience.INTERNAL:
        return rows
    for row in rows:
        if isinstance(row, NeedVersion):
            row.data = {**row.data, "internal_note": ""}
        else:
            row.internal_note = ""
    return rows


@dataclass(frozen=True, slots=True)
class DesignPage:
    """What the project's design page shows to one person."""

    access: ProjectAccess
    needs: Sequence[Need]
    series: list[DiscoverySeries]
    reviews: Sequence[DesignReview]
    flows: list[DataFlowRecord]
    items: list[DesignItem]

    @property
    def project(self) -> Project:
        return self.access.project

    @property
    def open_questions(self) -> list[DesignItem]:
        return [item for item in self.items if item.kind == DesignItem.Kind.QUESTION and not item.answered_at]


def design_page(user: Requester, project_id: int) -> DesignPage:
    """Everything the design page shows, for a project the requester may see. Seven queries."""
    access = design_access(user, project_id)
    project = access.project
    return DesignPage(
        access=access,
        needs=for_audience(list(project_needs(project)), access.audience),
        series=list(DiscoverySeries.objects.filter(project=project).order_by("-created_at", "-pk")),
        reviews=for_audience(list(DesignReview.objects.filter(project=project)), access.audience),
        flows=project_flows(project),
        items=list(
            DesignItem.objects.filter(project=project)
            .select_related("owner", "review")
            .order_by("kind", "created_at", "pk")
        ),
    )


# -- discovery ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesDefaults:
    task: ProjectTask | None
    first_day: dt.date
    at: dt.time
    minutes: int
    count: int


def discovery_defaults(project: Project, today: dt.date) -> SeriesDefaults:
    """The playbook's meeting series (the task whose timing has ``sessions``), on its planned
    start; seed 003's three 90-minute sessions at 10:00 from the next business day otherwise."""
    from accord.formats.design.discovery_ics import DEFAULT_AT, DEFAULT_COUNT, DEFAULT_MINUTES

    for phase in project_playbook(project).phases:
        for task in phase.tasks:
            sessions = task.timing.sessions if task.timing is not None else None
            if sessions is None:
                continue
            row = ProjectTask.objects.filter(project=project, key=task.key).first()
            if row is None:
                continue
            first = row.planned_start if row.planned_start and row.planned_start >= today else today
            return SeriesDefaults(
                task=row, first_day=first, at=sessions.at, minutes=sessions.minutes, count=sessions.count
            )
    return SeriesDefaults(None, today + dt.timedelta(days=1), DEFAULT_AT, DEFAULT_MINUTES, DEFAULT_COUNT)


def series_attendees(series: DiscoverySeries) -> list[tuple[User, bool]]:
    """Who the series invites: the R, A and C of its task (required), and its I when asked
    (optional); each person once."""
    task = (
        ProjectTask.objects.select_related("project")
        .filter(project=series.project, key=series.task_key)
        .first()
    )
    if task is None:
        return []
    people = task_selectors.task_people(task)
    found: dict[int, tuple[User, bool]] = {}
    for letter in ("R", "A", "C"):
        for person in people[letter]:
            found.setdefault(person.pk, (person, True))
    if series.include_informed:
        for person in people["I"]:
            found.setdefault(person.pk, (person, False))
    return list(found.values())


def meeting_series(series: DiscoverySeries, *, organiser: User | None = None) -> MeetingSeries:
    """The pure invitation of a stored series."""
    project = series.project
    return MeetingSeries(
        identity=f"project-{project.pk}-discovery-{series.pk}",
        title=series.title,
        days=tuple(dt.date.fromisoformat(day) for day in series.days),
        at=series.at,
        minutes=series.minutes,
        time_zone=project.time_zone,
        description=f"{project.name} · {project.customer.name}",
        organiser=Attendee(organiser.get_full_name() or organiser.email, organiser.email)
        if organiser
        else None,
        attendees=tuple(
            Attendee(person.get_full_name() or person.email, person.email, required)
            for person, required in series_attendees(series)
        ),
    )


# -- the overview slide ---------------------------------------------------------------------------


def integration_overview(project: Project) -> IntegrationOverview:
    """What the overview slide shows of ``project``: flows, contacts by role, plan dates."""
    # Milestones before the go-live (the go-live itself is drawn with its P80), four at most.
    rows = (
        ProjectTask.objects.filter(project=project, milestone=True, planned_finish__isnull=False)
        .exclude(status__in=[status.value for status in CLOSED_STATUSES])
        .order_by("planned_finish", "position")
    )
    milestones = [
        Milestone(task.name, task.planned_finish)
        for task in rows
        if task.planned_finish is not None
        and (project.go_live_planned is None or task.planned_finish < project.go_live_planned)
    ][:4]
    # One row per person, with every role they hold now (hand-overs resolved), in the playbook's order.
    people: dict[int, tuple[User, list[str]]] = {}
    for holder in main_contacts(project):
        if holder.holder is not None:
            people.setdefault(holder.holder.pk, (holder.holder, []))[1].append(holder.role_name)
    contacts = tuple(
        Contact(person.get_full_name() or person.email, " · ".join(roles), person.email)
        for person, roles in people.values()
    )
    return IntegrationOverview(
        project_name=project.name,
        customer_name=project.customer.name,
        flows=flows_domain(project_flows(project)),
        contacts=contacts,
        planned_go_live=project.go_live_planned,
        go_live_p80=project.go_live_p80,
        start=project.start_date,
        milestones=tuple(milestones),
    )


# -- My work --------------------------------------------------------------------------------------


def my_open_questions(user: Requester) -> list[DesignItem]:
    """The open questions ``user`` owns on the projects they see, soonest due first. One query."""
    if not isinstance(user, User) or not user.is_active:
        return []
    return list(
        DesignItem.objects.filter(
            kind=DesignItem.Kind.QUESTION,
            owner=user,
            answered_at__isnull=True,
            project__in=visible_projects(user).values("pk"),
        )
        .select_related("project", "project__customer")
        .defer("project__playbook_data")
        .order_by("due", "created_at", "pk")
    )


def upcoming_series(project: Project, today: dt.date) -> list[DiscoverySeries]:
    """The project's discovery series with a session today or later, soonest first (one query).
    Meetings are shared with everyone on the project: they hold no internal text."""
    series = [
        item
        for item in DiscoverySeries.objects.filter(project=project).order_by("first_day", "pk")
        if item.days and dt.date.fromisoformat(item.days[-1]) >= today
    ]
    for item in series:
        item.project = project
    return series
