"""One project and one person of every kind, for the page, access and browser tests of every app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.test import Client

from accord.accounts.models import User
from accord.projects import services
from accord.projects.models import Project
from accord.workspaces.models import Membership, MembershipKind
from tests.projects.factories import project_made
from tests.workspaces.factories import (
    CustomerContactFactory,
    CustomerFactory,
    MembershipFactory,
    PartnerContactFactory,
    PartnerFactory,
)

#: Every kind of person the access matrix knows, anonymous included.
KINDS = (
    "anonymous",
    "admin",
    "manager",
    "member",
    "customer",
    "other-customer",
    "partner-on",
    "partner-off",
    "other-workspace",
)


@dataclass
class Cast:
    project: Project
    people: dict[str, Membership]

    @property
    def admin(self) -> User:
        return self.people["admin"].user

    def client_for(self, kind: str) -> Client:
        client = Client()
        if kind != "anonymous":
            client.force_login(self.people[kind].user)
        return client


def cast_made(playbook: Any = "tomorro-integration", **fields: Any) -> Cast:
    """A project of a vendor workspace with a partner on it, and a person of every kind."""
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")
    workspace = admin.workspace
    customer = CustomerFactory(workspace=workspace, name="Acme")
    project = project_made(admin, playbook, customer=customer, **fields)
    partner = PartnerFactory(workspace=workspace, name="Payroll Partner")
    services.partner_add(actor=admin.user, project=project, partner=partner)
    partner_on = PartnerContactFactory(workspace=workspace, partner=partner)
    services.participant_add(actor=admin.user, project=project, user=partner_on.user)
    people = {
        "admin": admin,
        "manager": MembershipFactory(kind=MembershipKind.VENDOR_MANAGER, workspace=workspace),
        "member": MembershipFactory(kind=MembershipKind.VENDOR_MEMBER, workspace=workspace),
        "customer": CustomerContactFactory(workspace=workspace, customer=customer),
        "other-customer": CustomerContactFactory(workspace=workspace),
        "partner-on": partner_on,
        "partner-off": PartnerContactFactory(workspace=workspace),
        "other-workspace": MembershipFactory(kind=MembershipKind.VENDOR_ADMIN),
    }
    return Cast(project=Project.objects.get(pk=project.pk), people=people)


def login_cookie(user: User, live_server_url: str) -> dict[str, str]:
    """A session cookie for Playwright, logged in as ``user``."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": live_server_url}
