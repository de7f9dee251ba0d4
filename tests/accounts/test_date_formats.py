"""One date format per language: "3 Dec 2026" in English, "3 décembre 2026" in French, for every
named format the pages, e-mails and exports use."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import formats, translation

DAY = dt.date(2026, 12, 3)
EXPECTED = {"en": "3 Dec 2026", "fr": "3 décembre 2026"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_named_date_format_reads_the_same(language):
    with translation.override(language):
        shown = {name: formats.date_format(DAY, name) for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT")}
        rendered = Template('{{ day|date }}|{{ day|date:"SHORT_DATE_FORMAT" }}').render(Context({"day": DAY}))
        moment = dt.datetime(2026, 12, 3, 14, 5)
        times = {formats.date_format(moment, name) for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT")}
    assert set(shown.values()) == {EXPECTED[language]}
    assert rendered == f"{EXPECTED[language]}|{EXPECTED[language]}"
    assert len(times) == 1
    assert times.pop().startswith(EXPECTED[language])
