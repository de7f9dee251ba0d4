"""Who may see a project, what they may do on it, and which of its texts they get: the one place.

Built on the workspace rules (:mod:`accord.workspaces.access`), in the spirit of NetBox's
``restrict(user, action)``:

- :func:`visible_projects` — the projects a person may see; every page, export, selector, task
  and API call starts from it (or from :func:`project_access`, which also says what the person
  may do there);
- :func:`allowed` / :func:`require` — may this person do this :class:`ProjectAction` on this
  project; :func:`restrict` — the projects on which they may;
- :func:`audience` — :attr:`Audience.INTERNAL` (vendor staff) or :attr:`Audience.SHARED`
  (customer and partner contacts): internal text (the playbook's source notes, the linter's
  findings, internal comments) reaches only the first.

Someone who may not see a project gets :class:`NotFound` (the pages answer 404, so an id reveals
nothing). Someone who sees it but may not do the action gets :class:`NotAllowed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.domain.errors import AccordError, NotFound
from accord.projects.models import Project, ProjectParticipant
from accord.workspaces.access import (
    AccessScope,
    Requester,
    WorkspaceAction,
    access_filter,
    access_scopes,
    require_membership,
    scope_in,
)
from accord.workspaces.models import Membership, MembershipKind, Workspace

__all__ = [
    "Audience",
    "NotAllowed",
    "NotFound",
    "ProjectAccess",
    "ProjectAction",
    "ProjectClosed",
    "allowed",
    "audience",
    "project_access",
    "refuse_if_closed",
    "require",
    "require_manager",
    "require_workspace_manager",
    "restrict",
    "visible_projects",
]


class NotAllowed(AccordError):
    """The acting person sees the project but may not make this change."""

    code = "not-allowed"


class ProjectClosed(AccordError):
    """The project is closed: read-only until a vendor manager reopens it."""

    code = "project-closed"


class Audience(StrEnum):
    """Which texts of a project a person gets."""

    #: Vendor staff: everything, internal text included.
    INTERNAL = "internal"
    #: Customer and partner contacts: what is shared with them only.
    SHARED = "shared"


class ProjectAction(StrEnum):
    """What a person may want to do on a project (see :data:`RULES`)."""

    VIEW = "view"
    #: Read internal text: the playbook's source notes, the linter's findings.
    SEE_INTERNAL = "see-internal"
    #: Change the project: staffing, partners, participants, go-live baseline, playbook upgrade.
    MANAGE = "manage"
    #: Invite a contact of the project's customer or partners into the workspace.
    INVITE = "invite"
    #: Change the letters of the RACI.
    EDIT_RACI = "edit-raci"
    #: Move any task through the workflow, whoever holds its R and A.
    MOVE_ANY_TASK = "move-any-task"
    #: Write the need statements and design records (flows, mappings, rules, questions): the
    #: vendor's staff and the contacts who see the project write them together.
    EDIT_DESIGN = "edit-design"
    #: Schedule meetings on the project's calendar and send their invitations: vendor staff.
    SCHEDULE_MEETINGS = "schedule-meetings"
    #: Take a project live although its go-live gate is closed, with a written reason: vendor admins.
    OVERRIDE_GATE = "override-gate"
    #: Edit the plan: add, rename, remove, move and re-time tasks, mark the go-live.
    EDIT_PLAN = "edit-plan"


def _sees(scope: AccessScope) -> bool:
    return True  # seeing the project at all is what visible_projects decides


def _is_staff(scope: AccessScope) -> bool:
    return scope.is_vendor_staff


def _manages(scope: AccessScope) -> bool:
    return scope.allows(WorkspaceAction.MANAGE)


def _is_admin(scope: AccessScope) -> bool:
    return scope.kind == MembershipKind.VENDOR_ADMIN


#: The rule, as data: what a person's membership of the project's workspace must be, for each
#: action, on a project they see.
RULES: dict[ProjectAction, Callable[[AccessScope], bool]] = {
    ProjectAction.VIEW: _sees,
    ProjectAction.SEE_INTERNAL: _is_staff,
    ProjectAction.MANAGE: _manages,
    ProjectAction.INVITE: _manages,
    ProjectAction.EDIT_RACI: _manages,
    ProjectAction.MOVE_ANY_TASK: _manages,
    ProjectAction.EDIT_DESIGN: _sees,
    ProjectAction.SCHEDULE_MEETINGS: _is_staff,
    ProjectAction.OVERRIDE_GATE: _is_admin,
    ProjectAction.EDIT_PLAN: _manages,
}


def _audience_of(scope: AccessScope) -> Audience:
    return Audience.INTERNAL if RULES[ProjectAction.SEE_INTERNAL](scope) else Audience.SHARED


def _visible(user: Requester, scopes: Sequence[AccessScope]) -> Q:
    def taking_part(partner_id: int) -> Q:
        # A partner contact sees the projects they were added to, on which their partner works.
        # (Scopes exist only for active, logged-in people: ``user.pk`` is set.)
        invited = ProjectParticipant.objects.filter(
            user_id=int(user.pk or 0), project__project_partners__partner_id=partner_id
        ).values("project_id")
        return Q(pk__in=invited)

    return access_filter(
        user,
        workspace_path="workspace_id",
        customer_path="customer_id",
        partner_rows=taking_part,
        scopes=scopes,
    )


def visible_projects(user: Requester) -> QuerySet[Project]:
    """The projects the requester may see.

    - vendor staff (admin, manager, member): every project of their workspace;
    - a customer contact: the projects of their customer;
    - a partner contact: the projects they were added to, on which their partner works.
    """
    return Project.objects.filter(_visible(user, access_scopes(user)))


def restrict(user: Requester, action: ProjectAction) -> QuerySet[Project]:
    """The projects on which the requester may do ``action`` (the visible ones for VIEW)."""
    scopes = [scope for scope in access_scopes(user) if RULES[action](scope)]
    return Project.objects.filter(_visible(user, scopes))


@dataclass(frozen=True, slots=True)
class ProjectAccess:
    """A project the person may see, and the membership through which they see it."""

    project: Project
    scope: AccessScope

    def allows(self, action: ProjectAction) -> bool:
        return RULES[action](self.scope)

    @property
    def audience(self) -> Audience:
        return _audience_of(self.scope)


def _no_such_project() -> NotFound:
    return NotFound(_("No such project."))


def project_access(user: Requester, project_id: int) -> ProjectAccess:
    """A project the requester may see, with its workspace and customer, and what they may do on
    it; NotFound whether it does not exist or is not theirs to see. Two queries."""
    scopes = access_scopes(user)
    project = (
        Project.objects.filter(_visible(user, scopes))
        .select_related("workspace", "customer")
        .filter(pk=project_id)
        .first()
    )
    scope = scope_in(scopes, project.workspace_id) if project is not None else None
    if project is None or scope is None:
        raise _no_such_project()
    return ProjectAccess(project=project, scope=scope)


def _sees_project(user: Requester, scope: AccessScope, project: Project) -> bool:
    if scope.is_vendor_staff:  # staff see every project of their workspace: no second query
        return True
    return Project.objects.filter(_visible(user, [scope]), pk=project.pk).exists()


def _scope_on(user: Requester, project: Project) -> AccessScope | None:
    """The requester's scope on ``project`` if they see it, else None."""
    scope = scope_in(access_scopes(user), project.workspace_id)
    return scope if scope is not None and _sees_project(user, scope, project) else None


def allowed(user: Requester, action: ProjectAction, project: Project) -> bool:
    """Whether the requester may do ``action`` on ``project`` (False if they cannot see it)."""
    scope = scope_in(access_scopes(user), project.workspace_id)
    if scope is None or not RULES[action](scope):
        return False
    return _sees_project(user, scope, project)


#: Actions that only read: the ones a closed project still allows.
READ_ACTIONS = frozenset({ProjectAction.VIEW, ProjectAction.SEE_INTERNAL})


def refuse_if_closed(project: Project) -> None:
    """ProjectClosed when ``project`` is closed: every write to a project or its tasks asks."""
    if project.status == Project.Status.CLOSED:
        raise ProjectClosed(
            _("“%(project)s” is closed: nothing on it can change.") % {"project": project.name},
            hint=_("A vendor manager can reopen it from the project's settings."),
        )


def require(
    user: Requester, action: ProjectAction, project: Project, *, even_if_closed: bool = False
) -> User:
    """Check that ``user`` may do ``action`` on ``project``: NotFound if they cannot see it,
    NotAllowed if they see it without the right, ProjectClosed for a change to a closed project
    (any action but VIEW and SEE_INTERNAL; ``even_if_closed`` for reopening it). Returns the
    user."""
    scope = _scope_on(user, project) if isinstance(user, User) else None
    if scope is None or not isinstance(user, User):
        raise _no_such_project()
    if not RULES[action](scope):
        raise NotAllowed(
            _("Only the vendor's admins and managers can change this project."),
            hint=_("Ask a vendor manager of this workspace."),
        )
    if action not in READ_ACTIONS and not even_if_closed:
        refuse_if_closed(project)
    return user


def audience(user: Requester, project: Project) -> Audience:
    """The texts of ``project`` the requester gets; SHARED unless they are its vendor's staff."""
    scope = scope_in(access_scopes(user), project.workspace_id)
    return _audience_of(scope) if scope is not None else Audience.SHARED


def require_manager(actor: Requester, project: Project) -> User:
    """``require(actor, ProjectAction.MANAGE, project)``: what every change of a project checks."""
    return require(actor, ProjectAction.MANAGE, project)


def require_workspace_manager(actor: Requester, workspace: Workspace) -> Membership:
    """The actor's admin or manager membership of ``workspace`` (who may create a project there),
    or NotFound."""
    return require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)
