"""Each rule is written once, in its home, and every other place calls it:

- the finished statuses: ``CLOSED_STATUSES`` in accord.domain.workflow;
- the task status type: ``Status`` in accord.domain.workflow (``TaskStatus`` is that type, and the
  model's choices are its values);
- a zone name and "today" in it: accord.domain.time_zones (an unknown zone is UTC);
- which requests for input are still open: accord.projects.task_selectors;
- the typed playbook copy: accord.projects.playbook_copy.project_playbook.

A second copy of any of them fails here, naming the file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import accord
from accord.domain.workflow import CLOSED_STATUSES, Status
from accord.projects.models import ProjectTask, TaskStatus

SOURCE = Path(accord.__file__).parent


def python_files() -> dict[str, str]:
    return {
        path.relative_to(SOURCE).as_posix(): path.read_text(encoding="utf-8")
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts
    }


def trees() -> dict[str, ast.Module]:
    return {name: ast.parse(text) for name, text in python_files().items()}


def _names_in(node: ast.Set | ast.Tuple | ast.List) -> set[str]:
    """The members or values a literal collection lists: ``X.DONE`` as DONE, ``"done"`` as DONE."""
    found = set()
    for element in node.elts:
        if isinstance(element, ast.Attribute) and element.attr == "value":  # Status.DONE.value
            element = element.value
        if isinstance(element, ast.Attribute):
            found.add(element.attr)
        elif isinstance(element, ast.Constant) and isinstance(element.value, str):
            found.add(element.value.upper())
    return found


def test_the_finished_statuses_are_listed_once():
    finished = {status.name for status in CLOSED_STATUSES}
    copies = sorted(
        f"{name}:{node.lineno}"
        for name, tree in trees().items()
        if name != "domain/workflow.py"
        for node in ast.walk(tree)
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)) and finished <= _names_in(node)
    )
    assert copies == [], "use accord.domain.workflow.CLOSED_STATUSES"


def test_the_task_statuses_are_the_domains():
    assert TaskStatus is Status
    for field in ("status", "status_before_block"):
        choices = ProjectTask._meta.get_field(field).choices
        assert [value for value, _label in choices] == [status.value for status in Status]


def test_nothing_else_lists_every_task_status():
    # An enum of the six (a second status type) or a literal list of them (an API's Literal[...]):
    # type the field with accord.domain.workflow.Status instead.
    names = {status.name for status in Status}
    values = {status.value for status in Status}
    copies = []
    for name, tree in trees().items():
        if name == "domain/workflow.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Set, ast.Tuple, ast.List)) and names <= _names_in(node):
                copies.append(f"{name}:{node.lineno}")
            elif isinstance(node, ast.ClassDef):
                assigned = {
                    constant.value
                    for statement in node.body
                    if isinstance(statement, ast.Assign)
                    for constant in ast.walk(statement.value)
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str)
                }
                if values <= assigned:
                    copies.append(f"{name}:{node.lineno} {node.name}")
    assert copies == [], "the task status type is accord.domain.workflow.Status"


def test_zone_names_are_resolved_in_one_place():
    # ZoneInfo(...) and Django's localdate(timezone=...) outside the home are second copies of
    # "the zone of that name" and "today there", which used to differ on an unknown zone.
    pattern = re.compile(r"\bZoneInfo\(|localdate\(\s*timezone=")
    copies = sorted(
        f"{name}:{number}"
        for name, text in python_files().items()
        if name != "domain/time_zones.py"
        for number, line in enumerate(text.splitlines(), start=1)
        if pattern.search(line)
    )
    assert copies == [], "use accord.domain.time_zones (known_zone, zone_or_utc, today_in)"


def _reads_comments_by_kind(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr not in {"filter", "exclude"} or "TaskComment.objects" not in ast.unparse(node.func):
        return False
    return any(keyword.arg and keyword.arg.startswith("kind") for keyword in node.keywords)


def _compares_a_comments_kind(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Attribute)
        and node.left.attr == "kind"
        and "TaskComment.Kind" in ast.unparse(node)
    )


def test_open_requests_for_input_are_decided_in_one_place():
    copies = sorted(
        f"{name}:{node.lineno}"
        for name, tree in trees().items()
        if name != "projects/task_selectors.py"
        for node in ast.walk(tree)
        if _reads_comments_by_kind(node) or _compares_a_comments_kind(node)
    )
    assert copies == [], "use accord.projects.task_selectors.open_input_requests (or has_open_input_request)"


def test_the_playbook_copy_is_read_through_its_accessor():
    # Reading project.playbook_data anywhere else means reading raw dicts (or parsing again).
    readers = sorted(
        f"{name}:{node.lineno}"
        for name, tree in trees().items()
        if name != "projects/playbook_copy.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "playbook_data" and isinstance(node.ctx, ast.Load)
    )
    assert readers == [], "use accord.projects.playbook_copy.project_playbook"
