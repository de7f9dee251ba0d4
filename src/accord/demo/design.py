"""The demo's need and design records: on the Invoice Cloud integration, a need walked through
the decision tree, a BDR and a TDR with two data flows and their field mappings, a business rule,
a compliance requirement, a decision and an open question for the customer's contact. Built
through the real services; a project that already has a need is left as it is (idempotent)."""

from __future__ import annotations

import datetime as dt

from accord.accounts.models import User
from accord.design import services
from accord.design.models import Need
from accord.domain.design import DataFlow, FieldMapping, FlowMode
from accord.projects.models import Project

#: The demo project that shows the need and design records.
PLAYBOOK = "invoicecloud-integration"


def design_demo(project: Project, *, manager: User, contact: User, today: dt.date) -> bool:
    """Build the design records of ``project``; False when it already has them."""
    if project.playbook_key != PLAYBOOK or Need.objects.filter(project=project).exists():
        return False
    need = services.need_write(
        actor=manager,
        project=project,
        parts=services.NeedParts(
            action="post each payment",
            target_platform="the billing system (CIS)",
            trigger="a payment is settled",
            trigger_platform="Invoice Cloud",
            trigger_field="payment status",
            trigger_from="pending",
            trigger_to="settled",
            fields=("account number", "amount", "payment date"),
            goal="Customers' balances are right the morning after they pay.",
            check_unique=True,
            check_identifiable=True,
            check_no_special_cases=False,
            internal_note="Globex's CIS vendor charges per interface: keep it to two files.",
        ),
    )
    need.project = project
    for question, answer in (
        ("direction", "from-product"),
        ("product-event", "no"),
        ("api-builder", "own-it"),
    ):
        services.need_answer(actor=manager, need=need, question=question, answer=answer)
    bdr = services.review_record(
        actor=manager,
        project=project,
        kind="bdr",
        held_on=today,
        summary="Bills go out daily from the CIS; payments come back as a nightly file.",
    )
    tdr = services.review_record(
        actor=manager, project=project, kind="tdr", held_on=today, summary="Both files over SFTP, CSV."
    )
    services.flow_add(
        actor=manager,
        project=project,
        review=bdr,
        flow=DataFlow(
            name="Daily bill file",
            source_system="Globex CIS",
            target_system="Invoice Cloud",
            trigger="end of the billing run",
            mode=FlowMode.BATCH,
            format="CSV",
            security="SFTP with SSH keys",
            mappings=(
                FieldMapping("ACCT_NO", "account_number"),
                FieldMapping("AMT_DUE", "amount_due", "in cents"),
                FieldMapping("DUE_DT", "due_date", "YYYY-MM-DD"),
            ),
        ),
    )
    services.flow_add(
        actor=manager,
        project=project,
        review=tdr,
        flow=DataFlow(
            name="Payment posting file",
            source_system="Invoice Cloud",
            target_system="Globex CIS",
            trigger="nightly at 2 am",
            mode=FlowMode.BATCH,
            format="CSV",
            security="SFTP with SSH keys",
            mappings=(
                FieldMapping("account_number", "ACCT_NO"),
                FieldMapping("amount_paid", "PAY_AMT", "in dollars, two decimals"),
                FieldMapping("settled_at", "PAY_DT", "the biller's time zone"),
            ),
        ),
    )
    records = (
        services.ItemRequest(
            kind="rule", text="A payment settled after 8 pm counts the next business day.", review=bdr
        ),
        services.ItemRequest(
            kind="compliance", text="Card data never leaves Invoice Cloud.", detail="PCI DSS", review=bdr
        ),
        services.ItemRequest(kind="decision", text="One file per day, not one per payment.", review=tdr),
        services.ItemRequest(
            kind="question",
            text="Which payment channels are needed on day one (card, ACH, wallet)?",
            owner=contact,
            due=today + dt.timedelta(days=7),
            review=bdr,
        ),
    )
    for request in records:
        services.item_add(actor=manager, project=project, request=request)
    return True
