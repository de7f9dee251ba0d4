import pytest

from accord.domain.errors import InvalidInput
from accord.domain.lint import LintConfig, RuleSetting, Severity, lint
from accord.domain.lint.rules import CONSULTED_LIMIT, ONE_ACCOUNTABLE, REDUNDANT_INFORMED
from tests.domain.lint_helpers import one_task, with_code


def test_every_written_form_of_a_setting_is_read():
    config = LintConfig.from_data(
        {
            "RACI001": "warning",
            "redundant-informed": "off",
            "RACI008": False,
            "RACI009": "On",
            "consulted-limit": {"severity": "WARNING", "max_consulted": 5},
        }
    )
    assert config.settings == {
        "RACI001": RuleSetting(severity=Severity.WARNING),
        "RACI005": RuleSetting(enabled=False),
        "RACI008": RuleSetting(enabled=False),
        "RACI009": RuleSetting(enabled=True),
        "RACI006": RuleSetting(severity=Severity.WARNING, parameters={"max_consulted": 5}),
    }
    assert config.setting(CONSULTED_LIMIT).parameters == {"max_consulted": 5}
    assert config.setting(ONE_ACCOUNTABLE).severity is Severity.WARNING


def test_an_empty_configuration_keeps_every_default():
    assert LintConfig.from_data(None) == LintConfig()
    assert LintConfig.from_data({}).setting(REDUNDANT_INFORMED) == RuleSetting()


def test_to_data_reads_back_to_the_same_configuration():
    config = (
        LintConfig()
        .with_rule("RACI006", severity=Severity.WARNING, max_consulted=2)
        .with_rule("RACI005", enabled=False)
    )
    assert LintConfig.from_data(config.to_data()) == config


def test_with_rule_keeps_what_it_is_not_told_to_change():
    config = LintConfig().with_rule("RACI006", severity=Severity.ERROR).with_rule("RACI006", max_consulted=7)
    assert config.settings["RACI006"] == RuleSetting(severity=Severity.ERROR, parameters={"max_consulted": 7})


def test_every_problem_is_reported_at_once_with_its_place_and_a_hint():
    with pytest.raises(InvalidInput) as raised:
        LintConfig.from_data(
            {
                "RACI404": "off",
                "RACI001": "loud",
                "RACI006": {"max_consulted": -1, "limit": 3, "severity": "fatal", "enabled": "yes"},
            },
            where="workspace settings",
        )
    problems = {(problem.where, problem.message): problem.hint for problem in raised.value.problems}
    assert set(problems) == {
        ("workspace settings, RACI404", "there is no lint rule 'RACI404'"),
        ("workspace settings, RACI001", "unknown severity 'loud'"),
        ("workspace settings, RACI006.enabled", "enabled must be true or false, not 'yes'"),
        ("workspace settings, RACI006.severity", "unknown severity 'fatal'"),
        (
            "workspace settings, RACI006.max_consulted",
            "max_consulted must be a whole number of at least 0, not -1",
        ),
        ("workspace settings, RACI006.limit", "RACI006 (consulted-limit) has no parameter 'limit'"),
    }
    assert (
        "RACI001 (one-accountable)"
        in problems[("workspace settings, RACI404", "there is no lint rule 'RACI404'")]
    )
    assert problems[("workspace settings, RACI001", "unknown severity 'loud'")] == (
        "use on, off, or a severity: error, warning, info"
    )
    assert (
        "default 3"
        in problems[
            (
                "workspace settings, RACI006.max_consulted",
                "max_consulted must be a whole number of at least 0, not -1",
            )
        ]
    )


@pytest.mark.parametrize("value", [True, 2.5, "3"])
def test_a_parameter_must_be_a_whole_number(value):
    with pytest.raises(InvalidInput) as raised:
        LintConfig.from_data({"RACI006": {"max_consulted": value}})
    assert "must be a whole number" in str(raised.value)


def test_a_rule_configured_twice_under_code_and_name_is_refused():
    with pytest.raises(InvalidInput) as raised:
        LintConfig.from_data({"RACI005": "off", "redundant-informed": "on"})
    assert "configured twice" in str(raised.value)


@pytest.mark.parametrize("data", [["RACI001"], "RACI001: off"])
def test_a_configuration_that_is_not_a_mapping_is_refused(data):
    with pytest.raises(InvalidInput) as raised:
        LintConfig.from_data(data, where="lint.yaml")
    assert raised.value.problems[0].where == "lint.yaml"
    assert "mapping" in str(raised.value)


def test_a_setting_of_the_wrong_kind_is_refused():
    with pytest.raises(InvalidInput) as raised:
        LintConfig.from_data({"RACI001": 3})
    assert "must be on, off, a severity or a mapping" in str(raised.value)


def test_a_configuration_read_from_data_drives_lint():
    config = LintConfig.from_data({"one-accountable": "info", "RACI003": "off"})
    findings = lint(one_task({"it": "I"}), config=config)
    assert [finding.severity for finding in with_code(findings, "RACI001")] == [Severity.INFO]
    assert with_code(findings, "RACI003") == []


def test_settings_apply_whatever_the_case_of_the_rule_key():
    config = LintConfig(
        {"raci001": RuleSetting(enabled=False), "Redundant-Informed": RuleSetting(enabled=False)}
    )
    findings = lint(one_task({"it": "R/I"}), config=config)
    assert with_code(findings, "RACI001") == []
    assert with_code(findings, "RACI005") == []


def test_with_rule_by_name_and_by_code_adds_up_to_one_setting():
    config = (
        LintConfig()
        .with_rule("consulted-limit", severity=Severity.WARNING)
        .with_rule("raci006", max_consulted=1)
    )
    assert dict(config.settings) == {
        "RACI006": RuleSetting(severity=Severity.WARNING, parameters={"max_consulted": 1}),
    }


def test_a_rule_set_twice_by_code_and_name_is_refused_by_lint():
    config = LintConfig({"RACI005": RuleSetting(enabled=False), "redundant-informed": RuleSetting()})
    with pytest.raises(InvalidInput) as raised:
        lint(one_task({"it": "R/A"}), config=config)
    assert "configured twice" in str(raised.value)
