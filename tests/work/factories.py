"""Projects built directly with the models: a playbook copy, task rows, RACI cells and people.

Independent of the projects services on purpose, so that these tests pin the work rules alone.
"""

from __future__ import annotations

import datetime as dt

import factory

from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import playbook_to_data
from accord.projects.models import (
    Project,
    ProjectParticipant,
    ProjectPartner,
    ProjectTask,
    RaciCell,
    RoleAssignment,
)
from accord.projects.services import cells_for, task_rows_for
from accord.workspaces.models import Membership, MembershipKind, Partner
from tests.accounts.factories import UserFactory
from tests.projects.factories import manager_of
from tests.workspaces.factories import CustomerFactory, WorkspaceFactory

R, A, C, I = Raci.R, Raci.A, Raci.C, Raci.I  # noqa: E741


def small_playbook() -> Playbook:
    """Three roles a side and three kinds of task: approved by A, finished by R alone, and a
    milestone its Responsible also approves."""
    return Playbook(
        key="small",
        name="Small playbook",
        version="1.0",
        roles=(
            Role("vendor-pm", "Project Manager", Side.VENDOR),
            Role("customer-lead", "Project lead", Side.CUSTOMER),
            Role("customer-it", "IT department", Side.CUSTOMER),
            Role("partner-tpa", "Administrator", Side.PARTNER),
        ),
        phases=(
            Phase(
                "start",
                "Start",
                (
                    Task(
                        "kickoff",
                        "Kick-off",
                        {"vendor-pm": R, "customer-lead": A, "customer-it": C, "partner-tpa": I},
                    ),
                    Task(
                        "build", "Build the connector", {"customer-it": R, "vendor-pm": C, "customer-lead": I}
                    ),
                ),
            ),
            Phase(
                "live",
                "Go live",
                (Task("go-live", "Go live", {"vendor-pm": R | A, "customer-lead": I}, milestone=True),),
            ),
        ),
    )


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    workspace = factory.SubFactory(WorkspaceFactory)
    customer = factory.SubFactory(CustomerFactory, workspace=factory.SelfAttribute("..workspace"))
    name = factory.Sequence(lambda number: f"Project {number}")
    playbook_key = "small"
    playbook_version = "1.0"
    playbook_name = "Small playbook"
    playbook_data = factory.LazyFunction(lambda: playbook_to_data(small_playbook()))
    start_date = dt.date(2026, 1, 5)
    calendar_country = "US"
    time_zone = "UTC"


def project_with_tasks(playbook: Playbook | None = None, *, variant: str = "", **fields) -> Project:
    """A project on ``playbook`` (the small one by default) with its task rows and RACI cells."""
    playbook = playbook or small_playbook()
    project = ProjectFactory(
        playbook_key=playbook.key,
        playbook_version=playbook.version,
        playbook_name=playbook.name,
        playbook_data=playbook_to_data(playbook),
        variant=variant,
        **fields,
    )
    chosen = playbook.for_variant(variant or None)
    rows = task_rows_for(project, chosen)
    for row in rows:
        row.planned_finish = project.start_date + dt.timedelta(days=7 * row.position)
    rows = ProjectTask.objects.bulk_create(rows)
    RaciCell.objects.bulk_create(cells_for(rows, chosen))
    return project


def _membership_kind(project: Project, role_key: str) -> str:
    side = next(role["side"] for role in project.playbook_data["roles"] if role["key"] == role_key)
    return {
        "vendor": MembershipKind.VENDOR_MEMBER,
        "customer": MembershipKind.CUSTOMER_CONTACT,
        "partner": MembershipKind.PARTNER_CONTACT,
    }[side]


def staff(project: Project, role_key: str, user=None, *, lead: bool = False):
    """Assign ``user`` (a new one by default) to a role, giving them the membership that role's
    side needs to see the project (a partner contact also joins the project)."""
    user = user or UserFactory()
    kind = _membership_kind(project, role_key)
    membership = Membership.objects.filter(user=user, workspace=project.workspace).first()
    if membership is None:
        partner = None
        if kind == MembershipKind.PARTNER_CONTACT:
            partner = Partner.objects.create(workspace=project.workspace, name=f"Partner of {user.email}")
        membership = Membership.objects.create(
            user=user,
            workspace=project.workspace,
            kind=kind,
            customer=project.customer if kind == MembershipKind.CUSTOMER_CONTACT else None,
            partner=partner,
        )
    if membership.partner_id is not None:
        ProjectPartner.objects.get_or_create(project=project, partner_id=membership.partner_id)
        ProjectParticipant.objects.get_or_create(project=project, user=user)
    RoleAssignment.objects.create(project=project, role_key=role_key, user=user, is_lead=lead)
    return user


def task(project: Project, key: str) -> ProjectTask:
    return ProjectTask.objects.select_related("project").get(project=project, key=key)


def submitted_for_approval(row: ProjectTask, actor, capture_on_commit) -> ProjectTask:
    """``row`` started then submitted by ``actor`` (a Responsible); its approvers are told once the
    submission commits (``capture_on_commit``: pytest-django's django_capture_on_commit_callbacks)."""
    from accord.work import services

    version = row.version
    started = services.task_transition(actor=actor, task=row, action="start", expected_version=version)
    with capture_on_commit(execute=True):
        return services.task_transition(
            actor=actor, task=started, action="submit", expected_version=version + 1
        )


class Crew:
    """A small project with a person in each role: pm (vendor, R on kick-off), lead (customer, A
    on kick-off), it (customer, C on kick-off and R on build), tpa (partner, I on kick-off), and a
    vendor manager holding no role."""

    def __init__(self):
        self.project = project_with_tasks()
        self.pm = staff(self.project, "vendor-pm", lead=True)
        self.lead = staff(self.project, "customer-lead", lead=True)
        self.it = staff(self.project, "customer-it", lead=True)
        self.tpa = staff(self.project, "partner-tpa", lead=True)
        self.manager = manager_of(self.project).user
