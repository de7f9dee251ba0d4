import json

import pytest

from accord.domain.errors import InvalidInput, NotFound
from accord.domain.lint import DEFAULT_RULES, Finding, LintConfig, Severity, find_rule, lint
from accord.domain.lint.rules import ONE_ACCOUNTABLE, SINGLE_RESPONSIBLE
from accord.domain.playbook import Handover, Role, Side
from tests.domain.lint_helpers import one_task, playbook, task, with_code

SOUND = {"integration-manager": "R", "project-manager": "A", "it": "C", "account-manager": "I"}


def test_a_sound_task_has_no_task_findings():
    findings = lint(one_task(SOUND))
    assert [finding for finding in findings if finding.task is not None] == []


def test_rule_table_codes_and_names_are_unique_and_stable():
    codes = [rule.code for rule in DEFAULT_RULES]
    names = [rule.name for rule in DEFAULT_RULES]
    assert len(set(codes)) == len(codes) == len(set(names))
    assert codes == sorted(codes)
    assert find_rule("RACI001") is ONE_ACCOUNTABLE
    assert find_rule("single-responsible") is SINGLE_RESPONSIBLE
    assert find_rule("raci002") is SINGLE_RESPONSIBLE


def test_find_rule_names_the_known_rules_when_it_fails():
    with pytest.raises(NotFound) as raised:
        find_rule("RACI999")
    assert "RACI001 (one-accountable)" in raised.value.hint


# RACI001 one-accountable


def test_a_task_without_accountable_is_an_error():
    (finding,) = with_code(lint(one_task({"integration-manager": "R", "it": "C"})), "RACI001")
    assert finding.name == "one-accountable"
    assert finding.severity is Severity.ERROR
    assert (finding.playbook, finding.phase, finding.task, finding.roles) == (
        "test-playbook",
        "build",
        "the-task",
        (),
    )
    assert finding.message == 'task "The task" has no Accountable'
    assert "Approver" in finding.hint


def test_several_accountables_are_an_error_naming_them_in_role_order():
    cells = {"it": "A", "integration-manager": "R/A", "project-manager": "I"}
    (finding,) = with_code(lint(one_task(cells)), "RACI001")
    assert finding.roles == ("integration-manager", "it")
    assert finding.message == (
        'task "The task" has 2 Accountables: Integration Manager (vendor) and IT department (customer)'
    )


def test_accountable_owner_alternatives_count_as_one():
    cells = {"integration-manager": "R", "it": "A", "tpa": "A"}
    assert with_code(lint(one_task(cells, alternatives=(("it", "tpa"),))), "RACI001") == []
    assert len(with_code(lint(one_task(cells)), "RACI001")) == 1


# RACI002 single-responsible


def test_two_responsibles_are_an_error():
    cells = {"integration-manager": "R", "it": "R", "project-manager": "A"}
    (finding,) = with_code(lint(one_task(cells)), "RACI002")
    assert finding.severity is Severity.ERROR
    assert finding.roles == ("integration-manager", "it")
    assert "2 Responsibles" in finding.message
    assert "single person responsible" in finding.hint


def test_owner_alternatives_holding_r_count_as_one_responsible():
    # Seed 004's "CIT or TPA": only one of them is chosen per project.
    cells = {"it": "R", "tpa": "R", "project-manager": "A"}
    assert with_code(lint(one_task(cells, alternatives=(("it", "tpa"),))), "RACI002") == []


def test_alternatives_do_not_excuse_a_responsible_outside_the_group():
    cells = {"it": "R", "tpa": "R", "integration-manager": "R", "project-manager": "A"}
    (finding,) = with_code(lint(one_task(cells, alternatives=(("it", "tpa"),))), "RACI002")
    assert finding.roles == ("integration-manager", "it", "tpa")


# RACI003 has-responsible


def test_a_task_without_responsible_is_an_error():
    (finding,) = with_code(lint(one_task({"project-manager": "A", "it": "I"})), "RACI003")
    assert (finding.name, finding.severity, finding.task, finding.roles) == (
        "has-responsible",
        Severity.ERROR,
        "the-task",
        (),
    )
    assert finding.message == 'task "The task" has no Responsible'


# RACI004 role-owns-work


def test_a_role_responsible_or_accountable_nowhere_is_a_playbook_level_warning():
    findings = with_code(lint(one_task(SOUND)), "RACI004")
    assert [finding.roles for finding in findings] == [("account-manager",), ("it",), ("client",), ("tpa",)]
    first = findings[0]
    assert (first.severity, first.phase, first.task) == (Severity.WARNING, None, None)
    assert first.message == "Account Manager (vendor) is Responsible or Accountable on no task"


def test_a_role_taking_over_from_an_owner_at_a_hand_over_owns_work():
    roles = (
        Role(key="account-manager", name="Account Manager", side=Side.VENDOR),
        Role(key="csm", name="Customer Success Manager", side=Side.VENDOR),
        Role(key="successor", name="Successor", side=Side.VENDOR),
        Role(key="project-manager", name="Project Manager", side=Side.CUSTOMER),
    )
    tasks = [task("kick-off", {"account-manager": "R", "project-manager": "A", "csm": "I"})]
    handovers = (
        Handover(role="account-manager", to="csm", after="kick-off"),
        Handover(role="csm", to="successor", after="kick-off"),
    )
    assert with_code(lint(playbook(("start", tasks), roles=roles, handovers=handovers)), "RACI004") == []
    # Without the hand-overs both would be flagged.
    flagged = with_code(lint(playbook(("start", tasks), roles=roles)), "RACI004")
    assert [finding.roles for finding in flagged] == [("csm",), ("successor",)]


def test_a_hand_over_from_a_role_owning_nothing_does_not_excuse_its_receiver():
    roles = (
        Role(key="owner", name="Owner", side=Side.VENDOR),
        Role(key="watcher", name="Watcher", side=Side.VENDOR),
        Role(key="heir", name="Heir", side=Side.VENDOR),
    )
    tasks = [task("work", {"owner": "R/A", "watcher": "I"})]
    handovers = (Handover(role="watcher", to="heir", after="work"),)
    flagged = with_code(lint(playbook(("start", tasks), roles=roles, handovers=handovers)), "RACI004")
    assert [finding.roles for finding in flagged] == [("watcher",), ("heir",)]


# RACI005 redundant-informed


def test_informed_and_responsible_on_one_task_is_redundant():
    # Seed 002: the customer administrator is "Informed & Responsible".
    cells = {"client": "Informed & Responsible", "integration-manager": "A", "it": "I"}
    (finding,) = with_code(lint(one_task(cells)), "RACI005")
    assert (finding.name, finding.severity, finding.roles) == (
        "redundant-informed",
        Severity.WARNING,
        ("client",),
    )
    assert (
        finding.message
        == 'task "The task": Client (customer) is Informed and also Responsible or Accountable'
    )


def test_informed_and_accountable_is_redundant_and_plain_informed_is_not():
    cells = {"integration-manager": "R/I", "project-manager": "A/I", "it": "I"}
    (finding,) = with_code(lint(one_task(cells)), "RACI005")
    assert finding.roles == ("integration-manager", "project-manager")
    assert " are Informed" in finding.message
    assert with_code(lint(one_task(SOUND)), "RACI005") == []


# RACI006 consulted-limit


def consulting(count: int) -> dict[str, str]:
    consulted = ["account-manager", "it", "client", "tpa", "project-manager"][:count]
    return {"integration-manager": "R/A", **dict.fromkeys(consulted, "C")}


def test_more_than_three_consulted_is_information():
    (finding,) = with_code(lint(one_task(consulting(4))), "RACI006")
    assert (finding.name, finding.severity) == ("consulted-limit", Severity.INFO)
    assert finding.roles == ("account-manager", "it", "client", "tpa")
    assert "consults 4 roles (more than 3)" in finding.message
    assert with_code(lint(one_task(consulting(3))), "RACI006") == []


def test_the_consulted_threshold_is_a_parameter():
    looser = LintConfig().with_rule("RACI006", max_consulted=4)
    assert with_code(lint(one_task(consulting(4)), config=looser), "RACI006") == []
    stricter = LintConfig().with_rule("consulted-limit", max_consulted=1)
    (finding,) = with_code(lint(one_task(consulting(2)), config=stricter), "RACI006")
    assert "more than 1" in finding.message


# RACI007 known-roles


def test_a_cell_naming_an_undefined_role_is_an_error():
    cells = {**SOUND, "ghost": "C"}
    (finding,) = with_code(lint(one_task(cells)), "RACI007")
    assert (finding.name, finding.severity, finding.task, finding.roles) == (
        "known-roles",
        Severity.ERROR,
        "the-task",
        ("ghost",),
    )
    assert '"ghost"' in finding.message
    assert "integration-manager" in finding.hint


def test_an_undefined_role_holding_r_is_named_by_its_key():
    cells = {"ghost": "R", "integration-manager": "R", "project-manager": "A"}
    (finding,) = with_code(lint(one_task(cells)), "RACI002")
    assert finding.roles == ("integration-manager", "ghost")
    assert '"ghost"' in finding.message


def test_alternatives_and_hand_overs_naming_undefined_roles_are_errors():
    alternatives = one_task(SOUND, alternatives=(("it", "phantom"),))
    (finding,) = with_code(lint(alternatives), "RACI007")
    assert finding.roles == ("phantom",)
    handover = playbook(("build", [task("the-task", SOUND)]), handovers=(Handover("it", "heir", "the-task"),))
    (finding,) = with_code(lint(handover), "RACI007")
    assert (finding.task, finding.roles) == (None, ("heir",))


# RACI008 whole-side-overlap


def test_the_whole_side_and_one_of_its_roles_both_responsible_is_information():
    cells = {"client": "R", "it": "R", "integration-manager": "A"}
    (finding,) = with_code(lint(one_task(cells)), "RACI008")
    assert (finding.name, finding.severity, finding.roles) == (
        "whole-side-overlap",
        Severity.INFO,
        ("client", "it"),
    )
    assert "whole customer side" in finding.message


def test_the_whole_side_next_to_another_sides_responsible_is_fine():
    cells = {"client": "R", "integration-manager": "R", "project-manager": "A"}
    assert with_code(lint(one_task(cells)), "RACI008") == []


# RACI009 all-not-applicable


def test_a_task_not_applicable_to_every_role_is_a_warning():
    cells = dict.fromkeys(["integration-manager", "account-manager", "it"], "N/A")
    (finding,) = with_code(lint(one_task(cells)), "RACI009")
    assert (finding.name, finding.severity, finding.task) == (
        "all-not-applicable",
        Severity.WARNING,
        "the-task",
    )


def test_one_letter_among_not_applicable_cells_makes_the_task_applicable():
    cells = {"integration-manager": "N/A", "account-manager": "I"}
    assert with_code(lint(one_task(cells)), "RACI009") == []
    assert with_code(lint(one_task({})), "RACI009") == []


# Findings, order, configuration


def test_as_dict_is_exactly_the_cli_json():
    (finding,) = with_code(lint(one_task({"integration-manager": "R", "it": "A/I"})), "RACI005")
    data = finding.as_dict()
    assert data == {
        "code": "RACI005",
        "severity": "warning",
        "playbook": "test-playbook",
        "phase": "build",
        "task": "the-task",
        "roles": ["it"],
        "message": finding.message,
        "hint": finding.hint,
    }
    assert json.loads(json.dumps(data)) == data


def test_findings_follow_the_matrix_order_then_the_code():
    later = task("later", {"it": "R", "tpa": "R"})  # RACI001 and RACI002
    earlier = task("earlier", {"project-manager": "A"})  # RACI003
    book = playbook(("first", [earlier]), ("second", [later]))
    findings = lint(book)
    located = [(finding.task, finding.code) for finding in findings]
    assert located[:3] == [("earlier", "RACI003"), ("later", "RACI001"), ("later", "RACI002")]
    assert all(task_key is None for task_key, _ in located[3:])
    assert {code for _, code in located[3:]} == {"RACI004"}


def test_a_rule_switched_off_reports_nothing_and_a_new_severity_is_applied():
    cells = {"integration-manager": "R"}
    off = LintConfig().with_rule("one-accountable", enabled=False)
    assert with_code(lint(one_task(cells), config=off), "RACI001") == []
    softer = LintConfig().with_rule("RACI001", severity=Severity.WARNING)
    (finding,) = with_code(lint(one_task(cells), config=softer), "RACI001")
    assert finding.severity is Severity.WARNING


def test_lint_runs_only_the_rules_it_is_given():
    findings = lint(one_task({"it": "I"}), rules=(ONE_ACCOUNTABLE,))
    assert {finding.code for finding in findings} == {"RACI001"}


def test_a_configuration_naming_an_unknown_rule_or_parameter_is_refused():
    with pytest.raises(InvalidInput) as raised:
        lint(one_task(SOUND), config=LintConfig().with_rule("RACI099", enabled=False))
    assert "RACI099" in str(raised.value)
    with pytest.raises(InvalidInput) as raised:
        lint(one_task(SOUND), config=LintConfig().with_rule("RACI001", threshold=2))
    assert "no parameter 'threshold'" in str(raised.value)


def test_findings_are_frozen():
    finding = lint(one_task({}))[0]
    assert isinstance(finding, Finding)
    with pytest.raises(AttributeError):
        finding.code = "RACI000"  # type: ignore[misc]
