"""Build the demo workspace through the public services, so that the demo walks the real code
paths: invitations accepted with a password, projects created from the built-in playbooks,
roles staffed, tasks moved through the workflow, comments and requests for input.

Idempotent: what exists (found by its natural key: e-mail, workspace slug, customer, partner
and project names) is left as it is, and only what is missing is built. A project is built in
the same transaction as its staffing and progress, so a project that exists is complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import User, normalize_email
from accord.demo import cast
from accord.demo.automations import automations_demo
from accord.demo.board import board_demo
from accord.demo.branding import branding_demo
from accord.demo.campaigns import campaigns_demo
from accord.demo.cast import Person, PersonKind, ProjectSpec
from accord.demo.design import design_demo
from accord.demo.plan import plan_demo
from accord.demo.progress import converse, move_to
from accord.demo.project_settings import project_settings_demo
from accord.demo.reports import reports_demo
from accord.demo.support import support_demo
from accord.domain.errors import AccordError
from accord.domain.playbook import Side
from accord.playbooks import builtin_playbook
from accord.projects import services as project_services
from accord.projects.models import Project, ProjectTask
from accord.workspaces import services as workspace_services
from accord.workspaces.models import Customer, Membership, MembershipKind, Partner, Workspace


class DemoConflict(AccordError):
    """The database holds something under a demo name that the demo did not build."""

    code = "demo-conflict"


@dataclass(frozen=True, slots=True)
class DemoLogin:
    email: str
    password: str
    kind: str
    customer: str | None
    partner: str | None


@dataclass(frozen=True, slots=True)
class DemoProject:
    id: int
    name: str
    customer: str
    playbook: str
    path: str  # the project's page, from the site's root


@dataclass(frozen=True, slots=True)
class DemoResult:
    logins: tuple[DemoLogin, ...]
    projects: tuple[DemoProject, ...]
    #: Whether this run built anything (False: everything was already there).
    built_something: bool


def project_path(project_id: int) -> str:
    """The address of a project's page (its overview), from the site's root."""
    return reverse("projects:overview", kwargs={"project_id": project_id})


def _with_demo_password(user: User) -> User:
    """Make sure the demo password works, touching the row only when it does not."""
    if not user.check_password(cast.DEMO_PASSWORD):
        user.set_password(cast.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


class _Builder:
    def __init__(self) -> None:
        self.built_something = False
        self.users: dict[str, User] = {}

    # -- the workspace and its people -----------------------------------------------------------

    def admin(self) -> User:
        email = normalize_email(cast.ADMIN.email)
        user = User.objects.filter(email=email).first()
        if user is None:
            # The first admin exists before any workspace, as with `workspace_create`.
            user = User.objects.create_user(email, cast.DEMO_PASSWORD, full_name=cast.ADMIN.full_name)
            self.built_something = True
        self.users[email] = _with_demo_password(user)
        return user

    def workspace(self, admin: User) -> Workspace:
        workspace = Workspace.objects.filter(slug=cast.WORKSPACE_SLUG).first()
        if workspace is None:
            self.built_something = True
            return workspace_services.workspace_create(
                actor=admin, name=cast.WORKSPACE_NAME, slug=cast.WORKSPACE_SLUG
            )
        if not Membership.objects.filter(
            workspace=workspace, user=admin, kind=MembershipKind.VENDOR_ADMIN
        ).exists():
            raise DemoConflict(
                f"A workspace {cast.WORKSPACE_SLUG!r} exists, but {admin.email} is not its admin.",
                hint="Run the demo on a fresh database (e.g. another ACCORD_DATA_DIR or DATABASE_URL).",
            )
        return workspace

    def customers(self, admin: User, workspace: Workspace) -> dict[str, Customer]:
        found = {}
        for name in cast.CUSTOMERS:
            customer = workspace.customers.filter(name__iexact=name).first()
            if customer is None:
                customer = workspace_services.customer_create(actor=admin, workspace=workspace, name=name)
                self.built_something = True
            found[name] = customer
        return found

    def partner(self, admin: User, workspace: Workspace) -> Partner:
        partner = workspace.partners.filter(name__iexact=cast.PARTNER).first()
        if partner is None:
            partner = workspace_services.partner_create(
                actor=admin, workspace=workspace, name=cast.PARTNER, kind=Partner.Kind.SOFTWARE_PROVIDER
            )
            self.built_something = True
        return partner

    def member(
        self,
        person: Person,
        *,
        admin: User,
        workspace: Workspace,
        customers: dict[str, Customer],
        partner: Partner,
    ) -> User:
        """The person's account and membership, through an invitation accepted with the demo password."""
        email = normalize_email(person.email)
        membership = (
            Membership.objects.select_related("user").filter(workspace=workspace, user__email=email).first()
        )
        if membership is None:
            invitation = workspace_services.invitation_create(
                actor=admin,
                workspace=workspace,
                email=email,
                kind=MembershipKind(person.kind.membership_kind),
                customer=customers[person.customer] if person.customer else None,
                partner=partner if person.partner else None,
            )
            membership = workspace_services.invitation_accept(
                token=workspace_services.invitation_token(invitation),
                # Someone who already has an account (in another workspace) accepts as themselves.
                actor=User.objects.filter(email=email).first() or AnonymousUser(),
                full_name=person.full_name,
                password=cast.DEMO_PASSWORD,
            )
            self.built_something = True
        elif membership.kind != person.kind.membership_kind:
            raise DemoConflict(
                f"{email} is a {membership.get_kind_display()} of the demo workspace, "
                f"not a {person.kind.value}.",
                hint="Run the demo on a fresh database (e.g. another ACCORD_DATA_DIR or DATABASE_URL).",
            )
        user = _with_demo_password(membership.user)
        self.users[email] = user
        return user

    # -- projects -------------------------------------------------------------------------------

    def project(
        self,
        spec: ProjectSpec,
        *,
        workspace: Workspace,
        customers: dict[str, Customer],
        partner: Partner,
        today: dt.date,
    ) -> Project:
        existing = workspace.projects.filter(name=spec.name).first()
        if existing is not None:
            return existing
        self.built_something = True
        manager = self.users[cast.MANAGER.email]
        monday = today - dt.timedelta(days=today.weekday())
        playbook = builtin_playbook(spec.playbook)
        project = project_services.project_create(
            actor=manager,
            creation=project_services.ProjectCreation(
                workspace=workspace,
                customer=customers[spec.customer],
                name=spec.name,
                playbook=playbook,
                playbook_source="builtin",
                variant=spec.variant,
                start_date=monday + dt.timedelta(weeks=spec.start_in_weeks),
                country=spec.country,
                partners=[partner] if cast.PARTNER in spec.partners else [],
                alternative_choices=spec.alternative_choices or None,
            ),
        )
        self._staff(project, spec, manager)
        for task_key, stage in spec.progress:
            task = ProjectTask.objects.select_related("project").get(project=project, key=task_key)
            move_to(task, stage, manager=manager, reason=spec.reasons.get(task_key, ""))
        for conversation in spec.conversations:
            task = ProjectTask.objects.select_related("project").get(project=project, key=conversation.task)
            converse(task, conversation, people=self.users)
        return project

    def _staff(self, project: Project, spec: ProjectSpec, manager: User) -> None:
        """Every role staffed from its side: vendor roles by the vendor staff in turn (the first
        also by the admin, who is not its lead), customer roles by the customer's contact, and
        partner roles by the partner's contact, who takes part in the project."""
        playbook = builtin_playbook(spec.playbook)
        customer_contact = next(
            person for person in cast.PEOPLE if person.customer == spec.customer and person.customer
        )
        partner_contact = cast.LUMEN_CONTACT if cast.PARTNER in spec.partners else None
        if partner_contact is not None:
            project_services.participant_add(
                actor=manager, project=project, user=self.users[partner_contact.email]
            )
        vendor_roles = [role for role in playbook.roles if role.side is Side.VENDOR]
        for role in playbook.roles:
            people: list[Person] = []
            if role.side is Side.VENDOR:
                people = [cast.VENDOR_STAFF[vendor_roles.index(role) % len(cast.VENDOR_STAFF)]]
                if role is vendor_roles[0]:
                    people.append(cast.ADMIN)
            elif role.side is Side.CUSTOMER:
                people = [customer_contact]
            elif partner_contact is not None:
                people = [partner_contact]
            for person in people:
                project_services.role_assign(
                    actor=manager, project=project, role_key=role.key, user=self.users[person.email]
                )


def demo_build(*, today: dt.date | None = None) -> DemoResult:
    """Build whatever of the demo workspace is missing (all of it on an empty database) and
    return its logins and projects. Everything or nothing: one transaction."""
    today = today or timezone.localdate()
    builder = _Builder()
    with transaction.atomic():
        admin = builder.admin()
        workspace = builder.workspace(admin)
        customers = builder.customers(admin, workspace)
        builder.built_something |= branding_demo(workspace, admin=admin)  # accord.demo.branding
        partner = builder.partner(admin, workspace)
        for person in cast.PEOPLE:
            if person.kind is not PersonKind.VENDOR_ADMIN:
                builder.member(person, admin=admin, workspace=workspace, customers=customers, partner=partner)
        projects = [
            builder.project(spec, workspace=workspace, customers=customers, partner=partner, today=today)
            for spec in cast.PROJECTS
        ]
        for project in projects:  # the need and design records (accord.demo.design)
            if design_demo(
                project,
                manager=builder.users[cast.MANAGER.email],
                contact=builder.users[cast.GLOBEX_CONTACT.email],
                today=today,
            ):
                builder.built_something = True
        for project in projects:  # a ticket and an answered survey (accord.demo.support)
            if support_demo(
                project,
                manager=builder.users[cast.MANAGER.email],
                contact=builder.users[cast.GLOBEX_CONTACT.email],
            ):
                builder.built_something = True
            # An internal comment, vendor staff only (accord.demo.board).
            builder.built_something |= board_demo(project, manager=builder.users[cast.MANAGER.email])
        for project in projects:  # the test campaigns (accord.demo.campaigns)
            if campaigns_demo(
                project,
                manager=builder.users[cast.MANAGER.email],
                tester=builder.users[cast.GLOBEX_CONTACT.email],
            ):
                builder.built_something = True
        for project in projects:  # a published status report and digests (accord.demo.reports)
            if reports_demo(project, users=builder.users):
                builder.built_something = True
        # The learner launch as the go-live and a task added (accord.demo.plan).
        builder.built_something |= plan_demo(projects, manager=builder.users[cast.MANAGER.email], today=today)
        # A go-live reset, a freeze and actual dates after the fact (accord.demo.project_settings).
        builder.built_something |= project_settings_demo(
            projects, manager=builder.users[cast.MANAGER.email], today=today
        )
        # A CRM trigger and a rule in test mode (accord.demo.automations).
        if automations_demo(workspace, manager=builder.users[cast.MANAGER.email]):
            builder.built_something = True
    return DemoResult(
        logins=tuple(
            DemoLogin(
                email=normalize_email(person.email),
                password=cast.DEMO_PASSWORD,
                kind=person.kind.value,
                customer=person.customer,
                partner=person.partner,
            )
            for person in cast.PEOPLE
        ),
        projects=tuple(
            DemoProject(
                id=project.pk,
                name=project.name,
                customer=spec.customer,
                playbook=project.playbook_key,
                path=project_path(project.pk),
            )
            for spec, project in zip(cast.PROJECTS, projects, strict=True)
        ),
        built_something=builder.built_something,
    )
