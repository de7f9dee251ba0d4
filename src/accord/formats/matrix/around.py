"""What lies around the table: a legend (above, below, beside, on another sheet or in another
table) and everything left out — titles above, notes below, cells beside, people's names.
"""

from __future__ import annotations

from collections.abc import Sequence

from accord.formats.matrix.explain import Skipped
from accord.formats.matrix.grid import Grid
from accord.formats.matrix.reading import Foreign
from accord.formats.matrix.table import Layout
from accord.formats.matrix.vocabulary import LegendEntry, legend_entries_in_text


def legend_entries(grids: Sequence[Grid], chosen: Layout | None) -> list[LegendEntry]:
    """Legend lines anywhere outside the chosen table: "R = Responsible" cells, or a single
    letter with its meaning in the next cell."""
    entries: list[LegendEntry] = []
    for grid in grids:
        bounds = _bounds(chosen, grid)
        for row_index, row in enumerate(grid.rows):
            texts = [value.text if isinstance(value, Foreign) else (value or "") for value in row]
            filled = [index for index, text in enumerate(texts) if text.strip()]
            for position, column in enumerate(filled):
                if _inside(bounds, row_index, column):
                    continue
                text = texts[column].strip()
                where = f"{grid.where}, {grid.cell_name(row_index, column)}"
                for letter, meaning in legend_entries_in_text(text):
                    entries.append(LegendEntry(letter, meaning, where))
                following = filled[position + 1] if position + 1 < len(filled) else None
                if len(text) == 1 and text.isalpha() and following == column + 1:
                    meaning = texts[following].strip()
                    if len(meaning) >= 3:
                        entries.append(LegendEntry(text.upper(), meaning, where))
    return entries


_Bounds = tuple[int, int, int, int] | None


def _bounds(chosen: Layout | None, grid: Grid) -> _Bounds:
    """The chosen table's rows and columns in ``grid``'s own (upright) terms, if it is there."""
    if chosen is None or grid.where != chosen.grid.where or grid.sheet != chosen.grid.sheet:
        return None
    rows = (min(chosen.header_rows), chosen.last_data)
    columns = (chosen.first_column, chosen.last_column)
    return (*columns, *rows) if chosen.grid.transposed else (*rows, *columns)


def _inside(bounds: _Bounds, row: int, column: int) -> bool:
    if bounds is None:
        return False
    first_row, last_row, first_column, last_column = bounds
    return first_row <= row <= last_row and first_column <= column <= last_column


def outside(layout: Layout) -> list[Skipped]:
    """Rows above and below the table, and columns beside it, that hold something."""
    source = layout.grid
    readings = layout.readings
    skipped: list[Skipped] = []
    top = min(layout.header_rows)
    for row in range(source.height):
        filled = readings.filled(row, range(len(readings.texts[row])))
        if not filled:
            continue
        if row < top:
            skipped.append(
                Skipped(
                    source.row_name(row),
                    f"above the table: {readings.text(row, filled[0]).strip()[:60]!r}",
                    "above-table",
                )
            )
        elif row > layout.last_data:
            skipped.append(
                Skipped(
                    source.row_name(row),
                    f"below the table: {readings.text(row, filled[0]).strip()[:60]!r}",
                    "below-table",
                )
            )
        else:
            beside = [
                column for column in filled if column < layout.first_column or column > layout.last_column
            ]
            for column in beside:
                skipped.append(
                    Skipped(
                        source.cell_name(row, column),
                        f"beside the table: {readings.text(row, column).strip()[:60]!r}",
                        "beside-table",
                    )
                )
    if layout.people_row is not None:
        skipped.append(
            Skipped(
                source.row_name(layout.people_row),
                "people's names under the role names (a playbook names roles, not people)",
                "people-row",
            )
        )
    return skipped
