"""The project home of a customer's or partner's contact: one read, shared with the API.

It answers what a contact who "will not read a manual" asks: where are we, when do we go live,
what is mine to do, what do we wait for from the vendor, what comes next, what my role means,
and whom to call for what. It holds nothing internal (DESIGN.md "Audience"): no comment, no
status reason, no source note, no linter finding; only shared facts of the plan and the roles'
descriptions. Vendor staff read the same, as the customer sees it (the preview).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.domain.errors import NotFound
from accord.domain.playbook import Side
from accord.domain.raci import Raci
from accord.domain.workflow import CLOSED_STATUSES
from accord.projects.access import Audience, project_access
from accord.projects.models import Project, ProjectTask, RaciCell, RoleAssignment
from accord.projects.planning import project_today
from accord.projects.playbook_copy import project_playbook
from accord.workspaces.access import Requester

#: How many items each list of the home shows: a glance, not a report.
LIST_LENGTH = 5


@dataclass(frozen=True, slots=True)
class HomeTask:
    key: str
    name: str
    phase_name: str
    status: str
    due: dt.date | None
    milestone: bool
    role_names: tuple[str, ...]  # the roles Responsible for it


@dataclass(frozen=True, slots=True)
class HomePerson:
    name: str
    email: str
    is_lead: bool


@dataclass(frozen=True, slots=True)
class HomeRole:
    key: str
    name: str
    side: str
    description: str
    responsibilities: tuple[str, ...]
    people: tuple[HomePerson, ...]  # the lead first
    is_mine: bool

    @property
    def lead(self) -> HomePerson | None:
        return next((person for person in self.people if person.is_lead), None)


@dataclass(frozen=True, slots=True)
class ProjectHome:
    project: Project
    side: str  # the side the page speaks to: the reader's, or "customer" in a vendor preview
    preview: bool  # vendor staff reading it as the customer sees it
    phase_name: str
    finished: int
    total: int
    forecast_text: str
    committed: dt.date | None
    my_next: tuple[HomeTask, ...]
    waiting_on_vendor: tuple[HomeTask, ...]
    next_milestones: tuple[HomeTask, ...]
    my_roles: tuple[HomeRole, ...]  # the roles of the reader's side (all of them: theirs marked)
    vendor_contacts: tuple[HomeRole, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.finished / self.total) if self.total else 100


def _day(value: dt.date) -> str:
    return formats.date_format(value, "MONTH_DAY_FORMAT")


def forecast_in_words(p50: dt.date | None, p80: dt.date | None) -> str:
    """ "most likely 28 April; 4 in 5 chance by 3 May", in the active language; "" without a forecast."""
    if p50 is None:
        return ""
    if p80 is None or p80 == p50:
        return _("most likely %(p50)s") % {"p50": _day(p50)}
    return _("most likely %(p50)s; 4 in 5 chance by %(p80)s") % {"p50": _day(p50), "p80": _day(p80)}


def project_home(user: Requester, project_id: int, *, today: dt.date | None = None) -> ProjectHome:
    """The home of a project the requester may see (else NotFound), as its contacts see it: for
    vendor staff, the customer's. Five queries whatever the size of the project."""
    access = project_access(user, project_id)
    project = access.project
    preview = access.audience is Audience.INTERNAL
    side = Side.PARTNER.value if access.scope.is_partner_contact else Side.CUSTOMER.value
    playbook = project_playbook(project)
    roles = {role.key: role for role in playbook.roles}
    tasks = list(ProjectTask.objects.filter(project=project).order_by("position"))
    responsible: dict[int, list[str]] = {}
    for task_id, role_key, letters in RaciCell.objects.filter(task__project=project).values_list(
        "task_id", "role_key", "letters"
    ):
        if Raci(letters) & Raci.R and role_key in roles:
            responsible.setdefault(task_id, []).append(role_key)
    assignments = list(
        RoleAssignment.objects.select_related("user")
        .filter(project=project)
        .order_by("role_key", "-is_lead", "created_at", "pk")
    )
    mine = {a.role_key for a in assignments if isinstance(user, User) and a.user_id == user.pk}
    side_roles = {key for key, role in roles.items() if role.side.value == side}
    # "Theirs to do": what their own roles hold, or their whole side's when they hold none (a preview).
    side_roles_mine = (mine & side_roles) or side_roles
    vendor_roles = {key for key, role in roles.items() if role.side is Side.VENDOR}
    today = today or project_today(project)

    def line(task: ProjectTask) -> HomeTask:
        return HomeTask(
            key=task.key,
            name=task.name,
            phase_name=task.phase_name,
            status=task.get_status_display(),
            due=task.planned_finish,
            milestone=task.milestone,
            role_names=tuple(roles[key].name for key in responsible.get(task.pk, ())),
        )

    open_tasks = [task for task in tasks if task.status not in CLOSED_STATUSES]
    soonest = sorted(open_tasks, key=lambda task: (task.planned_finish or dt.date.max, task.position))
    my_next = [task for task in soonest if set(responsible.get(task.pk, ())) & side_roles_mine]
    waiting = [
        task
        for task in soonest
        if set(responsible.get(task.pk, ())) & vendor_roles
        and not set(responsible.get(task.pk, ())) & side_roles
        and (task.planned_start is None or task.planned_start <= today + dt.timedelta(days=14))
    ]
    milestones = [task for task in soonest if task.milestone]
    people: dict[str, list[HomePerson]] = {}
    for assignment in assignments:
        people.setdefault(assignment.role_key, []).append(
            HomePerson(
                name=assignment.user.get_full_name() or assignment.user.email,
                email=assignment.user.email,
                is_lead=assignment.is_lead,
            )
        )

    def home_role(key: str) -> HomeRole:
        role = roles[key]
        return HomeRole(
            key=key,
            name=role.name,
            side=role.side.value,
            description=role.description,
            responsibilities=role.responsibilities,
            people=tuple(people.get(key, ())),
            is_mine=key in mine,
        )

    order = [role.key for role in playbook.roles]
    phase_name = next((task.phase_name for task in tasks if task.status not in CLOSED_STATUSES), "")
    return ProjectHome(
        project=project,
        side=side,
        preview=preview,
        phase_name=phase_name,
        finished=sum(task.status in CLOSED_STATUSES for task in tasks),
        total=len(tasks),
        forecast_text=forecast_in_words(project.go_live_p50, project.go_live_p80),
        committed=project.go_live_baseline,
        my_next=tuple(line(task) for task in my_next[:LIST_LENGTH]),
        waiting_on_vendor=tuple(line(task) for task in waiting[:LIST_LENGTH]),
        next_milestones=tuple(line(task) for task in milestones[:LIST_LENGTH]),
        my_roles=tuple(home_role(key) for key in order if key in side_roles),
        vendor_contacts=tuple(home_role(key) for key in order if key in vendor_roles),
    )


@dataclass(frozen=True, slots=True)
class RoleExplained:
    key: str
    description: str
    responsibilities: tuple[str, ...]


def roles_explained(project: Project) -> tuple[RoleExplained, ...]:
    """What each role of the project's playbook copy means and does, for the people page's
    disclosures; only the roles that say something. No query (the copy is on the project)."""
    return tuple(
        RoleExplained(key=role.key, description=role.description, responsibilities=role.responsibilities)
        for role in project_playbook(project).roles
        if role.description or role.responsibilities
    )


def milestone_for(user: Requester, project_id: int, task_key: str) -> tuple[Project, ProjectTask]:
    """A milestone of a project the requester may see, for its calendar event (else NotFound)."""
    project = project_access(user, project_id).project
    task = ProjectTask.objects.filter(project=project, key=task_key, milestone=True).first()
    if task is None:
        raise NotFound(_("No such milestone."))
    return project, task
