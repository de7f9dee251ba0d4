"""Who may do what in a workspace: the one place that answers it.

A person belongs to a workspace through one membership, whose kind decides everything: vendor
staff (admin, manager, member) see the whole workspace, a customer contact sees their customer,
a partner contact what their partner works on. Admins and managers *manage* the workspace: they
invite people, add customers and partners, upload playbooks and create and change projects.

The project rules (:mod:`accord.projects.access`) are built on these. Someone who may not act
gets :class:`~accord.domain.errors.NotFound`, never "forbidden": the pages answer 404, so an id
reveals nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.domain.errors import NotFound
from accord.workspaces.models import VENDOR_KINDS, Membership, MembershipKind

Requester = User | AnonymousUser

#: The kinds that manage a workspace: its vendor admins and vendor managers.
MANAGING_KINDS = frozenset({MembershipKind.VENDOR_ADMIN, MembershipKind.VENDOR_MANAGER})


class WorkspaceAction(StrEnum):
    """What a person may want to do in a workspace (see :data:`ALLOWED_KINDS`)."""

    #: Belong to it: any membership.
    VIEW = "view"
    #: Browse the playbook catalogue and download its files: vendor staff.
    BROWSE_CATALOG = "browse-catalog"
    #: Invite people, add customers and partners, upload playbooks, create and change projects:
    #: admins and managers.
    MANAGE = "manage"


#: The rule, as data: which membership kinds allow each action.
ALLOWED_KINDS: dict[WorkspaceAction, frozenset[MembershipKind]] = {
    WorkspaceAction.VIEW: frozenset(MembershipKind),
    WorkspaceAction.BROWSE_CATALOG: VENDOR_KINDS,
    WorkspaceAction.MANAGE: MANAGING_KINDS,
}


def kind_allows(kind: str, action: WorkspaceAction) -> bool:
    """Whether a membership of ``kind`` allows ``action``."""
    return kind in ALLOWED_KINDS[action]


@dataclass(frozen=True, slots=True)
class AccessScope:
    """What one membership opens: the whole workspace (vendor staff), one customer, or one partner."""

    workspace_id: int
    kind: MembershipKind
    customer_id: int | None
    partner_id: int | None

    @property
    def is_vendor_staff(self) -> bool:
        return self.kind in VENDOR_KINDS

    @property
    def is_customer_contact(self) -> bool:
        return self.kind == MembershipKind.CUSTOMER_CONTACT

    @property
    def is_partner_contact(self) -> bool:
        return self.kind == MembershipKind.PARTNER_CONTACT

    @property
    def manages(self) -> bool:
        """A vendor admin or manager of the workspace."""
        return self.allows(WorkspaceAction.MANAGE)

    def allows(self, action: WorkspaceAction) -> bool:
        return kind_allows(self.kind, action)


def _active(user: Requester) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def memberships_of(user: Requester) -> QuerySet[Membership]:
    """The requester's memberships, with what the pages show about them, in one query (none for
    anonymous or inactive people)."""
    person = _active(user)
    if person is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=person)
        .select_related("workspace", "customer", "partner")
        .order_by("workspace__name")
    )


def access_scopes(user: Requester) -> list[AccessScope]:
    """The scopes the requester's memberships open (empty for anonymous or inactive people)."""
    return [
        AccessScope(
            workspace_id=membership.workspace_id,
            kind=MembershipKind(membership.kind),
            customer_id=membership.customer_id,
            partner_id=membership.partner_id,
        )
        for membership in memberships_of(user)
    ]


def scope_in(scopes: Sequence[AccessScope], workspace_id: int) -> AccessScope | None:
    """The scope of ``workspace_id`` among ``scopes`` (a person has one membership per workspace)."""
    return next((scope for scope in scopes if scope.workspace_id == workspace_id), None)


def access_filter(
    user: Requester,
    *,
    workspace_path: str,
    customer_path: str | None = None,
    partner_path: str | None = None,
    partner_rows: Callable[[int], Q] | None = None,
    scopes: Sequence[AccessScope] | None = None,
) -> Q:
    """A filter keeping only the rows the requester may see: THE access rule of tenant data.

    ``workspace_path`` leads from the model to its workspace id (e.g. ``"workspace"``,
    ``"project__workspace"``); ``customer_path`` to the customer a customer contact must match;
    ``partner_path`` to the partner a partner contact must match, or ``partner_rows`` builds the
    rows a partner's contact may see from the partner's id (projects: those the person takes part
    in). A path left out means that kind of contact sees nothing. ``scopes`` saves the query when
    the caller already has them.
    """
    allowed = Q(pk__in=[])
    for scope in access_scopes(user) if scopes is None else scopes:
        in_workspace = Q(**{workspace_path: scope.workspace_id})
        if scope.is_vendor_staff:
            allowed |= in_workspace
        elif scope.is_customer_contact and customer_path is not None:
            allowed |= in_workspace & Q(**{customer_path: scope.customer_id})
        elif scope.is_partner_contact and scope.partner_id is not None:
            if partner_rows is not None:
                allowed |= in_workspace & partner_rows(scope.partner_id)
            elif partner_path is not None:
                allowed |= in_workspace & Q(**{partner_path: scope.partner_id})
    return allowed


def memberships_allowing(user: Requester, action: WorkspaceAction) -> QuerySet[Membership]:
    """The requester's memberships that allow ``action`` (e.g. the workspaces they manage)."""
    return memberships_of(user).filter(kind__in=sorted(ALLOWED_KINDS[action]))


def membership_allowing(user: Requester, action: WorkspaceAction, workspace_id: int) -> Membership | None:
    """The requester's membership of ``workspace_id`` if it allows ``action``, else None."""
    return memberships_allowing(user, action).filter(workspace_id=workspace_id).first()


def require_membership(user: Requester, action: WorkspaceAction, workspace_id: int) -> Membership:
    """The requester's membership of ``workspace_id`` if it allows ``action``; NotFound otherwise:
    nothing tells an outsider, or a contact, that the workspace exists."""
    membership = membership_allowing(user, action, workspace_id)
    if membership is None:
        raise NotFound(_("No such workspace."))
    return membership


def may(user: Requester, action: WorkspaceAction, workspace_id: int) -> bool:
    """Whether the requester may do ``action`` in the workspace."""
    return memberships_allowing(user, action).filter(workspace_id=workspace_id).exists()
