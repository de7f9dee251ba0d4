"""Each built-in playbook carries its source document faithfully.

The walkers in :mod:`tests.playbooks.sources` read the source text itself; these tests assert
that they find nothing missing, and — so that a walker that checks nothing cannot pass — that
they do find something once any task, source role or RACI cell is taken away or changed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from accord.domain.playbook import Playbook
from accord.domain.raci import LETTERS, Raci, parse_raci
from accord.playbooks import BUILTIN_KEYS, builtin_playbook, builtin_playbooks
from tests.playbooks import sources
from tests.playbooks.sources import (
    SEED_FILES,
    SEEDS_DIRECTORY,
    WALKERS,
    normalise,
    paylocity_rows,
    pipe_tables,
    role_by_source_label,
    seed_text,
    socialtalent_raci_rows,
    tasks_named,
)

#: Roles that the source does not name as roles: added so that every side can be staffed.
ADDED_ROLES: dict[str, set[str]] = {
    "tomorro-integration": {"customer-success-manager"},
    "tomorro-automation": {"client", "utilisateurs", "tomorro"},
    "socialtalent-onboarding": set(),
    "invoicecloud-integration": {"engineering-team", "testers", "biller", "users"},
    "paylocity-integration": set(),
}


def walk(playbook: Playbook) -> list[str]:
    return WALKERS[playbook.key](playbook, seed_text(SEED_FILES[playbook.key]))


def without_task(playbook: Playbook, task_key: str) -> Playbook:
    phases = tuple(
        replace(phase, tasks=tuple(task for task in phase.tasks if task.key != task_key))
        for phase in playbook.phases
    )
    return replace(playbook, phases=phases)


def with_cell(playbook: Playbook, task_key: str, role_key: str, cell: Raci) -> Playbook:
    phases = tuple(
        replace(
            phase,
            tasks=tuple(
                replace(task, raci={**task.raci, role_key: cell}) if task.key == task_key else task
                for task in phase.tasks
            ),
        )
        for phase in playbook.phases
    )
    return replace(playbook, phases=phases)


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_every_role_and_task_of_the_source_is_in_its_playbook(key: str) -> None:
    assert walk(builtin_playbook(key)) == []


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_each_playbook_names_its_source_file(key: str) -> None:
    playbook = builtin_playbook(key)
    assert playbook.source is not None
    assert playbook.source.file == SEED_FILES[key]
    assert seed_text(playbook.source.file)  # the named file exists and is readable


def test_every_source_document_has_exactly_one_built_in_playbook() -> None:
    seed_text(next(iter(SEED_FILES.values())))  # skips when the sources are absent
    documents = sorted(path.name for path in Path(SEEDS_DIRECTORY).glob("[0-9][0-9][0-9]_*.txt"))
    named = sorted(playbook.source.file for playbook in builtin_playbooks() if playbook.source)
    assert documents == named


TASKS = [(key, task.key) for key in BUILTIN_KEYS for task in builtin_playbook(key).tasks]


@pytest.mark.parametrize(("key", "task_key"), TASKS)
def test_the_walk_notices_any_missing_task(key: str, task_key: str) -> None:
    assert walk(without_task(builtin_playbook(key), task_key)) != []


SOURCE_ROLES = [
    (key, role.key)
    for key in BUILTIN_KEYS
    for role in builtin_playbook(key).roles
    if role.key not in ADDED_ROLES[key]
]


@pytest.mark.parametrize(("key", "role_key"), SOURCE_ROLES)
def test_the_walk_notices_any_missing_source_role(key: str, role_key: str) -> None:
    playbook = builtin_playbook(key)
    mutilated = replace(playbook, roles=tuple(role for role in playbook.roles if role.key != role_key))
    assert walk(mutilated) != []


def test_roles_the_walk_cannot_see_are_exactly_the_added_ones() -> None:
    # If a source role were listed as "added", the test above would skip it silently.
    for key in BUILTIN_KEYS:
        playbook = builtin_playbook(key)
        assert ADDED_ROLES[key] <= {role.key for role in playbook.roles}
        for role_key in ADDED_ROLES[key]:
            mutilated = replace(
                playbook, roles=tuple(role for role in playbook.roles if role.key != role_key)
            )
            assert walk(mutilated) == [], f"{key}: {role_key} is a source role, not an added one"


# Seed 000's rows of five or six entries are read by judgement (the notes say how), so a letter
# moved between Consulted and Informed there is a different judgement, not a detectable error.
CELLS = [
    (key, task.key, role_key)
    for key in ("tomorro-integration", "socialtalent-onboarding", "paylocity-integration")
    for task in builtin_playbook(key).tasks
    if key != "tomorro-integration" or len(task.raci) in {2, 4}
    for role_key in task.raci
]


@pytest.mark.parametrize(("key", "task_key", "role_key"), CELLS)
def test_the_walk_notices_any_changed_letter(key: str, task_key: str, role_key: str) -> None:
    playbook = builtin_playbook(key)
    current = playbook.task(task_key).cell(role_key)
    # Shift each letter one column along: R→A→C→I→R; N/A becomes R.
    changed = Raci.R if current & Raci.NA else Raci(0)
    for index, letter in enumerate(LETTERS):
        if current & letter:
            changed |= LETTERS[(index + 1) % len(LETTERS)]
    assert walk(with_cell(playbook, task_key, role_key, changed)) != []


# --- seed 000 -------------------------------------------------------------------------------


def test_seed_000_matrix_rows_are_all_read() -> None:
    rows = sources.walk_matrix(seed_text(SEED_FILES["tomorro-integration"]))
    playbook = builtin_playbook("tomorro-integration")
    assert len(rows) == len(playbook.tasks)
    assert {len(row.entries) for row in rows} == {2, 4, 5, 6}
    # The source's own phase names, unchanged: "projet" stays.
    assert [phase.name for phase in playbook.phases] == list(dict.fromkeys(row.phase for row in rows))


def test_seed_000_rows_read_by_decision_carry_a_note() -> None:
    rows = sources.walk_matrix(seed_text(SEED_FILES["tomorro-integration"]))
    playbook = builtin_playbook("tomorro-integration")
    count_words = {2: "two", 5: "five", 6: "six"}
    ambiguous = [row for row in rows if len(row.entries) != 4]
    assert ambiguous
    for row in ambiguous:
        ((_, task),) = [
            (phase, found) for phase, found in tasks_named(playbook, row.task) if found.group == row.group
        ]
        assert any(f"{count_words[len(row.entries)]} entries" in note.lower() for note in task.notes), row


def test_seed_000_third_party_provider_is_a_partner_with_the_source_label() -> None:
    provider = role_by_source_label(
        builtin_playbook("tomorro-integration"), "CLIENT - Third-party software provider"
    )
    assert provider is not None
    assert provider.side.value == "partner"
    assert provider.source_name == "CLIENT - Third-party software provider"


# --- seed 002 -------------------------------------------------------------------------------


def test_seed_002_cells_match_the_source_table() -> None:
    source = seed_text(SEED_FILES["socialtalent-onboarding"])
    playbook = builtin_playbook("socialtalent-onboarding")
    rows = socialtalent_raci_rows(pipe_tables(source)[2])
    assert len(rows) == len(playbook.tasks)
    compared = 0
    for row in rows:
        ((_, task),) = tasks_named(playbook, row.action)
        for column, text in row.cells.items():
            role = role_by_source_label(playbook, column)
            assert role is not None, column
            assert task.cell(role.key) == parse_raci(text), (row.action, column, text)
            compared += 1
    assert compared == 4 * len(rows)


def test_seed_002_the_row_that_lost_a_cell_is_read_with_details_missing() -> None:
    source = seed_text(SEED_FILES["socialtalent-onboarding"])
    repaired = [row for row in socialtalent_raci_rows(pipe_tables(source)[2]) if row.repaired]
    assert [row.action for row in repaired] == [
        "Customer sets up learning paths, teams and users on the platform"
    ]
    task = builtin_playbook("socialtalent-onboarding").task("customer-sets-up-learning-paths")
    assert (task.details, task.timeframe) == ("", "ASAP")
    assert task.cell("client") == Raci.R | Raci.A
    assert task.cell("onboarding-specialist") == Raci.R
    assert task.cell("account-manager") == task.cell("customer-success-manager") == Raci.NA
    assert any("lost a cell" in note for note in task.notes)


def test_seed_002_if_applicable_roles_keep_the_source_label() -> None:
    playbook = builtin_playbook("socialtalent-onboarding")
    flagged = {role.source_name: role.name for role in playbook.roles if role.if_applicable}
    assert flagged == {
        "IT (If Applicable)": "IT",
        "Customer Success Manager (If Applicable)": "Customer Success Manager",
    }
    assert [role.key for role in playbook.roles if role.whole_side] == ["client"]


# --- seed 003 -------------------------------------------------------------------------------


def test_seed_003_timeline_durations_are_the_source_words() -> None:
    source = seed_text(SEED_FILES["invoicecloud-integration"])
    playbook = builtin_playbook("invoicecloud-integration")
    timeline = sources.invoicecloud_timeline(source)
    assert len(timeline) == 6
    for name, duration in timeline:
        ((_, task),) = tasks_named(playbook, name)
        assert normalise(task.timeframe) == duration
    # SIT comes before UAT, and the go-live closes the playbook.
    order = [task.key for task in playbook.tasks]
    assert order.index("system-integration-testing") < order.index("user-acceptance-testing")
    assert playbook.tasks[-1].milestone


# --- seed 004 -------------------------------------------------------------------------------


def test_seed_004_owner_alternatives_and_joint_owners() -> None:
    source = seed_text(SEED_FILES["paylocity-integration"])
    playbook = builtin_playbook("paylocity-integration")
    rows = paylocity_rows(source)
    assert {row.owner for row in rows} == {"CIT", "PCTY", "CIT or TPA", "CIT & PCTY", "CIT & TPA"}
    with_alternatives = [task for task in playbook.tasks if task.alternatives]
    assert len(with_alternatives) == sum(row.owner == "CIT or TPA" for row in rows)
    for task in with_alternatives:
        assert task.alternatives == (("cit", "tpa"),)
        assert set(task.holders(Raci.R)) == {"cit", "tpa"}
    marketplace = playbook.task("marketplace-check")
    assert set(marketplace.holders(Raci.R)) == {"cit", "pcty"}
    assert marketplace.alternatives == ()


def test_seed_004_support_escalation_rule_without_the_address() -> None:
    source = seed_text(SEED_FILES["paylocity-integration"])
    assert "protected]" in source  # the placeholder the playbook must not copy
    playbook = builtin_playbook("paylocity-integration")
    support = playbook.task("paylocity-web-services-support")
    assert "Paylocity Web Services" in support.details
    rule = " ".join(support.notes).lower()
    assert "no other groups or distribution lists" in rule
    assert "no pii or company sensitive details" in rule
    text = sources.playbook_corpus(playbook)
    assert "protected]" not in text
    assert "@" not in text
