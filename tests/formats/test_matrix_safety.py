"""The rules that keep matrix files harmless and keys predictable."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.playbook import Side
from accord.formats.matrix.layout import KEY_PATTERN, parse_role_header, role_key_from_label, slug, unique_key
from accord.formats.matrix.safety import (
    FORMULA_TRIGGERS,
    escape_ooxml,
    neutralise_formula,
    restore_formula,
    unescape_ooxml,
)
from tests.formats.fixtures.matrix import text

any_text = st.one_of(text, st.text())


@pytest.mark.parametrize(
    ("value", "exported"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_like_text_gets_exactly_one_quote(value, exported):
    assert neutralise_formula(value) == exported
    assert restore_formula(exported) == value


@settings(max_examples=100)
@given(any_text)
def test_neutralised_text_never_starts_a_formula_and_restores_exactly(value):
    exported = neutralise_formula(value)
    assert not exported.startswith(FORMULA_TRIGGERS)
    assert restore_formula(exported) == value


@settings(max_examples=100)
@given(st.text())
def test_ooxml_escape_leaves_only_characters_xml_keeps_and_round_trips(value):
    escaped = escape_ooxml(value)
    assert not re.search(r"[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", escaped)
    assert unescape_ooxml(escaped) == value


def test_ooxml_escape_uses_excels_own_spelling():
    assert escape_ooxml("a\rb") == "a_x000D_b"
    assert escape_ooxml("_x0041_") == "_x005F_x0041_"
    assert unescape_ooxml("_x000d_") == "\r"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Kick-off meeting", "kick-off-meeting"),
        ("Évaluation du deal", "evaluation-du-deal"),
        ("  API / credentials!! ", "api-credentials"),
        ("東京", "task"),
        ("", "task"),
    ],
)
def test_slug_spells_keys_from_names(value, expected):
    assert slug(value, fallback="task") == expected


@settings(max_examples=100)
@given(any_text)
def test_every_slug_is_a_valid_key(value):
    key = slug(value, fallback="task")
    assert KEY_PATTERN.match(key)
    assert len(key) <= 72


def test_unique_key_numbers_repeats():
    taken: set[str] = set()
    assert [unique_key("a", taken) for _ in range(3)] == ["a", "a-2", "a-3"]


def test_role_headers_and_keys():
    header = parse_role_header(" customer :  IT department ")
    assert header is not None
    assert (header.side, header.name, header.label) == (
        Side.CUSTOMER,
        "IT department",
        "Customer: IT department",
    )
    assert parse_role_header("Supplier: x") is None
    assert parse_role_header("Phase") is None
    assert role_key_from_label(Side.VENDOR, "Account Manager") == "vendor-account-manager"
    assert role_key_from_label(Side.PARTNER, "東京") == "partner"
