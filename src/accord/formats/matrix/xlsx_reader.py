"""Reading a matrix back from an XLSX workbook.

The archive is checked before openpyxl sees it (size, zip bomb, is it a workbook at all, macros,
a DTD at the start of a part); openpyxl then parses it in read-only mode through defusedxml, so
entity tricks hidden further down are refused too. Whatever openpyxl raises is reported in the
person's words (which sheet, and what to do), never with the library's own text.

A workbook written by :func:`~accord.formats.matrix.xlsx.matrix_to_xlsx` gives back its cover
sheet's key, name, version, source, role keys, variants and change log; any other workbook only
needs a matrix sheet in the shared layout.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import ChangeLogEntry, Playbook, Source, Variant
from accord.formats.matrix.layout import FIXED_COLUMNS, KEY_MAX_LENGTH, KEY_PATTERN, slug
from accord.formats.matrix.reading import CellValue, Foreign, MatrixMetadata, build_playbook
from accord.formats.matrix.safety import (
    MAX_ROLE_COLUMNS,
    MAX_TASK_ROWS,
    check_workbook_archive,
    entities_refused,
    unescape_ooxml,
)
from accord.formats.matrix.timing_columns import TIMING_COLUMNS
from accord.formats.matrix.xlsx import (
    CHANGE_LOG_SECTION,
    COVER_FIELDS,
    COVER_SHEET,
    LEGEND_SHEET,
    MATRIX_SHEET,
    ROLE_SHEET_COLUMNS,
    ROLES_SECTION,
    ROLES_SHEET,
    SOURCE_FIELDS,
    VARIANTS_SECTION,
)

_MAX_COLUMNS = len(FIXED_COLUMNS) + MAX_ROLE_COLUMNS + len(TIMING_COLUMNS) + 2
_MAX_COVER_ROWS = 5_000


def cell_value(cell: Any) -> CellValue:
    """An openpyxl cell as the matrix reader sees it: text, or a :class:`Foreign` value."""
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "f":
        return Foreign("formula", str(value))
    if isinstance(value, str):
        return Foreign("error value", value) if cell.data_type == "e" else unescape_ooxml(value)
    if isinstance(value, bool):
        return Foreign("boolean", "TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        number = int(value) if isinstance(value, float) and value.is_integer() else value
        return Foreign("number", str(number))
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        text = (
            value.date().isoformat()
            if isinstance(value, dt.datetime) and value.time() == dt.time()
            else str(value)
        )
        return Foreign("date", text)
    return Foreign("value", str(value))


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    return value.text if isinstance(value, Foreign) else value


def _is_key(text: str) -> bool:
    return bool(KEY_PATTERN.match(text)) and len(text) <= KEY_MAX_LENGTH


@dataclass(slots=True)
class _Cover:
    where: str
    fields: dict[str, str] = field(default_factory=dict)
    role_keys: dict[str, str] = field(default_factory=dict)
    variants: list[Variant] = field(default_factory=list)
    change_log: list[ChangeLogEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, code: str, message: str, hint: str, row: int, column: str) -> None:
        self.problems.append(
            Problem(code=code, message=message, hint=hint, where=self.where, line=row, column=column)
        )

    def key(self, text: str, row: int, column: str, what: str) -> str | None:
        if _is_key(text):
            return text
        self.problem(
            "matrix-bad-key",
            f"{text!r} is not a valid {what} key",
            "keys use lower-case letters, digits and hyphens, e.g. internal-api",
            row,
            column,
        )
        return None

    def change_log_date(self, value: CellValue, raw: object, row: int) -> dt.date | None:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = _text(value).strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problem("matrix-bad-date", f"{text!r} is not a date", "write dates as YYYY-MM-DD", row, "B")
            return None

    def read(self, rows: Iterator[Sequence[Any]]) -> None:  # noqa: C901, PLR0912 one case per sheet section
        section: str | None = None
        titles_pending = False
        sections = (ROLES_SECTION, VARIANTS_SECTION, CHANGE_LOG_SECTION)
        for number, row in enumerate(rows, start=1):
            cells = [*row, *([None] * 4)][:4]
            values = [cell_value(cell) if cell is not None else None for cell in cells]
            for index, value in enumerate(values):
                if isinstance(value, Foreign) and value.kind == "formula":
                    self.problem(
                        "matrix-formula",
                        f"this cell holds a formula ({value.text})",
                        "write the value itself",
                        number,
                        get_column_letter(index + 1),
                    )
            texts = [_text(value) for value in values]
            if not any(text.strip() for text in texts):
                section = None
                continue
            first = texts[0].strip()
            if first in sections and not any(text.strip() for text in texts[1:]):
                section, titles_pending = first, True
                continue
            if titles_pending:
                titles_pending = False
                continue
            if section is None:
                if first in COVER_FIELDS or first in SOURCE_FIELDS:
                    self.fields[first] = texts[1]
            elif section == ROLES_SECTION:
                key = self.key(texts[1].strip(), number, "B", "role")
                if key is not None:
                    self.role_keys[texts[0].strip()] = key
            elif section == VARIANTS_SECTION:
                key = self.key(texts[0].strip(), number, "A", "variant")
                if key is not None:
                    self.variants.append(Variant(key=key, name=texts[1] or key, description=texts[2]))
            else:
                date = self.change_log_date(values[1], getattr(cells[1], "value", None), number)
                self.change_log.append(
                    ChangeLogEntry(version=texts[0], description=texts[3], date=date, author=texts[2])
                )

    def metadata(self, *, where: str, key: str | None, name: str | None) -> MatrixMetadata:
        stem = PurePath(where).stem
        stated_key = self.fields.get("Key", "").strip()
        if stated_key and not _is_key(stated_key):
            self.key(stated_key, 0, "B", "playbook")
            stated_key = ""
        source_values = [self.fields.get(label, "") for label in SOURCE_FIELDS]
        source = None
        if any(source_values):
            file, title, vendor, language, url = source_values
            source = Source(file=file, title=title, vendor=vendor, language=language or "en", url=url)
        return MatrixMetadata(
            key=key or stated_key or slug(stem, fallback="imported-matrix"),
            name=name or self.fields.get("Name") or stem or "Imported matrix",
            version=self.fields.get("Version", "").strip() or "1",
            description=self.fields.get("Description", ""),
            language=self.fields.get("Language", "").strip() or "en",
            source=source,
            variants=tuple(self.variants),
            change_log=tuple(self.change_log),
            role_keys=self.role_keys,
        )


def _role_details(sheet: Any) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The Roles sheet: each role's (description, responsibilities) by its key and by its label."""
    details: dict[str, tuple[str, tuple[str, ...]]] = {}
    rows = sheet.iter_rows(max_col=len(ROLE_SHEET_COLUMNS), max_row=MAX_ROLE_COLUMNS + 1)
    titles: list[str] = []
    for number, row in enumerate(rows, start=1):
        texts = [_text(cell_value(cell)).strip() for cell in row]
        if number == 1:
            titles = [text.lower() for text in texts]
            continue
        cells = dict(zip(titles, texts, strict=False))
        description = cells.get("description", "")
        responsibilities = tuple(
            line.strip(" -•\t")
            for line in cells.get("responsibilities", "").splitlines()
            if line.strip(" -•\t")
        )
        side, name, key = cells.get("side", ""), cells.get("name", ""), cells.get("key", "")
        if key:
            details[key] = (description, responsibilities)
        if side and name:
            details[f"{side.capitalize()}: {name}"] = (description, responsibilities)
    return details


def _defused_error(error: BaseException) -> DefusedXmlException | None:
    """The defusedxml refusal behind an error, if any: openpyxl wraps it in its own ValueError."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, DefusedXmlException):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _unreadable(where: str, error: Exception) -> InvalidInput:
    """A refusal in the person's words for anything openpyxl raised; never the library's text."""
    if _defused_error(error) is not None:
        return entities_refused(where)
    return InvalidInput(
        [
            Problem(
                code="matrix-damaged-xlsx",
                message="the workbook cannot be read: a part of it is damaged, "
                "or it was not saved by a spreadsheet program",
                hint="open it in your spreadsheet program, save it again as an Excel Workbook (.xlsx), "
                "and upload that file",
                where=where,
            )
        ]
    )


def _matrix_rows(sheet: Any, width: int, where: str) -> Iterator[tuple[int, list[CellValue]]]:
    filled = 0
    for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=width), start=2):
        values = [cell_value(cell) for cell in row]
        if any(value is not None for value in values):
            filled += 1
            if filled > MAX_TASK_ROWS:
                raise InvalidInput(
                    [
                        Problem(
                            code="matrix-too-large",
                            message=f"the sheet has more than {MAX_TASK_ROWS} rows",
                            hint="split the playbook",
                            where=where,
                            line=number,
                        )
                    ]
                )
        yield number, values


def matrix_from_xlsx(data: bytes, *, where: str, key: str | None = None, name: str | None = None) -> Playbook:
    """Read a matrix workbook into a playbook, or raise :class:`InvalidInput` with every problem.

    Reads the sheet named ``Matrix`` (else the first sheet that is not a cover or legend) and,
    when present, the ``Cover`` sheet. ``key`` and ``name`` override what the cover says.
    """
    check_workbook_archive(data, where=where)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except InvalidInput:
        raise
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged workbook
        raise _unreadable(where, error) from error
    location = where
    try:
        names = workbook.sheetnames
        candidates = [name for name in names if name not in (COVER_SHEET, LEGEND_SHEET)]
        # Accord's Roles sheet is not the matrix, unless a workbook has no other sheet.
        candidates = [name for name in candidates if name != ROLES_SHEET] or candidates
        sheet_name = MATRIX_SHEET if MATRIX_SHEET in names else (candidates[0] if candidates else None)
        if sheet_name is None:
            raise InvalidInput(
                [
                    Problem(
                        code="matrix-no-sheet",
                        message="the workbook has no matrix sheet",
                        hint=f"name the sheet holding the matrix {MATRIX_SHEET!r}",
                        where=where,
                    )
                ]
            )
        sheet = workbook[sheet_name]
        sheet_where = f"{where}, sheet {sheet_name}"
        cover = _Cover(where=f"{where}, sheet {COVER_SHEET}")
        if COVER_SHEET in names:
            location = cover.where
            cover.read(workbook[COVER_SHEET].iter_rows(max_col=4, max_row=_MAX_COVER_ROWS))
        metadata = cover.metadata(where=where, key=key, name=name)
        if ROLES_SHEET in names and sheet_name != ROLES_SHEET:
            location = f"{where}, sheet {ROLES_SHEET}"
            metadata = replace(metadata, role_details=_role_details(workbook[ROLES_SHEET]))
        location = sheet_where
        header_rows = list(sheet.iter_rows(min_row=1, max_row=1, max_col=_MAX_COLUMNS))
        header_cells = [cell_value(cell) for cell in header_rows[0]] if header_rows else []
        while header_cells and not _text(header_cells[-1]).strip():
            header_cells.pop()
        if not header_cells:
            raise InvalidInput(
                [
                    Problem(
                        code="matrix-empty",
                        message="the sheet is empty (its first row holds no column titles)",
                        hint="the first row holds the titles: "
                        + ", ".join(FIXED_COLUMNS)
                        + ", then the roles",
                        where=sheet_where,
                        line=1,
                    )
                ]
            )
        return build_playbook(
            header_cells,
            # A few columns past the titles, so that stray data there is reported, not lost.
            _matrix_rows(sheet, min(len(header_cells) + 3, _MAX_COLUMNS), sheet_where),
            where=sheet_where,
            metadata=metadata,
            column_letter=get_column_letter,
            earlier_problems=cover.problems,
        )
    except InvalidInput:
        raise
    except Exception as error:  # a damaged part may only show once its rows are read
        raise _unreadable(location, error) from error
    finally:
        workbook.close()
