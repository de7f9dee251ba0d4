"""Who may change a project: the checks every project service starts with.

Someone who may not see a project gets :class:`NotFound` (the pages answer 404, so an id reveals
nothing). Someone who sees it but may not manage it (a vendor member, a customer or partner
contact) gets :class:`NotAllowed`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.domain.errors import AccordError
from accord.projects.models import Project
from accord.projects.selectors import visible_projects
from accord.workspaces.models import INVITING_KINDS, Membership, Workspace
from accord.workspaces.selectors import Requester, memberships_of
from accord.workspaces.services import NotFound

__all__ = ["NotAllowed", "NotFound", "may_manage", "require_manager", "require_workspace_manager"]


class NotAllowed(AccordError):
    """The acting person sees the project but may not make this change."""

    code = "not-allowed"


def _managing_membership(user: Requester, workspace_id: int) -> Membership | None:
    return (
        memberships_of(user)
        .filter(workspace_id=workspace_id, kind__in=[kind.value for kind in INVITING_KINDS])
        .first()
    )


def may_manage(user: Requester, project: Project) -> bool:
    """True for the vendor admins and managers of the project's workspace."""
    return _managing_membership(user, project.workspace_id) is not None


def require_workspace_manager(actor: Requester, workspace: Workspace) -> Membership:
    """The actor's admin or manager membership of ``workspace``, or NotFound."""
    membership = _managing_membership(actor, workspace.pk)
    if membership is None:
        raise NotFound(_("No such workspace."))
    return membership


def require_manager(actor: Requester, project: Project) -> User:
    """Check that ``actor`` may manage ``project``: NotFound if they cannot see it, NotAllowed if
    they see it without being an admin or manager of its workspace. Returns the actor."""
    if not isinstance(actor, User) or not visible_projects(actor).filter(pk=project.pk).exists():
        raise NotFound(_("No such project."))
    if not may_manage(actor, project):
        raise NotAllowed(
            _("Only the vendor's admins and managers can change this project."),
            hint=_("Ask a vendor manager of this workspace."),
        )
    return actor
