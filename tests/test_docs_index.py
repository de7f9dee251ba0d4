"""Every page of docs/ is reachable from the README's documentation list."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_links_every_docs_page():
    readme = (ROOT / "README.md").read_text("utf-8")
    pages = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "docs").glob("*.md"))
    assert pages, "no docs pages found: this test checks nothing"
    assert [page for page in pages if f"]({page})" not in readme] == []
