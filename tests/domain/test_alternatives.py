import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.alternatives import resolve_alternatives
from accord.domain.errors import InvalidInput
from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.playbooks import builtin_playbook


def test_each_group_defaults_to_its_first_role():
    playbook = builtin_playbook("paylocity-integration")
    resolved, made = resolve_alternatives(playbook)
    assert made == {"pricing-and-engagement": "cit", "first-level-support": "cit"}
    assert dict(resolved.task("first-level-support").raci) == {"cit": Raci.R}
    assert all(not task.alternatives for task in resolved.tasks)


def test_bad_choices_are_named_by_task():
    playbook = builtin_playbook("paylocity-integration")
    with pytest.raises(InvalidInput) as error:
        resolve_alternatives(
            playbook, {"first-level-support": "pcty", "business-case": "cit", "nowhere": "cit"}
        )
    assert {problem.where: problem.code for problem in error.value.problems} == {
        "alternative_choices.first-level-support": "alternative-unknown-role",
        "alternative_choices.business-case": "alternative-none",
        "alternative_choices.nowhere": "alternative-unknown-task",
    }


def two_group_playbook() -> Playbook:
    roles = tuple(Role(key, key.upper(), Side.CUSTOMER) for key in ("a", "b", "c", "d", "e"))
    task = Task(
        "t",
        "T",
        raci={"a": Raci.R, "b": Raci.R, "c": Raci.A, "d": Raci.A, "e": Raci.I},
        alternatives=(("a", "b"), ("c", "d")),
    )
    return Playbook("p", "P", "1", roles, (Phase("x", "X", (task,)),))


def test_a_task_with_two_groups_takes_one_choice_per_group():
    resolved, made = resolve_alternatives(two_group_playbook(), {"t": ["b", "c"]})
    assert made == {"t": ["b", "c"]}
    assert dict(resolved.task("t").raci) == {"b": Raci.R, "c": Raci.A, "e": Raci.I}
    with pytest.raises(InvalidInput) as error:
        resolve_alternatives(two_group_playbook(), {"t": ["a", "b"]})
    assert error.value.problems[0].code == "alternative-several"


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["a", "b"]), st.sampled_from(["c", "d"]))
def test_exactly_one_role_of_each_group_keeps_its_cell(first, second):
    resolved, _made = resolve_alternatives(two_group_playbook(), {"t": [first, second]})
    raci = resolved.task("t").raci
    assert {"a", "b"} & set(raci) == {first}
    assert {"c", "d"} & set(raci) == {second}
    assert raci["e"] == Raci.I
