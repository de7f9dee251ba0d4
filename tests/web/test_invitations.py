import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.utils import timezone

from accord.workspaces.models import Invitation, Membership, MembershipKind
from tests.accounts.factories import UserFactory
from tests.html import page as parsed
from tests.workspaces.factories import CustomerFactory, MembershipFactory

pytestmark = pytest.mark.django_db

PASSWORD = "violet-kettle-orbit-58"


@pytest.fixture
def admin_client(client):
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")
    client.force_login(admin.user)
    client.membership = admin
    return client


def invitations_url(workspace_id):
    return f"/workspaces/{workspace_id}/invitations/"


def send_invitation(admin_client, capture, **data):
    workspace = admin_client.membership.workspace
    with capture(execute=True):
        response = admin_client.post(invitations_url(workspace.pk), {"kind": "vendor_member"} | data)
    return response


def link_path(message):
    return re.search(r"http://testserver(/\S*invitations/\S+/)", message.body).group(1)


def test_invitation_flow_end_to_end(admin_client, django_capture_on_commit_callbacks):
    customer = CustomerFactory(workspace=admin_client.membership.workspace, name="Acme")
    response = send_invitation(
        admin_client,
        django_capture_on_commit_callbacks,
        email="grace@example.com",
        kind="customer_contact",
        customer=customer.pk,
    )
    assert response.status_code == 302
    assert "grace@example.com" in admin_client.get(response["Location"]).text  # listed as pending
    [message] = mail.outbox
    assert message.to == ["grace@example.com"]
    assert "Tomorro" in message.subject

    guest = Client()
    page = guest.get(link_path(message))
    assert page.status_code == 200
    assert "Join Tomorro on Accord" in page.text
    accepted = guest.post(
        link_path(message), {"full_name": "Grace Hopper", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert accepted.status_code == 302
    assert accepted["Location"] == "/"
    membership = Membership.objects.get(user__email="grace@example.com")
    assert (membership.kind, membership.customer) == (MembershipKind.CUSTOMER_CONTACT, customer)
    assert guest.session[SESSION_KEY] == str(membership.user_id)
    assert guest.get("/", follow=True).status_code == 200  # logged in, landed on My work

    reused = Client().get(link_path(message))
    assert reused.status_code == 410
    assert "This invitation has already been used." in reused.text
    assert "Traceback" not in reused.text


def test_an_invitation_link_never_logs_an_existing_account_in(
    admin_client, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.com")
    send_invitation(admin_client, django_capture_on_commit_callbacks, email="known@example.com")
    path = link_path(mail.outbox[0])
    guest = Client()
    page = guest.get(path)
    assert page.status_code == 200
    assert "Log in to accept" in page.text
    assert page.context["login_url"] == f"/login/?next={quote(path, safe='')}"
    assert "password1" not in parsed(page).controls()
    response = guest.post(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert SESSION_KEY not in guest.session
    assert not Membership.objects.filter(user__email="known@example.com").exists()
    assert Invitation.objects.get(email="known@example.com").is_pending


def test_an_existing_account_logs_in_through_the_link_then_accepts(
    admin_client, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="known@example.com")
    existing.set_password(PASSWORD)
    existing.save()
    send_invitation(admin_client, django_capture_on_commit_callbacks, email="known@example.com")
    path = link_path(mail.outbox[0])
    guest = Client()
    login_url = guest.get(path).context["login_url"]
    back = guest.post(login_url, {"username": "known@example.com", "password": PASSWORD})
    assert back.status_code == 302
    assert back["Location"] == path  # the login page leads back to the link
    page = guest.get(path)
    assert "Log in to accept" not in page.text
    assert "You already have an account" in page.text
    accepted = guest.post(path)
    assert accepted.status_code == 302
    assert accepted["Location"] == "/"
    assert Membership.objects.filter(user=existing, workspace=admin_client.membership.workspace).exists()


def test_an_invitation_from_another_workspace_opens_no_session_on_the_existing_account(
    admin_client, django_capture_on_commit_callbacks
):
    elsewhere = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, user__email="owner@example.com")
    send_invitation(admin_client, django_capture_on_commit_callbacks, email="owner@example.com")
    path = link_path(mail.outbox[0])
    holder = Client()  # whoever holds the e-mailed link, without the account's password
    holder.post(path)
    assert SESSION_KEY not in holder.session
    assert holder.get(f"/workspaces/{elsewhere.workspace_id}/invitations/").status_code == 302  # to login
    assert Membership.objects.filter(user=elsewhere.user).count() == 1


def test_accepting_while_logged_in_as_someone_else_says_so_and_changes_nothing(
    admin_client, django_capture_on_commit_callbacks
):
    send_invitation(admin_client, django_capture_on_commit_callbacks, email="grace@example.com")
    path = link_path(mail.outbox[0])
    someone = Client()
    someone.force_login(UserFactory(email="someone@example.com"))
    page = someone.get(path)
    assert "You are logged in under another e-mail address" in page.text
    refused = someone.post(path, {"full_name": "Grace", "password1": PASSWORD, "password2": PASSWORD})
    assert refused.status_code == 403
    assert "You are logged in under another e-mail address" in refused.text
    assert not Membership.objects.filter(user__email="grace@example.com").exists()
    assert Invitation.objects.get(email="grace@example.com").is_pending


def test_a_weak_or_mismatched_password_is_explained_and_nothing_is_created(
    admin_client, django_capture_on_commit_callbacks
):
    send_invitation(admin_client, django_capture_on_commit_callbacks, email="grace@example.com")
    guest = Client()
    weak = guest.post(
        link_path(mail.outbox[0]), {"full_name": "G", "password1": "password123", "password2": "password123"}
    )
    assert weak.status_code == 422
    assert "too common" in weak.text
    differ = guest.post(
        link_path(mail.outbox[0]), {"full_name": "G", "password1": PASSWORD, "password2": PASSWORD + "x"}
    )
    assert "The two passwords differ." in differ.text
    assert not Membership.objects.filter(user__email="grace@example.com").exists()


def test_a_tampered_link_gets_a_clear_page(admin_client, django_capture_on_commit_callbacks):
    send_invitation(admin_client, django_capture_on_commit_callbacks, email="grace@example.com")
    path = link_path(mail.outbox[0])
    tampered = path[:-3] + ("x" if path[-3] != "x" else "y") + path[-2:]
    response = Client().get(tampered)
    assert response.status_code == 404
    assert "This invitation link is not valid." in response.text


def test_an_expired_link_gets_a_clear_page(admin_client, django_capture_on_commit_callbacks):
    send_invitation(admin_client, django_capture_on_commit_callbacks, email="grace@example.com")
    now = timezone.now()
    Invitation.objects.update(created_at=now - timedelta(days=10), expires_at=now - timedelta(days=3))
    response = Client().post(
        link_path(mail.outbox[0]), {"full_name": "G", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 410
    assert "This invitation has expired." in response.text
    assert not Membership.objects.filter(user__email="grace@example.com").exists()


def test_the_french_invitation_opens_a_french_page(admin_client, django_capture_on_commit_callbacks):
    workspace = admin_client.membership.workspace
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/fr{invitations_url(workspace.pk)}", {"email": "claire@example.com", "kind": "vendor_member"}
        )
    path = link_path(mail.outbox[0])
    assert path.startswith("/fr/invitations/")
    assert "Rejoindre Tomorro sur Accord" in Client().get(path).text


@pytest.mark.parametrize("kind", [MembershipKind.VENDOR_MEMBER, MembershipKind.CUSTOMER_CONTACT, None])
def test_people_who_may_not_invite_get_404(client, kind):
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    if kind is None:
        other = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)  # admin of another workspace
    elif kind == MembershipKind.CUSTOMER_CONTACT:
        other = MembershipFactory(
            workspace=admin.workspace, kind=kind, customer=CustomerFactory(workspace=admin.workspace)
        )
    else:
        other = MembershipFactory(workspace=admin.workspace, kind=kind)
    client.force_login(other.user)
    assert client.get(invitations_url(admin.workspace_id)).status_code == 404
    assert (
        client.post(
            invitations_url(admin.workspace_id), {"email": "x@example.com", "kind": "vendor_admin"}
        ).status_code
        == 404
    )
    assert not Invitation.objects.exists()


def test_an_invalid_invitation_form_explains_each_field(admin_client):
    workspace = admin_client.membership.workspace
    response = admin_client.post(
        invitations_url(workspace.pk), {"email": "x@example.com", "kind": "customer_contact"}
    )
    assert response.status_code == 422
    assert "Choose the customer this contact belongs to." in response.text


def test_withdrawing_needs_a_post_and_stops_the_link(admin_client, django_capture_on_commit_callbacks):
    send_invitation(admin_client, django_capture_on_commit_callbacks, email="grace@example.com")
    invitation = Invitation.objects.get()
    url = f"{invitations_url(invitation.workspace_id)}{invitation.pk}/withdraw/"
    assert admin_client.get(url).status_code == 405
    assert admin_client.post(url).status_code == 302
    response = Client().get(link_path(mail.outbox[0]))
    assert "This invitation was withdrawn." in response.text


def test_inviting_needs_a_csrf_token(admin_client):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_client.membership.user)
    response = strict.post(
        invitations_url(admin_client.membership.workspace_id),
        {"email": "x@example.com", "kind": "vendor_member"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()
