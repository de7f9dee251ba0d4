"""Who gets what from the automations operations of the API: every operation of
tests/automations/api_matrix.py × every kind of person × no token and a token of each scope."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from accord.apikit.services import token_create
from accord.automations import services
from accord.automations.models import Run, RunOutcome
from tests.automations.api_matrix import API_MATRIX
from tests.automations.factories import crm_spec
from tests.workspaces.factories import CustomerFactory
from tests.workspaces.test_api_world import KINDS, SCOPES, World, world_made

pytestmark = pytest.mark.django_db


def automations_world() -> World:
    """The shared world, plus a CRM trigger, a rule in test mode and a failed run of it."""
    world = world_made()
    admin = world.people["admin"]
    test_customer = CustomerFactory(workspace=admin.workspace, name="Test customer")
    trigger = services.trigger_create(
        actor=admin.user, workspace=admin.workspace, name="CRM deals", platform="the CRM"
    )
    rule = services.rule_create(
        actor=admin.user, workspace=admin.workspace, spec=crm_spec(trigger, test_customer)
    )
    run = Run.objects.create(
        workspace=admin.workspace,
        rule=rule,
        mode="test",
        input={"type": "deal.updated", "data": {"deal": {"id": "D-1", "company": {"name": "Acme"}}}},
        action="create_project",
        outcome=RunOutcome.FAILED,
        error="Boom",
    )
    world.ids |= {
        "trigger": trigger.pk,
        "rule": rule.pk,
        "rule_version": rule.version,
        "run": run.pk,
        "test_customer": test_customer.pk,
    }
    return world


def _call(client: Client, name: str, world: World, headers: dict[str, str]) -> Any:
    op = API_MATRIX[name]
    kwargs: dict[str, Any] = {"headers": dict(headers)}
    if op.if_match:
        kwargs["headers"]["If-Match"] = f'"{world.ids["rule"]}-{world.ids["rule_version"]}"'
    if op.body is not None:
        kwargs |= {"data": json.dumps(op.body(world)), "content_type": "application/json"}
    return getattr(client, op.method)(op.path.format(**world.ids), **kwargs)


CASES = [(name, kind) for name in API_MATRIX for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{name}-{kind}" for name, kind in CASES])
def test_who_gets_what_from_the_automations_api(name, kind):
    world = automations_world()
    person = world.people[kind].user
    client = Client()
    outcomes = []
    for scope in ("anonymous", *SCOPES):
        headers = {}
        if scope != "anonymous":
            headers = {"Authorization": f"Bearer {token_create(user=person, name=scope, scope=scope).text}"}
        with transaction.atomic():  # each scope meets the same world
            response = _call(client, name, world, headers)
            transaction.set_rollback(True)
        wanted = 401 if scope == "anonymous" else API_MATRIX[name].expected(kind, scope)
        outcomes.append((scope, response.status_code, wanted, response.content[:300]))
        assert response["Cache-Control"] == "private, no-store"
        if response.status_code >= 400:
            assert set(response.json()) == {"code", "message", "details"}
    assert all(got == wanted for _scope, got, wanted, _body in outcomes), (name, kind, outcomes)


def test_a_list_shows_nothing_of_a_workspace_one_does_not_manage():
    world = automations_world()
    for kind in ("member", "customer", "other-workspace"):
        token = token_create(user=world.people[kind].user, name="t", scope="read").text
        for path in ("/api/v1/automations/triggers", "/api/v1/automations/rules", "/api/v1/automations/runs"):
            body = Client().get(path, headers={"Authorization": f"Bearer {token}"}).json()
            assert body["items"] == [], (kind, path)
