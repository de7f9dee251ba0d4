"""Who may open which automations page: every URL name of the namespace × every kind of person.
Settings pages are the workspace managers' (404 for everyone else, login first for anonymous);
a trigger's address answers its platform's signature, never a session."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver

from accord.automations.models import Run, RunOutcome
from accord.workspaces.models import MembershipKind
from tests.automations.factories import crm_example
from tests.http import assert_private_if_logged_in
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory, PartnerContactFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "admin", "manager", "member", "customer", "partner", "other-admin"]
LOGIN = "login"


def managers_only(ok):
    return dict.fromkeys(PEOPLE, 404) | {"anonymous": LOGIN, "admin": ok, "manager": ok}


_B = "/workspaces/{w}/settings/automations/"
_T = _B + "triggers/{t}/"
_R = _B + "rules/{r}/"
_N = _B + "runs/{n}/"

# url name -> (method, path template, data, {person: expected status}); "login" = sent to log in.
MATRIX = {
    # No signature: refused whoever asks, logged in or not (the platform's secret is the key).
    "automations:hook": ("post", "/hooks/{p}/", {}, dict.fromkeys(PEOPLE, 401)),
    "automations:home": ("get", _B, {}, managers_only(200)),
    "automations:trigger_create": ("get", _B + "triggers/new/", {}, managers_only(200)),
    "automations:trigger_detail": ("get", _T, {}, managers_only(200)),
    # The new secret is shown on the answer itself, once.
    "automations:trigger_rotate": ("post", _T + "rotate/", {"version": "1"}, managers_only(200)),
    "automations:trigger_delete": ("post", _T + "delete/", {"version": "1"}, managers_only(302)),
    "automations:rule_create": ("get", _B + "rules/new/", {}, managers_only(200)),
    "automations:rule_detail": ("get", _R, {}, managers_only(200)),
    "automations:rule_update": ("get", _R + "edit/", {}, managers_only(200)),
    "automations:rule_go_live": ("post", _R + "go-live/", {"version": "1"}, managers_only(302)),
    "automations:rule_test_mode": ("post", _R + "test-mode/", {"version": "1"}, managers_only(302)),
    "automations:rule_delete": ("post", _R + "delete/", {"version": "1"}, managers_only(302)),
    "automations:run_list": ("get", _B + "runs/", {}, managers_only(200)),
    "automations:run_detail": ("get", _N, {}, managers_only(200)),
    "automations:run_replay": ("post", _N + "replay/", {}, managers_only(302)),
}


def test_the_matrix_covers_every_automations_url():
    names = {
        f"automations:{name}"
        for name in get_resolver().namespace_dict["automations"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(MATRIX)


@pytest.fixture
def world():
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    example = crm_example(admin)
    workspace = example.workspace
    failed = Run.objects.create(
        workspace=workspace,
        rule=example.rule,
        mode="test",
        input={"type": "deal.updated"},
        action="create_project",
        outcome=RunOutcome.FAILED,
        error="The customer was missing.",
    )
    return {
        "workspace": workspace,
        "example": example,
        "run": failed,
        "admin": admin.user,
        "manager": MembershipFactory(kind=MembershipKind.VENDOR_MANAGER, workspace=workspace).user,
        "member": MembershipFactory(kind=MembershipKind.VENDOR_MEMBER, workspace=workspace).user,
        "customer": CustomerContactFactory(workspace=workspace).user,
        "partner": PartnerContactFactory(workspace=workspace).user,
        "other-admin": MembershipFactory(kind=MembershipKind.VENDOR_ADMIN).user,
    }


CASES = [(name, person) for name in MATRIX for person in PEOPLE]


@pytest.mark.parametrize(("name", "person"), CASES, ids=[f"{name}-{person}" for name, person in CASES])
def test_who_gets_what_on_the_automations_pages(world, name, person):
    method, template, data, expected = MATRIX[name]
    example = world["example"]
    client = Client()
    if person != "anonymous":
        client.force_login(world[person])
    path = template.format(
        w=world["workspace"].pk,
        t=example.trigger.pk,
        r=example.rule.pk,
        n=world["run"].pk,
        p=example.trigger.public_id,
    )
    response = getattr(client, method)(path, data)
    if name != "automations:hook":
        assert_private_if_logged_in(response, person != "anonymous")
    if expected[person] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[person], (name, person, response.status_code)


def test_another_workspaces_ids_are_not_found_even_for_a_manager(world):
    """A manager of workspace B asking for A's rule under B's address gets 404."""
    other = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    client = Client()
    client.force_login(other.user)
    rule = world["example"].rule
    assert (
        client.get(f"/workspaces/{other.workspace.pk}/settings/automations/rules/{rule.pk}/").status_code
        == 404
    )
    assert (
        client.post(
            f"/workspaces/{other.workspace.pk}/settings/automations/runs/{world['run'].pk}/replay/"
        ).status_code
        == 404
    )
    assert Run.objects.filter(replay_of=world["run"]).count() == 0
