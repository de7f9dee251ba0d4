import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.domain.raci import LETTERS, InvalidRaci, Raci, parse_raci

cells = st.sampled_from(
    [Raci(0), Raci.NA] + [Raci(value) for value in range(1, 16)],
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R", Raci.R),
        ("R/A", Raci.R | Raci.A),
        ("RA", Raci.R | Raci.A),
        ("R, A", Raci.R | Raci.A),
        ("a r", Raci.R | Raci.A),
        ("Responsible & Accountable", Raci.R | Raci.A),
        ("Informed & Responsible", Raci.R | Raci.I),
        ("Approver", Raci.A),
        ("consulted and informed", Raci.C | Raci.I),
        ("RACI", Raci.R | Raci.A | Raci.C | Raci.I),
        ("N/A", Raci.NA),
        ("n/a", Raci.NA),
        ("Not applicable", Raci.NA),
        ("", Raci(0)),
        ("   ", Raci(0)),
        (None, Raci(0)),
    ],
)
def test_parse_accepts_the_spellings_people_use(text, expected):
    assert parse_raci(text) == expected


@pytest.mark.parametrize("text", ["X", "R/X", "Resp", "N/A & R", "R;=1", "42"])
def test_parse_rejects_anything_else_with_a_hint(text):
    with pytest.raises(InvalidRaci) as caught:
        parse_raci(text)
    assert caught.value.hint
    assert repr(text.strip()) in caught.value.message


def test_canonical_spelling_orders_letters_r_a_c_i():
    assert (Raci.I | Raci.R).canonical == "R/I"
    assert (Raci.C | Raci.A | Raci.R).canonical == "R/A/C"
    assert Raci.NA.canonical == "N/A"
    assert Raci(0).canonical == ""


@given(cells)
def test_canonical_and_words_spellings_round_trip(cell):
    assert parse_raci(cell.canonical) == cell
    if not cell.is_empty:
        assert parse_raci(cell.words) == cell


@given(st.permutations(LETTERS), st.sampled_from(["/", ", ", " & ", " ", ""]))
def test_letter_order_and_separator_do_not_matter(order, separator):
    text = separator.join(letter.name or "" for letter in order)
    assert parse_raci(text) == Raci.R | Raci.A | Raci.C | Raci.I
