"""The project's playbook copy, typed, read in one place: parsed once per instance and once per
content, and what the pages read from it (role names, hand-overs, a task's text) comes from it."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace

import pytest

from accord.domain.playbook import Handover
from accord.formats.playbook_yaml import playbook_from_data, playbook_to_data
from accord.projects import playbook_copy
from accord.projects.access import Audience
from accord.projects.handover import handovers_of
from accord.projects.models import Project
from accord.projects.playbook_copy import project_playbook, role_keys, role_name
from accord.work.page_selectors import PlaybookText, playbook_text
from tests.work.factories import ProjectFactory, small_playbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def parses(monkeypatch):
    """Counts the real parses of a copy (the schema check and reading) from here on."""
    calls = []

    def counted(data, where="<playbook data>"):
        calls.append(where)
        return playbook_from_data(data, where=where)

    monkeypatch.setattr(playbook_copy, "playbook_from_data", counted)
    monkeypatch.setattr(playbook_copy, "_parsed", type(playbook_copy._parsed)())
    return calls


def test_the_copy_is_the_typed_playbook_it_was_written_from():
    project = ProjectFactory()
    assert project_playbook(project) == small_playbook()


def test_a_project_is_parsed_once_and_asked_without_queries(parses, django_assert_num_queries):
    project = ProjectFactory()
    with django_assert_num_queries(0):
        first = project_playbook(project)
        assert project_playbook(project) is first
        assert role_keys(project) == [role.key for role in first.roles]
    assert len(parses) == 1


def test_another_instance_with_the_same_copy_reuses_the_parse(parses):
    project = ProjectFactory()
    first = project_playbook(project)
    again = Project.objects.get(pk=project.pk)
    assert project_playbook(again) is first
    assert len(parses) == 1


def test_a_new_copy_is_read_afresh(parses):
    project = ProjectFactory()
    before = project_playbook(project)
    renamed = replace(before, roles=tuple(replace(role, name=role.name.upper()) for role in before.roles))
    project.playbook_data = playbook_to_data(renamed)  # what an upgrade does
    assert project_playbook(project) == renamed
    assert len(parses) == 2


def test_a_project_still_copies_and_pickles_after_its_copy_was_read():
    project = ProjectFactory()
    playbook = project_playbook(project)
    for twin in (copy.deepcopy(project), pickle.loads(pickle.dumps(project))):
        assert twin.pk == project.pk
        assert project_playbook(twin) == playbook


def test_role_names_come_from_the_copy_and_an_unknown_role_reads_as_its_key():
    project = ProjectFactory()
    assert role_name(project, "vendor-pm") == next(
        role.name for role in small_playbook().roles if role.key == "vendor-pm"
    )
    assert role_name(project, "no-such-role") == "no-such-role"


def test_hand_overs_come_from_the_copy():
    handing = replace(
        small_playbook(), handovers=(Handover("vendor-pm", "customer-lead", "start", "after kick-off"),)
    )
    project = ProjectFactory(playbook_data=playbook_to_data(handing))
    assert handovers_of(project) == handing.handovers


def test_a_tasks_text_shows_its_notes_to_the_vendor_only():
    playbook = small_playbook()
    task = playbook.tasks[0]
    noted = replace(
        playbook,
        phases=(
            replace(
                playbook.phases[0],
                tasks=(replace(task, details="Agenda", notes=("internal",)), *playbook.phases[0].tasks[1:]),
            ),
            *playbook.phases[1:],
        ),
    )
    assert playbook_text(noted, task.key, Audience.INTERNAL).notes == ("internal",)
    shared = playbook_text(noted, task.key, Audience.SHARED)
    assert (shared.details, shared.notes) == ("Agenda", ())
    assert playbook_text(noted, "no-such-task", Audience.INTERNAL) == PlaybookText()
