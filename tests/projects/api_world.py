"""A world for the API's access matrices of the projects, work and inbox routers: one project
(the small playbook, planned), a person of every kind around it, and a runner that calls one
operation as one kind of person with a token of one scope.

Kinds: ``vendor-admin``, ``vendor-member`` (staff holding no role), ``customer`` (a contact of the
project's customer, A on kick-off), ``other-customer`` (a contact of another customer of the same
workspace), ``partner-on`` (a partner contact taking part, I on kick-off), ``partner-off`` (a
partner contact whose partner is not on the project).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client

from accord.projects.models import ProjectTask, TaskStatus
from accord.projects.planning import project_replan
from accord.work import services as work_services
from accord.workspaces.models import Membership, MembershipKind
from tests.accounts.factories import UserFactory
from tests.apikit.factories import token_for
from tests.projects.factories import manager_of
from tests.work.factories import Crew, task
from tests.workspaces.factories import CustomerFactory, PartnerFactory

KINDS = ["vendor-admin", "vendor-member", "customer", "other-customer", "partner-on", "partner-off"]
SCOPES = ["anonymous", "read", "write", "admin"]
#: The kinds who see the project.
SEEING = {"vendor-admin", "vendor-member", "customer", "partner-on"}


def statuses(
    read: int = 200,
    write: int | None = None,
    *,
    hidden: int = 404,
    **by_kind: int,
) -> dict[str, Any]:
    """Expected statuses: ``read`` for a GET (every scope), ``write`` for a change (the read
    scope gets 403); kinds who do not see the project get ``hidden``; ``by_kind`` overrides one
    kind ("vendor_member=403")."""
    return {
        "read": read,
        "write": write,
        "hidden": hidden,
        "kinds": {k.replace("_", "-"): v for k, v in by_kind.items()},
    }


def expected(entry: dict[str, Any], kind: str, scope: str) -> int:
    spec = entry["expect"]
    if scope == "anonymous":
        return 401
    if spec["write"] is not None and scope == "read":
        return 403
    if kind in spec["kinds"]:
        return spec["kinds"][kind]
    if kind not in SEEING:
        return spec["hidden"]
    return spec["write"] if spec["write"] is not None else spec["read"]


@dataclass
class World:
    crew: Crew
    people: dict[str, Any]
    ids: dict[str, Any]


def world_build() -> World:
    crew = Crew()
    project = crew.project
    project_replan(project=project)
    workspace = project.workspace
    admin = manager_of(project, kind=MembershipKind.VENDOR_ADMIN).user
    member = UserFactory()
    Membership.objects.create(user=member, workspace=workspace, kind=MembershipKind.VENDOR_MEMBER)
    other_customer = CustomerFactory(workspace=workspace)
    stranger = UserFactory()
    Membership.objects.create(
        user=stranger, workspace=workspace, kind=MembershipKind.CUSTOMER_CONTACT, customer=other_customer
    )
    off_partner = PartnerFactory(workspace=workspace)
    outsider = UserFactory()
    Membership.objects.create(
        user=outsider, workspace=workspace, kind=MembershipKind.PARTNER_CONTACT, partner=off_partner
    )
    tpa_partner = Membership.objects.get(user=crew.tpa, workspace=workspace).partner
    waiting = UserFactory()
    Membership.objects.create(
        user=waiting, workspace=workspace, kind=MembershipKind.PARTNER_CONTACT, partner=tpa_partner
    )
    kickoff, build = task(project, "kickoff"), task(project, "build")
    ProjectTask.objects.filter(pk=kickoff.pk).update(status=TaskStatus.AWAITING_APPROVAL)
    from accord.domain.raci import Raci

    work_services.raci_cell_set(
        actor=crew.manager, task=build, role_key="partner-tpa", letters=Raci.I, expected_version=build.version
    )
    build.refresh_from_db()
    from accord.activity.models import ActivityEntry

    change = ActivityEntry.objects.filter(project=project, verb="raci.changed").latest("pk")
    # A change of several cells (to undo) that gives go-live a second R: a finding with a safe fix.
    golive = task(project, "go-live")
    bulk = work_services.raci_cells_set(
        actor=crew.manager,
        project=project,
        changes=[work_services.CellChange(golive.pk, "customer-it", Raci.R)],
        expected_versions={golive.pk: golive.version},
    )
    golive.refresh_from_db()
    from accord.playbooks import builtin_playbook

    people = {
        "vendor-admin": admin,
        "vendor-member": member,
        "customer": crew.lead,
        "other-customer": stranger,
        "partner-on": crew.tpa,
        "partner-off": outsider,
    }
    ids = {
        "project": project.pk,
        "project_version": project.version,
        "kickoff": kickoff.pk,
        "build": build.pk,
        "build_version": build.version,
        "change": change.pk,
        "bulk": bulk.pk if bulk is not None else 0,
        "golive": golive.pk,
        "golive_version": golive.version,
        "customer": project.customer_id,
        "pm": crew.pm.pk,
        "member": member.pk,
        "waiting": waiting.pk,
        "off_partner": off_partner.pk,
        "variant": builtin_playbook("tomorro-integration").variants[0].key,
    }
    return World(crew=crew, people=people, ids=ids)


def entry(
    method: str,
    path: str,
    expect: dict[str, Any],
    body: Callable[[dict[str, Any]], Any] | None = None,
    *,
    if_match: str | None = None,
) -> dict[str, Any]:
    """One operation of a matrix: ``path`` and ``if_match`` are formatted with the world's ids."""
    return {"method": method, "path": path, "expect": expect, "body": body, "if_match": if_match}


def call(world: World, spec: dict[str, Any], kind: str, scope: str) -> Any:
    person = world.people[kind]
    headers = {} if scope == "anonymous" else {"Authorization": f"Bearer {token_for(person, scope).text}"}
    if spec["if_match"]:
        headers["If-Match"] = spec["if_match"].format(**world.ids)
    kwargs: dict[str, Any] = {"headers": headers}
    if spec["body"] is not None:
        kwargs |= {"data": json.dumps(spec["body"](world.ids)), "content_type": "application/json"}
    return getattr(Client(), spec["method"])(spec["path"].format(**world.ids), **kwargs)


def cases(matrix: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (name, kind, scope)
        for name in matrix
        for kind in KINDS
        for scope in SCOPES
        if not (scope == "anonymous" and kind != KINDS[0])
    ]


def check(matrix: dict[str, Any], name: str, kind: str, scope: str) -> None:
    world = world_build()
    spec = matrix[name]
    response = call(world, spec, kind, scope)
    wanted = expected(spec, kind, scope)
    assert response.status_code == wanted, (name, kind, scope, response.content[:500])
    assert response["Cache-Control"] == "private, no-store"
    if response.status_code >= 400:
        assert set(response.json()) == {"code", "message", "details"}
