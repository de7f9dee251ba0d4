"""The Gantt chart on project pages (issue 8 item 6): the plan's whole span whatever today is,
week and month scales, the baseline under the plan, a names column apart from the timeline,
and words given by the caller (the formats package has no Django)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from accord.formats.plan.gantt_layout import WEEK_SCALE_DAY_WIDTH, date_scale
from accord.formats.plan.gantt_svg import GanttWords, plan_to_svg
from accord.formats.plan.to_html import plan_to_html
from tests.formats.conftest import TaskSpec, build_plan, sample_plan

NS = {"svg": "http://www.w3.org/2000/svg"}


def texts(svg: str) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(f"{{{NS['svg']}}}text")]


def test_the_chart_spans_the_plan_from_its_start_even_when_today_is_far_later():
    plan = sample_plan()
    late_today = max(task.finish for task in plan.tasks) + timedelta(days=400)
    scale = date_scale(plan, left=0.0, today=late_today, unit="week")
    assert scale.first <= plan.start
    assert scale.first > plan.start - timedelta(days=7)
    assert scale.end > max(task.finish_latest for task in plan.tasks)


def test_the_week_scale_keeps_weeks_readable_and_the_month_scale_drops_week_numbers():
    plan = sample_plan()
    assert date_scale(plan, left=0.0, today=None, unit="week").day_width == WEEK_SCALE_DAY_WIDTH
    week = texts(plan_to_svg(plan, unit="week", part="timeline"))
    month = texts(plan_to_svg(plan, unit="month", part="timeline"))
    # Week numbers are the Mondays' day of the month: digits only.
    assert any(text.isdigit() for text in week)
    assert not any(text.isdigit() for text in month)


def test_the_baseline_is_drawn_under_its_task_bar():
    plan = sample_plan()
    first = plan.tasks[0]
    svg = ET.fromstring(
        plan_to_svg(plan, baselines={first.key: (first.start, first.finish + timedelta(days=3))})
    )
    group = next(g for g in svg.iter(f"{{{NS['svg']}}}g") if g.get("data-key") == first.key)
    baseline = next(r for r in group.iter(f"{{{NS['svg']}}}rect") if r.get("class") == "baseline")
    bar = next(r for r in group.iter(f"{{{NS['svg']}}}rect") if "bar" in (r.get("class") or ""))
    assert float(baseline.get("y")) > float(bar.get("y")) + float(bar.get("height")) - 0.01
    assert float(baseline.get("width")) > float(bar.get("width"))


def test_the_names_column_and_the_timeline_share_their_rows():
    plan = sample_plan()
    names = ET.fromstring(plan_to_svg(plan, part="names"))
    timeline = ET.fromstring(plan_to_svg(plan, part="timeline"))
    names_text = {text.text for text in names.iter(f"{{{NS['svg']}}}text")}
    assert plan.tasks[0].name[:20] in " ".join(filter(None, names_text))
    # The timeline carries no task names, and every task row at the same height as its name.
    assert not any(text.get("class") == "label" for text in timeline.iter(f"{{{NS['svg']}}}text"))

    def rows(root):
        return [
            (
                group.get("data-key"),
                group.find("svg:text", NS).get("y") if group.find("svg:text", NS) is not None else None,
            )
            for group in root.iter(f"{{{NS['svg']}}}g")
            if group.get("data-key")
        ]

    assert [key for key, _y in rows(names)] == [key for key, _y in rows(timeline)]
    assert names.get("aria-hidden") == "true"


def test_the_words_come_from_the_caller():
    plan = sample_plan()
    words = GanttWords(
        heading="{name} — à partir du {date}",
        today="aujourd’hui",
        go_live="mise en production",
        months=(
            "janv.",
            "févr.",
            "mars",
            "avr.",
            "mai",
            "juin",
            "juil.",
            "août",
            "sept.",
            "oct.",
            "nov.",
            "déc.",
        ),
        legend={"task": "tâche"},
        date_text=lambda day: day.strftime("%d/%m/%Y"),
    )
    today = plan.tasks[0].finish
    shown = " ".join(texts(plan_to_svg(plan, today=today, words=words)))
    assert "à partir du" in shown
    assert "aujourd’hui" in shown
    assert "mise en production" in shown
    assert "tâche" in shown
    assert today.strftime("%d/%m/%Y") in shown
    assert "today" not in shown
    assert not any(month in shown.split() for month in ("Jan", "Feb", "Mar", "Oct", "Nov", "Dec"))
    assert isinstance(plan.start, date)


def test_a_count_of_one_task_is_singular_in_english_and_the_callers_plural_is_used():
    one = build_plan(date(2026, 3, 2), [TaskSpec("Only task", days=2)])
    titles = [element.text or "" for element in ET.fromstring(plan_to_svg(one)).iter(f"{{{NS['svg']}}}title")]
    assert any(title.endswith(", 1 task") for title in titles)
    assert "1 task; slack" in plan_to_html(one)
    words = GanttWords(phase_tasks=lambda count: f"{count} tâche" + ("s" if count > 1 else ""))
    page = plan_to_html(sample_plan(), words=words)
    assert f"{len(sample_plan().tasks)} tâches; slack" in page
    assert "tâches</title>" in page  # the chart's phase bands use the same words
