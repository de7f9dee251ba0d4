"""The RACI linter: which tasks and roles of a playbook break the RACI rules, and how to fix them.

The rules are data (:data:`DEFAULT_RULES`, one :class:`Rule` each, with a stable code such as
``RACI001``); a :class:`LintConfig` switches them off, changes their severity or tunes their
parameters. :func:`lint` reads every cell once and returns :class:`Finding` objects in matrix
order. ``docs/linter.md`` explains every rule.
"""

from accord.domain.lint.config import LintConfig
from accord.domain.lint.engine import lint
from accord.domain.lint.facts import LintFacts, TaskFacts, gather_facts
from accord.domain.lint.model import Finding, Issue, Parameter, Rule, RuleSetting, Severity
from accord.domain.lint.rules import DEFAULT_RULES, find_rule

__all__ = [
    "DEFAULT_RULES",
    "Finding",
    "Issue",
    "LintConfig",
    "LintFacts",
    "Parameter",
    "Rule",
    "RuleSetting",
    "Severity",
    "TaskFacts",
    "find_rule",
    "gather_facts",
    "lint",
]
