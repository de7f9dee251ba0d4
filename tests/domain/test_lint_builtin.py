"""The findings of every built-in playbook, pinned and reviewed against the source documents.

Each playbook keeps its source's data as written; these are the places where the source itself
breaks a RACI rule (or gives no RACI at all). A change to a built-in playbook or to a rule that
moves a finding must be reviewed here.
"""

import pytest

from accord.domain.lint import Severity, lint
from accord.playbooks import BUILTIN_KEYS, builtin_playbook

EXPECTED: dict[str, set[tuple[str, str | None, tuple[str, ...]]]] = {
    # Seed 000 gives one R and one A on every row, the rules' own source: nothing to say. The
    # Customer Success Manager owns no task but takes the Account Manager over after deployment.
    "tomorro-integration": set(),
    # Seed 001 is a self-service memo: the client does and approves everything; the vendor and
    # the end users only follow.
    "tomorro-automation": {
        ("RACI004", None, ("utilisateurs",)),
        ("RACI004", None, ("tomorro",)),
    },
    # Seed 002: "Informed & Responsible" for the client; two rows with two Responsibles; the
    # role tables list roles the matrix never uses (it names the "Client" as a whole).
    "socialtalent-onboarding": {
        ("RACI005", "self-serve-setup-material", ("client",)),
        ("RACI002", "customer-sets-up-learning-paths", ("client", "onboarding-specialist")),
        ("RACI002", "learner-launch-kick-off-call", ("client", "onboarding-specialist")),
        ("RACI004", None, ("executive-sponsor",)),
        ("RACI004", None, ("program-manager",)),
        ("RACI004", None, ("admin",)),
        ("RACI004", None, ("it",)),
        ("RACI004", None, ("customer-success-manager",)),
        ("RACI004", None, ("customer-support",)),
    },
    # Seed 003 is a runbook without a RACI matrix: no task has an Accountable, the meetings and
    # milestones name no Responsible, and four of its roles own nothing.
    "invoicecloud-integration": {
        ("RACI001", "technical-contact", ()),
        ("RACI001", "discovery-invitation", ()),
        ("RACI001", "discovery-sessions", ()),
        ("RACI003", "discovery-sessions", ()),
        ("RACI001", "design-review-participation", ()),
        ("RACI001", "business-design-review", ()),
        ("RACI003", "business-design-review", ()),
        ("RACI001", "technical-design-review", ()),
        ("RACI003", "technical-design-review", ()),
        ("RACI001", "integration-design", ()),
        ("RACI003", "integration-design", ()),
        ("RACI001", "integration-overview", ()),
        ("RACI001", "integration-coding", ()),
        ("RACI001", "system-integration-testing", ()),
        ("RACI001", "user-acceptance-testing", ()),
        ("RACI001", "go-live", ()),
        ("RACI003", "go-live", ()),
        ("RACI004", None, ("integration-manager",)),
        ("RACI004", None, ("solutions-engineer",)),
        ("RACI004", None, ("biller",)),
        ("RACI004", None, ("biller-technical-contact",)),
    },
    # Seed 004 names owners only (no Accountable anywhere); "CIT & PCTY" and "CIT & TPA" are joint
    # Responsibles, while "CIT or TPA" are owner alternatives and count as one.
    "paylocity-integration": {
        ("RACI001", "business-case", ()),
        ("RACI001", "pricing-and-engagement", ()),
        ("RACI001", "marketplace-check", ()),
        ("RACI002", "marketplace-check", ("cit", "pcty")),
        ("RACI001", "api-credentials", ()),
        ("RACI001", "configuration", ()),
        ("RACI002", "configuration", ("cit", "tpa")),
        ("RACI001", "testing-and-data-validation", ()),
        ("RACI002", "testing-and-data-validation", ("cit", "tpa")),
        ("RACI001", "move-to-production", ()),
        ("RACI002", "move-to-production", ("cit", "tpa")),
        ("RACI001", "monitor-production-feed", ()),
        ("RACI002", "monitor-production-feed", ("cit", "tpa")),
        ("RACI001", "first-level-support", ()),
        ("RACI001", "paylocity-web-services-support", ()),
    },
}


def test_every_built_in_playbook_is_pinned():
    assert set(EXPECTED) == set(BUILTIN_KEYS)


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_built_in_findings_are_the_reviewed_ones(key):
    findings = lint(builtin_playbook(key))
    located = [(finding.code, finding.task, finding.roles) for finding in findings]
    assert len(located) == len(set(located))
    assert set(located) == EXPECTED[key]


def test_seed_002_informed_and_responsible_is_the_redundant_informed_rule():
    playbook = builtin_playbook("socialtalent-onboarding")
    (finding,) = [f for f in lint(playbook) if f.task == "self-serve-setup-material"]
    assert (finding.name, finding.severity) == ("redundant-informed", Severity.WARNING)
    assert "Client (customer) is Informed and also Responsible or Accountable" in finding.message


def test_seed_004_owner_alternatives_are_not_two_responsibles():
    playbook = builtin_playbook("paylocity-integration")
    alternative_tasks = {task.key for task in playbook.tasks if task.alternatives}
    assert alternative_tasks == {"pricing-and-engagement", "first-level-support"}
    flagged = {f.task for f in lint(playbook) if f.code == "RACI002"}
    assert flagged
    assert not flagged & alternative_tasks


def test_the_seed_000_hand_over_spares_the_customer_success_manager():
    playbook = builtin_playbook("tomorro-integration")
    assert any(handover.to == "customer-success-manager" for handover in playbook.handovers)
    assert not any(task.cell("customer-success-manager") & 3 for task in playbook.tasks)
    assert [f for f in lint(playbook) if f.code == "RACI004"] == []
