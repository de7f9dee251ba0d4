"""The built-in playbooks as data: they load, round-trip, and keep the structure the issue asks for."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from accord.domain.errors import NotFound
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import dump_playbook, loads_playbook, playbook_to_data
from accord.playbooks import BUILTIN_KEYS, builtin_playbook, builtin_playbooks, resolve_playbook


def raw_yaml(key: str) -> str:
    return resources.files("accord.playbooks").joinpath(f"{key}.yaml").read_text("utf-8")


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_every_built_in_playbook_loads_under_its_own_key(key: str) -> None:
    playbook = builtin_playbook(key)
    assert playbook.key == key
    assert resolve_playbook(key) is playbook
    assert playbook.tasks, "a playbook without tasks"


def test_built_in_playbooks_come_in_the_order_of_their_sources() -> None:
    files = [playbook.source.file for playbook in builtin_playbooks() if playbook.source]
    assert [playbook.key for playbook in builtin_playbooks()] == list(BUILTIN_KEYS)
    assert files == sorted(files)
    assert len(files) == len(BUILTIN_KEYS)


def test_an_unknown_key_is_refused_with_the_known_ones() -> None:
    with pytest.raises(NotFound) as caught:
        builtin_playbook("tomorro")
    assert "tomorro-integration" in caught.value.hint


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_dump_then_load_gives_the_same_playbook(key: str) -> None:
    playbook = builtin_playbook(key)
    dumped = dump_playbook(playbook)
    again = loads_playbook(dumped, f"{key}.yaml")
    assert again == playbook
    assert dump_playbook(again) == dumped


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_the_file_holds_exactly_what_the_playbook_holds(key: str) -> None:
    # Nothing in the file is silently dropped by the loader: the raw data, with cells spelled
    # canonically, equals the canonical data of the loaded playbook.
    raw = yaml.safe_load(raw_yaml(key))
    canonical = playbook_to_data(builtin_playbook(key))
    assert raw.keys() == canonical.keys()
    assert [role["key"] for role in raw["roles"]] == [role["key"] for role in canonical["roles"]]
    raw_tasks = [task for phase in raw["phases"] for task in phase["tasks"]]
    canonical_tasks = [task for phase in canonical["phases"] for task in phase["tasks"]]
    assert [set(task) for task in raw_tasks] == [set(task) for task in canonical_tasks]


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_source_is_named_with_file_title_and_vendor(key: str) -> None:
    source = builtin_playbook(key).source
    assert source is not None
    assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", source.file)
    assert source.title
    assert source.vendor


@pytest.mark.parametrize(
    ("key", "go_live"),
    [
        ("tomorro-integration", "deployment-to-end-users"),
        ("tomorro-automation", "passez-en-live"),
        ("socialtalent-onboarding", "learner-launch-kick-off-call"),
        ("invoicecloud-integration", "go-live"),
        ("paylocity-integration", "move-to-production"),
    ],
)
def test_the_go_live_is_a_milestone(key: str, go_live: str) -> None:
    playbook = builtin_playbook(key)
    assert playbook.task(go_live).milestone
    milestones = [task.key for task in playbook.tasks if task.milestone]
    assert go_live in milestones


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_every_role_and_variant_is_used_by_name_only_once(key: str) -> None:
    playbook = builtin_playbook(key)
    labels = [role.label for role in playbook.roles]
    assert len(labels) == len(set(labels))
    phase_keys = {phase.key for phase in playbook.phases}
    assert not phase_keys & {task.key for task in playbook.tasks}, "a hand-over 'after' would be ambiguous"


# --- tomorro-integration: variants and hand-over -----------------------------------------------

INTEGRATION = "tomorro-integration"


@pytest.mark.parametrize("variant", ["internal-api", "external-api", "no-code-salesforce"])
def test_for_variant_keeps_common_tasks_and_the_variant_own(variant: str) -> None:
    playbook = builtin_playbook(INTEGRATION)
    view = playbook.for_variant(variant)
    common = [task.key for task in playbook.tasks if not task.variants]
    own = [task.key for task in playbook.tasks if variant in task.variants]
    assert [task.key for task in view.tasks] == [
        task.key for task in playbook.tasks if task.key in set(common) | set(own)
    ]
    # Each case has its own development support and its own E2E session.
    assert {phase.key for phase, task in playbook.iter_tasks() if task.key in own} == {
        "integration-project",
        "test",
    }
    others = {task.key for task in playbook.tasks if task.variants and variant not in task.variants}
    assert others
    assert not others & {task.key for task in view.tasks}
    assert "e2e-test-validation" in {task.key for task in view.tasks}


def test_every_test_session_belongs_to_one_case() -> None:
    test_phase = next(phase for phase in builtin_playbook(INTEGRATION).phases if phase.key == "test")
    sessions = [task for task in test_phase.tasks if "testing session" in task.name]
    assert sorted(variant for task in sessions for variant in task.variants) == sorted(
        variant.key for variant in builtin_playbook(INTEGRATION).variants
    )


def test_task_names_keep_the_source_spelling_saleforce() -> None:
    names = {task.name for task in builtin_playbook(INTEGRATION).tasks}
    assert "No-Code or Saleforce API case" in names
    assert "No-Code or Salesforce E2E API case testing session" in names


def test_account_manager_hands_over_to_the_csm_after_deployment() -> None:
    playbook = builtin_playbook(INTEGRATION)
    (handover,) = playbook.handovers
    assert (handover.role, handover.to) == ("account-manager", "customer-success-manager")
    assert handover.after == playbook.phases[-1].key
    assert playbook.role("customer-success-manager").side.value == "vendor"
    assert "COM" in playbook.role("account-manager").description


def test_integration_groups_are_the_source_groups() -> None:
    groups = {task.group for task in builtin_playbook(INTEGRATION).tasks if task.group}
    assert {
        "Business requirement validation",
        "Tomorro-side integration assessment",
        "Global management",
        "Support for development or associated settings",
    } <= groups


# --- the other playbooks --------------------------------------------------------------------


def test_automation_playbook_is_in_french() -> None:
    playbook = builtin_playbook("tomorro-automation")
    assert playbook.language == "fr"
    assert playbook.source is not None
    assert playbook.source.language == "fr"
    details = playbook.task("verification-element-declencheur").details
    for check in ("Est unique", "Est identifiable", "Ne génère pas de cas particuliers"):
        assert check in details
    assert "modèle dédié" in playbook.task("configurez-et-testez").details
    assert "pointant sur le modèle souhaité" in playbook.task("passez-en-live").details


def test_onboarding_specialist_hands_over_at_close_onboarding() -> None:
    playbook = builtin_playbook("socialtalent-onboarding")
    (handover,) = playbook.handovers
    assert (handover.role, handover.after) == ("onboarding-specialist", "close-onboarding")
    assert handover.after == playbook.tasks[-1].key
    assert not playbook.role(handover.to).if_applicable, "the contact must exist on every project"


def test_invoicecloud_change_log_and_overview_slide() -> None:
    playbook = builtin_playbook("invoicecloud-integration")
    (entry,) = playbook.change_log
    assert (entry.version, entry.date.isoformat() if entry.date else None) == ("1.0", "2024-03-29")
    assert (entry.author, entry.description) == ("Orig: Kinga Dobriban", "Added by Lois Powers")
    assert "Integration Overview Slide" in playbook.task("integration-overview").deliverables


def test_invoicecloud_steps_belong_to_the_implementation_manager() -> None:
    playbook = builtin_playbook("invoicecloud-integration")
    steps = [task for task in playbook.tasks if task.group == "Implementation Team Participation"]
    assert len(steps) == 4
    assert all(task.holders(Raci.R) == ("implementation-manager",) for task in steps)
    assert playbook.task("system-integration-testing").holders(Raci.R) == ("testers",)
    assert playbook.task("user-acceptance-testing").holders(Raci.R) == ("users",)
    silent = [task for task in playbook.tasks if not task.holders(Raci.R)]
    assert silent
    assert all(task.notes for task in silent), "a task without a Responsible must say the source is silent"
