"""Plain rows for the work templates: the board's cells and findings.

Nothing here reads the database: it reshapes what the selectors returned, in the active language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from accord.domain.lint import Finding
from accord.domain.raci import LETTERS, Raci
from accord.formats.matrix.layout import letter_of
from accord.work.selectors import Board, BoardRole, BoardTask

_LETTER_CLASS = {"R": "raci-r", "A": "raci-a", "C": "raci-c", "I": "raci-i", "N/A": "raci-na"}
_LETTER_WORDS = {
    Raci.R: _("Responsible"),
    Raci.A: _("Accountable"),
    Raci.C: _("Consulted"),
    Raci.I: _("Informed"),
}
SIDE_LABELS = {"vendor": _("Vendor"), "customer": _("Customer"), "partner": _("Partner")}


def letters_in_words(value: Raci) -> str:
    """The letters spelled out in the active language, e.g. "Responsible & Accountable"."""
    if value & Raci.NA:
        return str(_("Not applicable"))
    return " & ".join(str(_LETTER_WORDS[letter]) for letter in LETTERS if value & letter)


def letter_names(value: Raci) -> frozenset[str]:
    """The names of the checkboxes a cell editor ticks for ``value`` ("R", "A", "C", "I", "NA")."""
    return frozenset(letter.name or "" for letter in (*LETTERS, Raci.NA) if value & letter)


@dataclass(frozen=True, slots=True)
class FindingView:
    severity: str
    code: str
    name: str
    message: str
    hint: str
    task_key: str
    task_name: str
    task_id: int | None  # the board row it sits on
    roles: str  # role names, comma-separated


@dataclass(frozen=True, slots=True)
class CellView:
    role: BoardRole
    letters: Raci
    text: str  # canonical spelling, "" when empty
    words: str
    css_class: str
    checked: frozenset[str]
    findings: tuple[FindingView, ...]


@dataclass(frozen=True, slots=True)
class RowView:
    """One task row of the board; ``message`` and ``undo_entry_id`` say what an edit just did."""

    task: BoardTask
    cells: tuple[CellView, ...]
    findings: tuple[FindingView, ...]
    message: str = ""
    message_is_error: bool = False
    undo_entry_id: int | None = None
    focus_role: str = ""  # the cell to give focus back to after an edit that failed

    @property
    def worst_severity(self) -> str:
        severities = {finding.severity for finding in self.findings}
        return next((name for name in ("error", "warning", "info") if name in severities), "")


@dataclass(frozen=True, slots=True)
class PhaseView:
    key: str
    name: str
    rows: tuple[RowView, ...]


@dataclass(frozen=True, slots=True)
class RoleHeader:
    role: BoardRole
    findings: tuple[FindingView, ...]  # findings on the role as a whole (e.g. owns no work)


@dataclass(frozen=True, slots=True)
class SideHeader:
    side: str
    label: str
    roles: tuple[RoleHeader, ...]


@dataclass(frozen=True, slots=True)
class BoardView:
    board: Board
    phases: tuple[PhaseView, ...]
    findings: tuple[FindingView, ...]  # the worst first
    role_findings: Mapping[str, tuple[FindingView, ...]] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def sides(self) -> tuple[SideHeader, ...]:
        """The column groups, each side's roles with the findings about them."""
        return tuple(
            SideHeader(
                side=side.side.value,
                label=str(SIDE_LABELS.get(side.side.value, side.side.value)),
                roles=tuple(RoleHeader(role, self.role_findings.get(role.key, ())) for role in side.roles),
            )
            for side in self.board.sides
        )

    @property
    def role_headers(self) -> tuple[RoleHeader, ...]:
        return tuple(header for side in self.sides for header in side.roles)

    @property
    def column_count(self) -> int:
        """The task, status and due-date columns, and one per role."""
        return 3 + len(self.board.roles)

    def row(self, task_id: int) -> RowView | None:
        for phase in self.phases:
            for row in phase.rows:
                if row.task.id == task_id:
                    return row
        return None


def _finding_view(
    finding: Finding, tasks: Mapping[str, BoardTask], role_names: Mapping[str, str]
) -> FindingView:
    task = tasks.get(finding.task) if finding.task else None
    return FindingView(
        severity=finding.severity.value,
        code=finding.code,
        name=finding.name,
        message=finding.message,
        hint=finding.hint,
        task_key=finding.task or "",
        task_name=task.name if task is not None else finding.task or "",
        task_id=task.id if task is not None else None,
        roles=", ".join(role_names.get(role, role) for role in finding.roles),
    )


def _cells(
    task: BoardTask, roles: Iterable[BoardRole], findings: Iterable[tuple[Finding, FindingView]]
) -> tuple[CellView, ...]:
    pairs = tuple(findings)
    cells = []
    for role in roles:
        value = task.cells.get(role.key, Raci(0))
        cells.append(
            CellView(
                role=role,
                letters=value,
                text=value.canonical,
                words=letters_in_words(value) if not value.is_empty else "",
                css_class="" if value.is_empty else _LETTER_CLASS[letter_of(value)],
                checked=letter_names(value),
                findings=tuple(view for finding, view in pairs if role.key in finding.roles),
            )
        )
    return tuple(cells)


def board_view(
    board: Board,
    *,
    changed_task_id: int | None = None,
    message: str = "",
    message_is_error: bool = False,
    undo_entry_id: int | None = None,
    focus_role: str = "",
) -> BoardView:
    """The board as the template draws it; the row of ``changed_task_id`` carries the message of
    the edit that just happened (and its undo)."""
    roles = board.roles
    role_names = {role.key: role.name for role in roles}
    tasks = {task.key: task for phase in board.phases for task in phase.tasks}
    ordered = sorted(board.findings, key=lambda finding: finding.severity.rank)
    findings = tuple(_finding_view(finding, tasks, role_names) for finding in ordered)
    role_findings: dict[str, list[FindingView]] = {}
    for finding, view in zip(ordered, findings, strict=True):
        if finding.task is None:
            for role in finding.roles:
                role_findings.setdefault(role, []).append(view)
    phases = []
    for phase in board.phases:
        rows = []
        for task in phase.tasks:
            pairs = [
                (finding, view)
                for finding, view in zip(ordered, findings, strict=True)
                if finding.task == task.key
            ]
            extra: dict[str, Any] = {}
            if task.id == changed_task_id:
                extra = {
                    "message": message,
                    "message_is_error": message_is_error,
                    "undo_entry_id": undo_entry_id,
                    "focus_role": focus_role,
                }
            rows.append(
                RowView(
                    task=task,
                    cells=_cells(task, roles, pairs),
                    findings=tuple(view for _finding, view in pairs),
                    **extra,
                )
            )
        phases.append(PhaseView(phase.key, phase.name, tuple(rows)))
    counts = {
        severity: sum(view.severity == severity for view in findings)
        for severity in ("error", "warning", "info")
    }
    return BoardView(
        board=board,
        phases=tuple(phases),
        findings=findings,
        role_findings={role: tuple(views) for role, views in role_findings.items()},
        counts=counts,
    )
