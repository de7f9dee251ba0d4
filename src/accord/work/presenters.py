"""Plain rows for the work templates: the board's cells and findings.

Nothing here reads the database: it reshapes what the selectors returned, in the active language.
Each board cell comes with its HTML already written (:attr:`CellView.html`): a board of 50 tasks
has some 450 cells, and including ``work/_board_cell.html`` once per cell was most of the page's
time (the page bench). :func:`cell_html` writes exactly what that template writes; a test renders
both for every kind of cell and compares them, so the template stays the reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from html import escape
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.base.findings import finding_text
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
_NO_HTML = SafeString("")
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
    html: SafeString = _NO_HTML  # the cell as work/_board_cell.html draws it


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
    text = finding_text(finding, task_name=task.name if task is not None else "", role_names=role_names)
    return FindingView(
        severity=finding.severity.value,
        code=finding.code,
        name=finding.name,
        message=text.message,
        hint=text.hint,
        task_key=finding.task or "",
        task_name=task.name if task is not None else finding.task or "",
        task_id=task.id if task is not None else None,
        roles=", ".join(role_names.get(role, role) for role in finding.roles),
    )


#: A role key no playbook uses, reversed once per row and replaced by each role's key.
_ROLE_SLOT = "role-slot-0"


@dataclass(frozen=True, slots=True)
class _CellWords:
    """The template's fixed words in the active language, looked up once per board."""

    empty: str
    change: str
    edit: str


def cell_html(
    cell: CellView,
    *,
    task: BoardTask,
    can_edit: bool,
    focus_role: str = "",
    editor_url: str,
    words: _CellWords | None = None,
) -> SafeString:
    """The ``<td>`` of one board cell, character for character what ``work/_board_cell.html``
    renders (``editor_url``: the cell editor's address, escaped by this function). The values are
    plain strings, escaped as the template escapes them (Django's ``escape`` is the standard
    library's, called here directly: going through Django's lazy-aware wrapper per value cost
    more than the writing)."""
    words = words or _CellWords(gettext("empty"), gettext("Change"), gettext("Edit this cell"))

    def e(value: object) -> str:
        return escape(str(value))

    flag = '<span class="cell-flag" aria-hidden="true">!</span>' if cell.findings else ""
    parts = [f'<td class="raci {e(cell.css_class)}{" has-finding" if cell.findings else ""}">']
    if can_edit:
        ident = f"{e(task.id)}-{e(cell.role.key)}"
        said = "".join(f". {e(finding.message)}" for finding in cell.findings)
        address = f"{e(editor_url)}?version={e(task.version)}"
        parts += [
            f'<button type="button" class="cell-button" id="cell-{ident}" popovertarget="edit-{ident}" ',
            f'aria-label="{e(task.name)} · {e(cell.role.name)}: {e(cell.words or words.empty)}{said}. ',
            f'{e(words.change)}"{" autofocus" if focus_role == cell.role.key else ""}>',
            f"{e(cell.text or '·')}{flag}</button>\n",
            f'  <div popover id="edit-{ident}" class="popover cell-editor" hx-get="{address}" ',
            'hx-trigger="toggle once" hx-swap="innerHTML">\n',
            f'    <a href="{address}">{e(words.edit)}</a>\n  </div>',
        ]
    else:
        if cell.text:
            parts.append(
                f'<abbr title="{e(cell.words)}">{e(cell.text)}</abbr>'
                f'<span class="visually-hidden"> ({e(cell.words)})</span>'
            )
        if cell.findings:
            said = "".join(f" {e(finding.message)}." for finding in cell.findings)
            parts.append(f'{flag}<span class="visually-hidden">{said}</span>')
    parts.append("</td>\n")
    return mark_safe("".join(parts))  # noqa: S308 every value above is escaped


def _spelling(
    value: Raci, spellings: dict[Raci, tuple[str, str, str, frozenset[str]]]
) -> tuple[str, str, str, frozenset[str]]:
    """How a cell holding ``value`` reads (text, words, CSS class, ticked boxes), worked out once
    per value and board: a board has hundreds of cells but only a handful of distinct values."""
    known = spellings.get(value)
    if known is None:
        known = spellings[value] = (
            value.canonical,
            letters_in_words(value) if not value.is_empty else "",
            "" if value.is_empty else _LETTER_CLASS[letter_of(value)],
            letter_names(value),
        )
    return known


def _cells(
    task: BoardTask,
    roles: Iterable[BoardRole],
    findings: Iterable[tuple[Finding, FindingView]],
    *,
    project_id: int,
    can_edit: bool,
    focus_role: str,
    words: _CellWords,
    spellings: dict[Raci, tuple[str, str, str, frozenset[str]]],
) -> tuple[CellView, ...]:
    pairs = tuple(findings)
    # One reverse per row, not per cell: the role's key (a slug) takes the place of the slot.
    slot_url = reverse(
        "work:board-cell-editor",
        kwargs={"project_id": project_id, "task_id": task.id, "role_key": _ROLE_SLOT},
    )
    cells = []
    for role in roles:
        value = task.cells.get(role.key, Raci(0))
        text, said, css_class, checked = _spelling(value, spellings)
        cell = CellView(
            role=role,
            letters=value,
            text=text,
            words=said,
            css_class=css_class,
            checked=checked,
            findings=tuple(view for finding, view in pairs if role.key in finding.roles) if pairs else (),
        )
        html = cell_html(
            cell,
            task=task,
            can_edit=can_edit,
            focus_role=focus_role,
            editor_url=slot_url.replace(f"/{_ROLE_SLOT}/", f"/{role.key}/"),
            words=words,
        )
        cells.append(replace(cell, html=html))
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
    by_task: dict[str | None, list[tuple[Finding, FindingView]]] = {}
    for finding, view in zip(ordered, findings, strict=True):
        by_task.setdefault(finding.task, []).append((finding, view))
    words = _CellWords(gettext("empty"), gettext("Change"), gettext("Edit this cell"))
    spellings: dict[Raci, tuple[str, str, str, frozenset[str]]] = {}
    phases = []
    for phase in board.phases:
        rows = []
        for task in phase.tasks:
            pairs = by_task.get(task.key, [])
            extra: dict[str, Any] = {}
            if task.id == changed_task_id:
                extra = {
                    "message": message,
                    "message_is_error": message_is_error,
                    "undo_entry_id": undo_entry_id,
                    "focus_role": focus_role,
                }
            cells = _cells(
                task,
                roles,
                pairs,
                project_id=board.project.pk,
                can_edit=board.can_edit_raci,
                focus_role=extra.get("focus_role", ""),
                words=words,
                spellings=spellings,
            )
            rows.append(
                RowView(
                    task=task,
                    cells=cells,
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
