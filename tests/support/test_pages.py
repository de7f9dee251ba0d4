"""The support pages' behaviour: the composer marks what it refuses, redacts it in one click."""

from __future__ import annotations

import pytest
from django.core import mail

from accord.support.models import Escalation, SupportAgreement
from tests.support.factories import IBAN, PHONE, REFUSED_BODY, SUPPORT_ADDRESS, support_cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _support_address(settings):
    settings.ACCORD_SUPPORT_ADDRESS = SUPPORT_ADDRESS


def _marks(html: str) -> list[tuple[str, str]]:
    """(category, marked text) of every <mark class="pii"> of a page."""
    from html.parser import HTMLParser

    found: list[tuple[str, str]] = []

    class Parser(HTMLParser):
        category: str | None = None
        depth = 0
        text = ""

        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "mark" and "pii" in (attributes.get("class") or ""):
                self.category, self.text = attributes.get("data-category"), ""
            elif tag == "span" and self.category is not None:
                self.depth += 1

        def handle_endtag(self, tag):
            if tag == "span" and self.depth:
                self.depth -= 1
            elif tag == "mark" and self.category is not None:
                found.append((self.category, self.text))
                self.category = None

        def handle_data(self, data):
            if self.category is not None and not self.depth:
                self.text += data

    Parser().feed(html)
    return found


def _escalate(client, cast, ticket, **data):
    return client.post(f"/projects/{cast.project.pk}/support/tickets/{ticket.pk}/escalate/", data)


def test_a_refused_escalation_marks_the_iban_and_the_phone_and_keeps_nothing():
    cast, ticket = support_cast()
    client = cast.client_for("customer")
    response = _escalate(client, cast, ticket, subject="Payroll", body=REFUSED_BODY)
    assert response.status_code == 422
    assert _marks(response.content.decode()) == [("bank", IBAN), ("phone", PHONE)]
    assert "Bank account (IBAN, RIB)" in response.content.decode()
    assert not Escalation.objects.exists()
    assert not mail.outbox


def test_the_categories_are_named_in_french():
    cast, ticket = support_cast()
    client = cast.client_for("customer")
    url = f"/fr/projects/{cast.project.pk}/support/tickets/{ticket.pk}/escalate/"
    response = client.post(url, {"subject": "Paie", "body": REFUSED_BODY})
    page = response.content.decode()
    assert "Numéro de téléphone" in page
    assert "Compte bancaire (IBAN, RIB)" in page


def test_the_redaction_helper_answers_the_form_with_placeholders_then_it_sends(
    django_capture_on_commit_callbacks,
):
    cast, ticket = support_cast()
    client = cast.client_for("customer")
    url = f"/projects/{cast.project.pk}/support/tickets/{ticket.pk}/escalate/redact/"
    response = client.post(
        url, {"subject": "Payroll", "body": REFUSED_BODY, "recipients": "dl-hr@acme.example"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["body"] == "The payroll of Jane failed. Her IBAN is [bank], call her on [phone]."
    assert form.initial["recipients"] == ""
    assert not Escalation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = _escalate(client, cast, ticket, subject="Payroll", body=form.initial["body"])
    assert sent.status_code == 302
    assert mail.outbox[0].to == [SUPPORT_ADDRESS]
    assert "[bank]" in mail.outbox[0].body


def test_a_manager_records_the_support_owner_and_the_page_shows_it():
    cast, _ticket = support_cast()
    client = cast.client_for("manager")
    response = client.post(f"/projects/{cast.project.pk}/support/owner/", {"first_level": "customer"})
    assert response.status_code == 302
    agreement = SupportAgreement.objects.get(project=cast.project)
    assert agreement.agreed_by == cast.people["manager"].user
    page = client.get(f"/projects/{cast.project.pk}/support/")
    assert page.context["owner"].name == "Acme"


def test_opening_a_ticket_without_a_subject_names_the_field():
    cast, _ticket = support_cast()
    response = cast.client_for("customer").post(
        f"/projects/{cast.project.pk}/support/tickets/", {"body": "x"}
    )
    assert response.status_code == 422
    assert response.context["ticket_form"].errors["subject"]
