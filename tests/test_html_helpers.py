"""The parsed-page helpers that page tests assert with (tests/html.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.html import page, text

DOCUMENT = """<!doctype html>
<html lang="en"><head><title>Acme</title><style>p { color: red }</style></head>
<body>
  <a class="skip-link" href="#main">Skip to content</a>
  <nav aria-label="Main"><a href="/">Home</a> <a href="/inbox/">Inbox <span class="badge">1<span
    class="visually-hidden"> unread</span></span></a></nav>
  <main id="main">
    <h1>Kick-off</h1>
    <dl><dt>Version</dt><dd>2 <span class="tag">latest</span></dd></dl>
    <table aria-label="Phases"><thead><tr><th scope="col">Phase</th><th scope="col">Tasks</th></tr></thead>
      <tbody><tr class="phase"><th scope="row">Start</th><td>3</td></tr>
      <tr class="phase"><th scope="row">Go live</th><td>1</td></tr></tbody></table>
    <form method="post">
      <label for="id_name">Name</label><input id="id_name" name="name" value="Acme">
      <p class="error" id="id_name_error">A customer with this name already exists.</p>
      <label>Language <select name="language"><option value="en">English</option>
        <option value="fr" selected>Français</option></select></label>
      <label for="id_reason">Reason</label><textarea id="id_reason" name="reason">
Too early</textarea>
      <input type="checkbox" name="notify" aria-label="Notify">
      <input type="radio" name="owner" value="cit" id="o1" checked><label for="o1">Customer IT</label>
      <input type="radio" name="owner" value="tpa" id="o2"><label for="o2">Administrator</label>
      <input type="hidden" name="version" value="7">
      <button type="submit" class="primary" disabled>Save</button>
      <button type="button" aria-labelledby="main-heading">?</button>
      <img src="/x.png" alt="A chart">
    </form>
    <p>First<br>paragraph <p>second
    <script>var x = "<h1>not a heading</h1>";</script>
  </main>
</body></html>"""


@pytest.fixture
def doc():
    return page(DOCUMENT)


def test_a_response_bytes_and_text_parse_alike():
    response = SimpleNamespace(content=DOCUMENT.encode())
    assert page(response).one("h1").text == page(DOCUMENT).one("h1").text == "Kick-off"


def test_a_fragment_keeps_its_top_level_elements_in_order():
    fragment = page('<tr id="task-1"><td>A</td></tr>\n<section id="summary">S</section>')
    assert [element.get("id") for element in fragment.elements] == ["task-1", "summary"]
    assert not fragment.has("html")


def test_text_is_the_body_whitespace_collapsed_without_scripts_or_styles(doc):
    body = text(DOCUMENT)
    assert "Inbox 1 unread" in body  # text for screen readers counts
    assert "not a heading" not in body
    assert "color" not in body
    assert "Acme" not in body  # the title is in the head
    assert text(DOCUMENT, "dd") == "2 latest"
    assert doc.one("table").rows()[1] == ["Start", "3"]  # cells stay apart
    assert doc.one("img").name == "A chart"


def test_simple_selectors(doc):
    assert [row.one("th").text for row in doc.all("tr.phase")] == ["Start", "Go live"]
    assert doc.one("#main").tag == "main"
    assert doc.one("button.primary[disabled]").text == "Save"
    assert doc.one("nav a[href=/inbox/]").text == "Inbox 1 unread"
    assert doc.all("a[href^=/]") == doc.one("nav").all("a")
    assert doc.first("h2") is None
    assert not doc.has("h2")
    assert [p.text for p in doc.all("main p")][-2:] == ["First paragraph", "second"]  # <p> left open
    with pytest.raises(AssertionError):
        doc.one("tr")


def test_roles_and_accessible_names(doc):
    assert doc.role("heading").text == "Kick-off"
    assert doc.role("navigation", "Main").has("a")
    assert doc.role("link", "Skip to content").get("href") == "#main"
    assert doc.role("textbox", "Name").get("name") == "name"
    assert doc.role("combobox", "Language").get("name") == "language"
    assert doc.role("textbox", "Reason").get("name") == "reason"
    assert doc.role("checkbox", "Notify").get("name") == "notify"
    assert doc.role("button", "Save").get("type") == "submit"
    assert [cell.text for cell in doc.roles("rowheader")] == ["Start", "Go live"]
    assert [cell.text for cell in doc.roles("columnheader")] == ["Phase", "Tasks"]
    assert doc.role("table", "Phases").rows() == [["Phase", "Tasks"], ["Start", "3"], ["Go live", "1"]]
    assert doc.one("table").records() == [
        {"Phase": "Start", "Tasks": "3"},
        {"Phase": "Go live", "Tasks": "1"},
    ]
    assert doc.roles("button", "Nothing") == []


def test_controls_values_options_and_links(doc):
    form = doc.one("form")
    assert form.controls() == ["name", "language", "reason", "notify", "owner", "owner", "version"]
    assert form.value("name") == "Acme"
    assert form.value("language") == "fr"
    assert form.value("reason") == "Too early"
    assert form.value("notify") is None
    assert form.value("version") == "7"
    assert form.options("language") == [("en", "English", False), ("fr", "Français", True)]
    assert form.options("owner") == [("cit", "Customer IT", True), ("tpa", "Administrator", False)]
    assert form.one("select").options() == form.options("language")
    assert doc.links() == {"Skip to content": "#main", "Home": "/", "Inbox 1 unread": "/inbox/"}
    assert doc.hrefs() == ["#main", "/", "/inbox/"]
    assert form.field_errors() == {"name": "A customer with this name already exists."}
    assert doc.one("dl").definitions() == {"Version": "2 latest"}
    with pytest.raises(AssertionError):
        form.control("missing")
