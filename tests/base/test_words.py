"""French elides "de" before a vowel: one helper for every "of <name>"."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from accord.base.words import of_name


@pytest.mark.parametrize(
    ("name", "french"),
    [
        ("Accord Demo", "d’Accord Demo"),
        ("Éric Dupont", "d’Éric Dupont"),
        ("Yves", "d’Yves"),
        ("Globex", "de Globex"),
        ("Hachette", "de Hachette"),
        ("", "de "),
    ],
)
def test_of_name_elides_before_a_vowel_in_french(name, french):
    with translation.override("fr"):
        assert of_name(name) == french
    with translation.override("en"):
        assert of_name(name) == f"of {name}"


def test_the_filter_and_the_settings_breadcrumb_read_paramètres_d_accord():
    template = Template(
        "{% load i18n words %}{% blocktranslate with of_name=name|of_name %}Settings {{ of_name }}"
        "{% endblocktranslate %}"
    )
    with translation.override("fr"):
        assert template.render(Context({"name": "Accord Demo"})) == "Paramètres d’Accord Demo"
        assert template.render(Context({"name": "Globex & Co"})) == "Paramètres de Globex &amp; Co"
    with translation.override("en"):
        assert template.render(Context({"name": "Accord Demo"})) == "Settings of Accord Demo"
