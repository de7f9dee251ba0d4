"""Which task of a project a campaign is tied to, as data.

- ``validation``: the task whose Accountable signs the campaign off; the campaign's sign-off moves
  it to done.
- ``sessions``: the task of the test session itself, per integration case (``""`` for any case);
  the campaign's start moves it to in progress and its sign-off to done.

The built-in playbooks name them (docs/testing.md lists them); a playbook not listed here is
read by :func:`tasks_by_name`, which looks for the usual words in the task names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from accord.domain.gates import CampaignKind


@dataclass(frozen=True, slots=True)
class CampaignTasks:
    validation: str = ""
    sessions: Mapping[str, str] | None = None

    def session_for(self, integration_case: str) -> str:
        sessions = self.sessions or {}
        return sessions.get(integration_case) or sessions.get("", "")


#: playbook key -> campaign kind -> its tasks.
CAMPAIGN_TASKS: Mapping[str, Mapping[CampaignKind, CampaignTasks]] = {
    # Seed 003: SIT then UAT, each its own task (the source names no Accountable: a vendor
    # manager signs off until someone is made Accountable).
    "invoicecloud-integration": {
        CampaignKind.SIT: CampaignTasks("system-integration-testing", {"": "system-integration-testing"}),
        CampaignKind.UAT: CampaignTasks("user-acceptance-testing", {"": "user-acceptance-testing"}),
    },
    # Seed 000: an E2E session per integration case, then the "E2E test validation" signed by its
    # Accountable (the client's Admins Tomorro).
    "tomorro-integration": {
        CampaignKind.E2E: CampaignTasks(
            "e2e-test-validation",
            {
                "internal-api": "internal-e2e-testing-session",
                "external-api": "external-e2e-testing-session",
                "no-code-salesforce": "no-code-salesforce-e2e-testing-session",
            },
        ),
    },
    # Seed 004: testing and data validation led by the CIT & TPA before the move to production.
    "paylocity-integration": {
        CampaignKind.UAT: CampaignTasks("testing-and-data-validation", {"": "testing-and-data-validation"}),
    },
    # Seed 001: "Configurez et testez".
    "tomorro-automation": {
        CampaignKind.UAT: CampaignTasks("configurez-et-testez", {"": "configurez-et-testez"}),
    },
}

_NAME_PATTERNS: Mapping[CampaignKind, re.Pattern[str]] = {
    CampaignKind.SIT: re.compile(r"\bSIT\b|system integration test", re.IGNORECASE),
    CampaignKind.UAT: re.compile(r"\bUAT\b|user acceptance|recette", re.IGNORECASE),
    CampaignKind.E2E: re.compile(r"\bE2E\b.*validation|end[- ]to[- ]end.*validation", re.IGNORECASE),
}


def tasks_by_name(kind: CampaignKind, tasks: Iterable[tuple[str, str]]) -> CampaignTasks:
    """For a playbook not in :data:`CAMPAIGN_TASKS`: the first task (key, name) whose name says
    SIT, UAT or E2E validation is both the validation and the session task."""
    pattern = _NAME_PATTERNS[kind]
    for key, name in tasks:
        if pattern.search(name):
            return CampaignTasks(key, {"": key})
    return CampaignTasks()


def campaign_tasks(
    playbook_key: str, kind: CampaignKind, task_names: Iterable[tuple[str, str]]
) -> CampaignTasks:
    """The tasks a campaign of ``kind`` is tied to, in a project of ``playbook_key`` whose tasks
    are ``task_names`` (key, name); empty when none fits (the campaign is then tied to no task)."""
    listed = CAMPAIGN_TASKS.get(playbook_key, {}).get(kind)
    if listed is not None:
        return listed
    return tasks_by_name(kind, task_names)
