"""The pure core of the rules (accord.domain.automations): paths, transitions, mappings, checks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.domain import automations as core

PAYLOAD = {
    "type": "deal.updated",
    "data": {
        "deal": {"id": 42, "stage": "client", "tags": ["a", "b"], "owner": None},
        "previous": {"stage": "prospect"},
    },
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("data.deal.stage", "client"),
        ("$.data.deal.id", 42),
        ("data.deal.tags[1]", "b"),
        ("data.deal.owner", None),
        ("data.deal.tags[5]", core.MISSING),
        ("data.deal.missing", core.MISSING),
        ("data.deal.stage.deeper", core.MISSING),
        ("data..deal", core.MISSING),
    ],
)
def test_a_path_reads_dotted_keys_and_indexes(path, value):
    assert core.path_value(PAYLOAD, path) == value or core.path_value(PAYLOAD, path) is value


@pytest.mark.parametrize("path", ["", "a..b", "a[x]", "a.", ".a", "a[0]b", "a. b", "x" * 301])
def test_a_path_that_is_not_keys_and_indexes_is_refused_with_a_code(path):
    with pytest.raises(core.PathError) as caught:
        core.path_parse(path)
    assert caught.value.code in {"path-empty", "path-invalid", "path-too-long"}


@given(
    st.lists(
        st.one_of(st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True), st.integers(0, 99)),
        min_size=1,
        max_size=6,
    )
)
def test_a_written_path_parses_back_to_its_parts(parts):
    text = f"[{parts[0]}]" if isinstance(parts[0], int) else parts[0]
    for part in parts[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    assert core.path_parse(text) == tuple(parts)


TRANSITION = core.Transition(
    field_path="data.deal.stage",
    from_value="prospect",
    to_value="client",
    old_value_path="data.previous.stage",
)


def test_the_old_value_in_the_payload_decides_first():
    evaluation = core.transition_evaluate(TRANSITION, PAYLOAD, stored=(True, "lost"))
    assert (evaluation.fires, evaluation.previous, evaluation.previous_source) == (
        True,
        "prospect",
        "payload",
    )


def test_without_an_old_value_the_stored_one_is_the_previous_value():
    payload = {"type": "deal.updated", "data": {"deal": {"stage": "client"}}}
    assert core.transition_evaluate(TRANSITION, payload, stored=(True, "prospect")).fires
    refused = core.transition_evaluate(TRANSITION, payload, stored=(True, "lost"))
    assert (refused.fires, refused.reason, refused.previous_source) == (False, "not-from", "stored")


def test_a_state_is_not_a_change_when_the_previous_value_is_unknown():
    payload = {"type": "deal.updated", "data": {"deal": {"stage": "client"}}}
    evaluation = core.transition_evaluate(TRANSITION, payload, stored=core.NOTHING_STORED)
    assert (evaluation.fires, evaluation.reason) == (False, "previous-unknown")


def test_a_field_at_another_value_or_missing_does_not_fire():
    assert (
        core.transition_evaluate(
            TRANSITION, {"data": {"deal": {"stage": "lost"}}}, stored=(True, "prospect")
        ).reason
        == "not-to"
    )
    assert (
        core.transition_evaluate(TRANSITION, {"data": {}}, stored=(True, "prospect")).reason
        == "field-missing"
    )


def test_a_state_condition_fires_whenever_the_field_holds_the_value_and_is_no_transition():
    state = core.Transition(field_path="data.deal.stage", to_value="client")
    assert not state.is_transition
    assert core.transition_evaluate(state, PAYLOAD, stored=core.NOTHING_STORED).reason == "state-holds"


def test_a_mapping_is_read_line_by_line_with_its_problems_located():
    lines, problems = core.mapping_parse(
        "data.deal.company -> customer_name\n# a note\n\ndata.deal.id → customer_external_id\nno arrow here\n"
        "data..x -> project_name\ndata.deal.name -> Bad Name\ndata.deal.name -> customer_name"
    )
    assert lines == (
        core.MappingLine("data.deal.company", "customer_name"),
        core.MappingLine("data.deal.id", "customer_external_id"),
    )
    assert [(problem.code, problem.line) for problem in problems] == [
        ("mapping-no-arrow", 5),
        ("path-invalid", 6),
        ("mapping-field-invalid", 7),
        ("mapping-field-twice", 8),
    ]
    assert core.mapping_parse(core.mapping_text(lines)) == (lines, ())


def test_mapping_a_payload_gives_the_values_and_the_fields_found_nowhere():
    values, missing = core.mapping_apply(
        [core.MappingLine("data.deal.id", "deal_id"), core.MappingLine("data.nothing", "customer_name")],
        PAYLOAD,
    )
    assert values == {"deal_id": 42}
    assert missing == ("customer_name",)


def test_a_comment_template_takes_mapped_values_and_nothing_else():
    text = core.template_fill(
        "Deal {deal_id} for {customer} {0.__class__} {unknown}", {"deal_id": 42, "customer": "Acme"}
    )
    assert text == "Deal 42 for Acme {0.__class__} {unknown}"


def _checks(**changes):
    values = {
        "transition": TRANSITION,
        "event_type": "deal.updated",
        "record_id_path": "data.deal.id",
        "test_payloads": [PAYLOAD],
        "test_succeeded": True,
        "other_live_rules": [],
        "owner": "Olga",
        "owner_confirmed": True,
        "live_target_missing": "",
    } | changes
    return {check.code: check for check in core.golive_checks(**values)}


def test_every_check_holds_for_a_tested_transition():
    assert all(check.passed for check in _checks().values())


@pytest.mark.parametrize(
    ("changes", "failing"),
    [
        ({"transition": core.Transition(field_path="data.deal.stage", to_value="client")}, "transition"),
        # No payload of the type: its id path cannot be found in one either.
        (
            {"test_payloads": [{"type": "deal.created", "data": {"deal": {"id": 1}}}]},
            "event-seen record-id-found",
        ),
        ({"record_id_path": "data.deal.nothing"}, "record-id-found"),
        ({"test_succeeded": False}, "tested"),
        ({"other_live_rules": ["Other rule"]}, "one-live-rule"),
        ({"owner_confirmed": False}, "no-special-cases"),
        ({"live_target_missing": "the real playbook"}, "live-target"),
    ],
)
def test_each_check_fails_alone_and_says_why(changes, failing):
    checks = _checks(**changes)
    assert [code for code, check in checks.items() if not check.passed] == failing.split()
    for code in failing.split():
        assert checks[code].failure % checks[code].params
        assert checks[code].hint


def test_two_conditions_fire_on_the_same_event_when_field_and_values_match():
    assert core.same_event(
        TRANSITION, core.Transition(field_path="$.data.deal.stage", from_value="prospect", to_value="client")
    )
    assert not core.same_event(
        TRANSITION, core.Transition(field_path="data.deal.stage", from_value="client", to_value="churned")
    )
