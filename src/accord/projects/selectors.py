"""Reads of projects, always scoped by the requester.

Who may see and do what is decided in :mod:`accord.projects.access` (``visible_projects``,
``project_access``); tasks, RACI cells, comments, activity, notifications, exports, API calls and
background tasks all start from it. A project the requester may not see does not exist for them
(NotFound: 404, never 403).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.verbs import INTERNAL_VERBS
from accord.domain.errors import NotFound
from accord.domain.health import Health, project_health
from accord.domain.planning.model import CalendarInfo, GoLive, Plan, PlannedTask
from accord.domain.workflow import CLOSED_STATUSES
from accord.projects.access import Audience, ProjectAction, project_access, visible_projects
from accord.projects.handover import handovers_of, milestone_reached
from accord.projects.models import Project, ProjectParticipant, ProjectTask, RoleAssignment
from accord.projects.planning import project_today
from accord.projects.playbook_copy import project_playbook
from accord.projects.summary import Figures, portfolio_figures
from accord.workspaces.access import Requester, WorkspaceAction, memberships_allowing
from accord.workspaces.models import VENDOR_KINDS, Customer, Membership, MembershipKind, Partner


def project_for(user: Requester, project_id: int, *, action: ProjectAction = ProjectAction.VIEW) -> Project:
    """One project on which the requester may do ``action`` (by default: see it), or NotFound
    whether it does not exist, is not theirs to see, or is not theirs to ``action``."""
    access = project_access(user, project_id)
    if not access.allows(action):
        raise NotFound(_("No such project."))
    return access.project


# -- the portfolio -----------------------------------------------------------------------------

_FINISHED = CLOSED_STATUSES  # done or not applicable: the workflow's rule


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """One project in the portfolio list."""

    project: Project
    customer: Customer
    current_phase: str  # name of the first phase with unfinished tasks; "" when all are finished
    health: Health
    go_live: dt.date | None  # the P80 forecast
    late_tasks: int  # due date passed, neither done nor not applicable
    finished_tasks: int  # done or not applicable
    total_tasks: int


def portfolio(
    user: Requester,
    *,
    customer: Customer | int | None = None,
    status: str | None = None,
    late_only: bool = False,
    search: str = "",
    health: str | None = None,
    today: dt.date | None = None,
) -> list[PortfolioRow]:
    """The projects the requester may see, with their phase, health, forecast and late tasks.

    Filters: one ``customer``, a project ``status`` ("active", "closed"), only projects with late
    tasks, a ``search`` in the project's or customer's name, and one ``health``. ``today``
    (default: the server's today) decides which tasks are late. The figures come from each
    project's summary (:mod:`accord.projects.summary`), so the cost does not grow with the number
    of tasks: one query for the projects, plus one recount of the summaries that do not hold on
    ``today`` (if any).
    """
    today = today or timezone.localdate()
    projects = (
        visible_projects(user)
        .select_related("customer", "summary")
        # The playbook copy is the largest column and the portfolio never reads it: decoding it
        # for 500 projects was half of the page's time on the benchmark's data.
        .defer("playbook_data")
        .order_by("name", "pk")
    )
    if customer is not None:
        projects = projects.filter(customer_id=customer.pk if isinstance(customer, Customer) else customer)
    if status:
        projects = projects.filter(status=status)
    if search.strip():
        term = search.strip()
        projects = projects.filter(Q(name__icontains=term) | Q(customer__name__icontains=term))
    listed = list(projects)
    figures = portfolio_figures(listed, today)
    rows = []
    for project in listed:
        item = figures.get(project.pk) or Figures(0, 0, "", 0, 0, None)
        rows.append(
            PortfolioRow(
                project=project,
                customer=project.customer,
                current_phase=item.current_phase,
                health=project_health(
                    baseline=project.go_live_baseline,
                    p50=project.go_live_p50,
                    p80=project.go_live_p80,
                    late_tasks=item.late_tasks,
                    late_critical_tasks=item.late_critical_tasks,
                ),
                go_live=project.go_live_p80,
                late_tasks=item.late_tasks,
                finished_tasks=item.finished_tasks,
                total_tasks=item.total_tasks,
            )
        )
    # Late tasks and health come from the summaries: filter after them.
    if late_only:
        rows = [row for row in rows if row.late_tasks > 0]
    return [row for row in rows if row.health == health] if health else rows


@dataclass(frozen=True, slots=True)
class PortfolioPage:
    """What the portfolio page shows: the rows the filters keep, and whether the person may start
    a project (they manage a workspace)."""

    rows: list[PortfolioRow]
    may_create: bool


def portfolio_page(
    user: Requester,
    *,
    customer: Customer | int | None = None,
    status: str | None = None,
    late_only: bool = False,
    search: str = "",
    health: str | None = None,
) -> PortfolioPage:
    """The portfolio (see :func:`portfolio`) and the page's own question. Three queries."""
    rows = portfolio(
        user, customer=customer, status=status, late_only=late_only, search=search, health=health
    )
    return PortfolioPage(rows=rows, may_create=memberships_allowing(user, WorkspaceAction.MANAGE).exists())


# -- who holds which role ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleHolder:
    """Who to turn to for one role now. ``handed_over_to`` names the role that took over (its lead
    is ``holder``) once the hand-over's milestone is reached."""

    role_key: str
    role_name: str
    side: str
    holder: User | None
    handed_over_to: str = ""


def _holders(
    project: Project, statuses: list[tuple[str, str, str]], leads: dict[str, User]
) -> tuple[RoleHolder, ...]:
    handed = {item.role: item.to for item in handovers_of(project) if milestone_reached(item.after, statuses)}
    return tuple(
        RoleHolder(
            role_key=role.key,
            role_name=role.name,
            side=role.side.value,
            holder=leads.get(handed.get(role.key, role.key)),
            handed_over_to=handed.get(role.key, ""),
        )
        for role in project_playbook(project).roles
    )


def _statuses(project: Project) -> list[tuple[str, str, str]]:
    return list(ProjectTask.objects.filter(project_id=project.pk).values_list("key", "phase_key", "status"))


def _leads(project: Project) -> dict[str, User]:
    return {
        assignment.role_key: assignment.user
        for assignment in RoleAssignment.objects.select_related("user").filter(
            project_id=project.pk, is_lead=True
        )
    }


def main_contacts(project: Project) -> tuple[RoleHolder, ...]:
    """Every role of a (visible) project with the person to turn to now, hand-overs resolved.
    Two queries."""
    return _holders(project, _statuses(project), _leads(project))


def role_holder_now(project: Project, role_key: str) -> User | None:
    """The person who holds ``role_key`` now: its lead, or, once a hand-over of that role is due,
    the lead of the role it was handed over to. None when nobody is staffed."""
    for holder in main_contacts(project):
        if holder.role_key == role_key:
            return holder.holder
    return None


# -- one project's overview --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PhaseProgress:
    key: str
    name: str
    finished: int  # done or not applicable
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.finished / self.total) if self.total else 100


@dataclass(frozen=True, slots=True)
class StaffMember:
    user: User
    is_lead: bool
    #: They stand on another side than the role's (a customer's contact in a vendor role).
    cross_side: bool = False


@dataclass(frozen=True, slots=True)
class RoleStaffing:
    key: str
    name: str
    side: str
    people: tuple[StaffMember, ...]  # the lead first

    @property
    def lead(self) -> User | None:
        return next((member.user for member in self.people if member.is_lead), None)


@dataclass(frozen=True, slots=True)
class ProjectOverview:
    project: Project
    health: Health
    current_phase: str
    late_tasks: int
    phases: tuple[PhaseProgress, ...]
    next_milestones: tuple[ProjectTask, ...]  # unfinished milestones, soonest first (five at most)
    roles: tuple[RoleStaffing, ...]
    main_contacts: tuple[RoleHolder, ...]
    recent_activity: tuple[ActivityEntry, ...]  # the last twenty entries, newest first


#: How many entries of the activity log the overview shows.
RECENT_ACTIVITY = 20
#: How many upcoming milestones the overview shows.
NEXT_MILESTONES = 5


def project_overview(user: Requester, project_id: int, *, today: dt.date | None = None) -> ProjectOverview:
    """Everything the project's home page shows, for a project the requester may see (else
    NotFound): progress by phase, next milestones, people by role with leads, the main contacts
    with hand-overs resolved, health and the last twenty activity entries. Five queries."""
    access = project_access(user, project_id)
    project = access.project
    tasks = list(ProjectTask.objects.filter(project=project).order_by("position"))
    assignments = list(
        RoleAssignment.objects.select_related("user")
        .filter(project=project)
        .order_by("role_key", "-is_lead", "created_at", "pk")
    )
    activity = tuple(activity_for(project, access.audience)[:RECENT_ACTIVITY])
    today = today or project_today(project)

    phases: dict[str, list[ProjectTask]] = {}
    for task in tasks:
        phases.setdefault(task.phase_key, []).append(task)
    progress = tuple(
        PhaseProgress(
            key=key,
            name=rows[0].phase_name,
            finished=sum(row.status in _FINISHED for row in rows),
            total=len(rows),
        )
        for key, rows in phases.items()
    )
    late = [
        task
        for task in tasks
        if task.planned_finish and task.planned_finish < today and task.status not in _FINISHED
    ]
    milestones = sorted(
        (task for task in tasks if task.milestone and task.status not in _FINISHED),
        key=lambda task: (task.planned_finish or dt.date.max, task.position),
    )
    people: dict[str, list[StaffMember]] = {}
    for assignment in assignments:
        people.setdefault(assignment.role_key, []).append(StaffMember(assignment.user, assignment.is_lead))
    roles = tuple(
        RoleStaffing(
            key=role.key, name=role.name, side=role.side.value, people=tuple(people.get(role.key, ()))
        )
        for role in project_playbook(project).roles
    )
    leads = {assignment.role_key: assignment.user for assignment in assignments if assignment.is_lead}
    statuses = [(task.key, task.phase_key, task.status) for task in tasks]
    return ProjectOverview(
        project=project,
        health=project_health(
            baseline=project.go_live_baseline,
            p50=project.go_live_p50,
            p80=project.go_live_p80,
            late_tasks=len(late),
            late_critical_tasks=sum(task.critical for task in late),
        ),
        current_phase=next((phase.name for phase in progress if phase.finished < phase.total), ""),
        late_tasks=len(late),
        phases=progress,
        next_milestones=tuple(milestones[:NEXT_MILESTONES]),
        roles=roles,
        main_contacts=_holders(project, statuses, leads),
        recent_activity=activity,
    )


# -- the Gantt chart of the overview -----------------------------------------------------------


def project_plan(project: Project) -> Plan | None:
    """The project's current plan as stored by its last replan, for the Gantt chart: each task's
    planned dates and the go-live forecast. One query, no planning run. None while the project
    has no forecast or a task has no dates yet."""
    go_live = (
        project.go_live_planned,
        project.go_live_earliest,
        project.go_live_latest,
        project.go_live_p50,
        project.go_live_p80,
        project.go_live_p95,
    )
    if any(day is None for day in go_live):
        return None
    rows = list(
        ProjectTask.objects.filter(project_id=project.pk)
        .order_by("position")
        .only(
            "key",
            "name",
            "phase_key",
            "phase_name",
            "position",
            "milestone",
            "status",
            "planned_start",
            "planned_finish",
            "finish_earliest",
            "finish_latest",
            "critical",
            "slack_days",
        )
    )
    tasks = []
    for row in rows:
        if not (row.planned_start and row.planned_finish and row.finish_earliest and row.finish_latest):
            return None
        tasks.append(
            PlannedTask(
                key=row.key,
                name=row.name,
                phase=row.phase_key,
                phase_name=row.phase_name,
                start=row.planned_start,
                finish=row.planned_finish,
                finish_earliest=row.finish_earliest,
                finish_latest=row.finish_latest,
                critical=row.critical,
                slack_days=row.slack_days,
                milestone=row.milestone,
                done=row.status in _FINISHED,
            )
        )
    planned, earliest, latest, p50, p80, p95 = (day for day in go_live if day is not None)
    return Plan(
        playbook=project.playbook_key,
        playbook_name=project.playbook_name,
        variant=project.variant or None,
        start=min((task.start for task in tasks), default=project.start_date),
        calendar=CalendarInfo(
            country=project.calendar_country,
            subdivision=project.calendar_subdivision or None,
            timezone=project.time_zone,
        ),
        go_live=GoLive(planned=planned, earliest=earliest, latest=latest, p50=p50, p80=p80, p95=p95),
        tasks=tuple(tasks),
    )


# -- the staffing page -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who may be given a role on the project, and how they belong to the workspace."""

    user: User
    kind: MembershipKind
    organisation: str  # the customer's or partner's name; "" for the vendor's staff

    @property
    def side(self) -> str:
        """The side they stand on, as roles name sides (vendor, customer, partner)."""
        return side_of_kind(self.kind)


def side_of_kind(kind: str) -> str:
    """The side a kind of membership stands on, as roles name sides: vendor, customer or partner."""
    if kind in VENDOR_KINDS:
        return "vendor"
    sides = {MembershipKind.CUSTOMER_CONTACT: "customer", MembershipKind.PARTNER_CONTACT: "partner"}
    return sides.get(MembershipKind(kind), "")


@dataclass(frozen=True, slots=True)
class ProjectStaffing:
    project: Project
    roles: tuple[RoleStaffing, ...]  # in the playbook's order
    assignable: tuple[Person, ...]  # people who can see the project, vendor staff first
    partners: tuple[Partner, ...]  # partner organisations working on the project
    other_partners: tuple[Partner, ...]  # the workspace's partners not on the project yet
    waiting_contacts: tuple[Person, ...]  # contacts of the project's partners not taking part yet


_KIND_ORDER = {
    MembershipKind.VENDOR_ADMIN: 0,
    MembershipKind.VENDOR_MANAGER: 0,
    MembershipKind.VENDOR_MEMBER: 0,
    MembershipKind.CUSTOMER_CONTACT: 1,
    MembershipKind.PARTNER_CONTACT: 2,
}


def _person_order(person: Person) -> tuple[int, str, str]:
    return (_KIND_ORDER[person.kind], person.user.get_full_name().casefold(), person.user.email)


def project_staffing(user: Requester, project_id: int) -> ProjectStaffing:
    """Who staffs each role of a project the requester may see (else NotFound), who else could,
    and the partners and partner contacts around it. Six queries whatever the size."""
    project = project_for(user, project_id)
    assignments = list(
        RoleAssignment.objects.select_related("user")
        .filter(project=project)
        .order_by("role_key", "-is_lead", "created_at", "pk")
    )
    on_project = {
        link.partner_id: link.partner for link in project.project_partners.select_related("partner")
    }
    taking_part = set(ProjectParticipant.objects.filter(project=project).values_list("user_id", flat=True))
    members = (
        Membership.objects.filter(workspace_id=project.workspace_id, user__is_active=True)
        .filter(
            Q(kind__in=[kind.value for kind in VENDOR_KINDS])
            | Q(kind=MembershipKind.CUSTOMER_CONTACT, customer_id=project.customer_id)
            | Q(kind=MembershipKind.PARTNER_CONTACT, partner_id__in=list(on_project))
        )
        .select_related("user", "customer", "partner")
    )
    assignable, waiting = [], []
    for membership in members:
        kind = MembershipKind(membership.kind)
        organisation = (membership.customer or membership.partner or project.workspace).name
        person = Person(
            user=membership.user, kind=kind, organisation="" if membership.is_vendor_staff else organisation
        )
        if kind == MembershipKind.PARTNER_CONTACT and membership.user_id not in taking_part:
            waiting.append(person)
        else:
            assignable.append(person)
    sides = {person.user.pk: side_of_kind(person.kind) for person in (*assignable, *waiting)}
    roles = project_playbook(project).roles
    role_sides = {role.key: role.side.value for role in roles}
    people: dict[str, list[StaffMember]] = {}
    for assignment in assignments:
        side = sides.get(assignment.user_id, "")
        crosses = bool(side) and side != role_sides.get(assignment.role_key, side)
        people.setdefault(assignment.role_key, []).append(
            StaffMember(assignment.user, assignment.is_lead, cross_side=crosses)
        )
    return ProjectStaffing(
        project=project,
        roles=tuple(
            RoleStaffing(
                key=role.key,
                name=role.name,
                side=role.side.value,
                people=tuple(people.get(role.key, ())),
            )
            for role in roles
        ),
        assignable=tuple(sorted(assignable, key=_person_order)),
        partners=tuple(sorted(on_project.values(), key=lambda partner: partner.name.casefold())),
        other_partners=tuple(
            Partner.objects.filter(workspace_id=project.workspace_id)
            .exclude(pk__in=list(on_project))
            .order_by("name")
        ),
        waiting_contacts=tuple(sorted(waiting, key=_person_order)),
    )


# -- one project for the API -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskLine:
    """A task as a project's detail lists it (read as plain values: no model instance)."""

    pk: int
    key: str
    name: str
    phase_key: str
    phase_name: str
    status: str
    milestone: bool
    critical: bool
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    version: int


_TASK_LINE = tuple(name for name in TaskLine.__dataclass_fields__ if name != "pk")


@dataclass(frozen=True, slots=True)
class TaskWithCells:
    task: TaskLine
    cells: dict[str, int]  # role key -> RACI bits (empty cells absent)


@dataclass(frozen=True, slots=True)
class PhaseWithTasks:
    key: str
    name: str
    tasks: tuple[TaskWithCells, ...]


@dataclass(frozen=True, slots=True)
class ProjectDetail:
    """A project with its phases, tasks and their RACI, its roles with their people and leads,
    its forecast and health, as the API's ``GET /projects/{id}`` gives it."""

    project: Project
    health: Health
    late_tasks: int
    phases: tuple[PhaseWithTasks, ...]
    roles: tuple[RoleStaffing, ...]


def project_detail(user: Requester, project_id: int) -> ProjectDetail:
    """A project the requester may see (else NotFound) with its tasks, their RACI cells and its
    staffing. Four queries whatever the size; tasks and cells are read as plain values (building
    model instances was most of the time of a 50-task project on the API benchmark)."""
    project = project_for(user, project_id)
    # One query for the tasks and their cells (a row per cell; a task without cells once).
    tasks: list[TaskLine] = []
    cells: dict[int, dict[str, int]] = {}
    rows = (
        ProjectTask.objects.filter(project=project)
        .order_by("position", "pk", "cells__pk")
        .values_list("pk", *_TASK_LINE, "cells__role_key", "cells__letters")
    )
    for *values, role_key, letters in rows:
        if not tasks or tasks[-1].pk != values[0]:
            tasks.append(TaskLine(*values))
            cells[values[0]] = {}
        if role_key is not None:
            cells[values[0]][role_key] = letters
    assignments = list(
        RoleAssignment.objects.select_related("user")
        .filter(project=project)
        .order_by("role_key", "-is_lead", "created_at", "pk")
    )
    today = project_today(project)
    late = [
        task
        for task in tasks
        if task.planned_finish and task.planned_finish < today and task.status not in _FINISHED
    ]
    phases: dict[str, list[TaskWithCells]] = {}
    names: dict[str, str] = {}
    for task in tasks:
        names.setdefault(task.phase_key, task.phase_name)
        phases.setdefault(task.phase_key, []).append(TaskWithCells(task, cells.get(task.pk, {})))
    people: dict[str, list[StaffMember]] = {}
    for assignment in assignments:
        people.setdefault(assignment.role_key, []).append(StaffMember(assignment.user, assignment.is_lead))
    return ProjectDetail(
        project=project,
        health=project_health(
            baseline=project.go_live_baseline,
            p50=project.go_live_p50,
            p80=project.go_live_p80,
            late_tasks=len(late),
            late_critical_tasks=sum(task.critical for task in late),
        ),
        late_tasks=len(late),
        phases=tuple(PhaseWithTasks(key, names[key], tuple(rows)) for key, rows in phases.items()),
        roles=tuple(
            RoleStaffing(
                key=role.key, name=role.name, side=role.side.value, people=tuple(people.get(role.key, ()))
            )
            for role in project_playbook(project).roles
        ),
    )


def activity_for(project: Project, audience: Audience) -> QuerySet[ActivityEntry]:
    """The activity log of ``project`` (one the caller found through the access rule) as
    ``audience`` may read it, with actors: entries of internal texts (an internal comment) are left
    out for contacts (DESIGN.md, "Audience"). Every list of a project's activity reads it here."""
    entries = ActivityEntry.objects.filter(project=project).select_related("actor")
    if audience is not Audience.INTERNAL:
        entries = entries.exclude(verb__in=INTERNAL_VERBS)
    return entries


def project_activity_log(user: Requester, project_id: int) -> tuple[Project, QuerySet[ActivityEntry]]:
    """A project the requester may see (else NotFound) and its whole activity log with actors,
    as they may read it (:func:`activity_for`), for a caller to order and page."""
    access = project_access(user, project_id)
    return access.project, activity_for(access.project, access.audience)
