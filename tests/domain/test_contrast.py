"""WCAG 2.x contrast: the published reference values and the rules as properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.domain.contrast import (
    AA_NORMAL_TEXT,
    BLACK,
    WHITE,
    check_accent,
    contrast_ratio,
    darker_shade,
    normalise_hex,
    parse_hex,
    relative_luminance,
    text_on,
)

colours = st.tuples(*(st.integers(0, 255),) * 3).map(lambda rgb: "#{:02x}{:02x}{:02x}".format(*rgb))


def test_black_on_white_is_21_to_1_and_white_on_white_1_to_1():
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast_ratio(WHITE, WHITE) == pytest.approx(1.0)


def test_known_reference_values():
    # WebAIM's checker: #777777 on white is 4.48:1 (fails AA), #767676 is 4.54:1 (passes).
    assert contrast_ratio("#777777", WHITE) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)


def test_short_and_upper_case_hex_are_read():
    assert parse_hex("#FFF") == (255, 255, 255)
    assert normalise_hex("1D4ED8") == "#1d4ed8"


@pytest.mark.parametrize("text", ["", "#12", "blue", "#ggghhh", "#1234567"])
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError):
        parse_hex(text)


@given(colours, colours)
def test_ratio_is_symmetric_and_between_1_and_21(first, second):
    ratio = contrast_ratio(first, second)
    assert ratio == pytest.approx(contrast_ratio(second, first))
    assert 1.0 <= ratio <= 21.0 + 1e-9


@given(colours)
def test_text_on_an_accent_is_the_better_of_black_and_white_and_always_readable(colour):
    chosen = text_on(colour)
    other = WHITE if chosen == BLACK else BLACK
    assert contrast_ratio(chosen, colour) >= contrast_ratio(other, colour)
    # One of black and white always reaches at least 4.58:1 on any colour.
    assert contrast_ratio(chosen, colour) >= 4.5


@given(colours)
def test_the_darker_shade_passes_and_keeps_a_passing_colour(colour):
    shade = darker_shade(colour)
    assert contrast_ratio(shade, WHITE) >= AA_NORMAL_TEXT
    assert relative_luminance(shade) <= relative_luminance(colour) + 1e-12
    if contrast_ratio(colour, WHITE) >= AA_NORMAL_TEXT:
        assert shade == colour


def _scaled(colour, scale):
    red, green, blue = parse_hex(colour)
    return f"#{red * scale // 255:02x}{green * scale // 255:02x}{blue * scale // 255:02x}"


@given(colours)
def test_the_darker_shade_is_the_lightest_passing_shade(colour):
    shade = darker_shade(colour)
    if shade != colour:
        scale = max(s for s in range(256) if _scaled(colour, s) == shade)
        # One step lighter along the same scale fails: the suggestion is not needlessly dark.
        assert contrast_ratio(_scaled(colour, scale + 1), WHITE) < AA_NORMAL_TEXT


def test_check_accent_refuses_a_light_accent_and_suggests_a_darker_one():
    check = check_accent("#ffcc00")
    assert not check.passes
    assert check.ratio < AA_NORMAL_TEXT
    assert contrast_ratio(check.suggestion, WHITE) >= AA_NORMAL_TEXT
    assert check.on_accent == BLACK


def test_check_accent_passes_a_dark_accent_with_white_text():
    check = check_accent("#1D4ED8")
    assert check.passes
    assert check.accent == "#1d4ed8"
    assert check.suggestion == "#1d4ed8"
    assert check.on_accent == WHITE
