"""The work pages in French (under /fr/): headings, buttons, messages and letters' words."""

import pytest
from django.utils import translation

from accord.base.words import of_name
from tests.html import page as parsed
from tests.work.factories import submitted_for_approval, task

pytestmark = pytest.mark.django_db


def test_the_board_in_french(client, crew):
    client.force_login(crew.manager)
    page = client.get(f"/fr/projects/{crew.project.pk}/board/").text
    board = parsed(page)
    assert board.one("html").get("lang") == "fr"
    with translation.override("fr"):
        assert board.one("h1").text == f"Tableau RACI {of_name(crew.project.name)}"  # "de X", "d’Y"
    assert "Ce que le contrôle RACI relève" in page
    kickoff = crew.project.tasks.order_by("position").first()
    editor = client.get(f"/fr/projects/{crew.project.pk}/board/cell/{kickoff.pk}/customer-it/").text
    assert "A — Approbateur" in editor
    assert "Enregistrer" in editor
    assert "Non commencée" in page  # the status, from the workflow catalogue
    assert board.role("button", "Kick-off · Project lead: Approbateur. Changer")


def test_an_in_place_edit_answers_in_french(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    response = client.post(
        f"/fr/projects/{crew.project.pk}/board/cell/",
        {"task": build.pk, "role": "customer-lead", "version": 1, "letters": ["A"]},
        headers={"HX-Request": "true"},
    )
    assert "Enregistré : Build the connector · Project lead est maintenant « A »." in response.text
    assert "Annuler la modification" in response.text


def test_the_task_page_my_work_and_inbox_in_french(client, crew, django_capture_on_commit_callbacks):
    kickoff = task(crew.project, "kickoff")
    submitted_for_approval(kickoff, crew.pm, django_capture_on_commit_callbacks)
    client.force_login(crew.lead)
    page = client.get(f"/fr/projects/{crew.project.pk}/tasks/{kickoff.pk}/").text
    assert "Ce que vous pouvez faire" in page
    assert parsed(page).role("button", "Approuver")
    assert "Pourquoi ? (nécessaire pour renvoyer)" in page
    page = client.get("/fr/my-work/").text
    assert parsed(page).one("h1").text == "Mon travail"
    assert "À approuver" in page
    page = client.get("/fr/inbox/").text
    assert "1 notification non lue." in page
    assert "Tout marquer comme lu" in page
    # The refusal of a stale action, in French.
    response = client.post(
        f"/fr/projects/{crew.project.pk}/tasks/{kickoff.pk}/transition/", {"action": "approve", "version": 1}
    )
    assert response.status_code == 409
    assert "pendant que vous la consultiez ; rien n’a été changé." in response.text
