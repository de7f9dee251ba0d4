"""The close on the project overview and the survey pages' behaviour."""

from __future__ import annotations

import pytest

from accord.surveys import services
from tests.surveys.factories import csm_cast

pytestmark = pytest.mark.django_db


def test_the_overview_shows_the_main_point_of_contact_after_the_close():
    cast = csm_cast()
    client = cast.client_for("manager")
    overview = client.get(f"/projects/{cast.project.pk}/")
    assert overview.status_code == 200
    assert "Onboarding is not closed yet." in overview.text
    response = client.post(f"/projects/{cast.project.pk}/close/", {})
    assert response.status_code == 302
    member = cast.people["member"].user
    customer_view = cast.client_for("customer").get(f"/projects/{cast.project.pk}/").text
    assert f"Main point of contact going forward: {member.get_full_name()}" in customer_view
    assert "/survey/" not in customer_view  # the survey's score is internal


def test_the_overview_says_it_in_french():
    cast = csm_cast()
    services.onboarding_close(actor=cast.admin, project=cast.project)
    page = cast.client_for("customer").get(f"/fr/projects/{cast.project.pk}/").text
    assert "Interlocuteur principal désormais" in page


def test_the_answer_page_speaks_the_contacts_language_and_names_a_missing_score():
    cast = csm_cast()
    contact = cast.people["customer"].user
    contact.language = "fr"
    contact.save()
    [response] = services.survey_send(actor=cast.admin, project=cast.project)
    client = cast.client_for("anonymous")
    path = f"/survey/{services.survey_token(response)}/"
    assert "Êtes-vous satisfait de votre onboarding" in client.get(path).text
    refused = client.post(path, {"comment": "No score"})
    assert refused.status_code == 422
    assert refused.context["form"].errors["score"]
