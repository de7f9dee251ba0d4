"""The invitation e-mail names who invited, and from a project's people page the project, its
customer and the role offered with what it means; accepting takes that role."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from accord.projects.models import ProjectPartner, RoleAssignment
from accord.workspaces.models import Invitation, MembershipKind
from accord.workspaces.services import invitation_email_deliver
from tests.html import page
from tests.projects.cast import cast_made
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PASSWORD = "violet-kettle-orbit-58"


@pytest.fixture
def cast():
    return cast_made("socialtalent-onboarding", name="Globex onboarding")


def invite(cast, capture, **data):
    client = cast.client_for("admin")
    with capture(execute=True):
        return client.post(
            f"/projects/{cast.project.pk}/people/invite/",
            {"email": "grace@acme.example", "organisation": "customer"} | data,
        )


def test_a_workspace_invitation_names_the_workspace_and_who_invited(
    client, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(
        kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro", user__full_name="Ada Admin"
    )
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/workspaces/{admin.workspace.pk}/invitations/",
            {"email": "new@example.com", "kind": "vendor_member"},
        )
    [message] = mail.outbox
    assert "Ada Admin invites you to join Tomorro on Accord." in message.body
    assert "You are invited as" not in message.body
    assert Invitation.objects.get().offer == {}


def test_a_project_invitation_with_a_role_says_what_the_role_means(cast, django_capture_on_commit_callbacks):
    cast.admin.full_name = "Ada Admin"
    cast.admin.save()
    response = invite(cast, django_capture_on_commit_callbacks, role_key="program-manager")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.offer["project_id"], invitation.offer["role_key"]) == (
        cast.project.pk,
        "program-manager",
    )
    [message] = mail.outbox
    assert "Globex onboarding" in message.subject
    assert "Acme" in message.subject
    body = " ".join(message.body.split())
    assert "Ada Admin invites you to the project Globex onboarding for Acme" in body
    assert "You are invited as Program Manager(s): what that means" in body
    assert "drive the learning program within your organisation" in body
    assert "- Coordinates internal stakeholders & resources" in message.body  # not escaped


def test_a_project_invitation_without_a_role_names_the_project_only(cast, django_capture_on_commit_callbacks):
    invite(cast, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "for Acme" in message.body
    assert "You are invited as" not in message.body


def test_the_project_invitation_reads_in_french(cast, django_capture_on_commit_callbacks):
    invite(cast, django_capture_on_commit_callbacks, role_key="program-manager")
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(language="fr")
    mail.outbox.clear()
    assert invitation_email_deliver(invitation_id=invitation.pk)
    [message] = mail.outbox
    assert "au projet Globex onboarding pour Acme" in " ".join(message.body.split())
    assert "Vous êtes invité en tant que Program Manager(s) : ce que cela veut dire" in message.body


def test_a_vendor_role_cannot_be_offered_to_a_contact(cast):
    response = cast.client_for("admin").post(
        f"/projects/{cast.project.pk}/people/invite/",
        {"email": "grace@acme.example", "organisation": "customer", "role_key": "customer-success-manager"},
    )
    assert response.status_code == 422
    assert not Invitation.objects.exists()


def test_a_partners_contact_is_not_offered_a_customer_role(cast):
    partner = ProjectPartner.objects.get(project=cast.project).partner
    response = cast.client_for("admin").post(
        f"/projects/{cast.project.pk}/people/invite/",
        {
            "email": "dev@partner.example",
            "organisation": f"partner-{partner.pk}",
            "role_key": "program-manager",
        },
    )
    assert response.status_code == 422
    assert "role_key" in page(response).field_errors()
    assert not Invitation.objects.exists()


def test_accepting_a_project_invitation_takes_the_role(cast, django_capture_on_commit_callbacks):
    invite(cast, django_capture_on_commit_callbacks, role_key="program-manager")
    path = re.search(r"http://testserver(/\S*invitations/\S+/)", mail.outbox[0].body).group(1)
    guest = Client()
    accepted = guest.post(path, {"full_name": "Grace", "password1": PASSWORD, "password2": PASSWORD})
    assert accepted.status_code == 302
    assignment = RoleAssignment.objects.get(project=cast.project, user__email="grace@acme.example")
    assert assignment.role_key == "program-manager"
