"""The proof and go-live journey in real Chromium, in English and in French, on
invoicecloud-integration: SIT; UAT refused before the SIT sign-off, then run and signed off; the
go-live gate refused with its checklist, then passed. Screenshots go into docs/images for
docs/testing.md and docs/go-live.md. The steps live in tests/golive/journey_steps.py."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accord.campaigns.models import Campaign
from accord.golive.models import GoLiveGate
from accord.support import services as support_services
from tests.browser import page_overflows
from tests.golive import journey_steps as steps
from tests.projects.test_pages_support import cast_made, login_cookie

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "prefix": "",
        "uat_refused": "UAT cannot start before a SIT campaign",
        "lift": "Who can lift it",
        "closed": "The gate is closed",
        "live": "Live since",
        "checklist": "UAT signed off",
    },
    "fr": {
        "prefix": "/fr",
        "uat_refused": "La recette (UAT) ne peut pas démarrer",
        "lift": "Qui peut la lever",
        "closed": "La porte est fermée",
        "live": "En production depuis",
        "checklist": "Recette (UAT) validée",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_sit_uat_and_the_go_live_gate(page, live_server, language):
    words = WORDS[language]
    suffix = "" if language == "en" else "-fr"
    today = timezone.localdate()
    cast = cast_made(
        "invoicecloud-integration", name="Springfield — Invoice Cloud", start_date=today, today=today
    )
    page.context.add_cookies([login_cookie(cast.admin, live_server.url)])
    page.set_viewport_size({"width": 1280, "height": 900})
    project_url = f"{live_server.url}{words['prefix']}/projects/{cast.project.pk}/"

    sit = steps.campaign_create(page, project_url, "sit", "SIT — bill and payment files")
    steps.case_add(page, sit, "Daily bill file reaches Invoice Cloud", "Bills appear by 6 am")
    steps.case_add(page, sit, "Payment file reaches the CIS", "Payments post to the right accounts")
    uat = steps.campaign_create(page, project_url, "uat", "UAT — payments portal")
    steps.case_add(page, uat, "A customer pays a bill online", "The payment shows at once")

    # UAT before the SIT sign-off: refused, saying which condition failed and who can lift it.
    steps.campaign_start(page, uat)
    refusal = page.locator("#refusal")
    assert words["uat_refused"] in refusal.inner_text()
    assert words["lift"] in refusal.inner_text()
    steps.shoot(page, f"tests-uat-refused{suffix}")

    steps.campaign_start(page, sit)
    steps.run_record(page, sit, "pass", "Checked against the BDR", case_index=0)
    steps.run_record(page, sit, "pass", case_index=1)
    steps.shoot(page, f"tests-sit-running{suffix}")
    steps.campaign_sign_off(page, sit)
    assert Campaign.objects.get(kind="sit").status == "signed_off"

    steps.campaign_start(page, uat)
    steps.run_record(page, uat, "pass", "Paid with a test card")
    steps.campaign_sign_off(page, uat)
    assert Campaign.objects.get(kind="uat").status == "signed_off"
    page.goto(project_url)
    steps.shoot(page, f"tests-overview-progress{suffix}")

    # The go-live gate: refused with its checklist, then passed.
    steps.go_live_try(page, project_url)
    assert page.locator("#refusal li").count() == 3  # credentials, support owner, communication
    assert words["closed"] in page.locator(".gate-state").inner_text()
    assert words["checklist"] in page.locator(".checklist-table").inner_text()
    steps.shoot(page, f"go-live-refused{suffix}")
    assert not page_overflows(page)

    steps.integration_contact_name(page, project_url, cast.people["customer"].user.email)
    steps.credentials_handover_record(
        page, project_url, "Dana (Springfield IT)", today.isoformat(), "vendor portal"
    )
    steps.communication_ready(page, project_url, "E-mail to billers' customers, 3 days before")
    support_services.support_owner_agree(actor=cast.admin, project=cast.project, first_level="customer")
    page.goto(f"{project_url}go-live/")
    steps.shoot(page, f"go-live-open{suffix}")
    steps.go_live_try(page, project_url)
    assert words["live"] in page.locator(".gate-state").inner_text()
    steps.shoot(page, f"go-live-monitoring{suffix}")
    assert GoLiveGate.objects.get(project=cast.project).went_live_at is not None
