"""Hypothesis strategies for domain objects, shared by the property tests."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from accord.domain.playbook import Phase, Playbook, Role, Side, Task, Variant
from accord.domain.raci import Raci

keys = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=10).map(
    lambda s: "k" + s
)
names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() == s and s != "")
free_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
cells = st.sampled_from([Raci(0), Raci.NA, *[Raci(value) for value in range(1, 16)]])


@st.composite
def playbooks(draw: st.DrawFn, max_roles: int = 6, max_tasks: int = 8) -> Playbook:
    role_keys = draw(st.lists(keys, min_size=1, max_size=max_roles, unique=True))
    roles = tuple(
        Role(key=key, name=draw(names), side=draw(st.sampled_from(list(Side)))) for key in role_keys
    )
    variant_keys = draw(st.lists(keys, max_size=3, unique=True))
    variants = tuple(Variant(key=key, name=draw(names)) for key in variant_keys)
    task_keys = draw(st.lists(keys, min_size=1, max_size=max_tasks, unique=True))
    phase_count = draw(st.integers(min_value=1, max_value=min(3, len(task_keys))))
    phases = []
    for index in range(phase_count):
        chunk = task_keys[index::phase_count]
        tasks = tuple(
            Task(
                key=key,
                name=draw(names),
                group=draw(st.one_of(st.just(""), names)),
                details=draw(free_text),
                timeframe=draw(free_text),
                variants=tuple(
                    draw(st.lists(st.sampled_from(variant_keys), unique=True)) if variant_keys else ()
                ),
                raci={role: cell for role in role_keys if not (cell := draw(cells)).is_empty},
            )
            for key in chunk
        )
        phases.append(Phase(key=f"phase-{index}", name=draw(names), tasks=tasks))
    return Playbook(
        key=draw(keys),
        name=draw(names),
        version=draw(st.sampled_from(["1", "1.0", "2.3.1"])),
        roles=roles,
        phases=tuple(phases),
        variants=variants,
    )
