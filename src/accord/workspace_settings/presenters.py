"""Plain rows for the templates: a playbook's matrix, its findings, its summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from accord.base.findings import finding_text
from accord.domain.errors import Problem
from accord.domain.lint import Finding, Severity
from accord.domain.playbook import Playbook
from accord.formats.matrix.layout import iter_rows, letter_of, matrix_roles

_LETTER_CLASS = {"R": "raci-r", "A": "raci-a", "C": "raci-c", "I": "raci-i", "N/A": "raci-na"}


@dataclass(frozen=True, slots=True)
class MatrixCell:
    letters: str  # canonical spelling, e.g. "R/A"; empty for an empty cell
    words: str  # the letters spelled out, for assistive technology
    css_class: str


@dataclass(frozen=True, slots=True)
class MatrixRow:
    phase: str  # set on a phase heading row only
    task: str
    group: str
    timeframe: str
    variants: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True, slots=True)
class FindingRow:
    severity: str
    code: str
    name: str
    task: str
    roles: str
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class ProblemRow:
    where: str
    line: int | None
    column: str
    message: str
    hint: str


def matrix_rows(playbook: Playbook) -> list[MatrixRow]:
    """One heading row per phase, then a row per task with a cell per role in matrix order."""
    roles = matrix_roles(playbook)
    rows: list[MatrixRow] = []
    for row in iter_rows(playbook, headings="all"):
        if row.task is None:
            rows.append(MatrixRow(row.phase.name, "", "", "", "", ()))
            continue
        cells = []
        for role in roles:
            value = row.task.cell(role.key)
            if value.is_empty:
                cells.append(MatrixCell("", "", ""))
            else:
                cells.append(MatrixCell(value.canonical, value.words, _LETTER_CLASS[letter_of(value)]))
        task = row.task
        rows.append(
            MatrixRow("", task.name, task.group, task.timeframe, ", ".join(task.variants), tuple(cells))
        )
    return rows


def finding_rows(playbook: Playbook, findings: Iterable[Finding]) -> list[FindingRow]:
    """Findings with task and role names instead of keys, the worst first, matrix order within."""
    task_names = {task.key: task.name for task in playbook.tasks}
    role_names = {role.key: role.label for role in playbook.roles}
    ordered = sorted(findings, key=lambda finding: finding.severity.rank)
    names = {role.key: role.name for role in playbook.roles}
    rows = []
    for finding in ordered:
        task = task_names.get(finding.task, finding.task) if finding.task else ""
        text = finding_text(finding, task_name=task, role_names=names)
        rows.append(
            FindingRow(
                severity=finding.severity.value,
                code=finding.code,
                name=finding.name,
                task=task,
                roles=", ".join(role_names.get(role, role) for role in finding.roles),
                message=text.message,
                hint=text.hint,
            )
        )
    return rows


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counted = Counter(finding.severity for finding in findings)
    return {severity.value: counted.get(severity, 0) for severity in Severity}


def problem_rows(problems: Iterable[Problem]) -> list[ProblemRow]:
    return [
        ProblemRow(
            where=problem.where,
            line=problem.line,
            column="" if problem.column is None else str(problem.column),
            message=problem.message,
            hint=problem.hint,
        )
        for problem in problems
    ]
