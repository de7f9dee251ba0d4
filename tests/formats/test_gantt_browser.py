"""The Gantt chart drawn by real Chromium: it renders, with one mark per task, and gets a screenshot."""

from datetime import date
from pathlib import Path

import pytest

from accord.formats.plan.gantt_svg import plan_to_svg
from accord.formats.plan.to_html import plan_to_html
from tests.formats.conftest import build_plan, large_specs

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.browser


def real_plan():
    from accord.domain.calendar import WorkingCalendar
    from accord.domain.planning import plan_playbook
    from accord.playbooks import builtin_playbook

    return plan_playbook(
        builtin_playbook("invoicecloud-integration"),
        start=date(2026, 11, 2),
        calendar=WorkingCalendar.create("US"),
        samples=2000,
    )


def marks(page) -> tuple[int, int]:
    bars = page.locator("svg g.rows rect.bar").count()
    milestones = page.locator("svg g.rows polygon.milestone").count()
    return bars, milestones


def test_a_real_plan_renders_in_chromium_with_one_mark_per_task(page):
    plan = real_plan()
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.set_content(plan_to_html(plan, today=date(2026, 11, 16)))

    chart = page.locator("svg.gantt")
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert box["height"] > 100
    bars, milestones = marks(page)
    assert bars == sum(not task.milestone for task in plan.tasks)
    assert milestones == sum(task.milestone for task in plan.tasks)
    assert page.locator("table tbody tr").count() == len(plan.tasks)
    if plan.critical_path:
        fill = page.locator(
            "svg g.rows rect.bar.critical, svg g.rows polygon.milestone.critical"
        ).first.evaluate("element => getComputedStyle(element).fill")
        assert "critical-hatch" in fill
    ARTIFACTS.mkdir(exist_ok=True)
    chart.screenshot(path=str(ARTIFACTS / "gantt.png"))
    assert (ARTIFACTS / "gantt.png").stat().st_size > 1000


def test_two_hundred_tasks_render_as_a_standalone_svg_file(page, tmp_path):
    plan = build_plan(date(2026, 1, 5), large_specs(200))
    path = tmp_path / "gantt.svg"
    path.write_text(plan_to_svg(plan, today=date(2026, 3, 2)), encoding="utf-8")

    page.goto(path.as_uri())

    box = page.locator("svg").bounding_box()
    assert box is not None
    assert box["height"] > 200 * 22
    assert sum(marks(page)) == 200
    # Every label fits in the label column: truncation keeps names off the bars.
    widest = page.locator("svg g.rows g.task > text").evaluate_all(
        "labels => Math.max(...labels.map(label => label.getBBox().x + label.getBBox().width))"
    )
    first_bar = page.locator("svg g.rows rect.bar").evaluate_all(
        "bars => Math.min(...bars.map(bar => bar.getBBox().x))"
    )
    assert widest < first_bar
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "gantt-200.png"))
