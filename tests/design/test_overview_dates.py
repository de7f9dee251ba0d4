"""The overview slide writes dates as the pages do: one format per language ("18 novembre 2026",
never "18 nov. 2026" next to pages saying "18 novembre 2026")."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from pptx import Presentation

from accord.base.words import day_text
from tests.design.factories import cast_made

pytestmark = pytest.mark.django_db


def _timeline_labels(content: bytes) -> list[str]:
    [slide] = Presentation(io.BytesIO(content)).slides
    return [shape.text_frame.text for shape in slide.shapes if shape.name.startswith("timeline label: start")]


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/fr", "fr")])
def test_the_slide_writes_the_start_date_as_the_pages_do(prefix, language):
    cast = cast_made("invoicecloud-integration", start_date=date(2026, 11, 16), today=date(2026, 11, 2))
    client = Client()
    client.force_login(cast.admin)
    response = client.get(f"{prefix}/projects/{cast.project.pk}/design/overview.pptx")
    assert response.status_code == 200
    [label] = _timeline_labels(response.content)
    assert label.splitlines()[-1] == day_text(date(2026, 11, 16), language)
    assert label.splitlines()[-1] == {"en": "16 Nov 2026", "fr": "16 novembre 2026"}[language]


def test_the_french_date_has_the_whole_month_name():
    assert day_text(date(2026, 11, 18), "fr") == "18 novembre 2026"
    assert day_text(date(2026, 11, 18), "en") == "18 Nov 2026"
