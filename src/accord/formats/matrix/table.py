"""Finding the table in a grid, and reading its headers: the detector's first two steps.

1. **Find the table.** Cells are read with the vocabulary; rows holding two or more
   letter-shaped cells are matrix rows. Matrix rows cut by a row of titles are separate tables;
   the one with the most rows wins (the others are reported). Role columns are the columns whose
   cells in that block are mostly letters; the table's columns run left and right from them to
   the first empty column, so a legend to the right stays out.
2. **Read the headers.** The header is the nearest row above the data with titles over at least
   half of the role columns. The row above it is a side (or team) row when it is sparse or
   merged over several roles, or names sides; when it is a full row of titles itself, it holds
   the role names and the lower row people's names.

Columns that are not roles are classified by their title (English and French words) and their
values: task, phase, group, details, timeframe, variants, or something to leave out (task
numbers, ids, status, dates, notes, owners).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from accord.formats.matrix.grid import Grid, text_of
from accord.formats.matrix.reading import Foreign
from accord.formats.matrix.vocabulary import Kind, Reading, Vocabulary, fold

HEADER_SEARCH_ROWS = 20

# Column titles, folded (lower case, no accents), by what they say a column holds.
TITLE_WORDS: Mapping[str, tuple[str, ...]] = {
    "task": (
        "task",
        "tasks",
        "tache",
        "taches",
        "activity",
        "activities",
        "activite",
        "activites",
        "deliverable",
        "deliverables",
        "livrable",
        "livrables",
        "action",
        "actions",
        "item",
        "work item",
        "what",
        "quoi",
        "description de la tache",
        "task name",
        "nom de la tache",
    ),
    "phase": ("phase", "phases", "stage", "stages", "etape", "etapes", "jalon", "milestone"),
    "group": ("group", "groupe", "category", "categorie", "area", "domaine", "workstream", "lot", "theme"),
    "details": ("details", "detail", "description", "descriptif"),
    "timeframe": ("timeframe", "when", "quand", "timing", "delai", "periode"),
    "variants": ("variants", "variantes"),
    "key": ("key", "cle"),
    "number": ("#", "no", "no.", "n°", "num", "number", "numero", "step", "ref", "ref.", "reference"),
    "id": ("id", "identifier", "identifiant", "code", "task id", "wbs"),
    "status": ("status", "statut", "etat", "state", "progress", "avancement"),
    "date": (
        "due",
        "due date",
        "date",
        "deadline",
        "echeance",
        "start",
        "end",
        "debut",
        "fin",
        "target date",
    ),
    "notes": ("notes", "note", "comment", "comments", "commentaire", "commentaires", "remarks", "remarques"),
    "owner": ("owner", "owners", "proprietaire", "assignee", "assigned to", "pilote", "contact", "person"),
}
_KIND_OF_TITLE = {word: kind for kind, words in TITLE_WORDS.items() for word in words}
ROLE_CORNER_WORDS = (
    "role",
    "roles",
    "who",
    "qui",
    "stakeholder",
    "stakeholders",
    "team",
    "equipe",
    "acteur",
    "acteurs",
)
SIDE_WORDS: Mapping[str, str] = {
    "vendor": "vendor",
    "vendors": "vendor",
    "supplier": "vendor",
    "provider": "vendor",
    "fournisseur": "vendor",
    "editeur": "vendor",
    "prestataire": "vendor",
    "vendeur": "vendor",
    "customer": "customer",
    "customers": "customer",
    "client": "customer",
    "clients": "customer",
    "buyer": "customer",
    "acheteur": "customer",
    "partner": "partner",
    "partners": "partner",
    "partenaire": "partner",
    "partenaires": "partner",
    "third party": "partner",
    "third-party": "partner",
    "tiers": "partner",
    "integrator": "partner",
    "integrateur": "partner",
}
_NUMBER = re.compile(r"^(?:[A-Za-z]{0,3}[-_ ]?\d+(?:[.\-]\d+)*[.)]?|[IVX]+\.)$")
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$|^\d{4}-\d{2}-\d{2}")


def title_kind(title: str) -> str | None:
    """What a column title says its column holds (``task``, ``phase``… or ``None``)."""
    folded = fold(title.strip()).rstrip(":").strip()
    if folded in _KIND_OF_TITLE:
        return _KIND_OF_TITLE[folded]
    first = re.split(r"[\s/(]+", folded, maxsplit=1)[0]
    return _KIND_OF_TITLE.get(first)


def side_of_words(text: str) -> str | None:
    """The side a label names ("Client team" → customer), if it names one."""
    folded = fold(text.strip())
    if folded in SIDE_WORDS:
        return SIDE_WORDS[folded]
    for word, side in SIDE_WORDS.items():
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", folded):
            return side
    return None


@dataclass(slots=True)
class Readings:
    """Every cell of a grid read once with the vocabulary."""

    grid: Grid
    cells: list[list[Reading]]
    texts: list[list[str]]

    @classmethod
    def of(cls, grid: Grid, vocabulary: Vocabulary) -> Readings:
        texts = [[text_of(value) for value in row] for row in grid.rows]
        cells = [
            [
                vocabulary.read(text) if not isinstance(value, Foreign) else _FOREIGN
                for value, text in zip(row, text_row, strict=True)
            ]
            for row, text_row in zip(grid.rows, texts, strict=True)
        ]
        return cls(grid=grid, cells=cells, texts=texts)

    def text(self, row: int, column: int) -> str:
        texts = self.texts[row] if 0 <= row < len(self.texts) else []
        return texts[column] if 0 <= column < len(texts) else ""

    def reading(self, row: int, column: int) -> Reading:
        cells = self.cells[row] if 0 <= row < len(self.cells) else []
        return cells[column] if 0 <= column < len(cells) else _EMPTY

    def filled(self, row: int, columns: range | list[int]) -> list[int]:
        return [column for column in columns if self.text(row, column).strip()]


_FOREIGN = Reading(Kind.TEXT)
_EMPTY = Reading(Kind.EMPTY)


@dataclass(slots=True)
class Layout:
    """Where the table is in a grid, in the grid's own row and column numbers (0-based)."""

    readings: Readings
    header_row: int
    first_data: int
    last_data: int
    first_column: int
    last_column: int
    role_columns: list[int]
    side_row: int | None = None
    people_row: int | None = None
    other_blocks: list[tuple[int, int]] = field(default_factory=list)
    header_confidence: float = 0.9
    matrix_rows: int = 0

    @property
    def grid(self) -> Grid:
        return self.readings.grid

    @property
    def columns(self) -> range:
        return range(self.first_column, self.last_column + 1)

    @property
    def header_rows(self) -> list[int]:
        return sorted(row for row in (self.side_row, self.header_row, self.people_row) if row is not None)

    def title(self, column: int) -> str:
        title = self.readings.text(self.header_row, column).strip()
        if not title and self.side_row is not None and column not in self.role_columns:
            title = self.readings.text(self.side_row, column).strip()
        return title


def _letter_count(readings: Readings, row: int) -> int:
    return sum(1 for reading in readings.cells[row] if reading.letter_like)


def _header_like(readings: Readings, row: int, columns: list[int]) -> bool:
    """A row of titles: text that does not read as letters over at least half of ``columns``."""
    titled = [column for column in columns if readings.reading(row, column).kind is Kind.TEXT]
    letters = [column for column in columns if readings.reading(row, column).letter_like]
    return len(titled) >= 2 and len(titled) * 2 >= len(columns) and len(letters) < len(titled)


def find_layout(readings: Readings, *, header_row: int | None = None) -> Layout | None:
    """Find the table of a grid; ``None`` when it holds no matrix. ``header_row`` (0-based)
    overrides the header the detector would choose."""
    grid = readings.grid
    counts = [_letter_count(readings, row) for row in range(grid.height)]
    threshold = 2 if any(count >= 2 for count in counts) else 1
    matrix_rows = [
        row for row, count in enumerate(counts) if count >= threshold and not _legend_row(readings, row)
    ]
    if header_row is not None:
        matrix_rows = [row for row in matrix_rows if row > header_row]
    if not matrix_rows:
        return None
    letter_columns = _role_columns(readings, matrix_rows)
    if not letter_columns:
        return None
    blocks: list[list[int]] = [[matrix_rows[0]]]
    for previous, row in itertools.pairwise(matrix_rows):
        if any(_header_like(readings, between, letter_columns) for between in range(previous + 1, row)):
            blocks.append([row])
        else:
            blocks[-1].append(row)
    block = max(blocks, key=len)  # the first of the largest
    first = block[0]
    last = _last_letter_row(readings, block[-1], letter_columns)
    role_columns = _role_columns(readings, list(range(first, last + 1)))
    role_columns = _main_cluster(readings, list(range(first, last + 1)), role_columns)
    if not role_columns:
        return None

    header, confidence = _find_header(readings, first, role_columns, header_row)
    if header is None:
        return None
    header, side_row, people_row = _header_rows(readings, header, role_columns, forced=header_row is not None)
    # Rows without letters after the last matrix row still belong to the table while they
    # run on without a blank row and look like tasks (two cells or more).
    span = _column_span(readings, range(header, last + 1), role_columns)
    while (
        last + 1 < grid.height
        and len(readings.filled(last + 1, span)) >= 2
        and not _header_like(readings, last + 1, role_columns)
    ):
        last += 1
    span = _column_span(readings, range(header, last + 1), role_columns)
    others = [(block_rows[0], block_rows[-1]) for block_rows in blocks if block_rows is not block]
    return Layout(
        readings=readings,
        header_row=header,
        first_data=max(header, people_row or header) + 1,
        last_data=last,
        first_column=span.start,
        last_column=span.stop - 1,
        role_columns=role_columns,
        side_row=side_row,
        people_row=people_row,
        other_blocks=others,
        header_confidence=confidence,
        matrix_rows=len(block),
    )


def _last_letter_row(readings: Readings, last: int, letter_columns: list[int]) -> int:
    """The last row of the table's letters: rows with a single letter, and heading rows between
    them, still belong to it, up to a row of titles, a legend row or two blank rows."""
    blank_run = 0
    row = last + 1
    while row < readings.grid.height and blank_run < 2:
        if _header_like(readings, row, letter_columns) or _legend_row(readings, row):
            break
        if not readings.filled(row, range(len(readings.texts[row]))):
            blank_run += 1
        else:
            blank_run = 0
            if any(readings.reading(row, column).letter_like for column in letter_columns):
                last = row
        row += 1
    return last


def _legend_row(readings: Readings, row: int) -> bool:
    """ "R | Responsible": a single letter and its meaning, nothing else on the row."""
    filled = readings.filled(row, range(len(readings.texts[row])))
    if len(filled) != 2 or filled[1] != filled[0] + 1:
        return False
    letter, meaning = (readings.text(row, column).strip() for column in filled)
    return len(letter) == 1 and letter.isalpha() and len(meaning) >= 3 and not meaning.isupper()


def _role_columns(readings: Readings, rows: list[int]) -> list[int]:
    """Columns whose cells on ``rows`` are letters at least 70% of the time they hold anything."""
    width = max((len(readings.cells[row]) for row in rows), default=0)
    letters = [0] * width
    texts = [0] * width
    for row in rows:
        for column, reading in enumerate(readings.cells[row]):
            if reading.letter_like:
                letters[column] += 1
            elif reading.kind is Kind.TEXT:
                texts[column] += 1
    return [
        column
        for column in range(width)
        if letters[column] >= 1 and letters[column] >= 0.7 * (letters[column] + texts[column])
    ]


def _main_cluster(readings: Readings, rows: list[int], columns: list[int]) -> list[int]:
    """The role columns of one table: letter columns cut by a column empty on every row are
    separate (a legend to the right); the cluster with the most letters wins."""
    if not columns:
        return columns
    occupied: set[int] = set()
    for row in range(rows[0], rows[-1] + 1):
        occupied.update(column for column, text in enumerate(readings.texts[row]) if text.strip())
    clusters: list[list[int]] = [[columns[0]]]
    for previous, column in itertools.pairwise(columns):
        if any(between not in occupied for between in range(previous + 1, column)):
            clusters.append([column])
        else:
            clusters[-1].append(column)

    def letters(cluster: list[int]) -> int:
        return sum(1 for row in rows for column in cluster if readings.reading(row, column).letter_like)

    return max(clusters, key=letters)


def _header_rows(
    readings: Readings, header: int, role_columns: list[int], *, forced: bool
) -> tuple[int, int | None, int | None]:
    """(header, side row, people row): a side row above the header, or the header turned out
    to be people's names under a full row of role names."""
    side_row, people_row = None, None
    above = header - 1
    if above < 0 or not readings.filled(above, role_columns):
        return header, None, None
    if _is_side_row(readings, above, role_columns):
        side_row = above
    elif (
        not forced
        and _header_like(readings, above, role_columns)
        and _distinct(readings, above, role_columns)
    ):
        people_row, header = header, above
        if header - 1 >= 0 and _is_side_row(readings, header - 1, role_columns):
            side_row = header - 1
    return header, side_row, people_row


def _find_header(
    readings: Readings, first: int, role_columns: list[int], forced: int | None
) -> tuple[int | None, float]:
    if forced is not None:
        return forced, 1.0
    for row in range(first - 1, max(-1, first - 1 - HEADER_SEARCH_ROWS), -1):
        # Titles: anything but the marks of an empty cell ("-", "/"), which data rows hold.
        filled = [
            column
            for column in readings.filled(row, role_columns)
            if readings.reading(row, column).kind is not Kind.EMPTY
        ]
        if len(filled) * 2 >= len(role_columns) and len(filled) >= min(2, len(role_columns)):
            share = len(filled) / len(role_columns)
            return row, 0.6 + 0.35 * share
    return None, 0.0


def _distinct(readings: Readings, row: int, columns: list[int]) -> bool:
    values = [readings.text(row, column).strip() for column in columns]
    present = [value for value in values if value]
    return len(set(present)) == len(present) == len(values)


def _is_side_row(readings: Readings, row: int, role_columns: list[int]) -> bool:
    """A row over the roles that groups them: merged or sparse labels, or side words."""
    labels = [readings.text(row, column).strip() for column in role_columns]
    present = [label for label in labels if label]
    if not present:
        return False
    if all(side_of_words(label) for label in present):
        return True
    grid = readings.grid
    merged = any(
        (merge := grid.merge_at(row, column)) is not None and merge.last_column > merge.first_column
        for column in role_columns
    )
    return merged or (len(present) < len(labels) and bool(labels[0]))


def _column_span(readings: Readings, rows: range, role_columns: list[int]) -> range:
    """The table's columns: the role columns, widened to the first column empty on every row."""
    occupied: set[int] = set()
    for row in rows:
        occupied.update(column for column, text in enumerate(readings.texts[row]) if text.strip())
    start, stop = min(role_columns), max(role_columns)
    while start - 1 in occupied:
        start -= 1
    while stop + 1 in occupied:
        stop += 1
    return range(start, stop + 1)


def side_label(layout: Layout, column: int) -> str:
    """The side row's label over a role column (merged or written once for several roles)."""
    if layout.side_row is None:
        return ""
    readings = layout.readings
    merge = layout.grid.merge_at(layout.side_row, column)
    if merge is not None:
        return readings.text(merge.first_row, merge.first_column).strip()
    for left in range(column, layout.first_column - 1, -1):
        if left not in layout.role_columns and left != column:
            break
        label = readings.text(layout.side_row, left).strip()
        if label:
            return label
    return ""


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def is_date(value: object, text: str) -> bool:
    return (isinstance(value, Foreign) and value.kind == "date") or bool(_DATE.match(text.strip()))
