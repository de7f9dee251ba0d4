"""Each access rule is written once: the manager rule in accord.workspaces.access, the project
rules in accord.projects.access, one NotFound in accord.domain.errors, and selectors that raise it
rather than Django's Http404. A second copy of any of them fails here, naming the file."""

from __future__ import annotations

import re
from pathlib import Path

import accord

SOURCE = Path(accord.__file__).parent
ACCESS_MODULES = {"workspaces/access.py", "projects/access.py"}


def python_files() -> dict[str, str]:
    return {
        path.relative_to(SOURCE).as_posix(): path.read_text(encoding="utf-8")
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts
    }


def test_the_managing_kinds_are_defined_once_in_the_workspace_access_module():
    assigned = re.compile(r"^\s*(MANAGING_KINDS|INVITING_KINDS)\s*(:[^=\n]*)?=", re.M)
    places = sorted(name for name, text in python_files().items() if assigned.search(text))
    assert places == ["workspaces/access.py"]


def test_no_module_spells_out_the_manager_rule_by_hand():
    # "Admin or manager" written as the two kinds side by side, outside the access modules. (The
    # models name all vendor kinds once, for the database constraint: VENDOR_KINDS.)
    both = re.compile(r"VENDOR_ADMIN[^\n]*VENDOR_MANAGER|VENDOR_MANAGER[^\n]*VENDOR_ADMIN")
    copies = sorted(
        name
        for name, text in python_files().items()
        if name not in ACCESS_MODULES and name != "workspaces/models.py" and both.search(text)
    )
    assert copies == []


def test_there_is_one_notfound():
    definitions = sorted(
        name for name, text in python_files().items() if re.search(r"^class NotFound\b", text, re.M)
    )
    assert definitions == ["domain/errors.py"]


def test_selectors_and_access_modules_raise_notfound_not_http404():
    readers = {
        name: text for name, text in python_files().items() if name.endswith(("selectors.py", "access.py"))
    }
    assert readers  # the walk found them
    assert sorted(name for name, text in readers.items() if "Http404" in text) == []
