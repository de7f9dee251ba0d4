"""Countries and time zones by name: what a person may type for a project's calendar, and the
closest valid value when what they typed is not one.

Countries are those the ``holidays`` package knows public holidays for (alpha-2 codes, with their
English names and alpha-3 codes from its registry); time zones are the tz database's names. A
person may type a name ("United States"), an alpha-2 or alpha-3 code ("US", "USA"), in any
case; :func:`country_code` answers the alpha-2 code or None, and :func:`country_suggestion` the
closest known country ("USA" → "United States (US)") when nothing matches exactly.
"""

from __future__ import annotations

import difflib
from functools import cache
from zoneinfo import available_timezones

import holidays as holidays_package
from holidays import registry

__all__ = [
    "country_choices",
    "country_code",
    "country_label",
    "country_suggestion",
    "zone_name",
    "zone_names",
    "zone_suggestion",
]


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """{alpha-2: (English name, alpha-3)} of every country with public holidays."""
    supported = holidays_package.list_supported_countries()
    found: dict[str, tuple[str, str]] = {}
    for key, entry in registry.COUNTRIES.items():
        alpha2, alpha3 = entry[1], entry[2]
        if alpha2 in supported and len(alpha2) == 2:
            found[alpha2] = (key.replace("_", " ").title(), alpha3)
    for alpha2 in supported:  # any the registry does not name keep their code as name
        if len(alpha2) == 2:
            found.setdefault(alpha2, (alpha2, ""))
    return found


def country_label(code: str) -> str:
    """ "United States (US)" for "US"; the code itself when it is not a known country."""
    known = _countries().get(code.upper())
    return f"{known[0]} ({code.upper()})" if known else code


def country_choices() -> list[tuple[str, str]]:
    """(alpha-2, "Name (XX)") of every known country, by name."""
    return sorted(((code, country_label(code)) for code in _countries()), key=lambda item: item[1])


@cache
def _country_lookup() -> dict[str, str]:
    """Every way to name a country, case-folded, to its alpha-2 code."""
    lookup: dict[str, str] = {}
    for code, (name, alpha3) in _countries().items():
        for spelling in (code, alpha3, name, country_label(code)):
            if spelling:
                lookup.setdefault(spelling.casefold(), code)
    return lookup


def country_code(text: str) -> str | None:
    """The alpha-2 code ``text`` names (a name, an alpha-2 or alpha-3 code, "Name (XX)"), or None."""
    return _country_lookup().get(text.strip().casefold())


#: Common names the holidays registry spells otherwise.
_COUNTRY_ALIASES = {"usa": "US", "america": "US", "uk": "GB", "england": "GB", "britain": "GB"}


def country_suggestion(text: str) -> str | None:
    """The closest known country to ``text``, as "Name (XX)", or None when nothing is close."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    code = country_code(wanted) or _COUNTRY_ALIASES.get(wanted)
    if code is None:
        lookup = _country_lookup()
        close = difflib.get_close_matches(wanted, list(lookup), n=1, cutoff=0.6)
        if not close:
            starting = sorted(name for name in lookup if name.startswith(wanted))
            close = starting[:1]
        code = lookup[close[0]] if close else None
    return country_label(code) if code else None


@cache
def zone_names() -> list[str]:
    """Every tz database zone name, sorted."""
    return sorted(name for name in available_timezones() if "/" in name or name == "UTC")


def zone_name(text: str) -> str | None:
    """The zone name ``text`` names, in any case ("europe/paris" → "Europe/Paris"), or None."""
    wanted = text.strip().replace(" ", "_").casefold()
    return next((name for name in zone_names() if name.casefold() == wanted), None)


def zone_suggestion(text: str) -> str | None:
    """The closest known zone to ``text`` (also matching the city alone: "Pariss" →
    "Europe/Paris"), or None when nothing is close."""
    wanted = text.strip().replace(" ", "_").casefold()
    if not wanted:
        return None
    by_folded = {name.casefold(): name for name in zone_names()}
    close = difflib.get_close_matches(wanted, list(by_folded), n=1, cutoff=0.6)
    if close:
        return by_folded[close[0]]
    by_city = {name.rsplit("/", 1)[-1].casefold(): name for name in zone_names()}
    close = difflib.get_close_matches(wanted.rsplit("/", 1)[-1], list(by_city), n=1, cutoff=0.6)
    return by_city[close[0]] if close else None
