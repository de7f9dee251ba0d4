"""The matrix as a standalone HTML page: printable, readable without colour, no assets or scripts.

A real table with a caption, column and row headers with ``scope``, one ``<tbody>`` per phase
headed by the phase name, and RACI letters written as text (with their meaning in an
``<abbr>``) on top of a colour per letter; a legend explains letters and colours.
"""

from __future__ import annotations

from html import escape

from accord.domain.playbook import Playbook, Side
from accord.domain.raci import Raci
from accord.formats.matrix.layout import (
    FIXED_COLUMNS,
    LETTER_FILLS,
    LETTER_MEANINGS,
    TASK,
    header,
    iter_rows,
    letter_of,
    matrix_roles,
)

_CSS_CLASS = {"R": "raci-r", "A": "raci-a", "C": "raci-c", "I": "raci-i", "N/A": "raci-na"}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.meta { color: #444; margin: 0 0 1rem; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: 0; margin: 0 0 1rem; }
.legend div { display: flex; gap: .4rem; align-items: center; }
.legend dt { min-width: 2.5rem; text-align: center; font-weight: bold; border: 1px solid #888; }
.legend dd { margin: 0; }
table { border-collapse: collapse; font-size: .85rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #888; padding: .25rem .4rem; vertical-align: top; text-align: left; }
thead th { background: #1f3a5f; color: #fff; }
tbody tr.phase th { background: #d5dee8; font-size: .95rem; }
td.text { white-space: pre-line; }
tbody th[scope="row"], td.text { min-width: 6rem; max-width: 24rem; }
td.raci { text-align: center; font-weight: bold; white-space: nowrap; }
abbr { text-decoration: none; }
@page { size: landscape; margin: 1cm; }
@media print {
  body { margin: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  td.raci, .legend dt, thead th, tr.phase th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def _letter_css() -> str:
    return "\n".join(
        f".{_CSS_CLASS[letter]} {{ background: #{colour.lower()}; }}"
        for letter, colour in LETTER_FILLS.items()
    )


def _raci_cell(value: Raci) -> str:
    if value.is_empty:
        return '<td class="raci"></td>'
    css = _CSS_CLASS[letter_of(value)]
    return f'<td class="raci {css}"><abbr title="{escape(value.words)}">{escape(value.canonical)}</abbr></td>'


def matrix_to_html(playbook: Playbook) -> str:
    """The playbook's matrix as one self-contained, printable, accessible HTML document."""
    roles = matrix_roles(playbook)
    titles = header(playbook)
    task_column = FIXED_COLUMNS.index(TASK)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(playbook.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(playbook.name)}: RACI matrix</title>",
        f"<style>{_STYLE}{_letter_css()}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(playbook.name)}</h1>",
        f'<p class="meta">Playbook {escape(playbook.key)}, version {escape(playbook.version)}</p>',
        '<h2 id="legend">Legend</h2>',
        '<dl class="legend" aria-labelledby="legend">',
    ]
    for letter, meaning in LETTER_MEANINGS.items():
        parts.append(f'<div><dt class="{_CSS_CLASS[letter]}">{letter}</dt><dd>{escape(meaning)}</dd></div>')
    parts.append("</dl>")
    parts.append("<table>")
    parts.append(
        f"<caption>RACI matrix of {escape(playbook.name)}: one row per task, one column per role</caption>"
    )
    parts.append(f'<colgroup><col span="{len(FIXED_COLUMNS)}"></colgroup>')
    for side in Side:
        count = sum(1 for role in roles if role.side is side)
        if count:
            parts.append(f'<colgroup class="side-{side.value}"><col span="{count}"></colgroup>')
    parts.append(
        "<thead><tr>" + "".join(f'<th scope="col">{escape(title)}</th>' for title in titles) + "</tr></thead>"
    )
    current = None
    for row in iter_rows(playbook, headings="all"):
        if row.task is None:
            if current is not None:
                parts.append("</tbody>")
            current = row.phase
            parts.append("<tbody>")
            heading = f'<th scope="rowgroup" colspan="{len(titles)}">{escape(row.phase.name)}</th>'
            parts.append(f'<tr class="phase">{heading}</tr>')
            continue
        cells = []
        for index, text in enumerate(row.cells[: len(FIXED_COLUMNS)]):
            if index == task_column:
                cells.append(f'<th scope="row">{escape(text)}</th>')
            else:
                cells.append(f'<td class="text">{escape(text)}</td>')
        cells.extend(_raci_cell(row.task.cell(role.key)) for role in roles)
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if current is not None:
        parts.append("</tbody>")
    parts.extend(["</table>", "</main>", "</body>", "</html>"])
    return "\n".join(parts) + "\n"
