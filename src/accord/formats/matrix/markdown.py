"""The matrix as a Markdown (GitHub-flavoured) table, for wikis, tickets and pull requests.

Every cell is escaped so that its text shows as written: Markdown punctuation and ``|`` get
a backslash, HTML-looking text cannot become markup, and line breaks become ``<br>``.
"""

from __future__ import annotations

import re

from accord.domain.playbook import Playbook
from accord.formats.matrix.layout import LETTER_MEANINGS, header, iter_rows

# Characters that could start emphasis, code, links, HTML, entities or end a table cell.
# Parentheses, braces, "#" and "!" only act next to an unescaped bracket or at a line start,
# neither of which can happen inside an escaped cell: leave them readable.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# Every line boundary Python knows, not only CommonMark's: editors and renderers differ.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def escape_markdown(text: str) -> str:
    """``text`` as the content of one Markdown table cell, shown exactly as written."""
    return _LINE_BREAK.sub("<br>", _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def matrix_to_markdown(playbook: Playbook) -> str:
    """The playbook's matrix as a Markdown document: title, legend, one table row per task."""
    titles = header(playbook)
    lines = [
        f"# {escape_markdown(playbook.name)}",
        "",
        f"RACI matrix of playbook `{playbook.key}`, version {escape_markdown(playbook.version)}.",
        "",
        "; ".join(
            f"**{escape_markdown(letter)}** {escape_markdown(meaning)}"
            for letter, meaning in LETTER_MEANINGS.items()
        )
        + ".",
        "",
        _row([escape_markdown(title) for title in titles]),
        _row(["---"] * len(titles)),
    ]
    lines.extend(
        _row([escape_markdown(cell) for cell in row.cells]) for row in iter_rows(playbook, headings="empty")
    )
    return "\n".join(lines) + "\n"
