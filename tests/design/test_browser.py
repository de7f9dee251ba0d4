"""From need to design in real Chromium, in English and in French, on an Invoice Cloud project:
write a need, walk the decision tree to a case, schedule the discovery sessions, record a BDR and
a TDR with two flows and their mappings, see the sequence diagram on the page, download the slide.
Screenshots go into docs/images for docs/design.md."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.utils import timezone
from pptx import Presentation

from accord.design.models import DataFlowRecord, DesignReview, DiscoverySeries, Need
from tests.browser import page_overflows
from tests.design.factories import staffed
from tests.projects.test_pages_support import cast_made, login_cookie

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"

TEXTS = {
    "en": {
        "save_need": "Save the need",
        "answer": "Answer",
        "third_party": "From a third-party tool to Tomorro",
        "yes": "Yes",
        "result": "The exchange will be built with:",
        "schedule": "Schedule",
        "record": "Record the review",
        "add_flow": "Add the flow",
        "prefix": "",
    },
    "fr": {
        "save_need": "Enregistrer le besoin",
        "answer": "Répondre",
        "third_party": "D’un outil tiers vers Tomorro",
        "yes": "Oui",
        "result": "L’échange sera construit avec :",
        "schedule": "Planifier",
        "record": "Enregistrer la revue",
        "add_flow": "Ajouter le flux",
        "prefix": "/fr",
    },
}


def shoot(page, name: str) -> None:
    DOCS_IMAGES.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS_IMAGES / f"{name}.png"), full_page=True)


def _review(page, base, texts, kind, flow):
    page.goto(base + "/")
    page.select_option("#review-form select[name=kind]", kind)
    page.click(f"#review-form button:has-text('{texts['record']}')")
    page.wait_for_url("**/reviews/*/")
    form = page.locator("#flow-form")
    for name, value in flow.items():
        if name == "mode":
            form.locator("select[name=mode]").select_option(value)
        elif name == "mappings":
            form.locator("textarea[name=mappings]").fill(value)
        else:
            form.locator(f"input[name={name}]").fill(value)
    form.locator(f"button:has-text('{texts['add_flow']}')").click()
    page.wait_for_load_state()


def _need_and_tree(page, base, texts, suffix):
    # A need, written through the guided form, with one check left unticked.
    page.goto(base + "/needs/new/")
    page.fill("input[name=action]", "post each payment")
    page.fill("input[name=target_platform]", "Globex CIS")
    page.fill("input[name=trigger_platform]", "Invoice Cloud")
    page.fill("input[name=trigger_field]", "payment status")
    page.fill("input[name=trigger_from]", "pending")
    page.fill("input[name=trigger_to]", "settled")
    page.fill("textarea[name=fields_text]", "account number, amount, payment date")
    page.fill("textarea[name=goal]", "Balances are right the morning after")
    page.check("input[name=check_unique]")
    page.check("input[name=check_identifiable]")
    page.click(f"button:has-text('{texts['save_need']}')")
    page.wait_for_url("**/needs/*/")
    statement = page.locator("#need-statement").inner_text()
    assert "payment status" in statement
    assert "Globex CIS" in statement
    assert page.locator("#need-warnings li").count() == 1

    # The decision tree, walked to a leaf.
    page.get_by_label(texts["third_party"]).check()
    page.click(f"#tree-form button:has-text('{texts['answer']}')")
    page.wait_for_load_state()
    page.get_by_label(texts["yes"], exact=True).check()
    page.click(f"#tree-form button:has-text('{texts['answer']}')")
    page.wait_for_selector("#tree-result")
    assert texts["result"] in page.locator("#tree-result").inner_text()
    shoot(page, f"design-need{suffix}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_from_need_to_slide(page, live_server, language):
    texts = TEXTS[language]
    today = timezone.localdate()
    cast = cast_made("invoicecloud-integration", name="Globex — Invoice Cloud", start_date=today, today=today)
    staffed(cast)
    page.context.add_cookies([login_cookie(cast.admin, live_server.url)])
    page.set_viewport_size({"width": 1280, "height": 900})
    base = f"{live_server.url}{texts['prefix']}/projects/{cast.project.pk}/design"
    suffix = "" if language == "en" else "-fr"

    _need_and_tree(page, base, texts, suffix)
    need = Need.objects.get(project=cast.project)
    assert (need.way, need.case, need.case_outcome) == ("no-code-connector", "no-code-salesforce", "recorded")

    # The discovery sessions, with the playbook's defaults.
    page.goto(base + "/discovery/")
    page.uncheck("input[name=send]")
    page.click(f"#discovery-form button:has-text('{texts['schedule']}')")
    page.wait_for_selector(".series")
    series = DiscoverySeries.objects.get(project=cast.project)
    assert (series.count, series.minutes) == (3, 90)

    # A BDR and a TDR, each with a flow and its mappings.
    _review(
        page,
        base,
        texts,
        "bdr",
        {
            "name": "Daily bill file",
            "source_system": "Globex CIS",
            "target_system": "Invoice Cloud",
            "trigger": "end of the billing run",
            "mode": "batch",
            "format": "CSV",
            "security": "SFTP",
            "mappings": "ACCT_NO -> account_number\nAMT_DUE -> amount_due | in cents",
        },
    )
    _review(
        page,
        base,
        texts,
        "tdr",
        {
            "name": "Payment posting",
            "source_system": "Invoice Cloud",
            "target_system": "Globex CIS",
            "trigger": "nightly",
            "mode": "batch",
            "format": "CSV",
            "security": "SFTP",
            "mappings": "account_number -> ACCT_NO\namount_paid -> PAY_AMT | two decimals",
        },
    )
    shoot(page, f"design-review{suffix}")
    assert DesignReview.objects.filter(project=cast.project).count() == 2
    flows = list(DataFlowRecord.objects.filter(project=cast.project).order_by("position"))
    assert [flow.name for flow in flows] == ["Daily bill file", "Payment posting"]
    assert [flow.mappings.count() for flow in flows] == [2, 2]

    # The sequence diagram, drawn on the page.
    page.goto(base + "/sequence/")
    svg = page.locator("#sequence-svg svg")
    assert svg.count() == 1
    assert page.locator("#sequence-svg [data-number]").count() == 2
    assert "Daily bill file" in page.locator("#mermaid-text").input_value()
    assert not page_overflows(page)
    shoot(page, f"design-sequence{suffix}")

    # The overview slide.
    with page.expect_download() as download:
        page.click("a[href$='overview.pptx']")
    slide = Presentation(io.BytesIO(Path(download.value.path()).read_bytes())).slides[0]
    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert "Globex — Invoice Cloud" in text
    assert ("Integration overview" if language == "en" else "Vue d’ensemble de l’intégration") in text
