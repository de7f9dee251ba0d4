import json

from hypothesis import given, settings

from accord.domain.raci import LETTERS, Raci
from accord.formats.playbook_json import playbook_to_json
from tests.strategies import playbooks


@settings(max_examples=50, deadline=None)
@given(playbooks())
def test_json_has_the_documented_shape_and_every_cell(playbook):
    data = json.loads(playbook_to_json(playbook))
    assert set(data) == {"key", "name", "version", "source", "roles", "variants", "phases"}
    assert [role["key"] for role in data["roles"]] == [role.key for role in playbook.roles]
    assert {role["side"] for role in data["roles"]} <= {"vendor", "customer", "partner"}
    tasks = [task for phase in data["phases"] for task in phase["tasks"]]
    assert len(tasks) == len(playbook.tasks)
    for task_data, task in zip(tasks, playbook.tasks, strict=True):
        assert set(task_data) == {
            "key",
            "name",
            "group",
            "details",
            "timeframe",
            "variants",
            "raci",
            "not_applicable",
            "notes",
        }
        assert set(task_data["raci"]) == {"R", "A", "C", "I"}
        for letter in LETTERS:
            assert set(task_data["raci"][letter.name]) == {
                role for role, cell in task.raci.items() if cell & letter
            }
        assert set(task_data["not_applicable"]) == {
            role for role, cell in task.raci.items() if cell == Raci.NA
        }
