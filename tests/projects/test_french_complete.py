"""French is complete on the main pages: no English leftover among those a first trial saw, and
no ISO or numeric date in the visible text (one date format per language)."""

from __future__ import annotations

import re

import pytest

from accord.domain.raci import Raci
from accord.projects.models import ProjectTask
from accord.projects.people import role_assign
from accord.work import services as work_services
from tests.html import page
from tests.projects.cast import cast_made

pytestmark = pytest.mark.django_db

#: English seen on French pages before (issue 8, "Words"), whole words, case-sensitive.
LEFTOVERS = (
    "Finding",
    "Responsible",
    "Accountable",
    "Likely finish",
    "Today",
    "today",
    "week",
    "weeks",
    "Settings of",
    "finish earliest",
    "slack",
    "business days",
    "critical path",
    "tasks in",
    "has no",
    "is Informed",
    "Responsibles",
    "Accountables",
)
DATES = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}/\d{2}/\d{4}\b")


#: Examples of what a field reads, written as it must be typed (the duration syntax is English).
SYNTAX = ("4-6 weeks", "3/5/8 days")


def _visible(response) -> str:
    """The page's visible text, without the input syntax examples."""
    text = page(response).text
    for example in SYNTAX:
        text = text.replace(example, "")
    return text


@pytest.fixture
def cast():
    cast = cast_made()
    project = cast.project
    role_assign(
        actor=cast.admin, project=project, role_key="project-manager", user=cast.people["customer"].user
    )
    first = ProjectTask.objects.filter(project=project).order_by("position").first()
    work_services.raci_cell_set(
        actor=cast.admin, task=first, role_key="it-department", letters=Raci.A, expected_version=first.version
    )
    cast.first_task = first
    return cast


def _pages(cast):
    project = cast.project.pk
    return {
        "overview": f"/fr/projects/{project}/",
        "board": f"/fr/projects/{project}/board/",
        "task": f"/fr/projects/{project}/tasks/{cast.first_task.pk}/",
        "people": f"/fr/projects/{project}/people/",
        "plan": f"/fr/projects/{project}/plan/",
        "settings": f"/fr/projects/{project}/settings/",
        "my work": "/fr/my-work/",
        "inbox": "/fr/inbox/",
    }


@pytest.mark.parametrize("kind", ["admin", "customer"])
def test_the_main_pages_in_french_have_no_english_leftover_and_no_iso_date(cast, kind):
    client = cast.client_for(kind)
    for name, url in _pages(cast).items():
        response = client.get(url)
        if response.status_code == 404 and kind == "customer":
            continue  # a page for the vendor's staff only
        assert response.status_code == 200, name
        text = _visible(response)
        for leftover in LEFTOVERS:
            assert not re.search(rf"\b{re.escape(leftover)}\b", text), f"{name}: “{leftover}” in French"
        assert not DATES.search(text), f"{name}: {DATES.search(text).group()} is not a French date"


def test_the_linters_findings_read_in_french_on_the_board(cast):
    text = _visible(cast.client_for("admin").get(f"/fr/projects/{cast.project.pk}/board/"))
    task = cast.first_task.name
    assert f"la tâche « {task} » a 2 Approbateurs" in text
