"""Properties of the detector over generated text: offsets, redaction, and numbers always found."""

import itertools
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.fr import nir

from accord.domain.pii import Category, find_personal_data, placeholder, redact

# Words that cannot glue to a number: letters, spaces and punctuation (no digits).
filler = st.text(alphabet=string.ascii_letters + " ,.;:!?'()éàç\n", max_size=60)
any_text = st.text(max_size=120)
sample_lines = st.sampled_from(
    [
        "Mail john.smith@acme.com",
        "call (212) 736-5000",
        "IBAN FR76 3000 6000 0112 3456 7890 189",
        "card 4111 1111 1111 1111",
        "born 12/03/1985",
        "salaire brut 3 200 €",
        "cc all@acme.com",
        "SSN 581-20-8792",
        "nothing to see",
    ]
)
mixed_text = st.lists(st.one_of(sample_lines, filler), max_size=6).map(" ".join)


@given(st.one_of(any_text, mixed_text))
def test_findings_index_the_text_and_do_not_overlap(text):
    findings = find_personal_data(text)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
        assert 0.5 <= finding.score <= 1.0
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))


@given(mixed_text)
def test_redaction_removes_every_finding_and_keeps_the_rest(text):
    findings = find_personal_data(text)
    redacted = redact(text, findings)
    for finding in findings:
        assert finding.text not in redacted or finding.text in _outside(text, findings)
    expected_pieces = []
    position = 0
    for finding in findings:
        expected_pieces += [text[position : finding.start], placeholder(finding.category)]
        position = finding.end
    expected_pieces.append(text[position:])
    assert redacted == "".join(expected_pieces)


def _outside(text, findings):
    """The text between the findings (where a finding's text may legitimately appear again)."""
    pieces, position = [], 0
    for finding in findings:
        pieces.append(text[position : finding.start])
        position = finding.end
    pieces.append(text[position:])
    return "\n".join(pieces)


@st.composite
def card_numbers(draw):
    prefix = draw(st.sampled_from(["4", "51", "52", "53", "54", "55", "34", "37", "6011", "35"]))
    length = (
        15
        if prefix in {"34", "37"}
        else draw(st.sampled_from([16, 16, 19]) if prefix == "4" else st.just(16))
    )
    body = prefix + draw(
        st.text(alphabet=string.digits, min_size=length - len(prefix) - 1, max_size=length - 1 - len(prefix))
    )
    number = body + luhn.calc_check_digit(body)
    spaced = draw(st.booleans())
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4)) if spaced else number


@st.composite
def nirs(draw):
    body = (
        draw(st.sampled_from("12"))
        + f"{draw(st.integers(0, 99)):02d}"
        + f"{draw(st.integers(1, 12)):02d}"
        + f"{draw(st.integers(1, 95)):02d}"
        + f"{draw(st.integers(1, 990)):03d}"
        + f"{draw(st.integers(1, 999)):03d}"
    )
    return body + nir.calc_check_digits(body)


@st.composite
def ibans(draw):
    country, length = draw(st.sampled_from([("FR", 23), ("DE", 18), ("GB", 18), ("NL", 14), ("ES", 20)]))
    if country == "GB":
        bban = draw(st.text(alphabet=string.ascii_uppercase, min_size=4, max_size=4)) + draw(
            st.text(alphabet=string.digits, min_size=14, max_size=14)
        )
    elif country == "NL":
        bban = draw(st.text(alphabet=string.ascii_uppercase, min_size=4, max_size=4)) + draw(
            st.text(alphabet=string.digits, min_size=10, max_size=10)
        )
    else:
        bban = draw(st.text(alphabet=string.digits, min_size=length, max_size=length))
    number = country + iban.calc_check_digits(country + "00" + bban) + bban
    if not iban.is_valid(number):  # a national check (France's RIB key, Spain's) may fail: fix it
        number = iban.compact(
            draw(st.sampled_from(["FR7630006000011234567890189", "ES9121000418450200051332"]))
        )
    spaced = draw(st.booleans())
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4)) if spaced else number


def _found_as(text, value, category):
    start = text.index(value)
    return any(
        f.category is category and f.start <= start and start + len(value) <= f.end
        for f in find_personal_data(text)
    )


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(filler, card_numbers(), filler)
def test_a_valid_card_number_is_always_found(before, number, after):
    text = f"{before} {number} {after}"
    assert _found_as(text, number, Category.CARD)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(filler, nirs(), filler)
def test_a_valid_nir_is_always_found(before, number, after):
    text = f"{before} {number} {after}"
    assert _found_as(text, number, Category.NATIONAL_ID)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(filler, ibans(), filler)
def test_a_valid_iban_is_always_found(before, number, after):
    text = f"{before} {number} {after}"
    assert _found_as(text, number, Category.BANK)
