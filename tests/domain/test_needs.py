"""Need statements (seed 001): the sentence in English and French, the checks, the validation."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.domain.errors import InvalidInput
from accord.domain.needs import WARNINGS, Need, TriggerChecks, need_warnings, parse_fields, statement

ALL_CHECKED = TriggerChecks(unique=True, identifiable=True, no_special_cases=True)
SEED_EXAMPLE = Need(
    action="create a contract",
    target_platform="Tomorro",
    trigger="",
    trigger_platform="my CRM",
    trigger_field="deal status",
    trigger_from="prospect",
    trigger_to="customer",
    fields=("the counterparty's name", "its address", "its SIRET number"),
    goal="Stop retyping won deals as contracts.",
    checks=ALL_CHECKED,
)


def test_the_seed_example_reads_as_one_english_sentence():
    assert statement(SEED_EXAMPLE, "en") == (
        "I want create a contract in Tomorro when deal status moves from prospect to customer in my CRM; "
        "data exchanged: the counterparty's name, its address and its SIRET number from my CRM to Tomorro"
    )


def test_the_seed_example_reads_as_one_french_sentence():
    need = replace(
        SEED_EXAMPLE,
        action="créer un contrat",
        trigger_platform="mon CRM",
        trigger_field="le champ « état du deal »",
        trigger_from="prospect",
        trigger_to="client",
        fields=("le nom du cocontractant", "son adresse", "son numéro de SIRET"),
    )
    assert statement(need, "fr") == (
        "Je veux créer un contrat dans Tomorro quand le champ « état du deal » passe de prospect à client "
        "dans mon CRM ; données échangées : le nom du cocontractant, son adresse et son numéro de SIRET "
        "de mon CRM vers Tomorro"
    )


def test_a_trigger_on_a_state_reads_as_written_and_the_data_part_is_left_out_without_fields():
    need = Need(
        action="notify sales",
        target_platform="Slack",
        trigger="a contract is signed",
        trigger_platform="Tomorro",
    )
    assert statement(need) == "I want notify sales in Slack when a contract is signed in Tomorro"


def test_free_text_and_transition_together_keep_both():
    need = replace(SEED_EXAMPLE, trigger="a deal is won")
    assert "when a deal is won (deal status moves from prospect to customer) in my CRM" in statement(need)


def test_a_fully_checked_transition_with_a_goal_has_no_warning():
    assert need_warnings(SEED_EXAMPLE) == ()


def test_each_unchecked_box_and_a_state_trigger_raise_their_own_warning():
    need = Need(
        action="notify", target_platform="Slack", trigger="a contract is signed", trigger_platform="Tomorro"
    )
    warnings = need_warnings(need)
    assert [warning.code for warning in warnings] == [
        "trigger-not-unique",
        "trigger-not-identifiable",
        "trigger-has-special-cases",
        "trigger-not-a-transition",
        "goal-missing",
    ]
    assert all(warning.message and warning.hint and warning.field for warning in warnings)
    assert set(WARNINGS) == {warning.code for warning in warnings}


@pytest.mark.parametrize(
    ("check", "code"),
    [
        ("unique", "trigger-not-unique"),
        ("identifiable", "trigger-not-identifiable"),
        ("no_special_cases", "trigger-has-special-cases"),
    ],
)
def test_unticking_one_check_raises_exactly_its_warning(check, code):
    need = replace(SEED_EXAMPLE, checks=replace(ALL_CHECKED, **{check: False}))
    assert [warning.code for warning in need_warnings(need)] == [code]


def test_empty_action_and_platforms_are_refused_naming_each_field():
    need = Need(action=" ", target_platform="", trigger="x", trigger_platform="")
    with pytest.raises(InvalidInput) as caught:
        statement(need)
    assert [problem.where for problem in caught.value.problems] == [
        "action",
        "target_platform",
        "trigger_platform",
    ]
    assert all(problem.hint for problem in caught.value.problems)


def test_a_half_written_transition_names_the_missing_parts():
    need = replace(SEED_EXAMPLE, trigger_to="", trigger_from=" ")
    with pytest.raises(InvalidInput) as caught:
        statement(need)
    assert {problem.where for problem in caught.value.problems} == {"trigger_from", "trigger_to"}
    assert {problem.code for problem in caught.value.problems} == {"need-transition-incomplete"}


def test_a_need_without_any_trigger_is_refused():
    need = Need(action="a", target_platform="b", trigger="", trigger_platform="c")
    with pytest.raises(InvalidInput) as caught:
        statement(need)
    assert [problem.where for problem in caught.value.problems] == ["trigger"]


def test_an_unknown_language_is_refused():
    with pytest.raises(InvalidInput) as caught:
        statement(SEED_EXAMPLE, "de")
    assert "en, fr" in caught.value.hint


def test_fields_typed_in_one_box_are_split_on_commas_semicolons_and_lines():
    assert parse_fields("name, address;\nSIRET,, ") == ("name", "address", "SIRET")


words = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)


@given(
    action=words,
    target=words,
    trigger=words,
    source=words,
    transition=st.one_of(st.none(), st.tuples(words, words, words)),
    fields=st.lists(words, max_size=5),
    language=st.sampled_from(["en", "fr"]),
)
def test_a_statement_holds_every_part_it_was_given(
    action, target, trigger, source, transition, fields, language
):
    field, from_value, to_value = transition or ("", "", "")
    need = Need(
        action=action,
        target_platform=target,
        trigger=trigger,
        trigger_platform=source,
        trigger_field=field,
        trigger_from=from_value,
        trigger_to=to_value,
        fields=tuple(fields),
    )
    text = statement(need, language)
    for part in (action, target, trigger, source, field, from_value, to_value, *fields):
        assert part.strip() in text
