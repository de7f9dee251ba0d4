from hypothesis import given, settings
from rich.console import Console

from accord.formats.plan.common import go_live_summary
from accord.formats.plan.to_text import CRITICAL_MARKER, MILESTONE_MARKER, plan_to_table
from tests.formats.conftest import plans, sample_plan


def render(table, width=220) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(table)
    return console.export_text()


def test_every_task_is_a_row_with_its_dates_and_range():
    plan = sample_plan()
    text = render(plan_to_table(plan))

    for task in plan.tasks:
        line = next(line for line in text.splitlines() if f" {task.key} " in line)
        assert task.name in line
        assert task.start.isoformat() in line
        assert task.finish.isoformat() in line
        assert task.finish_latest.isoformat() in line
        assert (CRITICAL_MARKER in line) is task.critical
        assert (MILESTONE_MARKER in line) is task.milestone


def test_the_caption_is_the_go_live_summary():
    plan = sample_plan()
    table = plan_to_table(plan)

    assert table.caption.splitlines()[0] == go_live_summary(plan)
    summary = go_live_summary(plan)
    for day in (plan.go_live.planned, plan.go_live.p50, plan.go_live.p80, plan.go_live.p95):
        assert day.isoformat() in summary
    assert f"{plan.go_live.earliest.isoformat()} – {plan.go_live.latest.isoformat()}" in summary


@settings(max_examples=50, deadline=None)
@given(plans())
def test_the_table_has_a_row_per_task_and_marks_exactly_the_critical_ones(plan):
    table = plan_to_table(plan)

    assert table.row_count == len(plan.tasks)
    column = next(column for column in table.columns if column.header == CRITICAL_MARKER)
    assert list(column.cells).count(CRITICAL_MARKER) == len(plan.critical_path)


def test_dates_stay_whole_in_an_80_column_terminal():
    plan = sample_plan()
    text = render(plan_to_table(plan), width=80)

    for task in plan.tasks:
        assert task.start.isoformat() in text
        assert task.finish.isoformat() in text
