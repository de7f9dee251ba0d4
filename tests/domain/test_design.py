"""Design records (seed 003): flows, mappings and the rest are refused with the field named."""

from __future__ import annotations

from datetime import date

import pytest

from accord.domain.design import (
    BusinessRule,
    DataFlow,
    FieldMapping,
    FlowMode,
    OpenQuestion,
    mode_label,
    open_question_problems,
    overdue_questions,
    systems,
    validate_flow,
    validate_flows,
    validate_record,
)
from accord.domain.errors import InvalidInput

BILL_FILE = DataFlow(
    name="Daily bill file",
    source_system="Biller CIS",
    target_system="Invoice Cloud",
    trigger="end of day",
    mode=FlowMode.BATCH,
    format="CSV",
    security="SFTP with SSH keys",
    mappings=(
        FieldMapping("ACCT_NO", "account_number"),
        FieldMapping("AMT_DUE", "amount_due", "cents to decimal"),
    ),
)


def test_a_complete_flow_is_valid():
    assert validate_flow(BILL_FILE) is BILL_FILE


def test_a_flow_without_name_or_systems_names_each_field():
    with pytest.raises(InvalidInput) as caught:
        validate_flow(DataFlow(name="", source_system=" ", target_system=""))
    assert [problem.where for problem in caught.value.problems] == ["name", "source_system", "target_system"]


def test_mappings_need_both_fields_and_fill_a_target_once():
    flow = DataFlow(
        "Payments",
        "A",
        "B",
        mappings=(FieldMapping("x", "total"), FieldMapping("", "total"), FieldMapping("y", "")),
    )
    with pytest.raises(InvalidInput) as caught:
        validate_flows([BILL_FILE, flow])
    wheres = [problem.where for problem in caught.value.problems]
    assert wheres == [
        "flows[1].mappings[1].source",
        "flows[1].mappings[1].target",
        "flows[1].mappings[2].target",
    ]
    assert caught.value.problems[1].code == "design-mapping-duplicate-target"


def test_two_flows_with_one_name_are_refused():
    with pytest.raises(InvalidInput) as caught:
        validate_flows([BILL_FILE, BILL_FILE])
    assert [problem.where for problem in caught.value.problems] == ["flows[1].name"]


def test_records_need_their_text_and_open_questions_a_known_owner():
    with pytest.raises(InvalidInput) as caught:
        validate_record(BusinessRule(text=" "))
    assert caught.value.problems[0].where == "text"
    question = OpenQuestion("Which SFTP host?", owner="cfo", due=date(2026, 5, 1))
    [problem] = open_question_problems(question, owners=["it-department", "project-manager"])
    assert problem.where == "owner"
    assert overdue_questions([question], date(2026, 5, 2)) == (question,)
    assert overdue_questions([question], date(2026, 5, 1)) == ()


def test_systems_come_in_order_of_first_appearance_and_modes_read_in_both_languages():
    back = DataFlow("Payments posted", "Invoice Cloud", "Biller CIS")
    assert systems([BILL_FILE, back]) == ("Biller CIS", "Invoice Cloud")
    assert mode_label(FlowMode.BATCH, "fr") == "par lots"
    assert mode_label(FlowMode.REALTIME) == "real time"
