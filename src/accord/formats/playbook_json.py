"""The JSON view of a playbook that `accord show --format json` prints.

Shape: ``{key, name, version, source, roles: [{key, name, side}], variants: [{key, name}],
phases: [{key, name, tasks: [{key, name, group, details, timeframe, variants, raci: {R, A, C, I},
not_applicable, notes}]}]}``; role lists keep the playbook's role order.
"""

from __future__ import annotations

import json
from typing import Any

from accord.domain.playbook import Playbook, Task
from accord.domain.raci import LETTERS, Raci


def _task_data(task: Task, role_order: dict[str, int]) -> dict[str, Any]:
    ordered = sorted(task.raci.items(), key=lambda item: role_order.get(item[0], len(role_order)))
    return {
        "key": task.key,
        "name": task.name,
        "group": task.group,
        "details": task.details,
        "timeframe": task.timeframe,
        "variants": list(task.variants),
        "raci": {letter.name: [role for role, cell in ordered if cell & letter] for letter in LETTERS},
        "not_applicable": [role for role, cell in ordered if cell & Raci.NA],
        "notes": list(task.notes),
    }


def playbook_to_json_data(playbook: Playbook) -> dict[str, Any]:
    """The playbook as plain JSON-ready data."""
    role_order = {role.key: index for index, role in enumerate(playbook.roles)}
    return {
        "key": playbook.key,
        "name": playbook.name,
        "version": playbook.version,
        "source": playbook.source.file if playbook.source else None,
        "roles": [{"key": role.key, "name": role.name, "side": role.side.value} for role in playbook.roles],
        "variants": [{"key": variant.key, "name": variant.name} for variant in playbook.variants],
        "phases": [
            {
                "key": phase.key,
                "name": phase.name,
                "tasks": [_task_data(task, role_order) for task in phase.tasks],
            }
            for phase in playbook.phases
        ],
    }


def playbook_to_json(playbook: Playbook) -> str:
    return json.dumps(playbook_to_json_data(playbook), ensure_ascii=False, indent=2) + "\n"
