"""Colour contrast by WCAG 2.x: relative luminance, contrast ratio, readable text on an accent.

A workspace's accent colour fills the header band of the contacts' pages and e-mails, and colours
links on a white page. Text on the band is black or white, whichever reads better; the accent
itself must reach the AA ratio for normal text (4.5:1) against white, or it is refused with a
darker shade of the same hue that does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: WCAG 2.x AA minimum contrast for normal-size text.
AA_NORMAL_TEXT = 4.5

WHITE = "#ffffff"
BLACK = "#000000"

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """The red, green and blue channels (0-255) of ``#rgb`` or ``#rrggbb`` (the ``#`` optional).

    Raises :class:`ValueError` for anything else.
    """
    match = _HEX.match(colour.strip())
    if match is None:
        raise ValueError(colour)
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def normalise_hex(colour: str) -> str:
    """``colour`` as lower-case ``#rrggbb``; :class:`ValueError` when it is no hex colour."""
    red, green, blue = parse_hex(colour)
    return to_hex((red, green, blue))


def to_hex(channels: tuple[int, int, int]) -> str:
    """``#rrggbb`` of three 0-255 channels."""
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The WCAG 2.x relative luminance of a hex colour: 0 for black, 1 for white."""
    red, green, blue = parse_hex(colour)
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG 2.x contrast ratio of two hex colours, from 1 (same) to 21 (black on white);
    symmetric."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (white on a tie)."""
    return BLACK if contrast_ratio(BLACK, background) > contrast_ratio(WHITE, background) else WHITE


def darker_shade(colour: str, *, against: str = WHITE, minimum: float = AA_NORMAL_TEXT) -> str:
    """The lightest shade of ``colour`` (its channels scaled down together, keeping the hue) whose
    contrast with ``against`` reaches ``minimum``; ``colour`` itself when it already does."""
    if contrast_ratio(colour, against) >= minimum:
        return normalise_hex(colour)
    channels = parse_hex(colour)
    low, high = 0, 255  # the scale, in 1/255 steps: 0 is black, which always passes on white
    while low < high:
        middle = (low + high + 1) // 2
        if contrast_ratio(_scaled(channels, middle), against) >= minimum:
            low = middle
        else:
            high = middle - 1
    return _scaled(channels, low)


def _scaled(channels: tuple[int, int, int], scale: int) -> str:
    red, green, blue = channels
    return to_hex((red * scale // 255, green * scale // 255, blue * scale // 255))


@dataclass(frozen=True, slots=True)
class AccentCheck:
    """The verdict on an accent colour: its ratio with white, whether it passes, and a shade that does."""

    accent: str
    ratio: float
    passes: bool
    suggestion: str
    on_accent: str


def check_accent(colour: str) -> AccentCheck:
    """Judge ``colour`` (hex) as an accent for links and text on a white page (WCAG AA 4.5:1).

    Raises :class:`ValueError` when ``colour`` is no hex colour.
    """
    accent = normalise_hex(colour)
    ratio = contrast_ratio(accent, WHITE)
    return AccentCheck(
        accent=accent,
        ratio=ratio,
        passes=ratio >= AA_NORMAL_TEXT,
        suggestion=darker_shade(accent),
        on_accent=text_on(accent),
    )
