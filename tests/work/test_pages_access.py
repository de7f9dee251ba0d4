"""Who gets what on every work and inbox page: every URL of accord.work.urls, every kind of user.

A URL pattern missing from the matrix fails the test, so a new page cannot ship unchecked.
"""

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from accord.activity.models import ActivityEntry
from accord.domain.raci import Raci
from accord.projects.models import RaciCell
from accord.work import services
from accord.workspaces.models import MembershipKind
from tests.http import assert_private_if_logged_in
from tests.projects.factories import manager_of
from tests.work.factories import ProjectFactory, project_with_tasks, task
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory, PartnerContactFactory

pytestmark = pytest.mark.django_db

KINDS = [
    "anonymous",
    "vendor_admin",
    "vendor_manager",
    "vendor_member",
    "customer_contact",
    "other_customer_contact",
    "partner_on_project",
    "partner_off_project",
    "other_workspace_admin",
]


def person(crew, kind):
    project = crew.project
    if kind == "anonymous":
        return None
    if kind == "vendor_admin":
        return manager_of(project, kind=MembershipKind.VENDOR_ADMIN).user
    if kind == "vendor_manager":
        return crew.manager
    if kind == "vendor_member":
        return crew.pm
    if kind == "customer_contact":
        return crew.lead
    if kind == "other_customer_contact":
        return CustomerContactFactory(workspace=project.workspace).user
    if kind == "partner_on_project":
        return crew.tpa
    if kind == "partner_off_project":
        return PartnerContactFactory(workspace=project.workspace).user
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace=ProjectFactory().workspace).user


SEES = {"vendor_admin", "vendor_manager", "vendor_member", "customer_contact", "partner_on_project"}
MANAGES = {"vendor_admin", "vendor_manager"}


def requests(crew):
    """(URL name, method, path, data, expected status by who sees / manages the project)."""
    project = crew.project
    kickoff = task(project, "kickoff")
    go_live = task(project, "go-live")  # only the transition below changes it
    entry = ActivityEntry.objects.filter(verb="raci.changed").first()
    cell = {"task": kickoff.pk, "role": "customer-it", "version": kickoff.version, "letters": ["C", "I"]}
    base = f"/projects/{project.pk}"

    def seen(ok, *, manage_only=False, refused=403):
        def expect(kind):
            if kind == "anonymous":
                return 302
            if kind not in SEES:
                return 404
            if manage_only and kind not in MANAGES:
                return refused
            return ok

        return expect

    return [
        ("board", "get", f"{base}/board/", {}, seen(200)),
        ("board-cell", "post", f"{base}/board/cell/", cell, seen(302, manage_only=True)),
        (
            "board-cell-editor",
            "get",
            f"{base}/board/cell/{kickoff.pk}/customer-it/",
            {"version": kickoff.version},
            seen(200, manage_only=True),
        ),
        ("board-undo", "post", f"{base}/board/undo/{entry.pk}/", {}, seen(302, manage_only=True)),
        ("board-export", "get", f"{base}/board/export.csv", {}, seen(200)),
        ("task", "get", f"{base}/tasks/{kickoff.pk}/", {}, seen(200)),
        (
            "task-transition",
            "post",
            f"{base}/tasks/{go_live.pk}/transition/",
            {"action": "mark_not_applicable", "version": go_live.version},
            seen(302, manage_only=True),
        ),
        (
            "task-comment",
            "post",
            f"{base}/tasks/{kickoff.pk}/comment/",
            {"kind": "comment", "body": "Hi"},
            seen(302),
        ),
        ("task-ask", "post", f"{base}/tasks/{kickoff.pk}/ask/", {"question": "When?"}, seen(302)),
        ("my-work", "get", "/my-work/", {}, lambda kind: 302 if kind == "anonymous" else 200),
        ("board-bulk", "get", f"{base}/board/bulk/", {"role": "customer-it"}, seen(200, manage_only=True)),
        ("board-bulk", "get", f"{base}/board/bulk/", {"task": kickoff.pk}, seen(200, manage_only=True)),
        (
            "board-bulk",
            "post",
            f"{base}/board/bulk/",
            # The versions as they are when the request is sent (earlier requests change them).
            lambda: {
                "cell": f"{go_live.pk}:partner-tpa:{task(project, 'go-live').version}",
                "set_letters": ["I"],
            },
            seen(302, manage_only=True),
        ),
        # The small playbook has no finding with a safe fix: refused with a reason for managers.
        (
            "board-fix",
            "post",
            f"{base}/board/fix/",
            lambda: {"task": go_live.pk, "code": "RACI005", "version": task(project, "go-live").version},
            seen(422, manage_only=True),
        ),
    ]


def work_url_names():
    resolver = get_resolver()
    return {name for name in resolver.namespace_dict["work"][1].reverse_dict if isinstance(name, str)}


def test_the_matrix_covers_every_work_url(crew):
    services.raci_cell_set(
        actor=crew.manager,
        task=task(crew.project, "build"),
        role_key="vendor-pm",
        letters=Raci.A,
        expected_version=1,
    )
    assert {name for name, *_rest in requests(crew)} == work_url_names()


@pytest.mark.parametrize("kind", KINDS)
def test_status_codes_by_kind_of_user(client, crew, kind):
    user = person(crew, kind)
    if user is not None:
        client.force_login(user)
    for name, method, path, data, expect in requests_after_a_change(crew):
        response = getattr(client, method)(path, data() if callable(data) else data)
        assert response.status_code == expect(kind), (name, kind, response.status_code)
        assert_private_if_logged_in(response, user is not None)
        if response.status_code == 302 and kind == "anonymous":
            assert reverse("login") in response["Location"]


def requests_after_a_change(crew):
    # Each request runs on fresh state: a RACI change to undo, the kick-off at version 1.
    RaciCell.objects.filter(task__project=crew.project, task__key="build", role_key="vendor-pm").delete()
    services.raci_cell_set(
        actor=crew.manager,
        task=task(crew.project, "build"),
        role_key="vendor-pm",
        letters=Raci.A,
        expected_version=1,
    )
    return requests(crew)


def test_get_never_changes_anything(client, crew):
    client.force_login(crew.manager)
    kickoff = task(crew.project, "kickoff")
    before = ActivityEntry.objects.count()
    for path in (
        f"/projects/{crew.project.pk}/board/cell/",
        f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/transition/",
        f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/comment/",
        f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/ask/",
        "/inbox/read/",
    ):
        assert client.get(path, {"action": "start", "version": 1}).status_code == 405
    assert ActivityEntry.objects.count() == before
    assert task(crew.project, "kickoff").version == kickoff.version


def test_a_task_of_another_project_is_not_found_under_this_one(client, crew):
    other = ProjectFactory(workspace=crew.project.workspace, customer=crew.project.customer)
    elsewhere = project_with_tasks(workspace=crew.project.workspace, customer=crew.project.customer)
    client.force_login(crew.manager)
    foreign = task(elsewhere, "kickoff")
    assert client.get(f"/projects/{crew.project.pk}/tasks/{foreign.pk}/").status_code == 404
    assert client.get(f"/projects/{other.pk}/tasks/{foreign.pk}/").status_code == 404
    response = client.post(
        f"/projects/{crew.project.pk}/tasks/{foreign.pk}/transition/", {"action": "start", "version": 1}
    )
    assert response.status_code == 404
    assert task(elsewhere, "kickoff").status == "not_started"


def test_without_csrf_token_writes_are_refused(crew):
    client = Client(enforce_csrf_checks=True)
    client.force_login(crew.manager)
    kickoff = task(crew.project, "kickoff")
    response = client.post(
        f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/transition/", {"action": "start", "version": 1}
    )
    assert response.status_code == 403
    assert task(crew.project, "kickoff").status == "not_started"
