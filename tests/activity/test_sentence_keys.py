"""No activity sentence shows a raw key: neither its verb ("raci.undone"), nor a role's or a
task's key, nor the e-mail address of someone who has a name."""

from __future__ import annotations

import pytest
from django.utils import translation

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.verbs import Names, Verb, entry_sentence

ROLE, OTHER_ROLE, TASK = "engineering-team-key", "success-team-key", "kick-off-key"
NAMES = Names(
    tasks={TASK: "Kick-off meeting"},
    roles={ROLE: "Engineering team", OTHER_ROLE: "Customer Success"},
)
KEYS = (ROLE, OTHER_ROLE, TASK, "glen@globex.example", "ann@example.com")


def _entry(verb: Verb) -> ActivityEntry:
    prefix = verb.value.split(".", 1)[0]
    target_key = {
        "task": TASK,
        "comment": TASK,
        "input": TASK,
        "actual_dates": TASK,
        "raci": f"{TASK}/{ROLE}",
        "plan": TASK,
        "role": f"{ROLE}>{OTHER_ROLE}" if verb is Verb.ROLE_HANDED_OVER else ROLE,
    }.get(prefix, "42")
    person = {"id": 7, "email": "glen@globex.example", "name": "Glen Globex"}
    data = {
        **person,
        "raci": "RA",
        "role": ROLE,
        "holder": person,
        "version": "2.0",
        "go_live_p80": "2026-06-01",
        "rule": "Nightly sync",  # an automation's entries name their rule
    }
    return ActivityEntry(
        actor=User(email="ann@example.com", full_name="Ann Actor"),
        verb=verb,
        target_key=target_key,
        summary=f"{ROLE}: glen@globex.example",  # how the services summarise role changes
        before=data,
        after=data | {"role": OTHER_ROLE},
    )


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("verb", list(Verb))
def test_no_sentence_shows_a_verb_or_a_key(verb, language):
    with translation.override(language):
        sentence = entry_sentence(_entry(verb), NAMES)
    assert verb.value not in sentence
    for key in KEYS:
        assert key not in sentence
