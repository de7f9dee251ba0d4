"""General rules of the linter, checked on generated playbooks."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.lint import DEFAULT_RULES, LintConfig, Severity, lint
from accord.domain.playbook import Phase, Playbook, Task
from accord.domain.raci import Raci
from tests.domain.lint_helpers import ROLES

ROLE_KEYS = [role.key for role in ROLES]
EXAMPLES = settings(max_examples=60, deadline=None)
ALL_CELLS = [Raci(value) for value in range(16)] + [Raci.NA]
# Cells that hold neither R nor A: what the other roles of a "sound" task may hold.
PLAIN_CELLS = [Raci(0), Raci.C, Raci.I, Raci.C | Raci.I, Raci.NA]


@st.composite
def tasks(draw, index: int = 0, cells=ALL_CELLS) -> Task:
    roles = draw(st.lists(st.sampled_from([*ROLE_KEYS, "ghost"]), unique=True, max_size=len(ROLE_KEYS)))
    raci = {role: draw(st.sampled_from(cells)) for role in roles}
    alternatives = ()
    if len(roles) >= 2 and draw(st.booleans()):
        alternatives = (tuple(draw(st.permutations(roles)))[:2],)
    return Task(key=f"task-{index}", name=f"Task {index}", raci=raci, alternatives=alternatives)


@st.composite
def playbooks(draw) -> Playbook:
    count = draw(st.integers(min_value=1, max_value=8))
    all_tasks = [draw(tasks(index)) for index in range(count)]
    split = draw(st.integers(min_value=0, max_value=count))
    phases = tuple(
        Phase(key=f"phase-{number}", name=f"Phase {number}", tasks=tuple(part))
        for number, part in enumerate((all_tasks[:split], all_tasks[split:]))
        if part
    )
    return Playbook(key="generated", name="Generated", version="1", roles=ROLES, phases=phases)


@st.composite
def sound_tasks(draw) -> Task:
    """One R, one A (possibly the same role), nobody Informed among them, known roles only."""
    responsible = draw(st.sampled_from(ROLE_KEYS))
    accountable = draw(st.sampled_from(ROLE_KEYS))
    raci = {role: draw(st.sampled_from(PLAIN_CELLS)) for role in ROLE_KEYS}
    raci[responsible] = Raci.R
    raci[accountable] = raci[accountable] | Raci.A if accountable == responsible else Raci.A
    return Task(key="sound", name="Sound", raci=raci)


def with_task(playbook: Playbook, task: Task) -> Playbook:
    first = playbook.phases[0]
    return replace(playbook, phases=(replace(first, tasks=(*first.tasks, task)), *playbook.phases[1:]))


@EXAMPLES
@given(playbooks(), sound_tasks())
def test_a_task_with_one_r_and_one_a_has_no_error(playbook, task):
    findings = lint(with_task(playbook, task))
    assert [f for f in findings if f.task == "sound" and f.severity is Severity.ERROR] == []
    assert [f for f in findings if f.task == "sound" and f.code == "RACI005"] == []


@EXAMPLES
@given(sound_tasks(), st.data())
def test_a_second_accountable_always_breaks_one_accountable(task, data):
    (first,) = task.holders(Raci.A)
    second = data.draw(st.sampled_from([key for key in ROLE_KEYS if key != first]))
    raci = {**task.raci, second: task.cell(second) | Raci.A}
    playbook = Playbook(
        key="p",
        name="P",
        version="1",
        roles=ROLES,
        phases=(Phase("only", "Only", (replace(task, raci=raci),)),),
    )
    findings = [f for f in lint(playbook) if f.code == "RACI001"]
    assert [(f.task, f.name, set(f.roles)) for f in findings] == [
        ("sound", "one-accountable", {first, second})
    ]


@EXAMPLES
@given(playbooks())
def test_findings_name_only_tasks_of_the_playbook_and_roles_it_mentions(playbook):
    task_keys = {task.key: phase.key for phase, task in playbook.iter_tasks()}
    mentioned = set(ROLE_KEYS) | {key for task in playbook.tasks for key in task.raci}
    for finding in lint(playbook):
        assert finding.playbook == playbook.key
        if finding.task is not None:
            assert task_keys[finding.task] == finding.phase
        else:
            assert finding.phase is None
        assert set(finding.roles) <= mentioned
        assert finding.message
        assert finding.hint


@EXAMPLES
@given(playbooks())
def test_lint_is_deterministic_and_ordered(playbook):
    first = lint(playbook)
    assert lint(playbook) == first
    assert lint(replace(playbook, phases=tuple(playbook.phases))) == first
    ordinals = {task.key: index for index, task in enumerate(playbook.tasks)}
    positions = [(ordinals.get(f.task, len(ordinals)) if f.task else len(ordinals), f.code) for f in first]
    assert positions == sorted(positions)


@EXAMPLES
@given(playbooks(), st.sampled_from(DEFAULT_RULES))
def test_disabling_a_rule_removes_exactly_its_findings(playbook, rule):
    everything = lint(playbook)
    config = LintConfig().with_rule(rule.code, enabled=False)
    assert lint(playbook, config=config) == tuple(f for f in everything if f.code != rule.code)


@EXAMPLES
@given(playbooks(), st.sampled_from(DEFAULT_RULES), st.sampled_from(list(Severity)))
def test_a_severity_override_changes_only_that_rules_severity(playbook, rule, severity):
    everything = lint(playbook)
    changed = lint(playbook, config=LintConfig().with_rule(rule.name, severity=severity))
    expected = tuple(replace(f, severity=severity) if f.code == rule.code else f for f in everything)
    assert changed == expected


def distinct_owners(task: Task, holders: tuple[str, ...]) -> int:
    groups = {next((i for i, group in enumerate(task.alternatives) if key in group), key) for key in holders}
    return len(groups)


@EXAMPLES
@given(playbooks())
def test_task_rules_agree_with_a_plain_reading_of_the_cells(playbook):
    # The linter's one fast pass must say what Task.holders says, cell by cell.
    found = {(f.code, f.task) for f in lint(playbook)}
    for task in playbook.tasks:
        responsible, accountable = task.holders(Raci.R), task.holders(Raci.A)
        both = [key for key, cell in task.raci.items() if cell & Raci.I and cell & (Raci.R | Raci.A)]
        consulted = task.holders(Raci.C)
        letters = any(cell & ~Raci.NA for cell in task.raci.values())
        not_applicable = any(cell & Raci.NA for cell in task.raci.values())
        unknown = {*task.raci, *(key for group in task.alternatives for key in group)} - set(ROLE_KEYS)
        expected = {
            "RACI001": not accountable or distinct_owners(task, accountable) > 1,
            "RACI002": distinct_owners(task, responsible) > 1,
            "RACI003": not responsible,
            "RACI005": bool(both),
            "RACI006": len(consulted) > 3,
            "RACI007": bool(unknown),
            "RACI009": not letters and not_applicable,
        }
        for code, should_fire in expected.items():
            assert ((code, task.key) in found) == should_fire, (code, task.key, dict(task.raci))
