"""Walk the five source documents and say what of them a playbook is missing.

Each ``walk_<seed>`` reads the source text itself (its lines, its pipe tables, its flattened
matrix) and returns findings: one line per role, task, cell or sentence of the source that the
playbook does not carry with the source's wording. An empty list means the playbook is faithful.
Hard-coded strings are few, and every one of them is first checked against the source, so a
source that changes under us fails loudly instead of passing quietly.

The sources live outside the repository, in ``shared/seeds`` beside it (as in CI); tests skip
with a clear reason when that folder is absent.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from accord.domain.playbook import Phase, Playbook, Role, Task
from accord.domain.raci import Raci, parse_raci

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIRECTORY = REPOSITORY_ROOT.parent / "shared" / "seeds"

#: Source file of each built-in playbook.
SEED_FILES: dict[str, str] = {
    "tomorro-integration": "000_25310d39a18cbc0f.txt",
    "tomorro-automation": "001_07f8eccfde22c734.txt",
    "socialtalent-onboarding": "002_65f31c048afb38c6.txt",
    "invoicecloud-integration": "003_4e46e7600eee6438.txt",
    "paylocity-integration": "004_2832d3a53a9c2dbe.txt",
}

_DROPPED_CATEGORIES = {"So", "Me", "Mn", "Cf"}  # emoji, keycaps, variation selectors, joiners
_WHITESPACE = re.compile(r"\s+")
_KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")  # "1️⃣": a digit drawn as an emoji


def seed_text(file_name: str) -> str:
    """The text of one source document, or skip the test when the sources are not beside the repo."""
    path = SEEDS_DIRECTORY / file_name
    if not SEEDS_DIRECTORY.is_dir():
        pytest.skip(
            f"source documents not found: {SEEDS_DIRECTORY} is absent (expected beside the repository)"
        )
    if not path.is_file():
        pytest.fail(f"source document {path} is missing from {SEEDS_DIRECTORY}")
    return path.read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """The text without emoji and keycaps, whitespace collapsed, a trailing colon dropped."""
    composed = _KEYCAP.sub("", unicodedata.normalize("NFC", text))
    kept = "".join(char for char in composed if unicodedata.category(char) not in _DROPPED_CATEGORIES)
    return _WHITESPACE.sub(" ", kept).strip().rstrip(":").strip()


def _fold(text: str) -> str:
    return normalise(text).casefold()


def playbook_corpus(playbook: Playbook) -> str:
    """Every piece of text a playbook carries, folded, one piece per line."""
    pieces: list[str] = [playbook.name, playbook.description, *playbook.notes]
    for role in playbook.roles:
        pieces += [role.name, role.source_name, role.description, *role.responsibilities]
    for phase in playbook.phases:
        pieces += [phase.name, phase.description]
        for task in phase.tasks:
            pieces += [task.name, task.group, task.details, task.timeframe, *task.deliverables, *task.notes]
    for handover in playbook.handovers:
        pieces.append(handover.note)
    return "\n".join(_fold(piece) for piece in pieces if piece)


def role_by_source_label(playbook: Playbook, label: str) -> Role | None:
    """The role whose name or source name is ``label`` (emoji and spacing ignored)."""
    wanted = normalise(label)
    for role in playbook.roles:
        if wanted in {normalise(role.name), normalise(role.source_name)}:
            return role
    return None


def tasks_named(playbook: Playbook, name: str) -> list[tuple[Phase, Task]]:
    wanted = normalise(name)
    return [(phase, task) for phase, task in playbook.iter_tasks() if normalise(task.name) == wanted]


def phase_named(playbook: Playbook, name: str) -> Phase | None:
    wanted = normalise(name)
    return next((phase for phase in playbook.phases if normalise(phase.name) == wanted), None)


def unquoted_in_source(strings: Iterable[str], source: str) -> list[str]:
    """The hard-coded strings that the source does not contain (a test of the test's own data)."""
    folded = _fold(source)
    return [text for text in strings if _fold(text) not in folded]


def missing_texts(playbook: Playbook, strings: Iterable[str]) -> list[str]:
    corpus = playbook_corpus(playbook)
    return [f"text not in the playbook: {text!r}" for text in strings if _fold(text) not in corpus]


def sentences(line: str) -> list[str]:
    """A line cut after each full stop, question mark or colon followed by a space."""
    return [part for part in re.split(r"(?<=[.?:])\s+", normalise(line)) if normalise(part)]


# --- seed 000: the flattened RACI matrix ----------------------------------------------------

HEADER_WORDS = ("Responsible", "Accountable", "Consulted", "Informed")
HEADER_LETTERS = (Raci.R, Raci.A, Raci.C, Raci.I)


@dataclass(frozen=True)
class MatrixRow:
    phase: str
    group: str
    task: str
    entries: tuple[str, ...]


def _is_phase_header(line: str) -> bool:
    # "1️⃣ Deal Evaluation (before projet)": a digit, then a keycap.
    return len(line) > 2 and line[0].isdigit() and "\u20e3" in line[:4]


def _is_role_entry(line: str) -> bool:
    # "🟡 CLIENT - Project Manager": an emoji circle, then the role.
    return bool(line) and unicodedata.category(line[0]) == "So" and " - " in line


def walk_matrix(source: str) -> list[MatrixRow]:
    """The rows of seed 000's matrix: phase, group, task and the role entries in column order.

    The saved page lost the column boundaries: after a phase title and the four column titles,
    each row is its task name, possibly preceded by a new group name, then one line per role
    entry. A group stays in force until the next group or phase.
    """
    rows: list[MatrixRow] = []
    phase = group = ""
    pending: list[str] = []
    entries: list[str] = []
    started = False

    def close_row() -> None:
        nonlocal group
        if entries:
            *groups, task = pending
            if groups:
                group = normalise(groups[-1])
            rows.append(MatrixRow(phase, group, normalise(task), tuple(normalise(e) for e in entries)))
            pending.clear()
            entries.clear()

    for raw in source.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _is_phase_header(line):
            close_row()
            started, phase, group = True, normalise(line), ""
            continue
        if not started or line in HEADER_WORDS:
            continue
        if line.startswith("Did this answer"):
            break
        if _is_role_entry(line):
            entries.append(line)
        else:
            close_row()
            pending.append(line)
    close_row()
    return rows


def _matrix_task(playbook: Playbook, row: MatrixRow) -> Task | None:
    for phase, task in tasks_named(playbook, row.task):
        if normalise(phase.name) == row.phase and normalise(task.group) == row.group:
            return task
    return None


def walk_tomorro_integration(playbook: Playbook, source: str) -> list[str]:
    """Seed 000: every phase, group, task and role entry, and letters in the matrix's column order."""
    findings: list[str] = []
    rows = walk_matrix(source)
    for phase_name in dict.fromkeys(row.phase for row in rows):
        if phase_named(playbook, phase_name) is None:
            findings.append(f"phase missing: {phase_name!r}")
    for row in rows:
        where = f"{row.phase} / {row.group or '-'} / {row.task}"
        task = _matrix_task(playbook, row)
        if task is None:
            findings.append(f"task missing: {where}")
            continue
        keys = []
        for entry in row.entries:
            role = role_by_source_label(playbook, entry)
            if role is None:
                findings.append(f"role missing: {entry!r} ({where})")
            else:
                keys.append(role.key)
        if set(keys) != set(task.raci):
            findings.append(f"{where}: roles {sorted(task.raci)} differ from the source's {sorted(keys)}")
            continue
        columns = [_column(task.cell(key)) for key in keys]
        if columns != sorted(columns) or None in columns:
            findings.append(f"{where}: letters {columns} are not in the source's column order")
        findings += _reading_rules(where, columns)
        if len(keys) != len(HEADER_LETTERS) and not task.notes:
            findings.append(f"{where}: {len(keys)} entries but no note recording how they were read")
    findings += missing_texts(playbook, _checked(["Onboarding : COM", "Post-Onboarding : CSM"], source))
    return findings


def _reading_rules(where: str, columns: list[int | None]) -> list[str]:
    """The rules the playbook's header comment gives for reading a flattened row."""
    findings = []
    if len(columns) >= len(HEADER_LETTERS) and set(columns) != set(range(len(HEADER_LETTERS))):
        findings.append(f"{where}: a row of {len(columns)} entries leaves no column empty, got {columns}")
    if len(columns) == 2 and columns != [0, 1]:
        findings.append(f"{where}: a row of two entries reads as Responsible then Accountable, got {columns}")
    if columns.count(0) != 1 or columns.count(1) != 1:
        findings.append(f"{where}: one Responsible and one Approver per task, got {columns}")
    return findings


def _column(cell: Raci) -> int | None:
    """The matrix column (0 = Responsible … 3 = Informed) of a single-letter cell."""
    letters = [index for index, letter in enumerate(HEADER_LETTERS) if cell & letter]
    return letters[0] if len(letters) == 1 else None


def _checked(strings: list[str], source: str) -> list[str]:
    absent = unquoted_in_source(strings, source)
    if absent:
        raise AssertionError(f"expected strings not found in the source itself: {absent}")
    return strings


# --- seed 001: French memo --------------------------------------------------------------------

AUTOMATION_TASKS = [
    "Définition du besoin opérationnel",
    "Arbre de décisions",
    "Configurez et testez",
    "Passez en live",
]
AUTOMATION_PHASES = ["Définition du besoin", "Configuration"]


def walk_tomorro_automation(playbook: Playbook, source: str) -> list[str]:
    """Seed 001: its headings as phases and tasks, and every sentence of the memo in the playbook."""
    findings: list[str] = []
    for name in _checked(AUTOMATION_PHASES, source):
        if phase_named(playbook, name) is None:
            findings.append(f"phase missing: {name!r}")
    for name in _checked(AUTOMATION_TASKS, source):
        if not tasks_named(playbook, name):
            findings.append(f"task missing: {name!r}")
    lines = [line for line in source.splitlines() if normalise(line)]
    # The first three lines are the page's title and teaser; the rest is the memo itself.
    findings += missing_texts(playbook, [part for line in lines[3:] for part in sentences(line)])
    return findings


# --- seed 002: pipe tables ------------------------------------------------------------------


def pipe_tables(source: str) -> list[list[list[str]]]:
    """Each pipe table of the source as rows of cells (header row first, rule row dropped)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*source.splitlines(), ""]:
        stripped = line.strip()
        if "|" in stripped:
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if not all(set(cell) <= {"-"} for cell in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


IF_APPLICABLE = " (If Applicable)"


def split_responsibilities(cell: str) -> list[str]:
    """List items written "-First -Second": split on a "-" that starts a word after a space."""
    items = re.split(r"(?:^|\s)-(?=\S|$)", cell)
    return [item.strip() for item in items if item.strip()]


def _check_role_row(playbook: Playbook, row: list[str], side: str) -> list[str]:
    label, description, responsibilities = row[:3]
    role = role_by_source_label(playbook, label)
    if role is None:
        return [f"role missing: {label!r}"]
    findings = []
    if role.side.value != side:
        findings.append(f"role {label!r} is on side {role.side.value}, the source's table says {side}")
    applicable = label.endswith(IF_APPLICABLE)
    if applicable and (role.name != label.removesuffix(IF_APPLICABLE) or role.source_name != label):
        findings.append(f"role {label!r}: name without the suffix, source_name with it")
    if role.if_applicable != applicable:
        findings.append(f"role {label!r}: if_applicable should be {applicable}")
    if normalise(role.description) != normalise(description):
        findings.append(f"role {label!r}: description differs from the source")
    if list(role.responsibilities) != split_responsibilities(responsibilities):
        findings.append(f"role {label!r}: responsibilities differ from the source")
    return findings


@dataclass(frozen=True)
class RaciRow:
    action: str
    details: str
    timeframe: str
    cells: dict[str, str]
    repaired: bool


def socialtalent_raci_rows(table: list[list[str]]) -> list[RaciRow]:
    """The onboarding RACI rows, with the one row that lost a cell realigned.

    A row whose last cell is empty lost its Details cell: the playbook's decision, checked here
    so that it cannot drift from what the tests expect.
    """
    header, *body = table
    role_columns = header[3:7]
    rows = []
    for cells in body:
        repaired = cells[-1] == "" and len(cells) == len(header)
        if repaired:
            cells = [cells[0], "", *cells[1:-1]]
        rows.append(
            RaciRow(cells[0], cells[1], cells[2], dict(zip(role_columns, cells[3:7], strict=True)), repaired)
        )
    return rows


def walk_socialtalent_onboarding(playbook: Playbook, source: str) -> list[str]:
    """Seed 002: both role tables field by field, and every row and cell of the onboarding RACI."""
    tables = pipe_tables(source)
    if len(tables) != 3:
        raise AssertionError(f"seed 002 should hold three pipe tables, found {len(tables)}")
    customer_roles, vendor_roles, raci = tables
    findings: list[str] = []
    for row in customer_roles[1:]:
        findings += _check_role_row(playbook, row, "customer")
    for row in vendor_roles[1:]:
        findings += _check_role_row(playbook, row, "vendor")
    for row in socialtalent_raci_rows(raci):
        found = tasks_named(playbook, row.action)
        if not found:
            findings.append(f"task missing: {row.action!r}")
            continue
        _, task = found[0]
        if normalise(task.details) != normalise(row.details):
            findings.append(f"{row.action!r}: details differ from the source")
        if normalise(task.timeframe) != normalise(row.timeframe):
            findings.append(f"{row.action!r}: timeframe {task.timeframe!r} differs from {row.timeframe!r}")
        if row.repaired and not any("lost a cell" in note for note in task.notes):
            findings.append(f"{row.action!r}: the repaired row has no note saying so")
        for column, text in row.cells.items():
            role = role_by_source_label(playbook, column)
            if role is None:
                findings.append(f"RACI column without a role: {column!r}")
            elif task.cell(role.key) != parse_raci(text):
                held = task.cell(role.key).canonical
                findings.append(f"{row.action!r} / {column}: {held!r} but the source says {text!r}")
    return findings


# --- seed 003: runbook ----------------------------------------------------------------------

INVOICECLOUD_ROLES = [
    "Integration Manager",
    "Solutions Engineer",
    "Project Manager/Implementation Manager",
    "Technical Contact from the Biller's Side",
]
INVOICECLOUD_DELIVERABLES = ["Integration Overview Slide"]


def _lines(source: str) -> list[str]:
    return [normalise(line) for line in source.splitlines() if normalise(line)]


def invoicecloud_steps(source: str) -> list[tuple[str, list[str]]]:
    """The numbered participation steps: title and description lines."""
    lines = _lines(source)
    start = lines.index("Steps")
    end = lines.index("Typical Integration Process")
    steps: list[tuple[str, list[str]]] = []
    index = start + 1
    while index < end:
        if lines[index].isdigit():
            steps.append((lines[index + 1], []))
            index += 2
            continue
        if steps and lines[index] not in {"Description"}:
            steps[-1][1].append(lines[index])
        index += 1
    return steps


def invoicecloud_design_reviews(source: str) -> list[tuple[str, str]]:
    """Step 3's two reviews: a title line, then its explanation on a line starting with ":"."""
    lines = _lines(source)
    return [
        (title, explanation.removeprefix(":").strip())
        for title, explanation in itertools.pairwise(lines)
        if explanation.startswith(":") and title.endswith(("Review (BDR)", "Review (TDR)"))
    ]


def invoicecloud_timeline(source: str) -> list[tuple[str, str]]:
    """The typical integration process: (step, the source's duration in words)."""
    lines = _lines(source)
    block = " ".join(lines[lines.index("Difference Between SIT and UAT") + 1 : lines.index("SIT")])
    items = re.split(r"(?<=\.)\s+", normalise(block))
    timeline = []
    for item in items:
        name, _, duration = item.partition(":")
        timeline.append((normalise(name).rstrip("."), normalise(duration)))
    return timeline


def invoicecloud_definitions(source: str) -> dict[str, list[str]]:
    """The SIT and UAT definitions: the lines under each heading."""
    lines = _lines(source)
    sit, uat = lines.index("SIT"), lines.index("UAT")
    return {
        "SIT": lines[sit + 1 : uat],
        "UAT": [line for line in lines[uat + 1 :] if not line.startswith("URL:")],
    }


def invoicecloud_change_log(source: str) -> tuple[str, str, str, str]:
    """Date, author, version and description of the change log's one entry."""
    lines = _lines(source)
    start = lines.index("Change Log")
    header_end = lines.index("Description", start)
    date, author, version, description = lines[header_end + 1 : header_end + 5]
    return date, author, version, description


def walk_invoicecloud_integration(playbook: Playbook, source: str) -> list[str]:  # noqa: C901, PLR0912 the seed, in order
    """Seed 003: roles, the four steps, the timeline with durations, SIT/UAT, the change log."""
    findings: list[str] = []
    for label in _checked(INVOICECLOUD_ROLES, source):
        if role_by_source_label(playbook, label) is None:
            findings.append(f"role missing: {label!r}")
    steps = invoicecloud_steps(source)
    if len(steps) != 4:
        raise AssertionError(f"seed 003 should give four participation steps, found {len(steps)}")
    for title, description in steps:
        found = tasks_named(playbook, title)
        if not found:
            findings.append(f"step missing: {title!r}")
            continue
        _, task = found[0]
        details = _fold(task.details)
        manager = role_by_source_label(playbook, "Project Manager/Implementation Manager")
        if manager is None or not task.cell(manager.key) & Raci.R:
            findings.append(
                f"step {title!r}: the Project Manager/Implementation Manager should be Responsible"
            )
        reviews = {line for review in invoicecloud_design_reviews(source) for line in review}
        for line in description:
            # Step 3's two reviews are tasks of their own; checked below.
            if line in reviews or line.removeprefix(":").strip() in reviews:
                continue
            for sentence in sentences(line):
                if _fold(sentence) not in details:
                    findings.append(f"step {title!r}: sentence missing: {sentence!r}")
    for name, explanation in invoicecloud_design_reviews(source):
        found = tasks_named(playbook, name)
        if not found:
            findings.append(f"design review missing: {name!r}")
        elif _fold(explanation) not in _fold(found[0][1].details):
            findings.append(f"{name!r}: details differ from the source's explanation")
    for name, duration in invoicecloud_timeline(source):
        found = tasks_named(playbook, name)
        if not found:
            findings.append(f"timeline step missing: {name!r}")
            continue
        _, task = found[0]
        if normalise(task.timeframe) != duration:
            findings.append(f"{name!r}: timeframe {task.timeframe!r}, the source says {duration!r}")
    for heading, lines in invoicecloud_definitions(source).items():
        found = [task for _, task in playbook.iter_tasks() if f"({heading})" in task.name]
        if not found:
            findings.append(f"no task for {heading}")
            continue
        for line in lines:
            if _fold(line).rstrip(".") not in _fold(found[0].details):
                findings.append(f"{heading}: definition line missing: {line!r}")
    deliverables = {_fold(item) for task in playbook.tasks for item in task.deliverables}
    for deliverable in _checked(INVOICECLOUD_DELIVERABLES, source):
        if _fold(deliverable) not in deliverables:
            findings.append(f"deliverable missing: {deliverable!r}")
    date, author, version, description = invoicecloud_change_log(source)
    expected = (dt.datetime.strptime(date, "%m/%d/%Y").date(), author, version, description)
    if not any((e.date, e.author, e.version, e.description) == expected for e in playbook.change_log):
        findings.append(f"change log entry missing: {expected}")
    return findings


# --- seed 004: deliverables by stage ----------------------------------------------------------

PAYLOCITY_OWNER = re.compile(r"^(CIT|TPA|PCTY)(?: (or|&) (CIT|TPA|PCTY))?$")
#: The e-mail address placeholder of the saved page ("[email\u00a0protected]" once normalised).
PAYLOCITY_ADDRESS = " at [email protected]"
#: The one line split into two tasks (the go-live milestone, then the monitoring).
PAYLOCITY_SPLIT = {"Move to Production": "monitoring the production feed for any defects or concerns"}


@dataclass(frozen=True)
class DeliverableRow:
    stage: str
    owner: str
    responsibility: str


def paylocity_rows(source: str) -> list[DeliverableRow]:
    """The deliverables table; a row whose first cell is an owner continues the stage above."""
    (table,) = pipe_tables(source)
    rows = []
    stage = ""
    for cells in table[1:]:
        if PAYLOCITY_OWNER.match(cells[0]):
            owner, responsibility = cells[0], cells[1]
        else:
            stage, owner, responsibility = cells[0], cells[1], cells[2]
        rows.append(DeliverableRow(stage, owner, responsibility))
    return rows


def paylocity_key(source: str) -> dict[str, tuple[str, str]]:
    """The "Key" for owners: abbreviation → (label, description)."""
    key = {}
    for line in source.splitlines():
        found = re.match(r"^- (.+?\((CIT|TPA|PCTY)\)) - (.+)$", line.strip())
        if found:
            key[found.group(2)] = (found.group(1), found.group(3))
    return key


def walk_paylocity_integration(playbook: Playbook, source: str) -> list[str]:
    """Seed 004: the owners' key, every stage, every line's responsibility and its owners."""
    findings: list[str] = []
    roles: dict[str, Role] = {}
    for abbreviation, (label, description) in paylocity_key(source).items():
        role = role_by_source_label(playbook, label)
        if role is None:
            findings.append(f"role missing: {label!r}")
            continue
        roles[abbreviation] = role
        if _fold(role.description).rstrip(".") != _fold(description).rstrip("."):
            findings.append(f"role {label!r}: description differs from the source's key")
    for row in paylocity_rows(source):
        phase = phase_named(playbook, row.stage)
        if phase is None:
            findings.append(f"stage missing: {row.stage!r}")
            continue
        text = normalise(row.responsibility).replace(PAYLOCITY_ADDRESS, "")
        task = next((t for t in phase.tasks if _fold(text) in _fold(t.details)), None)
        if task is None:
            findings.append(f"{row.stage}: no task carries {text[:60]!r}…")
            continue
        findings += _check_owners(task, row.owner, roles)
        if row.stage in PAYLOCITY_SPLIT:
            part = PAYLOCITY_SPLIT[row.stage]
            other = next(
                (t for t in phase.tasks if t.key != task.key and _fold(part) in _fold(t.details)), None
            )
            if other is None:
                findings.append(f"{row.stage}: no task of its own for {part!r}")
            else:
                findings += _check_owners(other, row.owner, roles)
    return findings


def _check_owners(task: Task, owner: str, roles: dict[str, Role]) -> Iterator[str]:
    found = PAYLOCITY_OWNER.match(owner)
    if found is None or any(part and part not in roles for part in found.groups()[::2]):
        yield f"{task.key}: owner {owner!r} is not in the key"
        return
    first, joint, second = found.groups()
    owners = [roles[first].key] + ([roles[second].key] if second else [])
    if sorted(task.holders(Raci.R)) != sorted(owners):
        yield f"{task.key}: Responsible {sorted(task.holders(Raci.R))}, the source's owner is {owner!r}"
    pairs = {frozenset(group) for group in task.alternatives}
    if joint == "or" and frozenset(owners) not in pairs:
        yield f"{task.key}: owner {owner!r} should be an alternative"
    if joint != "or" and pairs:
        yield f"{task.key}: owner {owner!r} has no alternative, the task has {task.alternatives}"


WALKERS = {
    "tomorro-integration": walk_tomorro_integration,
    "tomorro-automation": walk_tomorro_automation,
    "socialtalent-onboarding": walk_socialtalent_onboarding,
    "invoicecloud-integration": walk_invoicecloud_integration,
    "paylocity-integration": walk_paylocity_integration,
}
