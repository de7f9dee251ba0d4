"""One-click fixes of the linter's findings: applying a fix removes its finding and adds none of the
same rule; findings without one safe correction get no fix."""

from hypothesis import given, settings

from accord.domain.lint import lint
from accord.domain.lint.fixes import FIXABLE_RULES, apply_fix, safe_fix
from accord.domain.raci import Raci
from tests.domain.lint_helpers import OWNING_TASK, one_task, with_code
from tests.domain.test_lint_properties import playbooks

EXAMPLES = settings(max_examples=80, deadline=None)


def _same_rule(playbook, code):
    return [(finding.task, finding.roles) for finding in lint(playbook) if finding.code == code]


@EXAMPLES
@given(playbooks())
def test_applying_a_fix_removes_its_finding_and_adds_none_of_its_rule(playbook):
    for finding in lint(playbook):
        fix = safe_fix(playbook, finding)
        if fix is None:
            continue
        fixed = apply_fix(playbook, fix)
        after = [item for item in lint(fixed) if item.code == finding.code]
        before = [item for item in lint(playbook) if item.code == finding.code]
        assert finding not in after
        assert {(item.task, item.message) for item in after} <= {(item.task, item.message) for item in before}
        # Only the finding's task changes.
        changed = {task.key for task, was in zip(fixed.tasks, playbook.tasks, strict=True) if task != was}
        assert changed <= {finding.task}


@EXAMPLES
@given(playbooks())
def test_only_the_fixable_rules_get_a_fix(playbook):
    for finding in lint(playbook):
        if finding.code not in FIXABLE_RULES:
            assert safe_fix(playbook, finding) is None


def test_several_responsibles_keep_the_first_and_the_others_become_consulted():
    playbook = one_task({**OWNING_TASK, "project-manager": "R", "it": "R/I", "account-manager": "A"})
    finding = with_code(lint(playbook), "RACI002")[0]
    fix = safe_fix(playbook, finding)
    assert fix is not None
    changes = {cell.role: (cell.before, cell.after) for cell in fix.cells}
    first, *others = finding.roles
    assert first not in changes
    for role in others:
        _before, after = changes[role]
        assert not after & Raci.R
        assert after & Raci.C
    assert not with_code(lint(apply_fix(playbook, fix)), "RACI002")


def test_a_missing_accountable_has_no_safe_fix():
    playbook = one_task({"integration-manager": "R"})
    finding = with_code(lint(playbook), "RACI001")[0]
    assert safe_fix(playbook, finding) is None


def test_an_informed_owner_loses_the_i():
    playbook = one_task({"integration-manager": "R/I", "account-manager": "A"})
    finding = with_code(lint(playbook), "RACI005")[0]
    fix = safe_fix(playbook, finding)
    assert fix is not None
    assert [(cell.role, cell.after) for cell in fix.cells] == [("integration-manager", Raci.R)]
