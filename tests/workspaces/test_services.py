from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail, signing
from django.db import transaction
from django.utils import timezone

from accord.accounts.models import User
from accord.domain.errors import InvalidInput, NotFound
from accord.workspaces import services
from accord.workspaces.models import Invitation, Membership, MembershipKind
from tests.accounts.factories import UserFactory
from tests.workspaces.factories import CustomerFactory, MembershipFactory, PartnerFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)


def invite(admin_membership, email="guest@example.com", **fields):
    values = {"kind": MembershipKind.VENDOR_MEMBER} | fields
    return services.invitation_create(
        actor=admin_membership.user, workspace=admin_membership.workspace, email=email, **values
    )


def test_creating_a_workspace_makes_its_creator_admin():
    user = UserFactory()
    workspace = services.workspace_create(actor=user, name="Tomorro", slug="tomorro")
    assert Membership.objects.get(user=user, workspace=workspace).kind == MembershipKind.VENDOR_ADMIN


def test_a_workspace_short_name_is_unique():
    WorkspaceFactory(slug="tomorro")
    with pytest.raises(InvalidInput) as error:
        services.workspace_create(actor=UserFactory(), name="Other", slug="tomorro")
    assert error.value.problems[0].where == "slug"


def test_a_vendor_member_cannot_add_customers_and_learns_nothing(admin):
    member = MembershipFactory(workspace=admin.workspace, kind=MembershipKind.VENDOR_MEMBER)
    with pytest.raises(NotFound):
        services.customer_create(actor=member.user, workspace=admin.workspace, name="Acme")
    customer = services.customer_create(actor=admin.user, workspace=admin.workspace, name=" Acme ")
    assert customer.name == "Acme"
    with pytest.raises(InvalidInput):
        services.customer_create(actor=admin.user, workspace=admin.workspace, name="ACME")


def test_partner_create_by_a_manager(admin):
    manager = MembershipFactory(workspace=admin.workspace, kind=MembershipKind.VENDOR_MANAGER)
    partner = services.partner_create(
        actor=manager.user, workspace=admin.workspace, name="Broker", kind="broker"
    )
    assert partner.workspace == admin.workspace


def test_invitation_email_leaves_only_after_commit(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(admin, "Guest@Example.com")
        assert mail.outbox == []
    assert invitation.email == "guest@example.com"
    assert [message.to for message in mail.outbox] == [["guest@example.com"]]
    assert services.invitation_link(invitation).split("/invitations/")[1].rstrip("/") in mail.outbox[0].body


def test_no_email_when_the_transaction_rolls_back(admin, django_capture_on_commit_callbacks):
    with (  # noqa: PT012
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invite(admin)
        raise RuntimeError("something later failed")
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_invitation_email_speaks_the_inviters_language(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin, language="fr")
    assert mail.outbox[0].subject.startswith("Vous êtes invité")
    assert "http://testserver/fr/invitations/" in mail.outbox[0].body


def test_only_admins_and_managers_invite(admin):
    member = MembershipFactory(workspace=admin.workspace, kind=MembershipKind.VENDOR_MEMBER)
    outsider = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    for actor in (member.user, outsider.user):
        with pytest.raises(NotFound):
            services.invitation_create(
                actor=actor,
                workspace=admin.workspace,
                email="x@example.com",
                kind=MembershipKind.VENDOR_MEMBER,
            )


def test_a_manager_cannot_invite_an_admin(admin):
    manager = MembershipFactory(workspace=admin.workspace, kind=MembershipKind.VENDOR_MANAGER)
    with pytest.raises(InvalidInput) as error:
        invite(manager, kind=MembershipKind.VENDOR_ADMIN)
    assert error.value.problems[0].code == "admin-only"


def test_a_customer_contact_needs_a_customer_of_the_same_workspace(admin):
    foreign_customer = CustomerFactory()
    with pytest.raises(InvalidInput) as error:
        invite(admin, kind=MembershipKind.CUSTOMER_CONTACT, customer=foreign_customer)
    assert error.value.problems[0].where == "customer"
    own = CustomerFactory(workspace=admin.workspace)
    assert invite(admin, kind=MembershipKind.CUSTOMER_CONTACT, customer=own).customer == own


def test_a_partner_contact_needs_a_partner(admin):
    with pytest.raises(InvalidInput):
        invite(admin, kind=MembershipKind.PARTNER_CONTACT)
    partner = PartnerFactory(workspace=admin.workspace)
    assert invite(admin, kind=MembershipKind.PARTNER_CONTACT, partner=partner).partner == partner


def test_inviting_a_member_again_is_refused(admin):
    with pytest.raises(InvalidInput) as error:
        invite(admin, admin.user.email.upper())
    assert error.value.problems[0].code == "already-member"


def test_a_new_invitation_replaces_the_pending_one(admin):
    first = invite(admin)
    second = invite(admin)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_pending
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_from_token(services.invitation_token(first))
    assert error.value.code == "invitation-withdrawn"


def test_accepting_creates_the_account_and_the_membership(admin):
    customer = CustomerFactory(workspace=admin.workspace)
    invitation = invite(admin, kind=MembershipKind.CUSTOMER_CONTACT, customer=customer)
    membership = services.invitation_accept(
        token=services.invitation_token(invitation),
        actor=AnonymousUser(),
        full_name="Grace",
        password="violet-kettle-orbit-58",
    )
    assert membership.user.email == "guest@example.com"
    assert membership.user.check_password("violet-kettle-orbit-58")
    assert (membership.kind, membership.customer) == (MembershipKind.CUSTOMER_CONTACT, customer)
    invitation.refresh_from_db()
    assert invitation.accepted_by == membership.user


def test_accepting_attaches_an_existing_account(admin):
    existing = UserFactory(email="guest@example.com")
    invitation = invite(admin)
    membership = services.invitation_accept(token=services.invitation_token(invitation), actor=existing)
    assert membership.user == existing
    assert User.objects.filter(email="guest@example.com").count() == 1


def test_an_existing_account_must_be_logged_in_to_accept(admin):
    existing = UserFactory(email="guest@example.com")
    invitation = invite(admin)
    for stranger in (AnonymousUser(), UserFactory(email="other@example.com")):
        with pytest.raises((services.InvitationNeedsLogin, services.InvitationUnusable)):
            services.invitation_accept(
                token=services.invitation_token(invitation), actor=stranger, password="whatever-it-is-1"
            )
    assert not existing.memberships.exists()
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_a_used_invitation_cannot_be_accepted_again(admin):
    token = services.invitation_token(invite(admin))
    services.invitation_accept(
        token=token, actor=AnonymousUser(), full_name="G", password="violet-kettle-orbit-58"
    )
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(token=token, actor=AnonymousUser(), password="violet-kettle-orbit-58")
    assert error.value.code == "invitation-used"


def test_an_expired_invitation_cannot_be_accepted(admin):
    invitation = invite(admin)
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=now - timedelta(days=8), expires_at=now - timedelta(seconds=1)
    )
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(
            token=services.invitation_token(invitation),
            actor=AnonymousUser(),
            password="violet-kettle-orbit-58",
        )
    assert error.value.code == "invitation-expired"
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_tampered_token_is_refused(admin):
    token = services.invitation_token(invite(admin))
    other_nonce = signing.dumps("guessed-nonce", salt="another-salt")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), other_nonce, "garbage"):
        with pytest.raises(services.InvitationUnusable) as error:
            services.invitation_from_token(bad)
        assert error.value.code == "invitation-invalid"


def test_a_token_older_than_the_lifetime_is_refused_by_its_signature(admin, settings, monkeypatch):
    invitation = invite(admin)
    long_ago = timezone.now().timestamp() - settings.ACCORD_INVITATION_LIFETIME.total_seconds() - 60
    monkeypatch.setattr(signing.time, "time", lambda: long_ago)
    token = services.invitation_token(invitation)
    monkeypatch.undo()
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_from_token(token)
    assert error.value.code == "invitation-expired"


def test_someone_logged_in_under_another_address_cannot_accept(admin):
    invitation = invite(admin)
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(token=services.invitation_token(invitation), actor=UserFactory())
    assert error.value.code == "invitation-other-account"
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_withdrawing_stops_the_link_and_the_email(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = invite(admin)
    services.invitation_revoke(actor=admin.user, invitation=invitation)
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    with pytest.raises(services.InvitationUnusable):
        services.invitation_from_token(services.invitation_token(invitation))
