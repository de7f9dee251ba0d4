"""Ids nobody can have: out of range, negative, zero or not a number, in an address or a form.

An outside probe found that `GET /workspaces/1180591620717411303424/settings/playbooks/` and
`POST /inbox/read/` with such a notification answered 500 (SQLite's OverflowError). Every URL
pattern with an id, and every form field holding one, must answer "not found" instead.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import given
from hypothesis import strategies as st

from accord.apikit.services import token_create
from accord.base.ids import MAX_ID, IdConverter, parse_id
from accord.inbox.models import Notification
from accord.workspaces.models import Invitation, MembershipKind
from tests.projects.factories import manager_of
from tests.work.factories import project_with_tasks
from tests.workspaces.factories import CustomerContactFactory

pytestmark = pytest.mark.django_db

BAD_IDS = ["0", "-1", str(2**63), str(2**70), "word"]
#: Values for the parameters that are not ids, so that only the id is wrong.
OTHER_PARAMETERS = {"slug": "some-key", "str": "csv", "path": "x", "int": "1"}
PARAMETER = re.compile(r"<(?:(?P<converter>[a-z]+):)?(?P<name>\w+)>")


def routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[tuple[str, str]]:
    """Every URL pattern of the site as (name, route with its converters), English addresses."""
    found: list[tuple[str, str]] = []
    for pattern in patterns:
        route = str(pattern.pattern)
        # i18n_patterns' prefix is empty for the default language.
        route = "" if route.startswith("^") and "fr" in route else route
        if isinstance(pattern, URLResolver):
            found += routes(pattern.url_patterns, prefix + route)
        elif pattern.name:
            found.append((pattern.name, prefix + route))
    return found


API_PREFIX = "api/v1/"


def routes_with_ids() -> list[tuple[str, str]]:
    return [(name, route) for name, route in routes(get_resolver().url_patterns) if "<id:" in route]


def api_routes_with_ids() -> list[tuple[str, str]]:
    """The API's routes with an id: django-ninja builds them, and its schema types the id (RowId)."""
    return [
        (name, route)
        for name, route in routes(get_resolver().url_patterns)
        if route.startswith(API_PREFIX) and any(m["name"].endswith("_id") for m in PARAMETER.finditer(route))
    ]


def address(route: str, bad: str, position: int) -> str:
    """The route with its ``position``-th id replaced by ``bad``, its other ids by 1."""
    count = -1

    def fill(match: re.Match[str]) -> str:
        nonlocal count
        converter = match["converter"] or "str"
        if converter == "id":
            count += 1
            return bad if count == position else "1"
        return OTHER_PARAMETERS[converter]

    return "/" + PARAMETER.sub(fill, route)


def test_every_parameter_naming_a_row_uses_the_id_converter():
    offenders = [
        (name, route)
        for name, route in routes(get_resolver().url_patterns)
        for match in PARAMETER.finditer(route)
        if match["name"].endswith("_id")
        and match["converter"] != "id"
        and not route.startswith(API_PREFIX)
        # A public id (a trigger's "trg_…") is a name, not a row's number.
        and not match["name"].startswith("public_")
    ]
    assert routes_with_ids(), "the site has no id parameters any more: this test checks nothing"
    assert not offenders


CASES = [
    (name, route, position, bad)
    for name, route in routes_with_ids()
    for position in range(route.count("<id:"))
    for bad in BAD_IDS
]


@pytest.fixture
def people():
    project = project_with_tasks()
    admin = manager_of(project, kind=MembershipKind.VENDOR_ADMIN).user
    contact = CustomerContactFactory(workspace=project.workspace, customer=project.customer).user
    return {"anonymous": None, "admin": admin, "customer": contact, "project": project}


@pytest.mark.parametrize(
    ("name", "route", "position", "bad"),
    CASES,
    ids=[f"{name}-{position}-{bad}" for name, route, position, bad in CASES],
)
def test_an_impossible_id_in_an_address_is_not_found_for_everyone(people, name, route, position, bad):
    path = address(route, bad, position)
    for person in ("anonymous", "admin", "customer"):
        user = people[person]
        client = Client()  # re-raises any exception a view lets through: a 500 fails here
        if user is not None:
            client.force_login(user)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 404, (person, method, path, response.status_code)


@pytest.mark.parametrize("bad", [*BAD_IDS, "", "1.5", "1e3"])
def test_marking_an_impossible_notification_read_is_a_clear_refusal(people, bad):
    client = Client()
    client.force_login(people["admin"])
    response = client.post("/inbox/read/", {"notification": bad})
    assert response.status_code == 400
    assert "notification" in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_impossible_customer_in_the_invitation_form_is_a_field_error(people, bad):
    admin = people["admin"]
    workspace = people["project"].workspace
    client = Client()
    client.force_login(admin)
    response = client.post(
        f"/workspaces/{workspace.pk}/invitations/",
        {"email": "new@example.com", "kind": MembershipKind.CUSTOMER_CONTACT, "customer": bad},
    )
    assert response.status_code == 422
    assert "customer" in response.context["form"].errors
    assert not Invitation.objects.filter(email="new@example.com").exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_impossible_task_in_the_board_cell_form_is_refused(people, bad):
    admin = people["admin"]
    project_id = people["project"].pk
    client = Client()
    client.force_login(admin)
    response = client.post(
        f"/projects/{project_id}/board/cell/", {"task": bad, "role": "vendor-pm", "version": "1"}
    )
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_impossible_change_to_undo_in_the_query_string_is_ignored(people, bad):
    admin = people["admin"]
    project_id = people["project"].pk
    client = Client()
    client.force_login(admin)
    response = client.get(f"/projects/{project_id}/board/", {"changed": bad})
    assert response.status_code == 200


@given(st.integers(min_value=-(2**80), max_value=2**80))
def test_parse_id_accepts_exactly_the_ids_a_row_can_have(number):
    expected = number if 1 <= number <= MAX_ID else None
    assert parse_id(str(number)) == expected
    assert parse_id(number) == expected


@given(st.text(max_size=30))
def test_parse_id_never_raises_on_text(text):
    result = parse_id(text)
    assert result is None or 1 <= result <= MAX_ID


def test_the_converter_refuses_what_parse_id_refuses():
    converter = IdConverter()
    assert converter.to_python("42") == 42
    assert converter.to_url(42) == "42"
    for bad in ("0", str(2**63), "99999999999999999999"):
        with pytest.raises(ValueError, match=bad):
            converter.to_python(bad)
    with pytest.raises(ValueError, match="not an id"):
        converter.to_url(0)


API_CASES = [(name, route, bad) for name, route in api_routes_with_ids() for bad in BAD_IDS]


@pytest.mark.parametrize(("name", "route", "bad"), API_CASES, ids=[f"{n}-{b}" for n, _r, b in API_CASES])
def test_an_impossible_id_in_an_api_address_is_a_clear_json_answer(people, name, route, bad):
    token = token_create(user=people["admin"], name="probe", scope="admin").text
    path = "/" + PARAMETER.sub(lambda match: bad if match["name"].endswith("_id") else "x", route)
    for method in ("get", "post", "patch", "put", "delete"):
        response = getattr(Client(), method)(path, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code in (404, 405, 422), (method, path, response.status_code)
        assert set(response.json()) == {"code", "message", "details"}


def test_the_api_has_routes_with_ids_to_probe():
    assert api_routes_with_ids()
