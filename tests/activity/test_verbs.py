"""Activity verbs are a type: every verb written is a member, and every member reads as a
sentence in English and in French."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.verbs import SENTENCES, Names, Verb, entry_detail, entry_sentence, playbook_names
from accord.domain.playbook import Phase, Playbook, Role, Side, Task

SOURCE = Path(__file__).resolve().parents[2] / "src" / "accord"
VERBS_MODULE = SOURCE / "activity" / "verbs.py"
NAMES = Names(
    tasks={"kickoff": "Kick-off meeting"},
    roles={"pm": "Project Manager", "csm": "Customer Success Manager"},
)


def _sample(verb: Verb) -> ActivityEntry:
    """An entry of ``verb`` shaped as its writer shapes it."""
    prefix = verb.value.split(".", 1)[0]
    target_key = {
        "task": "kickoff",
        "comment": "kickoff",
        "input": "kickoff",
        "actual_dates": "kickoff",
        "raci": "kickoff/pm",
        "plan": "kickoff",
        "role": "pm>csm" if verb is Verb.ROLE_HANDED_OVER else "pm",
    }.get(prefix, "42")
    person = {"id": 7, "email": "paula@example.com", "name": "Paula Person"}
    data = {
        **person,
        "letters": 3,
        "raci": "RA",
        "playbook_version": "2.0",
        "version": "2.0",
        "key": "tomorro-integration",
        "go_live_baseline": "2026-05-04",
        "go_live_p80": "2026-06-01",
        "role": "pm",
        "holder": person,
        "body": "Which SSO provider?",
    }
    return ActivityEntry(
        actor=User(email="ann@example.com", full_name="Ann Actor"),
        verb=verb,
        target_key=target_key,
        summary="",
        before=data,
        after=data | {"role": "csm"},
    )


@pytest.mark.parametrize("verb", list(Verb))
def test_every_verb_reads_as_a_sentence_in_english_and_in_french(verb):
    entry = _sample(verb)
    template = str(SENTENCES[verb])
    with translation.override("en"):
        english = entry_sentence(entry, NAMES)
    with translation.override("fr"):
        french = entry_sentence(entry, NAMES)
        assert str(SENTENCES[verb]) != template, "the French catalogue has no translation"
    assert english != french
    for sentence in (english, french):
        assert "%(" not in sentence
        assert verb.value not in sentence
        if "%(actor)s" in template:
            assert "Ann Actor" in sentence
        if "%(task)s" in template:
            assert "Kick-off meeting" in sentence
        if "%(person)s" in template:
            assert "Paula Person" in sentence


@pytest.mark.parametrize("verb", list(Verb))
def test_every_verb_has_a_french_label(verb):
    with translation.override("en"):
        english = str(verb.label)
    with translation.override("fr"):
        assert str(verb.label) != english


def test_sentences_name_roles_tasks_and_dates():
    with translation.override("en"):
        assert entry_sentence(_sample(Verb.ROLE_LEAD_CHANGED), NAMES) == (
            "Ann Actor made Paula Person lead of Project Manager"
        )
        assert entry_sentence(_sample(Verb.RACI_CHANGED), NAMES) == (
            "Ann Actor changed Project Manager on “Kick-off meeting” from RA to RA"
        )
        assert entry_sentence(_sample(Verb.ROLE_HANDED_OVER), NAMES) == (
            "Project Manager handed over to Customer Success Manager (Paula Person)"
        )
    with translation.override("fr"):
        assert entry_sentence(_sample(Verb.PROJECT_BASELINE_SET), NAMES) == (
            "Ann Actor a fixé la mise en production engagée au 4 mai 2026"
        )


def test_the_system_is_named_accord_and_unknown_keys_show_as_they_are():
    entry = _sample(Verb.TASK_APPROVED)
    entry.actor = None
    entry.target_key = "gone"
    with translation.override("en"):
        assert entry_sentence(entry) == "Accord approved “gone”"


def test_an_entry_of_a_verb_no_longer_known_reads_as_its_summary():
    entry = ActivityEntry(verb="task.transitioned", summary="Kick-off: started")
    assert entry_sentence(entry) == "Kick-off: started"


def test_what_people_wrote_is_the_detail():
    assert entry_detail(_sample(Verb.INPUT_REQUESTED)) == "Which SSO provider?"
    blocked = _sample(Verb.TASK_BLOCKED)
    blocked.after = {"status": "blocked", "reason": "Waiting for access"}
    assert entry_detail(blocked) == "Waiting for access"
    assert entry_detail(_sample(Verb.TASK_STARTED)) == ""


def test_playbook_names_reads_a_projects_copy():
    playbook = Playbook(
        key="p",
        name="P",
        version="1",
        roles=(Role("pm", "Project Manager", Side.VENDOR),),
        phases=(Phase("p", "Phase", (Task("kickoff", "Kick-off"),)),),
    )
    names = playbook_names(playbook)
    assert (names.roles, names.tasks) == ({"pm": "Project Manager"}, {"kickoff": "Kick-off"})


# --- The source: verbs are written as members, never as bare strings ---------------------------


def _modules():
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts or path == VERBS_MODULE:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_verb_member(node: ast.AST) -> bool:
    """``Verb.SOMETHING`` (members are upper case; ``Verb.choices`` and the like are not)."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Verb"
        and node.attr.isupper()
    )


def test_no_verb_is_written_as_a_bare_string():
    values = {verb.value for verb in Verb}
    problems = []
    for path, tree in _modules():
        where = path.relative_to(SOURCE)
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg in ("verb", "verb__in"):
                items = node.value.elts if isinstance(node.value, ast.Tuple | ast.List) else [node.value]
                for item in items:
                    if isinstance(item, ast.Constant | ast.JoinedStr | ast.BinOp):
                        problems.append(f"{where}:{item.lineno}: {node.arg}= a bare string")
            if isinstance(node, ast.Constant) and node.value in values:
                problems.append(f"{where}:{node.lineno}: the verb {node.value!r} as a string")
    assert problems == []


def test_every_verb_is_written_somewhere_and_every_verb_written_is_a_member():
    used = set()
    for path, tree in _modules():
        for node in ast.walk(tree):
            if _is_verb_member(node):
                assert isinstance(node, ast.Attribute)
                assert node.attr in Verb.__members__, f"{path}:{node.lineno}: Verb.{node.attr} is no verb"
                used.add(Verb[node.attr])
    assert set(Verb) - used == set(), "verbs nobody writes"
    assert set(SENTENCES) == set(Verb)


def test_the_activity_app_imports_no_other_app_of_accord():
    imported = set()
    for path in (SOURCE / "activity").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    others = {
        name for name in imported if name.startswith("accord.") and not name.startswith("accord.activity")
    }
    assert others == set()
