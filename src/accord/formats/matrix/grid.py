"""A grid of cells, the one thing the layout detector reads.

Every source (a CSV file, each sheet of a workbook, each pipe table of a Markdown file) becomes
a :class:`Grid`: rows of cell values as written, the merged ranges of a workbook, and how to name
a cell in the file ("row 7, column H" for spreadsheets, "line 12, column 3" for Markdown), so
that every decision and every refusal points at the person's own cell, even after the grid was
turned a quarter for a transposed table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils.cell import get_column_letter

from accord.formats.matrix.reading import CellValue, Foreign


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged range, 0-based and inclusive, in the grid's own orientation."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    def turned(self) -> Merge:
        return Merge(self.first_column, self.first_row, self.last_column, self.last_row)


@dataclass(frozen=True, slots=True)
class Grid:
    """The cells of one table-like source, as written.

    ``rows`` may be ragged. Only the top-left cell of a merged range holds its value, as in the
    file. ``row_numbers`` gives each row's number in the file (1-based), ``columns_are_letters``
    whether columns are named by letter (spreadsheets) or by number (Markdown cells).
    ``transposed`` says the grid was turned (roles as rows in the file).
    """

    where: str
    sheet: str | None
    rows: tuple[tuple[CellValue, ...], ...]
    row_numbers: tuple[int, ...]
    merges: tuple[Merge, ...] = ()
    columns_are_letters: bool = True
    transposed: bool = False

    @classmethod
    def of(
        cls,
        rows: Sequence[Sequence[CellValue]],
        *,
        where: str,
        sheet: str | None = None,
        row_numbers: Sequence[int] | None = None,
        merges: Sequence[Merge] = (),
        columns_are_letters: bool = True,
    ) -> Grid:
        return cls(
            where=where,
            sheet=sheet,
            rows=tuple(tuple(row) for row in rows),
            row_numbers=tuple(row_numbers) if row_numbers is not None else tuple(range(1, len(rows) + 1)),
            merges=tuple(merges),
            columns_are_letters=columns_are_letters,
        )

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def value(self, row: int, column: int) -> CellValue:
        cells = self.rows[row] if 0 <= row < len(self.rows) else ()
        return cells[column] if 0 <= column < len(cells) else None

    def text(self, row: int, column: int) -> str:
        return text_of(self.value(row, column))

    def turned(self) -> Grid:
        """The grid turned a quarter: rows become columns; cells keep their names in the file."""
        width = self.width
        rows = tuple(tuple(self.value(row, column) for row in range(self.height)) for column in range(width))
        return Grid(
            where=self.where,
            sheet=self.sheet,
            rows=rows,
            row_numbers=self.row_numbers,
            merges=tuple(merge.turned() for merge in self.merges),
            columns_are_letters=self.columns_are_letters,
            transposed=not self.transposed,
        )

    def file_row(self, row: int, column: int) -> int:
        """The row (or line) number in the file of the grid's cell (row, column)."""
        index = column if self.transposed else row
        return self.row_numbers[index] if 0 <= index < len(self.row_numbers) else index + 1

    def file_column(self, row: int, column: int) -> str | int:
        """The column of the grid's cell in the file: a letter (spreadsheets) or a 1-based number."""
        index = row if self.transposed else column
        return get_column_letter(index + 1) if self.columns_are_letters else index + 1

    def cell_name(self, row: int, column: int) -> str:
        """ "row 7, column H" (or "line 12, column 3" in Markdown), naming the cell in the file."""
        word = "row" if self.columns_are_letters else "line"
        return f"{word} {self.file_row(row, column)}, column {self.file_column(row, column)}"

    def row_name(self, row: int) -> str:
        """Names a whole row of the grid (a column of the file when the grid is turned)."""
        if self.transposed:
            column = self.file_column(row, 0)
            return f"column {column}"
        word = "row" if self.columns_are_letters else "line"
        return f"{word} {self.file_row(row, 0)}"

    def column_name(self, column: int) -> str:
        """Names a whole column of the grid (a row of the file when the grid is turned)."""
        if self.transposed:
            word = "row" if self.columns_are_letters else "line"
            return f"{word} {self.file_row(0, column)}"
        return f"column {self.file_column(0, column)}"

    def merge_at(self, row: int, column: int) -> Merge | None:
        for merge in self.merges:
            if merge.first_row <= row <= merge.last_row and merge.first_column <= column <= merge.last_column:
                return merge
        return None


def text_of(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, Foreign):
        return value.text
    return value
