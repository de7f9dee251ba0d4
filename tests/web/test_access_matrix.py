"""Who may open which page: the core pages here, and one check over the whole site.

Every URL pattern of Accord must be in one access matrix: this file's (core pages), or the
matrices of the project pages, the work pages and the settings pages. A new pattern that none of
them lists fails ``test_every_url_pattern_of_the_site_is_in_an_access_matrix``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accord.workspaces.models import Invitation, MembershipKind
from accord.workspaces.services import invitation_create
from tests.http import assert_private_if_logged_in
from tests.projects.access_matrix import MATRIX as PROJECT_MATRIX
from tests.web.home_matrix import MATRIX as HOME_MATRIX
from tests.web.token_matrix import TOKEN_MATRIX
from tests.webhooks.access_matrix import MATRIX as WEBHOOKS_MATRIX
from tests.workspace_settings.access_matrix import MATRIX as SETTINGS_MATRIX
from tests.workspaces.factories import workspace_people

pytestmark = pytest.mark.django_db

LOGIN = "login"
PEOPLE = ["anonymous", "admin", "member", "customer", "partner", "other-admin"]
EVERYONE = dict.fromkeys(PEOPLE, 200)


def signed_in(status: Any, anonymous: Any = LOGIN) -> dict[str, Any]:
    return dict.fromkeys(PEOPLE, status) | {"anonymous": anonymous}


def admins_only(ok: Any) -> dict[str, Any]:
    return dict.fromkeys(PEOPLE, 404) | {"anonymous": LOGIN, "admin": ok}


# url name -> (method, path template ({w}: the workspace, {i}: a pending invitation), data, expected).
CORE_MATRIX: dict[str, tuple[str, str, dict[str, str], dict[str, Any]]] = {
    "health": ("get", "/healthz", {}, EVERYONE),
    "set_language": (
        "post",
        "/i18n/setlang/",
        {"language": "fr", "next": "/"},
        signed_in(302, anonymous=302),
    ),
    # Home sends each person where their day starts (portfolio or My work).
    "home": ("get", "/", {}, signed_in(302)),
    # Someone already logged in is sent on from the login page.
    "login": ("get", "/login/", {}, signed_in(302, anonymous=200)),
    "logout": ("post", "/logout/", {}, signed_in(302, anonymous=302)),
    "password_reset": ("get", "/password-reset/", {}, signed_in(200, anonymous=200)),
    "password_reset_done": ("get", "/password-reset/sent/", {}, signed_in(200, anonymous=200)),
    # A made-up link: the page says the link is no longer valid, to everyone.
    "password_reset_confirm": ("get", "/password-reset/MQ/bad-token/", {}, signed_in(200, anonymous=200)),
    "password_reset_complete": ("get", "/password-reset/done/", {}, signed_in(200, anonymous=200)),
    "account-preferences": ("get", "/account/preferences/", {}, signed_in(200)),
    # A tampered invitation link exists for nobody.
    "invitation-accept": ("get", "/invitations/not-a-token/", {}, signed_in(404, anonymous=404)),
    "invitation-create": ("get", "/workspaces/{w}/invitations/", {}, admins_only(200)),
    "invitation-revoke": ("post", "/workspaces/{w}/invitations/{i}/withdraw/", {}, admins_only(302)),
    # Everyone has an inbox of their own.
    "inbox:inbox": ("get", "/inbox/", {}, signed_in(200)),
    "inbox:read": ("post", "/inbox/read/", {"all": "on"}, signed_in(302)),
}


def people() -> dict[str, Any]:
    return workspace_people()


CASES = [(name, person) for name in CORE_MATRIX for person in PEOPLE]


@pytest.mark.parametrize(("name", "person"), CASES, ids=[f"{name}-{person}" for name, person in CASES])
def test_who_gets_what_on_the_core_pages(name, person):
    method, template, data, expected = CORE_MATRIX[name]
    world = people()
    invitation: Invitation = invitation_create(
        actor=world["admin"],
        workspace=world["workspace"],
        email="guest@example.com",
        kind=MembershipKind.VENDOR_MEMBER,
    )
    client = Client()
    if person != "anonymous":
        client.force_login(world[person])
    response = getattr(client, method)(template.format(w=world["workspace"].pk, i=invitation.pk), data)
    assert_private_if_logged_in(response, person != "anonymous")
    if expected[person] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[person], (name, person, response.status_code)


def url_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


#: Namespaces whose own access matrix checks that it covers every URL name of the namespace.
SELF_COVERED_NAMESPACES = {
    "work",
    "design",
    "automations",
    "campaigns",
    "golive",
    "support",
    "surveys",
    "reports",
}


def test_each_self_covered_namespace_checks_its_own_coverage():
    """A namespace counted as covered above must have the test that proves it (or no URL yet)."""
    root = Path(__file__).resolve().parent.parent
    for namespace in SELF_COVERED_NAMESPACES:
        names = {name for name in url_names(get_resolver().url_patterns) if name.startswith(f"{namespace}:")}
        if not names:
            continue
        module = root / namespace / "test_pages_access.py"
        assert module.exists(), f"{namespace} has pages but no tests/{namespace}/test_pages_access.py"
        assert f"def test_the_matrix_covers_every_{namespace}_url" in module.read_text()


def test_every_url_pattern_of_the_site_is_in_an_access_matrix():
    covered = (
        set(CORE_MATRIX)
        | set(SETTINGS_MATRIX)
        | set(WEBHOOKS_MATRIX)
        | set(TOKEN_MATRIX)
        | set(HOME_MATRIX)
        # The API's addresses: tests/api/test_access_matrix.py covers every operation of its schema.
        | {name for name in url_names(get_resolver().url_patterns) if name.startswith("api:")}
        | {f"projects:{name}" for name in PROJECT_MATRIX}
        # These apps' matrices prove they cover every name of their namespace
        # (tests/<app>/test_pages_access.py::test_the_matrix_covers_every_<app>_url).
        | {
            name
            for name in url_names(get_resolver().url_patterns)
            if name.split(":")[0] in SELF_COVERED_NAMESPACES
        }
    )
    missing = url_names(get_resolver().url_patterns) - covered
    assert not missing, f"URL patterns in no access matrix: {sorted(missing)}"
