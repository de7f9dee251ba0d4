"""The campaign pages: gates refused on the page with who can lift them, the overview's progress
panel, and the French pages."""

from __future__ import annotations

import pytest

from accord.campaigns.models import Campaign, TestCase
from tests.campaigns.factories import campaign_made, invoicecloud_cast, signed_off
from tests.html import page

pytestmark = pytest.mark.django_db


def test_starting_uat_before_sit_is_refused_on_the_page_with_who_can_lift_it():
    cast = invoicecloud_cast()
    campaign_made(cast, "sit")
    uat = campaign_made(cast, "uat")
    client = cast.client_for("manager")
    response = client.post(f"/projects/{cast.project.pk}/tests/{uat.pk}/start/")
    assert response.status_code == 409
    refusal = page(response).one("#refusal")
    assert refusal.one("li[data-code=sit-not-signed-off]")
    assert "Who can lift it" in refusal.text
    assert Campaign.objects.get(pk=uat.pk).status == "not_started"


def test_a_campaign_is_created_run_and_signed_off_through_the_pages():
    cast = invoicecloud_cast()
    client = cast.client_for("admin")
    created = client.post(f"/projects/{cast.project.pk}/tests/new/", {"kind": "sit", "name": "SIT"})
    campaign = Campaign.objects.get(name="SIT")
    assert created["Location"] == f"/projects/{cast.project.pk}/tests/{campaign.pk}/"
    base = created["Location"]
    client.post(base + "cases/", {"title": "Bill file accepted"})
    client.post(base + "start/")
    case = TestCase.objects.get(campaign=campaign)
    tester = cast.client_for("customer")
    assert (
        tester.post(base + f"cases/{case.pk}/runs/", {"result": "fail", "notes": "rejected"}).status_code
        == 302
    )
    refused = client.post(base + "sign-off/")
    assert refused.status_code == 409
    assert page(refused).one("#refusal li[data-code=run-failing]")
    tester.post(base + f"cases/{case.pk}/runs/", {"result": "pass"})
    assert client.post(base + "sign-off/").status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).status == "signed_off"


def test_the_overview_shows_each_campaigns_progress():
    cast = invoicecloud_cast()
    signed_off(cast, "sit")
    response = cast.client_for("customer").get(f"/projects/{cast.project.pk}/")
    panel = page(response).one("section[aria-labelledby=tests-heading]")
    records = panel.one("table").records()
    assert records[0]["Campaign"] == "SIT"
    assert records[0]["Cases run"] == "2 of 2"
    assert records[0]["Passed"] == "2"


def test_the_campaign_page_in_french():
    cast = invoicecloud_cast()
    uat = campaign_made(cast, "uat")
    response = cast.client_for("manager").post(f"/fr/projects/{cast.project.pk}/tests/{uat.pk}/start/")
    document = page(response)
    assert document.one("html").get("lang") == "fr"
    assert "Qui peut la lever" in document.one("#refusal").text
    assert (
        "Campagnes de test"
        in page(cast.client_for("manager").get(f"/fr/projects/{cast.project.pk}/tests/")).text
    )


def test_the_campaign_page_costs_the_same_queries_whatever_its_size():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.campaigns import services

    cast = invoicecloud_cast()
    counts = []
    for size in (1, 5):
        campaign = campaign_made(cast, "sit", cases=size, name=f"SIT {size}")
        services.campaign_start(actor=cast.admin, campaign=campaign)
        for case in TestCase.objects.filter(campaign=campaign):
            services.run_record(actor=cast.admin, case=case, result="fail")
            services.defect_create(
                actor=cast.admin, campaign=campaign, case=case, title="x", severity="minor"
            )
        client = cast.client_for("customer")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/projects/{cast.project.pk}/tests/{campaign.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
