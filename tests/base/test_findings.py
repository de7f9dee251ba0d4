"""The linter's findings read in the page's language: English keeps the linter's words; French
has every rule's message and hint from the catalogue, with the task's and roles' names."""

from __future__ import annotations

import pytest
from django.utils import translation

from accord.base.findings import finding_text
from accord.domain.lint.model import Finding, Severity
from accord.domain.lint.rules import DEFAULT_RULES

ROLE_NAMES = {"it": "Service informatique", "pm": "Chef de projet"}


def _finding(code: str) -> Finding:
    return Finding(
        code=code,
        name="rule",
        severity=Severity.ERROR,
        playbook="p",
        phase=None,
        task="kickoff",
        roles=("it", "pm"),
        message='task "Kick-off" consults 2 roles (more than 1): it and pm',
        hint="an English hint",
    )


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda rule: rule.code)
def test_every_rule_reads_in_french_with_names(rule):
    with translation.override("fr"):
        text = finding_text(_finding(rule.code), task_name="Lancement", role_names=ROLE_NAMES)
    assert text.message != _finding(rule.code).message
    assert text.hint != "an English hint"
    assert "Lancement" in text.message or "Service informatique" in text.message
    for english in ("task", "has", "Responsible", "Accountable", "Informed"):
        assert f"{english} " not in text.message


def test_english_keeps_the_linters_words():
    with translation.override("en"):
        text = finding_text(_finding("RACI001"), task_name="Kick-off", role_names=ROLE_NAMES)
    assert (text.message, text.hint) == (_finding("RACI001").message, "an English hint")


def test_french_names_the_roles_and_the_limit():
    with translation.override("fr"):
        text = finding_text(_finding("RACI006"), task_name="Lancement", role_names=ROLE_NAMES)
    assert text.message == (
        "la tâche « Lancement » consulte 2 rôles (plus de 1) : Service informatique et Chef de projet"
    )


def test_an_unknown_code_keeps_the_linters_words():
    with translation.override("fr"):
        text = finding_text(_finding("RACI999"), task_name="Lancement", role_names=ROLE_NAMES)
    assert text.message == _finding("RACI999").message
