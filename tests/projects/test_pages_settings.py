"""The project settings page, the actual-dates form on a task page and the Gantt on the overview
(issue 8 items 2, 3, 6): what a manager sees and what each form does."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_today
from tests.html import page
from tests.projects.cast import cast_made
from tests.work.factories import task

pytestmark = pytest.mark.django_db


def _settings_url(project: Project) -> str:
    return f"/projects/{project.pk}/settings/"


def _fields(project: Project, **values) -> dict:
    return {
        "expected_version": project.version,
        "name": project.name,
        "country": "France (FR)",
        "subdivision": "",
        "time_zone": project.time_zone,
    } | values


def test_the_settings_tab_offers_country_names_and_saves_a_rename():
    cast = cast_made()
    client = cast.client_for("manager")
    document = page(client.get(_settings_url(cast.project)))
    assert "United States (US)" in [option.get("value") for option in document.all("#country-names option")]
    tab = document.one("nav.project-nav [aria-current=page]")
    assert tab.text.strip() == "Settings"
    response = client.post(_settings_url(cast.project), _fields(cast.project, name="Acme rollout"))
    assert response.status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.name == "Acme rollout"


def test_a_mistyped_country_is_refused_on_its_field_with_the_closest_name():
    cast = cast_made()
    response = cast.client_for("admin").post(
        _settings_url(cast.project), _fields(cast.project, country="Untied States")
    )
    assert response.status_code == 422
    error = page(response).one("#id_country_error").text
    assert "United States (US)" in error
    cast.project.refresh_from_db()
    assert cast.project.calendar_country == "FR"


def test_a_stale_settings_form_is_refused():
    cast = cast_made()
    response = cast.client_for("admin").post(
        _settings_url(cast.project),
        _fields(cast.project, name="X", expected_version=cast.project.version + 3),
    )
    assert response.status_code == 409
    assert "Reload the project" in page(response).one("#settings-errors").text


def test_a_closed_project_refuses_writes_from_any_page_with_a_message_and_can_be_reopened():
    cast = cast_made()
    client = cast.client_for("admin")
    closed = client.post(
        f"/projects/{cast.project.pk}/settings/close/", {"expected_version": cast.project.version}
    )
    assert closed.status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.status == Project.Status.CLOSED
    # A write of another page meets the refusal as a message, not a traceback.
    member = cast.people["member"].user
    refused = client.post(
        f"/projects/{cast.project.pk}/people/assign/",
        {"role": "integration-manager", "user": member.pk},
        HTTP_REFERER=f"http://testserver/projects/{cast.project.pk}/people/",
    )
    assert refused.status_code == 303
    assert not cast.project.assignments.filter(user=member).exists()
    followed = client.get(refused["Location"])
    assert "is closed" in page(followed).text
    reopened = client.post(
        f"/projects/{cast.project.pk}/settings/reopen/", {"expected_version": cast.project.version}
    )
    assert reopened.status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.status == Project.Status.ACTIVE


def test_closures_are_listed_added_and_removed():
    cast = cast_made()
    client = cast.client_for("admin")
    url = f"/projects/{cast.project.pk}/settings/closures/"
    response = client.post(
        url,
        {
            "expected_version": cast.project.version,
            "start": "2026-08-03",
            "end": "2026-08-14",
            "label": "Summer",
        },
    )
    assert response.status_code == 302
    cast.project.refresh_from_db()
    rows = page(client.get(_settings_url(cast.project))).all("#closures tbody tr")
    assert [row.text.split()[:3] for row in rows] == [["2026-08-03", "2026-08-14", "Summer"]]
    bad = client.post(
        url, {"expected_version": cast.project.version, "start": "2026-08-03", "end": "2026-08-01"}
    )
    assert bad.status_code == 422
    assert page(bad).one("#id_end_error").text
    removed = client.post(url + "remove/", {"expected_version": cast.project.version, "index": 0})
    assert removed.status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.closures == []


def test_the_go_live_reset_needs_a_reason_on_the_page():
    cast = cast_made()
    client = cast.client_for("admin")
    url = f"/projects/{cast.project.pk}/settings/go-live/"
    refused = client.post(url, {"expected_version": cast.project.version, "reason": ""})
    assert refused.status_code == 422
    done = client.post(url, {"expected_version": cast.project.version, "reason": "Freeze moved"})
    assert done.status_code == 302


def test_the_responsible_gives_actual_dates_on_the_task_page(crew):
    kickoff = task(crew.project, "kickoff")
    client = crew_client(crew.pm)
    url = f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/"
    assert page(client.get(url)).has("#actual-dates form")
    today = project_today(crew.project)
    start = max(crew.project.start_date, today - dt.timedelta(days=3))
    response = client.post(
        f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/actual-dates/",
        {"expected_version": kickoff.version, "actual_start": start.isoformat()},
    )
    assert response.status_code == 302
    kickoff.refresh_from_db()
    assert kickoff.actual_start == start
    # The customer's IT is not Responsible here: no form for them.
    assert not page(crew_client(crew.it).get(url)).has("#actual-dates form")


def crew_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_a_likely_finish_range_of_one_day_prints_the_day_once(crew):
    kickoff = task(crew.project, "kickoff")
    day = dt.date(2026, 1, 9)
    ProjectTask.objects.filter(pk=kickoff.pk).update(finish_earliest=day, finish_latest=day)
    text = page(crew_client(crew.pm).get(f"/projects/{crew.project.pk}/tasks/{kickoff.pk}/")).text
    assert "between" not in text.split("Likely finish", 1)[1][:80]


def test_the_gantt_switches_scale_and_speaks_french():
    cast = cast_made()
    client = cast.client_for("admin")
    url = f"/projects/{cast.project.pk}/"
    week = page(client.get(url))
    assert week.one(".gantt-scale [aria-current=true]").text.strip() == "Weeks"
    month = page(client.get(url, {"scale": "month"}))
    assert month.one(".gantt-scale [aria-current=true]").text.strip() == "Months"
    # Every task has its committed baseline drawn under its bar.
    assert (
        len(month.all(".gantt-timeline-column rect.baseline"))
        >= ProjectTask.objects.filter(project=cast.project).exclude(milestone=True).count()
    )
    legend = page(client.get(f"/fr{url}")).one(".gantt-timeline-column .legend").text
    assert "tâche" in legend
    assert "mise en production prévue" in legend


def test_the_settings_page_in_french_suggests_the_closest_country():
    cast = cast_made()
    response = cast.client_for("admin").post(
        f"/fr/projects/{cast.project.pk}/settings/", _fields(cast.project, country="Frnace")
    )
    assert response.status_code == 422
    error = page(response).one("#id_country_error").text
    assert "Vouliez-vous dire France (FR)" in error
