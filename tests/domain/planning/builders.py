"""Small playbooks for planning tests, written as (key, timing) pairs."""

from __future__ import annotations

from typing import Any

from accord.domain.playbook import Phase, Playbook, Role, Side, Task, Variant
from accord.domain.timing import timing_from_data

ROLES = (Role(key="pm", name="Project Manager", side=Side.CUSTOMER),)


def task(key: str, timing: dict[str, Any] | None = None, **fields: Any) -> Task:
    return Task(
        key=key,
        name=key.replace("-", " ").title(),
        timing=timing_from_data(timing) if timing else None,
        **fields,
    )


def playbook(*phases: tuple[str, list[Task]], variants: tuple[str, ...] = ()) -> Playbook:
    return Playbook(
        key="demo",
        name="Demo",
        version="1",
        roles=ROLES,
        phases=tuple(Phase(key=key, name=key.title(), tasks=tuple(tasks)) for key, tasks in phases),
        variants=tuple(Variant(key=key, name=key) for key in variants),
    )


def single_phase(*tasks: Task) -> Playbook:
    return playbook(("work", list(tasks)))


# seed 003's typical timeline
RUNBOOK = single_phase(
    task("discovery", {"start": "project", "sessions": {"count": 3, "minutes": 90}}),
    task("design", {"after": ["discovery"], "duration": "approximately 10 business days"}),
    task("coding", {"after": ["design"], "duration": "4-6 weeks"}),
    task("sit", {"after": ["coding"], "duration": "approximately 4 weeks"}),
    task("uat", {"after": ["sit"], "duration": "approximately 4 weeks"}),
    task("go-live", {"after": ["uat"]}, milestone=True),
)
