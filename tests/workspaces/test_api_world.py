"""Shared set-up of the API access matrices of workspaces, catalog and webhooks: one workspace with a
project, a person of every kind, and one object of each resource those routers serve.

Not a test module of its own (it holds no test): tests/<app>/test_api_access.py import
:func:`world_made`, :func:`matrix_check` and the helpers, and their ``api_matrix.py`` say, per
operationId, what each kind of person gets with each token scope.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.test import Client

from accord.apikit.services import token_create
from accord.projects.models import ProjectParticipant, ProjectPartner
from accord.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint, WebhookMessage
from accord.workspaces import api_tokens, services
from accord.workspaces.models import Membership, MembershipKind
from tests.catalog.factories import WorkspacePlaybookFactory, yaml_bytes
from tests.work.factories import ProjectFactory
from tests.workspaces.factories import (
    CustomerContactFactory,
    CustomerFactory,
    MembershipFactory,
    PartnerContactFactory,
    PartnerFactory,
)

#: Every kind of person: vendor staff of the workspace, the contact of the project's customer and
#: of another customer, the contact of the partner on the project and of one that is not, and an
#: admin of another workspace.
KINDS = (
    "admin",
    "manager",
    "member",
    "customer",
    "other-customer",
    "partner-on",
    "partner-off",
    "other-workspace",
)
SCOPES = ("read", "write", "admin")
STAFF = frozenset({"admin", "manager", "member"})
MANAGERS = frozenset({"admin", "manager"})
WORKSPACE = frozenset(KINDS) - {"other-workspace"}
EVERYONE = frozenset(KINDS)
_RANK = {"read": 0, "write": 1, "admin": 2}


def expect(needs: str, ok: int, who: frozenset[str], otherwise: int = 404) -> Callable[[str, str], int]:
    """What (kind, scope) gets: 403 for a scope below ``needs``, else ``ok`` for ``who`` and
    ``otherwise`` (404: the object does not exist for them) for the rest."""

    def status(kind: str, scope: str) -> int:
        if _RANK[scope] < _RANK[needs]:
            return 403
        return ok if kind in who else otherwise

    return status


@dataclass(frozen=True)
class Op:
    """One operation of a matrix: how to call it in a world, and what each caller gets."""

    method: str
    path: str  # placeholders: the keys of World.ids
    expected: Callable[[str, str], int]
    body: Callable[[World], dict[str, Any]] | None = None
    multipart: bool = False
    if_match: bool = False
    #: The keys of World.ids the If-Match tag is made of: the resource's id and version.
    if_match_keys: tuple[str, str] = ("webhook", "webhook_version")


@dataclass
class World:
    people: dict[str, Membership]
    ids: dict[str, Any] = field(default_factory=dict)
    endpoint: WebhookEndpoint | None = None


def world_made() -> World:
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    workspace = admin.workspace
    customer = CustomerFactory(workspace=workspace, name="Acme")
    partner = PartnerFactory(workspace=workspace, name="Payroll Partner")
    project = ProjectFactory(workspace=workspace, customer=customer)
    ProjectPartner.objects.create(project=project, partner=partner)
    partner_on = PartnerContactFactory(workspace=workspace, partner=partner)
    ProjectParticipant.objects.create(project=project, user=partner_on.user)
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
    invitation = services.invitation_create(
        actor=admin.user, workspace=workspace, email="invited@example.com", kind=MembershipKind.VENDOR_MEMBER
    )
    issued = api_tokens.token_issue(
        actor=admin.user,
        workspace=workspace,
        holder=people["customer"].user,
        name="Integration",
        scope="read",
        expires_at=None,
    )
    playbook = WorkspacePlaybookFactory(workspace=workspace, key="acme-onboarding", version="1.0")
    # Made with the model: the service would resolve the host, and tests have no network.
    endpoint = WebhookEndpoint.objects.create(
        workspace=workspace,
        url="https://hooks.example.com/accord",
        event_types=list(EventType.values),
        secret="whsec_" + "A" * 43 + "=",
        created_by=admin.user,
    )
    message = WebhookMessage.objects.create(
        workspace=workspace,
        message_id="msg_world000000000000000000",
        event_type=EventType.TASK_APPROVED,
        payload={"type": "task.approved", "timestamp": "2026-03-02T10:00:00Z", "data": {}},
    )
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, message=message, status="succeeded")
    world = World(people=people, endpoint=endpoint)
    world.ids = {
        "workspace": workspace.pk,
        "branding_version": workspace.branding_version,
        "customer": customer.pk,
        "partner": partner.pk,
        "project": project.pk,
        "invitation": invitation.pk,
        "issued_token": issued.token.pk,
        "holder": people["customer"].user.pk,
        "playbook": playbook.key,
        "version": playbook.version,
        "webhook": endpoint.pk,
        "webhook_version": endpoint.version,
        "delivery": delivery.pk,
        "message": message.message_id,
    }
    return world


def call(client: Client, op: Op, world: World, headers: dict[str, str]) -> Any:
    path = op.path.format(**world.ids)
    kwargs: dict[str, Any] = {"headers": dict(headers)}
    if op.if_match:
        resource, version = op.if_match_keys
        kwargs["headers"]["If-Match"] = f'"{world.ids[resource]}-{world.ids[version]}"'
    if op.multipart:
        kwargs["data"] = {"file": _upload()}
    elif op.body is not None:
        kwargs |= {"data": json.dumps(op.body(world)), "content_type": "application/json"}
    return getattr(client, op.method)(path, **kwargs)


def _upload() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("matrix.yaml", yaml_bytes(key="matrix-upload", version="1.0"))


def matrix_check(matrix: dict[str, Op], name: str, kind: str) -> None:
    """Call one operation as ``kind`` with a token of each scope (each call rolled back, so every
    scope meets the same world), and without a token; assert every status and the error body."""
    op = matrix[name]
    world = world_made()
    person = world.people[kind].user
    client = Client()
    outcomes = []
    for scope in ("anonymous", *SCOPES):
        headers = {}
        if scope != "anonymous":
            headers = {"Authorization": f"Bearer {token_create(user=person, name=scope, scope=scope).text}"}
        with transaction.atomic():
            response = call(client, op, world, headers)
            transaction.set_rollback(True)
        wanted = 401 if scope == "anonymous" else op.expected(kind, scope)
        outcomes.append((scope, response.status_code, wanted, response.content[:300]))
        assert response["Cache-Control"] == "private, no-store"
        if response.status_code >= 400:
            assert set(response.json()) == {"code", "message", "details"}
    assert all(got == wanted for _scope, got, wanted, _body in outcomes), (name, kind, outcomes)
