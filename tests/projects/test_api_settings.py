"""The project settings operations of the API behave as the settings page does: a rename and a
calendar by name, a mistyped country or zone refused naming the field and the closest value,
closures, the committed go-live reset for a reason, closing (every change then refused with
``project-closed``) and reopening, a task's actual dates never in the future, and a stale
If-Match refused (docs/project-settings.md). Who may call each one: tests/projects/api_matrix.py."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_today
from tests.apikit.factories import bearer
from tests.projects.factories import manager_of, project_made

pytestmark = pytest.mark.django_db


@pytest.fixture
def made():
    manager = manager_of()
    return manager.user, project_made(manager)


def _tag(row: Project | ProjectTask) -> str:
    row.refresh_from_db()
    return f'"{row.pk}-{row.version}"'


def send(client, method, path, user, body=None, *, if_match=None):
    headers = bearer(user, "write") | ({"If-Match": if_match} if if_match else {})
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(path, headers=headers, **kwargs)


def url(project: Project, rest: str = "/settings") -> str:
    return f"/api/v1/projects/{project.pk}{rest}"


def details_by_field(response) -> dict[str, dict]:
    return {detail["field"]: detail for detail in response.json()["details"]}


def test_a_rename_and_a_country_by_name_answer_the_settings_with_a_new_etag(client, made):
    manager, project = made
    answer = send(
        client,
        "patch",
        url(project),
        manager,
        {"name": "Acme rollout", "country": "United States", "time_zone": "america/new_york"},
        if_match=_tag(project),
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["name"], body["country"], body["time_zone"]) == ("Acme rollout", "US", "America/New_York")
    assert answer["ETag"] == _tag(project)
    assert project.name == "Acme rollout"


def test_a_mistyped_country_and_zone_answer_422_naming_each_field_and_the_closest_value(client, made):
    manager, project = made
    tag = _tag(project)
    answer = send(
        client,
        "patch",
        url(project),
        manager,
        {"country": "Untied States", "time_zone": "Europe/Pariss"},
        if_match=tag,
    )
    assert answer.status_code == 422
    by_field = details_by_field(answer)
    assert by_field["country"]["code"] == "calendar-unknown-country"
    assert "United States (US)" in by_field["country"]["hint"]
    assert by_field["time_zone"]["code"] == "calendar-unknown-timezone"
    assert "Europe/Paris" in by_field["time_zone"]["hint"]
    assert _tag(project) == tag
    assert project.calendar_country == "FR"


def test_a_closure_is_added_then_removed_and_the_plan_follows_each_time(client, made):
    manager, project = made
    last_finish = ProjectTask.objects.filter(project=project).order_by("-planned_finish")
    finish_before = last_finish.first().planned_finish
    start = project.start_date  # a Monday: the closure covers the plan's first two weeks
    added = send(
        client,
        "post",
        url(project, "/settings/closures"),
        manager,
        {"start": start.isoformat(), "end": (start + dt.timedelta(days=13)).isoformat(), "label": "Freeze"},
        if_match=_tag(project),
    )
    assert added.status_code == 200, added.content
    assert added.json()["closures"] == [
        {"start": start.isoformat(), "end": (start + dt.timedelta(days=13)).isoformat(), "label": "Freeze"}
    ]
    assert last_finish.first().planned_finish > finish_before
    removed = send(client, "delete", url(project, "/settings/closures/0"), manager, if_match=added["ETag"])
    assert removed.status_code == 200, removed.content
    assert removed.json()["closures"] == []
    assert last_finish.first().planned_finish == finish_before


def test_a_closure_ending_before_it_starts_is_refused_naming_the_last_day(client, made):
    manager, project = made
    answer = send(
        client,
        "post",
        url(project, "/settings/closures"),
        manager,
        {"start": "2026-12-14", "end": "2026-12-10"},
        if_match=_tag(project),
    )
    assert answer.status_code == 422
    assert details_by_field(answer)["end"]["code"] == "closure-ends-before-start"
    project.refresh_from_db()
    assert project.closures == []


def test_resetting_the_go_live_needs_a_reason_then_commits_the_p80(client, made):
    manager, project = made
    tag = _tag(project)
    refused = send(client, "post", url(project, "/settings/go-live-reset"), manager, {}, if_match=tag)
    assert refused.status_code == 422
    assert details_by_field(refused)["reason"]["code"] == "reason-required"
    assert _tag(project) == tag
    reset = send(
        client,
        "post",
        url(project, "/settings/go-live-reset"),
        manager,
        {"reason": "The customer's IT freeze moved the launch"},
        if_match=tag,
    )
    assert reset.status_code == 200, reset.content
    body = reset.json()
    assert body["go_live_committed"] == body["go_live_p80"] is not None
    entry = ActivityEntry.objects.filter(project=project, verb=Verb.PROJECT_BASELINE_SET).latest("pk")
    assert entry.after["reason"] == "The customer's IT freeze moved the launch"


def test_a_closed_project_refuses_changes_with_409_project_closed_until_reopened(client, made):
    manager, project = made
    closed = send(client, "post", url(project, "/close"), manager, {"reason": "Live"}, if_match=_tag(project))
    assert closed.status_code == 200, closed.content
    assert closed.json()["status"] == "closed"
    renamed = send(client, "patch", url(project), manager, {"name": "Renamed"}, if_match=closed["ETag"])
    assert renamed.status_code == 409
    assert renamed.json()["code"] == "project-closed"
    first = ProjectTask.objects.filter(project=project).order_by("position").first()
    dated = send(
        client,
        "post",
        url(project, f"/tasks/{first.pk}/actual-dates"),
        manager,
        {"actual_start": project.start_date.isoformat()},
        if_match=_tag(first),
    )
    assert dated.status_code == 409
    assert dated.json()["code"] == "project-closed"
    project.refresh_from_db()
    assert project.name == "Acme integration"
    reopened = send(client, "post", url(project, "/reopen"), manager, if_match=closed["ETag"])
    assert reopened.status_code == 200, reopened.content
    assert reopened.json()["status"] == "active"
    renamed = send(client, "patch", url(project), manager, {"name": "Renamed"}, if_match=reopened["ETag"])
    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["name"] == "Renamed"


def test_an_actual_date_in_the_future_is_refused_and_a_past_one_is_kept(client, made):
    manager, project = made
    first = ProjectTask.objects.filter(project=project).order_by("position").first()
    tomorrow = project_today(project) + dt.timedelta(days=1)
    future = send(
        client,
        "post",
        url(project, f"/tasks/{first.pk}/actual-dates"),
        manager,
        {"actual_finish": tomorrow.isoformat()},
        if_match=_tag(first),
    )
    assert future.status_code == 422
    assert details_by_field(future)["actual_finish"]["code"] == "actual-date-in-the-future"
    first.refresh_from_db()
    assert first.actual_finish is None
    given = send(
        client,
        "post",
        url(project, f"/tasks/{first.pk}/actual-dates"),
        manager,
        {"actual_start": project.start_date.isoformat()},
        if_match=_tag(first),
    )
    assert given.status_code == 200, given.content
    assert given.json()["actual_start"] == project.start_date.isoformat()
    assert given["ETag"] == _tag(first)


def test_a_stale_if_match_changes_nothing_and_answers_412(client, made):
    manager, project = made
    stale = _tag(project)
    send(client, "patch", url(project), manager, {"name": "First"}, if_match=stale)
    answer = send(client, "patch", url(project), manager, {"name": "Second"}, if_match=stale)
    assert answer.status_code == 412
    project.refresh_from_db()
    assert project.name == "First"
    missing = send(client, "post", url(project, "/close"), manager, {})
    assert missing.status_code == 428
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE
