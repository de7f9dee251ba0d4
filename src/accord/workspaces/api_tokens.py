"""API tokens issued by a workspace's managers to its people (an integration contact, say).

The token's rules live in :mod:`accord.apikit`; what this module adds is who may issue one to
whom: a manager (vendor admin or manager) of the workspace, to a person of that workspace. The
token acts as that person, so it never opens more than their own membership does.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.apikit.models import ApiToken
from accord.apikit.services import CreatedToken, token_create, token_revoke
from accord.domain.errors import NotFound
from accord.workspaces.access import MANAGING_KINDS, Requester, WorkspaceAction, require_membership
from accord.workspaces.models import Membership, Workspace


def token_holders(user: Requester, *, workspace_id: int) -> QuerySet[Membership]:
    """The people of the workspace a manager may issue a token to (none for anyone else)."""
    require_membership(user, WorkspaceAction.MANAGE, workspace_id)
    return (
        Membership.objects.filter(workspace_id=workspace_id, user__is_active=True)
        .select_related("user", "customer", "partner")
        .order_by("user__full_name", "user__email")
    )


def issued_tokens(user: Requester, *, workspace_id: int) -> QuerySet[ApiToken]:
    """Tokens that managers of the workspace issued to its people and that are not revoked."""
    require_membership(user, WorkspaceAction.MANAGE, workspace_id)
    managers = Membership.objects.filter(workspace_id=workspace_id, kind__in=sorted(MANAGING_KINDS))
    return (
        ApiToken.objects.filter(
            revoked_at__isnull=True,
            user__memberships__workspace_id=workspace_id,
            created_by__in=managers.values("user"),
        )
        .exclude(created_by=F("user"))
        .select_related("user", "created_by")
        .order_by("-created_at", "-id")
    )


@transaction.atomic
def token_issue(
    *,
    actor: User,
    workspace: Workspace,
    holder: User,
    name: str,
    scope: str,
    expires_at: datetime | None,
    made_with: ApiToken | None = None,
) -> CreatedToken:
    """Issue a token acting as ``holder`` (a person of ``workspace``) on behalf of a manager.

    NotFound when the actor does not manage the workspace or the holder is not in it. ``made_with``
    is the API token the manager issues it with: the new token never exceeds it.
    """
    require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)
    if not Membership.objects.filter(workspace=workspace, user=holder).exists():
        raise NotFound(
            _("This person is not in the workspace."), hint=_("Invite them first, then issue the token.")
        )
    return token_create(
        user=holder, name=name, scope=scope, expires_at=expires_at, issued_by=actor, made_with=made_with
    )


@transaction.atomic
def issued_token_revoke(*, actor: User, workspace: Workspace, token_id: int) -> ApiToken:
    """Revoke a token issued in the workspace (any of its managers may)."""
    try:
        token = issued_tokens(actor, workspace_id=workspace.pk).get(pk=token_id)
    except ApiToken.DoesNotExist as error:
        raise NotFound(_("No such token.")) from error
    return token_revoke(actor=None, token=token)
