"""A workspace's tuning of the rules: which are on, at what severity, with which parameters.

Stored as plain data (JSON or YAML), keyed by rule code or name::

    RACI006: {severity: warning, max_consulted: 5}   # a mapping: enabled, severity, parameters
    redundant-informed: off                          # off / on, or true / false
    RACI008: warning                                 # a severity alone

:meth:`LintConfig.from_data` reports every problem at once, located by rule and field.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from accord.domain.errors import InvalidInput, NotFound, Problem
from accord.domain.lint.model import Rule, RuleSetting, Severity
from accord.domain.lint.rules import DEFAULT_RULES, find_rule

_DEFAULT_SETTING = RuleSetting()
_SWITCHES = {"on": True, "off": False}
_SEVERITIES = ", ".join(severity.value for severity in Severity)
PROBLEM_CODE = "lint-config-invalid"


def _empty_settings() -> Mapping[str, RuleSetting]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class LintConfig:
    """Settings by rule code or name; a rule without a setting keeps its defaults."""

    settings: Mapping[str, RuleSetting] = field(default_factory=_empty_settings)

    def __post_init__(self) -> None:
        if not isinstance(self.settings, MappingProxyType):
            object.__setattr__(self, "settings", MappingProxyType(dict(self.settings)))

    def setting(self, rule: Rule) -> RuleSetting:
        """The setting in force for ``rule``, keyed by its code or name in any case."""
        for key, setting in self.settings.items():
            if _refers_to(key, rule):
                return setting
        return _DEFAULT_SETTING

    def with_rule(
        self,
        code_or_name: str,
        *,
        enabled: bool | None = None,
        severity: Severity | None = None,
        **parameters: int,
    ) -> LintConfig:
        """A copy with one rule's setting changed; unchanged fields keep their current value.

        A built-in rule is stored under its code whichever way it is named, so that
        ``with_rule("consulted-limit", ...)`` and ``with_rule("RACI006", ...)`` add up.
        """
        # A rule of another table keeps its key; lint() checks it against that table.
        with suppress(NotFound):
            code_or_name = find_rule(code_or_name).code
        current = self.settings.get(code_or_name, _DEFAULT_SETTING)
        updated = RuleSetting(
            enabled=current.enabled if enabled is None else enabled,
            severity=current.severity if severity is None else severity,
            parameters={**current.parameters, **parameters},
        )
        return replace(self, settings={**self.settings, code_or_name: updated})

    def problems(self, rules: tuple[Rule, ...] = DEFAULT_RULES) -> list[Problem]:
        """What in this configuration does not fit ``rules``: unknown rules or parameters, or
        a rule configured twice (once by code, once by name)."""
        problems: list[Problem] = []
        configured: set[str] = set()
        for key, setting in self.settings.items():
            try:
                rule = find_rule(key, rules)
            except NotFound as error:
                problems.append(_problem(key, None, error.message, error.hint))
                continue
            if rule.code in configured:
                problems.append(_problem(key, None, f"{rule.code} is configured twice", "keep one entry"))
            configured.add(rule.code)
            problems.extend(_parameter_problems(rule, key, setting.parameters))
        return problems

    @classmethod
    def from_data(
        cls, data: object, rules: tuple[Rule, ...] = DEFAULT_RULES, *, where: str = ""
    ) -> LintConfig:
        """Read a configuration from plain data, keyed by rule code or name.

        Raises :class:`InvalidInput` listing every problem, each naming the rule and the field.
        """
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise InvalidInput(
                [
                    Problem(
                        PROBLEM_CODE,
                        "a lint configuration is a mapping from rule code or name to its setting",
                        hint="e.g. {RACI006: {max_consulted: 5}, redundant-informed: off}",
                        where=where,
                    )
                ]
            )
        settings: dict[str, RuleSetting] = {}
        problems: list[Problem] = []
        for raw_key, value in data.items():
            key = str(raw_key)
            try:
                rule = find_rule(key, rules)
            except NotFound as error:
                problems.append(_problem(key, None, error.message, error.hint, where))
                continue
            setting, setting_problems = _read_setting(rule, key, value, where)
            problems.extend(setting_problems)
            if rule.code in settings:
                problems.append(
                    _problem(key, None, f"{rule.code} is configured twice", "keep one entry", where)
                )
            settings[rule.code] = setting
        if problems:
            raise InvalidInput(problems)
        return cls(settings)

    def to_data(self) -> dict[str, dict[str, object]]:
        """The configuration as plain data that :meth:`from_data` reads back."""
        data: dict[str, dict[str, object]] = {}
        for key, setting in self.settings.items():
            entry: dict[str, object] = {"enabled": setting.enabled}
            if setting.severity is not None:
                entry["severity"] = setting.severity.value
            entry.update(setting.parameters)
            data[key] = entry
        return data


def _refers_to(key: str, rule: Rule) -> bool:
    wanted = key.strip().lower()
    return wanted in (rule.code.lower(), rule.name.lower())


def _problem(rule_key: str, field_name: str | None, message: str, hint: str, where: str = "") -> Problem:
    # The rule and field are the location inside the configuration, after the file it came from.
    path = f"{rule_key}.{field_name}" if field_name else rule_key
    return Problem(PROBLEM_CODE, message, hint=hint, where=f"{where}, {path}" if where else path)


def _parameter_problems(
    rule: Rule, key: str, parameters: Mapping[str, object], where: str = ""
) -> list[Problem]:
    problems = []
    for name, value in parameters.items():
        parameter = rule.parameter(name)
        if parameter is None:
            known = ", ".join(p.name for p in rule.parameters) or "none"
            problems.append(
                _problem(
                    key,
                    name,
                    f"{rule.code} ({rule.name}) has no parameter {name!r}",
                    f"its parameters: {known}",
                    where,
                )
            )
        elif isinstance(value, bool) or not isinstance(value, int) or value < parameter.minimum:
            problems.append(
                _problem(
                    key,
                    name,
                    f"{name} must be a whole number of at least {parameter.minimum}, not {value!r}",
                    f"{parameter.description}; default {parameter.default}",
                    where,
                )
            )
    return problems


def _read_severity(
    key: str, field_name: str | None, value: object, where: str, hint: str
) -> tuple[Severity | None, list[Problem]]:
    try:
        return Severity(str(value).strip().lower()), []
    except ValueError:
        return None, [_problem(key, field_name, f"unknown severity {value!r}", hint, where)]


def _read_setting(rule: Rule, key: str, value: object, where: str) -> tuple[RuleSetting, list[Problem]]:
    if isinstance(value, bool):
        return RuleSetting(enabled=value), []
    if isinstance(value, str):
        switch = _SWITCHES.get(value.strip().lower())
        if switch is not None:
            return RuleSetting(enabled=switch), []
        hint = f"use on, off, or a severity: {_SEVERITIES}"
        shorthand, shorthand_problems = _read_severity(key, None, value, where, hint)
        return RuleSetting(severity=shorthand), shorthand_problems
    if not isinstance(value, Mapping):
        return _DEFAULT_SETTING, [
            _problem(
                key,
                None,
                f"the setting of {rule.code} must be on, off, a severity or a mapping, not {value!r}",
                "e.g. {enabled: true, severity: warning}",
                where,
            )
        ]
    problems: list[Problem] = []
    enabled = value.get("enabled", True)
    if not isinstance(enabled, bool):
        problems.append(
            _problem(key, "enabled", f"enabled must be true or false, not {enabled!r}", "", where)
        )
        enabled = True
    severity: Severity | None = None
    if value.get("severity") is not None:
        severity, severity_problems = _read_severity(
            key, "severity", value["severity"], where, f"use {_SEVERITIES}"
        )
        problems.extend(severity_problems)
    parameters = {str(name): number for name, number in value.items() if name not in {"enabled", "severity"}}
    problems.extend(_parameter_problems(rule, key, parameters, where))
    valid_parameters = {name: number for name, number in parameters.items() if isinstance(number, int)}
    return RuleSetting(enabled=enabled, severity=severity, parameters=valid_parameters), problems
