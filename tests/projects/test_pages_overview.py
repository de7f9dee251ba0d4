"""A project's overview: progress, the inline Gantt chart, milestones, people, contacts, activity."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.formats.plan.gantt_svg import STYLE
from accord.projects import services
from accord.projects.models import Project, ProjectTask, RoleAssignment, TaskStatus
from tests.accounts.factories import UserFactory
from tests.html import Element, page
from tests.projects.cast import cast_made
from tests.projects.factories import playbook_of_size, project_made
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_gantt_chart_is_inline_and_styled_by_the_sites_own_stylesheet():
    cast = cast_made()
    response = cast.client_for("customer").get(f"/projects/{cast.project.pk}/")
    assert response.status_code == 200
    document = page(response)
    # Two parts side by side: the task names (sticky, hidden from screen readers as a repeat)
    # and the timeline, which carries every task's row.
    assert len(document.all("svg")) == 2
    region = document.role("region", "Gantt chart, scrolls sideways")
    assert region.one(".gantt-names-column svg").get("aria-hidden") == "true"
    chart = region.one(".gantt-timeline-column svg")
    assert "gantt" in chart.classes
    # The page's content security policy refuses inline styles: the chart's rules come from a file.
    assert not document.has("style")
    assert document.has("link[rel=stylesheet][href=/projects/gantt.css]")
    keys = {element.get("data-key") for element in chart.all("[data-key]")}
    for task in ProjectTask.objects.filter(project=cast.project):
        assert task.key in keys
    stylesheet = cast.client_for("anonymous").get("/projects/gantt.css")
    assert stylesheet["Content-Type"].startswith("text/css")
    assert stylesheet.content.decode().startswith(STYLE)
    assert ".gantt-names-column { position: sticky;" in stylesheet.content.decode()


def test_a_project_without_dates_says_it_is_not_planned():
    cast = cast_made()
    Project.objects.filter(pk=cast.project.pk).update(go_live_p50=None)
    document = page(cast.client_for("admin").get(f"/projects/{cast.project.pk}/"))
    assert not document.has("svg")
    assert "The project has not been planned yet." in document.role("region", "Plan").text


def test_progress_by_phase_is_a_bar_with_its_numbers():
    cast = cast_made()
    first_phase = ProjectTask.objects.filter(project=cast.project, phase_key="deal-evaluation")
    ProjectTask.objects.filter(pk__in=[task.pk for task in first_phase[:3]]).update(status=TaskStatus.DONE)
    document = page(cast.client_for("admin").get(f"/projects/{cast.project.pk}/"))
    name = next(
        phase["name"] for phase in cast.project.playbook_data["phases"] if phase["key"] == "deal-evaluation"
    )
    bar = document.role("progressbar", name)
    assert (bar.get("max"), bar.get("value")) == ("6", "3")
    assert f"{name} 3 of 6 (50 %)" in bar.parent.text


def test_milestones_link_to_their_task_and_the_board_is_one_click_away():
    cast = cast_made()
    milestone = ProjectTask.objects.get(project=cast.project, milestone=True)
    document = page(cast.client_for("member").get(f"/projects/{cast.project.pk}/"))
    milestones = document.role("region", "Next milestones").links()
    assert milestones[milestone.name] == f"/projects/{cast.project.pk}/tasks/{milestone.pk}/"
    assert f"/projects/{cast.project.pk}/board/" in document.hrefs()
    assert f"/projects/{cast.project.pk}/people/" in document.hrefs()


def test_people_by_role_mark_the_lead_in_words():
    cast = cast_made()
    second = cast.people["manager"].user
    services.role_assign(
        actor=cast.admin,
        project=cast.project,
        role_key="integration-manager",
        user=cast.admin,
        confirm_cross_side=True,
    )
    services.role_assign(
        actor=cast.admin,
        project=cast.project,
        role_key="integration-manager",
        user=second,
        confirm_cross_side=True,
    )
    people = page(cast.client_for("customer").get(f"/projects/{cast.project.pk}/")).role(
        "region", "People by role"
    )
    lead = role_item(people, "Integration Manager")
    assert f"{cast.admin.get_full_name()} lead" in lead.text
    assert second.get_full_name() in lead.text


def test_the_main_contact_follows_the_hand_over():
    cast = cast_made()
    account, success = UserFactory(full_name="Ann Account"), UserFactory(full_name="Sam Success")
    for user, role in ((account, "account-manager"), (success, "customer-success-manager")):
        MembershipFactory(user=user, workspace=cast.project.workspace)
        services.role_assign(
            actor=cast.admin, project=cast.project, role_key=role, user=user, confirm_cross_side=True
        )
    url = f"/projects/{cast.project.pk}/"
    before = page(cast.client_for("customer").get(url)).role("region", "Main contacts")
    assert role_item(before, "Account Manager").text.startswith("Account Manager: Ann Account")
    ProjectTask.objects.filter(project=cast.project, phase_key="deployment").update(status=TaskStatus.DONE)
    after = page(cast.client_for("customer").get(url)).role("region", "Main contacts")
    assert role_item(after, "Account Manager").text.startswith("Account Manager: Sam Success")
    assert "handed over to Customer Success Manager" in after.text


def role_item(section: Element, role_name: str) -> Element:
    """The item of a list of roles that names ``role_name``."""
    return next(item for item in section.all("li") if item.one(".role-name").text == role_name)


def _activity_of(response) -> str:
    return page(response).one("section[aria-labelledby=activity-heading]").text


def test_recent_activity_says_who_did_what():
    cast = cast_made()
    activity = _activity_of(cast.client_for("admin").get(f"/projects/{cast.project.pk}/"))
    admin = cast.admin.get_full_name()
    assert f"{admin} created the project “{cast.project.name}”" in activity
    assert f"{admin} added the partner Payroll Partner" in activity
    assert "partner.added" not in activity


def test_task_raci_and_input_changes_read_as_sentences_not_codes():
    cast = cast_made()
    item = ProjectTask.objects.filter(project=cast.project).order_by("position").first()
    role = cast.project.playbook_data["roles"][0]
    actor = cast.admin
    moves = [verb for verb in Verb if verb.value.startswith("task.")]
    for verb in moves:
        activity_record(actor=actor, project=cast.project, verb=verb, target_type="task", target_key=item.key)
    letters = {"letters": 1, "raci": "R"}, {"letters": 0, "raci": ""}
    activity_record(
        actor=actor,
        project=cast.project,
        verb=Verb.RACI_UNDONE,
        target_type="raci",
        target_key=f"{item.key}/{role['key']}",
        before=letters[0],
        after=letters[1],
    )
    for verb in (Verb.INPUT_REQUESTED, Verb.INPUT_GIVEN):
        activity_record(
            actor=actor,
            project=cast.project,
            verb=verb,
            target_type="task",
            target_key=item.key,
            after={"kind": "question", "body": "Which SSO provider?", "comment": 1},
        )
    url = f"/projects/{cast.project.pk}/"
    activity = _activity_of(cast.client_for("admin").get(url))
    written = [*moves, Verb.RACI_UNDONE, Verb.INPUT_REQUESTED, Verb.INPUT_GIVEN]
    assert len(written) == 12
    for verb in written:
        assert verb.value not in activity
    name, task = actor.get_full_name(), f"“{item.name}”"
    for sentence in (
        f"{name} started {task}",
        f"{name} submitted {task} for approval",
        f"{name} approved {task}",
        f"{name} sent {task} back",
        f"{name} marked {task} as blocked",
        f"{name} unblocked {task}",
        f"{name} reopened {task}",
        f"{name} marked {task} as not applicable",
        f"{name} restored {task}",
        f"{name} undid a change of {role['name']} on {task}, back to —",
        f"{name} asked for input on {task}",
        f"{name} gave the input asked for on {task}",
    ):
        assert sentence in activity
    assert "Which SSO provider?" in activity
    french = _activity_of(cast.client_for("admin").get(f"/fr{url}"))
    assert f"{name} a approuvé « {item.name} »" in french
    assert f"{name} a demandé un avis sur « {item.name} »" in french


def overview_queries(client, project_id) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/projects/{project_id}/")
    assert response.status_code == 200
    return len(queries)


def test_the_overview_costs_the_same_few_queries_for_a_small_or_a_large_project(client):
    cast = cast_made()
    admin = cast.people["admin"]
    client.force_login(admin.user)
    small = project_made(admin, playbook_of_size(10), name="Small")
    large = project_made(admin, playbook_of_size(200), name="Large")
    for project in (small, large):
        services.role_assign(
            actor=admin.user, project=project, role_key="lead", user=admin.user, confirm_cross_side=True
        )
    for _number in range(6):
        person = MembershipFactory(workspace=admin.workspace).user
        services.role_assign(
            actor=admin.user, project=large, role_key="lead", user=person, confirm_cross_side=True
        )
        services.role_assign(
            actor=admin.user, project=large, role_key="builder", user=person, confirm_cross_side=True
        )
    assert RoleAssignment.objects.filter(project=large).count() == 13
    # 14 for the overview itself, plus a query or two each for the panels of the apps above it
    # (test campaigns, the go-live gate, after onboarding, automation runs): never per task.
    assert overview_queries(client, large.pk) == overview_queries(client, small.pk) <= 20
