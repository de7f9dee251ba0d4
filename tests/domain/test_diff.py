import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.diff import CellChange, FieldChange, playbook_diff
from accord.domain.playbook import Handover, Phase, Playbook, Role, Side, Task, Variant
from accord.domain.raci import Raci
from accord.playbooks import builtin_playbooks
from tests.strategies import playbooks


def base() -> Playbook:
    return Playbook(
        key="demo",
        name="Demo",
        version="1.0",
        roles=(Role("pm", "Project Manager", Side.CUSTOMER), Role("im", "Integration Manager", Side.VENDOR)),
        phases=(
            Phase(
                "start",
                "Start",
                tasks=(
                    Task("kickoff", "Kick-off", raci={"pm": Raci.R, "im": Raci.A}),
                    Task("scope", "Scope", raci={"pm": Raci.R | Raci.A, "im": Raci.C}),
                ),
            ),
            Phase(
                "finish", "Finish", tasks=(Task("go-live", "Go-live", raci={"im": Raci.R}, milestone=True),)
            ),
        ),
        variants=(Variant("api", "API"),),
    )


def test_the_same_playbook_has_no_difference():
    for playbook in builtin_playbooks():
        difference = playbook_diff(playbook, playbook)
        assert difference.is_empty
        assert difference.summary() == f"{playbook.version} -> {playbook.version}: no change"


def test_roles_added_removed_and_renamed():
    old = base()
    new = replace(
        old,
        version="1.1",
        roles=(Role("pm", "Customer Project Manager", Side.CUSTOMER), Role("csm", "CSM", Side.VENDOR)),
    )
    difference = playbook_diff(old, new)
    assert [item.key for item in difference.roles_added] == ["csm"]
    assert [item.key for item in difference.roles_removed] == ["im"]
    [renamed] = difference.roles_renamed
    assert renamed.field("name") == FieldChange("name", "Project Manager", "Customer Project Manager")


def test_tasks_added_removed_and_changed_with_their_cells():
    old = base()
    start, finish = old.phases
    kickoff, scope = start.tasks
    new = replace(
        old,
        version="2.0",
        phases=(
            replace(
                start,
                tasks=(
                    replace(kickoff, raci={"pm": Raci.R, "im": Raci.A | Raci.I}),
                    Task("design", "Design", raci={"im": Raci.R}),
                ),
            ),
            replace(finish, tasks=(*finish.tasks, replace(scope, name="Scope sign-off"))),
        ),
    )
    difference = playbook_diff(old, new)
    assert [(item.key, item.phase) for item in difference.tasks_added] == [("design", "start")]
    assert difference.tasks_removed == ()
    changed = {change.key: change for change in difference.tasks_changed}
    assert changed["kickoff"].cells == (CellChange("im", Raci.A, Raci.A | Raci.I),)
    assert changed["kickoff"].fields == ()
    assert changed["scope"].field("phase") == FieldChange("phase", "start", "finish")
    assert changed["scope"].field("name") == FieldChange("name", "Scope", "Scope sign-off")
    assert difference.summary() == "1.0 -> 2.0: 1 task added, 2 tasks changed (1 cell)"


def test_phases_variants_and_handovers():
    old = base()
    new = replace(
        old,
        phases=(replace(old.phases[0], name="Begin"), Phase("run", "Run", tasks=old.phases[1].tasks)),
        variants=(Variant("api", "API case"), Variant("csv", "CSV")),
        handovers=(Handover("im", "pm", "go-live"),),
    )
    difference = playbook_diff(old, new)
    assert [item.key for item in difference.phases_added] == ["run"]
    assert [item.key for item in difference.phases_removed] == ["finish"]
    assert difference.phases_changed[0].field("name") == FieldChange("name", "Start", "Begin")
    assert [item.key for item in difference.variants_added] == ["csv"]
    assert difference.variants_changed[0].key == "api"
    assert difference.handovers_added == (Handover("im", "pm", "go-live"),)
    # The go-live task moved phase with its phase's key.
    assert {change.key for change in difference.tasks_changed} == {"go-live"}


def test_a_cell_emptied_or_filled_is_a_change():
    old = base()
    kickoff = old.phases[0].tasks[0]
    new = replace(
        old,
        phases=(
            replace(old.phases[0], tasks=(replace(kickoff, raci={"pm": Raci.R}), old.phases[0].tasks[1])),
            old.phases[1],
        ),
    )
    [change] = playbook_diff(old, new).tasks_changed
    assert change.cell("im") == CellChange("im", Raci.A, Raci(0))
    assert playbook_diff(new, old).tasks_changed[0].cell("im") == CellChange("im", Raci(0), Raci.A)


def test_to_data_is_plain_json():
    old = base()
    start = old.phases[0]
    kickoff = replace(start.tasks[0], raci={"pm": Raci.R})
    new = replace(
        old,
        version="1.1",
        roles=old.roles[:1],
        phases=(replace(start, tasks=(kickoff, start.tasks[1])), old.phases[1]),
    )
    data = playbook_diff(old, new).to_data()
    assert json.loads(json.dumps(data)) == data
    assert data["roles_removed"] == [{"key": "im", "name": "Integration Manager"}]
    assert data["tasks_changed"][0]["cells"][0] == {"role": "im", "before": "A", "after": ""}


def mirrored(items):
    return sorted(item.key for item in items)


@settings(max_examples=60, deadline=None)
@given(playbooks(), playbooks())
def test_the_diff_backwards_mirrors_the_diff_forwards(old, new):
    forwards, backwards = playbook_diff(old, new), playbook_diff(new, old)
    assert mirrored(forwards.tasks_added) == mirrored(backwards.tasks_removed)
    assert mirrored(forwards.roles_removed) == mirrored(backwards.roles_added)
    assert mirrored(forwards.variants_added) == mirrored(backwards.variants_removed)
    flipped = {
        (change.key, cell.role, cell.after, cell.before)
        for change in backwards.tasks_changed
        for cell in change.cells
    }
    assert {
        (change.key, cell.role, cell.before, cell.after)
        for change in forwards.tasks_changed
        for cell in change.cells
    } == flipped
    assert forwards.is_empty == backwards.is_empty


@settings(max_examples=60, deadline=None)
@given(playbooks(), st.data())
def test_every_cell_that_differs_is_listed_and_no_other(old, data):
    new = data.draw(playbooks())
    new = replace(new, phases=(*new.phases, *old.phases[: data.draw(st.integers(0, len(old.phases)))]))
    keys_new = {task.key for task in new.tasks}
    if len(keys_new) != len(new.tasks):  # a drawn key repeated: not a valid playbook
        return
    difference = playbook_diff(old, new)
    listed = {(change.key, cell.role) for change in difference.tasks_changed for cell in change.cells}
    old_tasks = {task.key: task for task in old.tasks}
    expected = {
        (task.key, role)
        for task in new.tasks
        if task.key in old_tasks
        for role in {*task.raci, *old_tasks[task.key].raci}
        if task.cell(role) != old_tasks[task.key].cell(role)
    }
    assert listed == expected
    assert {item.key for item in difference.tasks_added} == keys_new - set(old_tasks)
    assert {item.key for item in difference.tasks_removed} == set(old_tasks) - keys_new
