"""The task page's history and the board's change notice read as sentences with names, never as
raw verbs and keys; the board's heading elides "de" in French."""

import pytest

from accord.activity.models import ActivityEntry
from tests.html import page as parsed
from tests.work.factories import task

pytestmark = pytest.mark.django_db


def _set_cell(client, project, task_row, role, letters):
    return client.post(
        f"/projects/{project.pk}/board/cell/",
        {"task": task_row.pk, "role": role, "version": task_row.version, "letters": letters},
    )


def test_the_task_history_reads_as_sentences(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    assert _set_cell(client, crew.project, build, "customer-lead", ["NA"]).status_code == 302
    history = parsed(client.get(f"/projects/{crew.project.pk}/tasks/{build.pk}/")).one("ol.history").text
    name = crew.manager.get_full_name()
    assert f"{name} changed Project lead on “Build the connector” from I to N/A" in " ".join(history.split())
    assert "customer-lead" not in history
    assert "raci.changed" not in history


def test_the_boards_change_notice_is_a_sentence(client, crew):
    client.force_login(crew.manager)
    build = task(crew.project, "build")
    response = _set_cell(client, crew.project, build, "customer-lead", ["NA"])
    entry = ActivityEntry.objects.get(verb="raci.changed")
    notice = parsed(client.get(response["Location"])).one(".board-changed").text
    assert "changed Project lead on “Build the connector” from I to N/A" in " ".join(notice.split())
    assert entry.target_key.split("/")[1] not in notice


@pytest.mark.parametrize(
    ("name", "expected"), [("Globex rollout", "de Globex rollout"), ("Initech", "d’Initech")]
)
def test_the_board_heading_elides_in_french(client, crew, name, expected):
    crew.project.name = name
    crew.project.save()
    client.force_login(crew.manager)
    heading = parsed(client.get(f"/fr/projects/{crew.project.pk}/board/")).one("h1").text
    assert heading == f"Tableau RACI {expected}"
