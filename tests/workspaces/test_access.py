"""The workspace rules: which membership kinds allow which action, in one module."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.domain.errors import NotFound
from accord.workspaces.access import (
    WorkspaceAction,
    kind_allows,
    may,
    membership_allowing,
    memberships_allowing,
    require_membership,
)
from accord.workspaces.models import MembershipKind
from tests.workspaces.factories import (
    CustomerContactFactory,
    MembershipFactory,
    PartnerContactFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db

# kind -> (view, browse the catalogue, manage)
EXPECTED = {
    MembershipKind.VENDOR_ADMIN: (True, True, True),
    MembershipKind.VENDOR_MANAGER: (True, True, True),
    MembershipKind.VENDOR_MEMBER: (True, True, False),
    MembershipKind.CUSTOMER_CONTACT: (True, False, False),
    MembershipKind.PARTNER_CONTACT: (True, False, False),
}
ACTIONS = (WorkspaceAction.VIEW, WorkspaceAction.BROWSE_CATALOG, WorkspaceAction.MANAGE)


@pytest.mark.parametrize("kind", list(MembershipKind))
def test_each_kind_allows_exactly_its_actions(kind):
    assert tuple(kind_allows(kind, action) for action in ACTIONS) == EXPECTED[kind]


def _member(kind, workspace):
    if kind == MembershipKind.CUSTOMER_CONTACT:
        return CustomerContactFactory(workspace=workspace).user
    if kind == MembershipKind.PARTNER_CONTACT:
        return PartnerContactFactory(workspace=workspace).user
    return MembershipFactory(workspace=workspace, kind=kind).user


@pytest.mark.parametrize("kind", list(MembershipKind))
def test_the_database_questions_agree_with_the_rule(kind):
    mine, other = WorkspaceFactory(), WorkspaceFactory()
    user = _member(kind, mine)
    for action, expected in zip(ACTIONS, EXPECTED[kind], strict=True):
        assert may(user, action, mine.pk) is expected
        assert (membership_allowing(user, action, mine.pk) is not None) is expected
        assert [m.workspace for m in memberships_allowing(user, action)] == ([mine] if expected else [])
        # Another workspace does not exist for them, whatever they may do in theirs.
        assert not may(user, action, other.pk)
        with pytest.raises(NotFound):
            require_membership(user, action, other.pk)
        if expected:
            assert require_membership(user, action, mine.pk).workspace == mine
        else:
            with pytest.raises(NotFound):
                require_membership(user, action, mine.pk)


def test_anonymous_and_inactive_people_may_do_nothing():
    workspace = WorkspaceFactory()
    inactive = MembershipFactory(
        workspace=workspace, kind=MembershipKind.VENDOR_ADMIN, user__is_active=False
    ).user
    for user in (AnonymousUser(), inactive):
        assert not any(may(user, action, workspace.pk) for action in ACTIONS)
