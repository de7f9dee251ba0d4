import pytest

from accord.workspaces.models import MembershipKind
from tests.workspaces.factories import MembershipFactory


@pytest.fixture
def admin(db):
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin.user)
    return client


def settings_url(workspace_id, section):
    return f"/workspaces/{workspace_id}/settings/{section}/"
