import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from accord.accounts.models import User
from accord.workspaces.models import Membership, MembershipKind
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_workspace_create_makes_a_passwordless_admin_who_resets_their_password(
    capsys, client, django_capture_on_commit_callbacks
):
    call_command("workspace_create", "Tomorro", "tomorro", "--admin", "Admin@Example.com")
    admin = User.objects.get(email="admin@example.com")
    assert not admin.has_usable_password()
    assert Membership.objects.get(user=admin).kind == MembershipKind.VENDOR_ADMIN
    assert "tomorro" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/password-reset/", {"email": "admin@example.com"})
    assert [message.to for message in mail.outbox] == [["admin@example.com"]]


def test_workspace_create_reuses_an_existing_account():
    existing = UserFactory(email="admin@example.com")
    call_command("workspace_create", "Tomorro", "tomorro", "--admin", "admin@example.com")
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
    assert Membership.objects.filter(user=existing).count() == 1


def test_workspace_create_reports_a_taken_short_name_and_changes_nothing():
    call_command("workspace_create", "Tomorro", "tomorro", "--admin", "a@example.com")
    with pytest.raises(CommandError, match="already used"):
        call_command("workspace_create", "Other", "tomorro", "--admin", "b@example.com")
    assert not User.objects.filter(email="b@example.com").exists()
