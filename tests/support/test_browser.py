"""The support and survey journey in real Chromium, in English and in French, on
invoicecloud-integration: an escalation holding an IBAN and a phone number refused with both
marked, then redacted in one click and sent; then the post-onboarding survey answered from its
link without logging in. Screenshots go into docs/images for docs/support.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from accord.support.models import Escalation
from accord.surveys import services as survey_services
from accord.surveys.models import SurveyResponse
from tests.projects.test_pages_support import cast_made, login_cookie
from tests.support.factories import IBAN, PHONE, REFUSED_BODY, SUPPORT_ADDRESS, ticket_made

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
WORDS = {
    "en": {"prefix": "", "sent": "The escalation was sent", "thanks": "Thank you!", "bank": "Bank account"},
    "fr": {
        "prefix": "/fr",
        "sent": "L’escalade a été envoyée",
        "thanks": "Merci !",
        "bank": "Compte bancaire",
    },
}


def shoot(page, name: str) -> None:
    IMAGES.mkdir(exist_ok=True)
    page.screenshot(path=str(IMAGES / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_escalation_refused_redacted_and_sent_then_the_survey_answered(
    page, live_server, language, settings
):
    settings.ACCORD_SUPPORT_ADDRESS = SUPPORT_ADDRESS
    words = WORDS[language]
    suffix = "" if language == "en" else "-fr"
    today = timezone.localdate()
    cast = cast_made(
        "invoicecloud-integration", name="Springfield — Invoice Cloud", start_date=today, today=today
    )
    contact = cast.people["customer"].user
    contact.language = language
    contact.save()
    ticket = ticket_made(cast, subject="Payment file rejected", body="The Monday payment file was rejected.")
    page.context.add_cookies([login_cookie(contact, live_server.url)])
    page.set_viewport_size({"width": 1280, "height": 900})
    compose = (
        f"{live_server.url}{words['prefix']}/projects/{cast.project.pk}/support/tickets/{ticket.pk}/escalate/"
    )

    page.goto(compose)
    page.fill("#id_subject", "Payment file rejected")
    page.fill("#id_body", REFUSED_BODY)
    page.click("#send-escalation")
    marks = page.locator("#pii-body mark.pii")
    assert marks.count() == 2
    assert marks.nth(0).get_attribute("data-category") == "bank"
    assert IBAN in marks.nth(0).inner_text()
    assert marks.nth(1).get_attribute("data-category") == "phone"
    assert PHONE in marks.nth(1).inner_text()
    assert words["bank"] in page.locator("#pii-refusal").inner_text()
    assert Escalation.objects.count() == 0
    shoot(page, f"support-escalation-refused{suffix}")

    page.click("#redact-escalation")
    page.wait_for_selector("#redacted-notice")
    body = page.input_value("#id_body")
    assert "[bank]" in body
    assert "[phone]" in body
    assert IBAN not in body
    shoot(page, f"support-escalation-redacted{suffix}")
    page.click("#send-escalation")
    page.wait_for_selector(".messages")
    assert words["sent"] in page.locator(".messages").inner_text()
    assert Escalation.objects.get().body.count("[bank]") == 1
    assert any(message.to[0] == SUPPORT_ADDRESS for message in mail.outbox)

    # The survey, from the link in its e-mail, in a browser that is not logged in.
    survey_services.survey_send(actor=cast.admin, project=cast.project)
    message = next(m for m in reversed(mail.outbox) if m.to == [contact.email])
    path = re.search(r"(/survey/[^\s]+/)", message.body).group(1)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    page.check("input[name=score][value='5']")
    page.fill("#id_comment", "Clear and quick." if language == "en" else "Clair et rapide.")
    shoot(page, f"survey-answer{suffix}")
    page.click("#survey-submit")
    assert words["thanks"] in page.locator("#survey-thanks").inner_text()
    assert SurveyResponse.objects.get(contact=contact).score == 5
