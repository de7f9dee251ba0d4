"""The need and design pages: French, internal notes, My work, the tree's settings, the switch."""

from __future__ import annotations

import pytest

from accord.design import services
from accord.design.models import WorkspaceDecisionTree
from accord.formats.design.decision_tree_yaml import dump_decision_tree
from accord.playbooks.decision_trees import builtin_decision_tree
from accord.projects.models import Project, ProjectTask
from tests.design.factories import cast_made, flows_made, need_made

pytestmark = pytest.mark.django_db


def test_the_need_page_speaks_french_with_the_warnings_translated_by_code(client):
    cast = cast_made()
    need = need_made(cast, check_unique=False)
    client.force_login(cast.people["customer"].user)
    response = client.get(f"/fr/projects/{cast.project.pk}/design/needs/{need.pk}/")
    assert response.status_code == 200
    assert response.context["statement"].startswith("Je veux create a contract dans Tomorro quand")
    assert [warning.message for warning in response.context["warnings"]] == [
        "Le déclencheur n’est peut-être pas unique."
    ]
    assert response.context["walk"].next_question.text.fr == "Quel est l’échange de données envisagé ?"


def test_internal_notes_reach_the_vendors_staff_only(client):
    cast = cast_made("invoicecloud-integration")
    need = need_made(cast, internal_note="Margin is thin")
    _bdr, tdr = flows_made(cast)  # the TDR carries the internal note "secret"
    paths = [
        f"/projects/{cast.project.pk}/design/needs/{need.pk}/",
        f"/projects/{cast.project.pk}/design/needs/{need.pk}/versions/1/",
        f"/projects/{cast.project.pk}/design/needs/{need.pk}/edit/",
        f"/projects/{cast.project.pk}/design/reviews/{tdr.pk}/",
    ]
    for kind, shown in (("member", True), ("customer", False), ("partner-on", False)):
        client.force_login(cast.people[kind].user)
        for path in paths:
            content = client.get(path).content.decode()
            assert ("Margin is thin" in content or "secret" in content) is shown, (kind, path)


def test_an_open_question_shows_in_its_owners_my_work(client):
    cast = cast_made("invoicecloud-integration")
    bdr, _tdr = flows_made(cast)
    contact = cast.people["customer"].user
    client.force_login(cast.admin)
    response = client.post(
        f"/projects/{cast.project.pk}/design/reviews/{bdr.pk}/records/",
        {"kind": "question", "text": "Which channels?", "owner": contact.pk, "due": "2026-03-20"},
    )
    assert response.status_code == 302
    client.force_login(contact)
    questions = client.get("/my-work/").context["open_questions"]
    assert [item.text for item in questions] == ["Which channels?"]
    client.post(f"/projects/{cast.project.pk}/design/questions/{questions[0].pk}/answer/", {"answer": "Card"})
    assert client.get("/my-work/").context["open_questions"] == []


def test_an_open_question_without_owner_is_refused_on_the_form(client):
    cast = cast_made("invoicecloud-integration")
    bdr, _tdr = flows_made(cast)
    client.force_login(cast.admin)
    response = client.post(
        f"/projects/{cast.project.pk}/design/reviews/{bdr.pk}/records/", {"kind": "question", "text": "Q?"}
    )
    assert response.status_code == 422
    assert set(response.context["item_form"].errors) == {"owner", "due"}


def test_the_settings_page_refuses_a_tree_naming_the_path(client):
    cast = cast_made()
    client.force_login(cast.admin)
    path = f"/workspaces/{cast.project.workspace_id}/settings/decision-tree/"
    assert client.get(path).context["form"].initial["text"] == dump_decision_tree(builtin_decision_tree())
    broken = dump_decision_tree(builtin_decision_tree()).replace("next: native-connector", "next: nowhere")
    response = client.post(path, {"text": broken})
    assert response.status_code == 422
    assert any("direction → both-directions → nowhere" in line for line in response.context["errors"])
    assert not WorkspaceDecisionTree.objects.exists()
    assert client.post(path, {"text": dump_decision_tree(builtin_decision_tree())}).status_code == 302
    assert WorkspaceDecisionTree.objects.filter(workspace_id=cast.project.workspace_id).exists()


def test_a_wrong_answer_is_refused_on_the_page(client):
    cast = cast_made()
    need = need_made(cast)
    client.force_login(cast.admin)
    response = client.post(
        f"/projects/{cast.project.pk}/design/needs/{need.pk}/walk/", {"question": "direction", "answer": "up"}
    )
    assert response.status_code == 422
    assert response.context["errors"]


def test_the_switch_page_previews_then_switches(client):
    cast = cast_made("tomorro-integration", variant="internal-api")
    need = need_made(cast)
    for question, answer in (("direction", "both-directions"),):
        services.need_answer(actor=cast.admin, need=need, question=question, answer=answer)
    client.force_login(cast.admin)
    path = f"/projects/{cast.project.pk}/design/needs/{need.pk}/switch/"
    preview = client.get(path).context["preview"]
    assert "support-internal-api" in {line.key for line in preview.removed}
    ProjectTask.objects.filter(project=cast.project, key="support-internal-api").update(status="in_progress")
    refused = client.post(path, {"expected_version": cast.project.version})
    assert refused.status_code == 409
    ProjectTask.objects.filter(project=cast.project, key="support-internal-api").update(status="not_started")
    assert client.post(path, {"expected_version": cast.project.version}).status_code == 302
    assert Project.objects.get(pk=cast.project.pk).variant == "no-code-salesforce"
