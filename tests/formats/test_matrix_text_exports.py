"""Markdown and HTML exports: escaped, structured, readable without colour."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

from hypothesis import given, settings

from accord.domain.playbook import Phase, Task
from accord.domain.raci import Raci
from accord.formats.matrix import matrix_to_html, matrix_to_markdown
from accord.formats.matrix.layout import FIXED_COLUMNS
from accord.formats.matrix.markdown import escape_markdown
from tests.formats.fixtures.matrix import demo_playbook, matrix_playbooks, text

VOID = {"meta", "col", "br", "link"}


class Outline(HTMLParser):
    """Checks that tags nest and close, and records the table's structure and texts."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            self.texts.setdefault(self.stack[-1], []).append(data)


def outline(document: str) -> Outline:
    parser = Outline()
    parser.feed(document)
    parser.close()
    return parser


def test_html_is_a_complete_document_with_a_real_accessible_table():
    playbook = demo_playbook()
    document = matrix_to_html(playbook)
    parsed = outline(document)
    assert parsed.errors == []
    assert parsed.stack == []
    assert document.startswith("<!DOCTYPE html>")
    tags = [tag for tag, _ in parsed.tags]
    for needed in ("html", "head", "title", "style", "table", "caption", "thead", "tbody", "th", "td"):
        assert needed in tags
    assert "script" not in tags
    assert not any("src" in attrs or "href" in attrs for _, attrs in parsed.tags)
    header_cells = [attrs for tag, attrs in parsed.tags if tag == "th"]
    scopes = {attrs.get("scope") for attrs in header_cells}
    assert scopes == {"col", "row", "rowgroup"}
    column_titles = [attrs for attrs in header_cells if attrs.get("scope") == "col"]
    assert len(column_titles) == len(FIXED_COLUMNS) + len(playbook.roles)
    assert "@media print" in document
    assert 'lang="en"' in document


def test_html_writes_letters_as_text_with_their_meaning_and_a_colour_class():
    playbook = demo_playbook()
    parsed = outline(matrix_to_html(playbook))
    letters = parsed.texts["abbr"]
    expected = [
        task.cell(role.key).canonical
        for task in playbook.tasks
        for role in playbook.roles_by_side
        if not task.cell(role.key).is_empty
    ]
    assert letters == expected
    titles = [attrs["title"] for tag, attrs in parsed.tags if tag == "abbr"]
    assert "Responsible & Accountable" in titles
    classes = [
        attrs["class"] for tag, attrs in parsed.tags if tag == "td" and "raci-" in (attrs.get("class") or "")
    ]
    assert sorted(classes) == sorted(["raci raci-r", "raci raci-c", "raci raci-na", "raci raci-i"])
    legend = parsed.texts["dt"]
    assert legend == ["R", "A", "C", "I", "N/A"]


def test_html_escapes_every_text():
    playbook = demo_playbook()
    hostile = Task(key="x", name="<script>alert(1)</script> & co", raci={"am": Raci.R})
    playbook = replace(
        playbook, name="<b>Demo</b>", phases=(Phase(key="p", name="<i>P</i>", tasks=(hostile,)),)
    )
    document = matrix_to_html(playbook)
    parsed = outline(document)
    assert "<script>" not in document
    assert [tag for tag, _ in parsed.tags if tag in {"script", "b", "i"}] == []
    assert parsed.texts["th"].count("<script>alert(1)</script> & co") == 1


@settings(max_examples=50, deadline=None)
@given(matrix_playbooks())
def test_html_always_parses_with_one_row_per_task(playbook):
    parsed = outline(matrix_to_html(playbook))
    assert parsed.errors == []
    body_rows = [attrs for tag, attrs in parsed.tags if tag == "tr" and attrs.get("class") != "phase"]
    assert len(body_rows) == 1 + len(playbook.tasks)
    assert len([tag for tag, _ in parsed.tags if tag == "tbody"]) == len(playbook.phases)


def test_markdown_escapes_pipes_and_markup_and_keeps_one_line_per_row():
    assert escape_markdown("a|b") == "a\\|b"
    assert escape_markdown("*x* _y_ `z` <b>") == "\\*x\\* \\_y\\_ \\`z\\` \\<b\\>"
    assert escape_markdown("one\ntwo\r\nthree") == "one<br>two<br>three"
    playbook = demo_playbook()
    lines = matrix_to_markdown(playbook).splitlines()
    table = [line for line in lines if line.startswith("| ")]
    assert table[0].startswith(
        "| Phase | Group | Task | Details | Timeframe | Variants | Vendor: Account Manager"
    )
    assert len(table) == 2 + len(playbook.tasks)
    assert "| R/A |" in table[2]


@settings(max_examples=100, deadline=None)
@given(text)
def test_a_markdown_cell_never_breaks_out_of_its_table_cell(value):
    cell = escape_markdown(value)
    assert len(cell.splitlines()) <= 1
    unescaped_pipes = [index for index, char in enumerate(cell) if char == "|" and not _escaped(cell, index)]
    assert unescaped_pipes == []


def _escaped(cell: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and cell[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


@settings(max_examples=50, deadline=None)
@given(matrix_playbooks())
def test_markdown_has_as_many_cells_in_every_row_as_titles(playbook):
    table = [line for line in matrix_to_markdown(playbook).splitlines() if line.startswith("| ")]
    widths = {
        len([i for i, char in enumerate(line) if char == "|" and not _escaped(line, i)]) for line in table
    }
    assert widths == {len(FIXED_COLUMNS) + len(playbook.roles) + 1}
