"""Support: the agreed first level, tickets, and escalations that refuse personal data."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.db import connection

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb, entry_sentence
from accord.domain.errors import InvalidInput
from accord.inbox.models import Notification
from accord.projects.access import NotAllowed
from accord.projects.models import ProjectPartner, RoleAssignment
from accord.support import selectors, services
from accord.support.composer import PersonalDataFound
from accord.support.models import Escalation, FirstLevel, Ticket, TicketStatus
from tests.projects.test_pages_support import cast_made
from tests.support.factories import IBAN, PHONE, REFUSED_BODY, SUPPORT_ADDRESS, support_cast, ticket_made

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _support_address(settings):
    settings.ACCORD_SUPPORT_ADDRESS = SUPPORT_ADDRESS


def test_the_support_owner_is_recorded_with_who_agreed_and_when():
    cast = cast_made()
    assert selectors.support_owner(cast.project) is None
    partner = ProjectPartner.objects.get(project=cast.project).partner
    services.support_owner_agree(
        actor=cast.admin, project=cast.project, first_level="partner", partner=partner
    )
    owner = selectors.support_owner(cast.project)
    assert owner is not None
    assert (owner.first_level, owner.partner, owner.agreed_by) == (FirstLevel.PARTNER, partner, cast.admin)
    assert owner.name == partner.name
    assert owner.agreed_at is not None
    assert ActivityEntry.objects.filter(verb=Verb.SUPPORT_OWNER_AGREED, project=cast.project).exists()


def test_only_managers_agree_the_support_owner_and_a_partner_must_be_on_the_project():
    cast = cast_made()
    with pytest.raises(NotAllowed):
        services.support_owner_agree(
            actor=cast.people["customer"].user, project=cast.project, first_level="customer"
        )
    ProjectPartner.objects.filter(project=cast.project).delete()
    with pytest.raises(InvalidInput):
        services.support_owner_agree(actor=cast.admin, project=cast.project, first_level="partner")


def test_a_ticket_defaults_to_the_agreed_owner_and_tells_its_first_level(django_capture_on_commit_callbacks):
    cast = cast_made()
    link = ProjectPartner.objects.get(project=cast.project)
    services.support_owner_agree(
        actor=cast.admin, project=cast.project, first_level="partner", partner=link.partner
    )
    with django_capture_on_commit_callbacks(execute=True):
        ticket = ticket_made(cast)
    assert (ticket.first_level, ticket.first_level_partner_id) == ("partner", link.partner_id)
    told = Notification.objects.filter(project=cast.project)
    assert {n.user for n in told} == {cast.people["partner-on"].user}
    assert "New support ticket" in told.get().message


def test_without_an_agreement_the_customer_team_is_first_level_and_its_staffed_contacts_are_told(
    django_capture_on_commit_callbacks,
):
    cast = cast_made()
    contact = cast.people["customer"].user
    RoleAssignment.objects.create(project=cast.project, role_key="customer-project-manager", user=contact)
    with django_capture_on_commit_callbacks(execute=True):
        ticket = ticket_made(cast, priority="high")
    assert (ticket.first_level, ticket.priority) == ("customer", "high")
    assert list(Notification.objects.values_list("user", flat=True)) == [contact.pk]


def test_anyone_who_sees_the_project_opens_tickets_and_others_get_not_found():
    cast = cast_made()
    ticket = services.ticket_open(
        actor=cast.people["customer"].user, project=cast.project, subject="Question", body="Where?"
    )
    assert ticket.opened_by == cast.people["customer"].user
    from accord.domain.errors import NotFound

    with pytest.raises(NotFound):
        services.ticket_open(
            actor=cast.people["other-customer"].user, project=cast.project, subject="x", body="y"
        )


def test_an_escalation_with_an_iban_and_a_phone_is_refused_with_both_located_and_nothing_kept(caplog):
    cast, ticket = support_cast()
    entries = ActivityEntry.objects.count()
    caplog.set_level(logging.DEBUG)
    with pytest.raises(PersonalDataFound) as refused:
        services.escalation_send(actor=cast.admin, ticket=ticket, subject="Payroll", body=REFUSED_BODY)
    details = refused.value.details()
    assert [(d["field"], d["category"]) for d in details] == [("body", "bank"), ("body", "phone")]
    assert REFUSED_BODY[details[0]["start"] : details[0]["end"]] == IBAN
    assert REFUSED_BODY[details[1]["start"] : details[1]["end"]] == PHONE
    assert all("text" not in d for d in details)
    assert Escalation.objects.count() == 0
    assert ActivityEntry.objects.count() == entries
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.OPEN
    assert IBAN not in caplog.text
    assert "3000 6000" not in caplog.text
    assert_nowhere_in_the_database("3000 6000 0112")


def assert_nowhere_in_the_database(fragment: str) -> None:
    """No text column of any table holds ``fragment``."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
                if column.type_code in ("TEXT", "text", 25, 1043, "varchar")
                or "char" in str(column.type_code).lower()
            ]
            for column in columns:
                cursor.execute(
                    f'SELECT COUNT(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE %s',
                    [f"%{fragment}%"],
                )
                assert cursor.fetchone()[0] == 0, (table, column)


def test_a_group_recipient_is_refused_as_a_distribution_list():
    cast, ticket = support_cast()
    with pytest.raises(PersonalDataFound) as refused:
        services.escalation_send(
            actor=cast.admin,
            ticket=ticket,
            subject="Export",
            body="It fails.",
            recipients=["dl-payroll@acme.com"],
        )
    assert refused.value.details() == [
        {"field": "recipients", "category": "distribution_list", "start": 0, "end": 19, "recipient": 0}
    ]
    assert Escalation.objects.count() == 0


def test_an_accepted_escalation_is_stored_logged_without_its_text_and_mailed_to_support(
    django_capture_on_commit_callbacks,
):
    cast, ticket = support_cast()
    with django_capture_on_commit_callbacks(execute=True):
        escalation = services.escalation_send(
            actor=cast.people["customer"].user,
            ticket=ticket,
            subject="Export stopped",
            body="The nightly export stopped on Monday at 02:00.",
            recipients="alice@acme.example",
        )
    assert escalation.recipients == [SUPPORT_ADDRESS, "alice@acme.example"]
    assert Ticket.objects.get(pk=ticket.pk).status == TicketStatus.ESCALATED
    [message] = mail.outbox
    assert message.to == [SUPPORT_ADDRESS, "alice@acme.example"]
    assert "nightly export stopped" in message.body
    assert Escalation.objects.get().emailed_at is not None
    entry = ActivityEntry.objects.get(verb=Verb.TICKET_ESCALATED)
    assert "nightly" not in str(entry.after) + entry.summary + entry_sentence(entry)
    assert entry_sentence(entry).endswith(
        f"escalated the support ticket #{ticket.pk} to the vendor's support"
    )


def test_the_workspace_setting_overrides_the_environment_default(django_capture_on_commit_callbacks):
    cast, ticket = support_cast()
    services.support_address_set(
        actor=cast.admin, workspace=cast.project.workspace, address="help@vendor.example"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.escalation_send(actor=cast.admin, ticket=ticket, subject="Export", body="It fails.")
    assert mail.outbox[0].to == ["help@vendor.example"]
    with pytest.raises(InvalidInput):
        services.support_address_set(
            actor=cast.admin, workspace=cast.project.workspace, address="not an address"
        )


def test_without_a_support_address_the_escalation_says_who_sets_it(settings):
    settings.ACCORD_SUPPORT_ADDRESS = ""
    cast, ticket = support_cast()
    with pytest.raises(InvalidInput) as refused:
        services.escalation_send(actor=cast.admin, ticket=ticket, subject="Export", body="It fails.")
    assert refused.value.problems[0].code == "no-support-address"


def test_a_stale_ticket_change_changes_nothing():
    from accord.domain.errors import StaleWrite

    cast, ticket = support_cast()
    services.ticket_change(actor=cast.admin, ticket=ticket, expected_version=1, status="in_progress")
    with pytest.raises(StaleWrite):
        services.ticket_change(actor=cast.admin, ticket=ticket, expected_version=1, status="closed")
    assert Ticket.objects.get(pk=ticket.pk).status == "in_progress"
