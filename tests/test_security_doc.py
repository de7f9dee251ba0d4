"""docs/security.md stays true: every test it cites exists, and its ASVS table is not empty.

The security page maps OWASP ASVS requirements to the tests that cover them, written as
``tests/path.py::test_name`` (a parametrised case, ``test_name[param]``, counts by its base
name). A test renamed or removed without updating the page fails here, as does a setting the page
names that the settings no longer read.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
SETTINGS = ROOT / "src" / "accord" / "config" / "settings" / "base.py"

#: ``tests/web/test_ids.py::test_name`` or ``tests/x.py::Class::test_name``, with an optional ``[param]``.
TEST_REFERENCE = re.compile(r"(tests/[\w/.-]+\.py)((?:::\w+)+)(?:\[[^\]\s`]*\])?")
#: A row of the ASVS table: its first cell is a requirement id such as ``6.3.1``.
ASVS_ROW = re.compile(r"^\|\s*(\d{1,2}\.\d{1,2}\.\d{1,2})\s*\|(.*)\|\s*$")
ACCORD_SETTING = re.compile(r"\bACCORD_[A-Z0-9_]+\b")


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def cited_tests(text: str) -> list[tuple[str, list[str]]]:
    return [(path, names.strip(":").split("::")) for path, names in TEST_REFERENCE.findall(text)]


@cache
def defined_names(path: str) -> frozenset[str]:
    """Every function (also async, also in a class) and class a test file defines, as dotted paths."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"), filename=path)
    names: set[str] = set()

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(prefix + node.name)
            elif isinstance(node, ast.ClassDef):
                names.add(prefix + node.name)
                walk(node.body, f"{prefix}{node.name}.")

    walk(tree.body, "")
    return frozenset(names)


def asvs_rows(text: str) -> list[tuple[str, str]]:
    return [
        (match.group(1), match.group(2))
        for line in text.splitlines()
        if (match := ASVS_ROW.match(line.strip()))
    ]


def test_the_reference_pattern_reads_plain_parametrised_and_class_references():
    text = (
        "`tests/web/test_ids.py::test_parse_id_never_raises_on_text` and "
        "`tests/a/test_b.py::test_c[admin-404]`, `tests/a/test_b.py::Suite::test_d`"
    )
    assert cited_tests(text) == [
        ("tests/web/test_ids.py", ["test_parse_id_never_raises_on_text"]),
        ("tests/a/test_b.py", ["test_c"]),
        ("tests/a/test_b.py", ["Suite", "test_d"]),
    ]


def test_the_security_page_cites_tests():
    assert len(cited_tests(doc_text())) >= 20


def test_every_test_the_security_page_cites_exists():
    missing = []
    for path, names in cited_tests(doc_text()):
        if not (ROOT / path).is_file():
            missing.append(f"{path} (no such file)")
        elif ".".join(names) not in defined_names(path):
            missing.append(f"{path}::{'::'.join(names)} (no such test)")
    assert not missing, "docs/security.md cites tests that do not exist:\n" + "\n".join(sorted(set(missing)))


def test_the_asvs_table_lists_requirements_each_with_a_level_and_a_test():
    rows = asvs_rows(doc_text())
    assert rows, "docs/security.md has no ASVS table row (| 6.3.1 | … |)"
    ids = [requirement for requirement, _rest in rows]
    assert len(ids) == len(set(ids)), "an ASVS requirement is listed twice"
    for requirement, rest in rows:
        cells = [cell.strip() for cell in rest.split("|")]
        assert any(cell in {"1", "2", "3", "L1", "L2", "L3"} for cell in cells), (requirement, "no level")
        assert cited_tests(rest), (requirement, "no test cited")


def test_every_setting_the_security_page_names_is_read_by_the_settings():
    settings_text = SETTINGS.read_text(encoding="utf-8")
    named = set(ACCORD_SETTING.findall(doc_text()))
    assert named, "the security page names no ACCORD_ setting"
    unknown = sorted(
        name
        for name in named
        if f'"{name}"' not in settings_text  # an environment variable
        and not re.search(rf"^{name}\s*=", settings_text, re.MULTILINE)  # a Django setting
    )
    assert not unknown, f"docs/security.md names settings that base.py does not know: {unknown}"
