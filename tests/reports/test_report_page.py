"""The status report page: reached from the project's tabs, in the workspace's colours and logo."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.utils import formats, translation

from accord.reports import services
from accord.workspaces.models import Workspace
from tests.html import page
from tests.projects.cast import cast_made

pytestmark = pytest.mark.django_db

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_the_project_tabs_lead_to_the_status_report_and_mark_it_current():
    cast = cast_made("socialtalent-onboarding")
    client = cast.client_for("customer")
    overview = page(client.get(f"/projects/{cast.project.pk}/"))
    report_path = f"/projects/{cast.project.pk}/report/"
    assert overview.one("nav.project-nav").links()["Status report"] == report_path
    report = page(client.get(report_path))
    current = [link for link in report.one("nav.project-nav").all("a") if link.get("aria-current") == "page"]
    assert [link.text for link in current] == ["Status report"]


def test_the_page_shows_the_workspace_logo_and_accent_through_the_csp_nonce():
    cast = cast_made("socialtalent-onboarding")
    Workspace.objects.filter(pk=cast.project.workspace_id).update(
        accent_colour="#7a1fa2", logo=PIXEL, logo_type="image/png"
    )
    response = cast.client_for("customer").get(f"/projects/{cast.project.pk}/report/")
    assert response.status_code == 200
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    document = page(response)
    styles = [style for style in document.all("style") if "--accent" in "".join(map(str, style.children))]
    assert [style.get("nonce") for style in styles] == [nonce]
    assert "--accent: #7a1fa2" in "".join(map(str, styles[0].children))
    logo = document.one("article.status-report img.report-logo")
    assert logo.get("src") == "data:image/png;base64," + base64.b64encode(PIXEL).decode("ascii")
    assert logo.name == "Tomorro"


def test_without_a_chosen_accent_the_page_uses_accords_and_names_the_workspace():
    cast = cast_made("socialtalent-onboarding")
    document = page(cast.client_for("customer").get(f"/projects/{cast.project.pk}/report/"))
    styles = [style for style in document.all("style") if "--accent" in "".join(map(str, style.children))]
    assert "--accent: #1d4ed8" in "".join(map(str, styles[0].children))
    assert document.one("article.status-report .report-brand").text == "Tomorro"


def test_the_report_names_the_day_of_the_report_it_compares_with_in_the_readers_words(client):
    cast = cast_made("socialtalent-onboarding")
    published = services.report_publish(actor=cast.people["manager"].user, project=cast.project)
    taken = dt.date.fromisoformat(published.snapshot["taken_on"])
    contact = cast.people["customer"].user
    contact.language = "fr"
    contact.save()
    client.force_login(contact)
    document = page(client.get(f"/fr/projects/{cast.project.pk}/report/"))
    line = document.one("article.status-report .report-date").text
    with translation.override("fr"):
        assert f"comparé au rapport du {formats.date_format(taken, 'DATE_FORMAT')}" in line
    assert taken.isoformat() not in line
