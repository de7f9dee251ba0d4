"""Run a rule table over a playbook and return its findings in matrix order."""

from __future__ import annotations

from accord.domain.errors import InvalidInput
from accord.domain.lint.config import LintConfig
from accord.domain.lint.facts import gather_facts
from accord.domain.lint.model import Finding, Rule
from accord.domain.lint.rules import DEFAULT_RULES
from accord.domain.playbook import Playbook


def lint(
    playbook: Playbook,
    rules: tuple[Rule, ...] = DEFAULT_RULES,
    config: LintConfig | None = None,
) -> tuple[Finding, ...]:
    """Check ``playbook`` against ``rules`` as tuned by ``config``.

    Findings come in the matrix's task order, then by rule code; playbook-level findings (a role
    that owns no work, say) come after every task. A configuration naming a rule or parameter
    that ``rules`` does not have raises :class:`InvalidInput` rather than being ignored.
    """
    if config is not None:
        problems = config.problems(rules)
        if problems:
            raise InvalidInput(
                problems, message=f"the lint configuration does not fit the rules: {problems[0]}"
            )
    facts = gather_facts(playbook)
    ranked: list[tuple[int, str, Finding]] = []
    for rule in rules:
        setting = config.setting(rule) if config is not None else None
        if setting is not None and not setting.enabled:
            continue
        severity = rule.severity
        parameters = dict(rule.default_parameters)
        if setting is not None:
            severity = setting.severity or severity
            parameters.update(setting.parameters)
        for issue in rule.check(facts, parameters):
            finding = Finding(
                code=rule.code,
                name=rule.name,
                severity=severity,
                playbook=playbook.key,
                phase=issue.phase,
                task=issue.task,
                roles=issue.roles,
                message=issue.message,
                hint=issue.hint,
            )
            ranked.append((issue.ordinal, rule.code, finding))
    # A stable sort on (ordinal, code) keeps each rule's own order within one task.
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    return tuple(finding for _, _, finding in ranked)
