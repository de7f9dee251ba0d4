import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings

from accord.formats.plan.gantt_layout import assign_lanes, truncate, xml_text
from accord.formats.plan.gantt_svg import LABEL_CHARACTERS, plan_to_svg
from tests.formats.conftest import TaskSpec, build_plan, large_specs, plans, sample_plan

NS = {"svg": "http://www.w3.org/2000/svg"}
TODAY = date(2026, 11, 20)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def task_groups(root: ET.Element) -> list[ET.Element]:
    return [group for group in root.iterfind(".//svg:g", NS) if "task" in classes(group)]


def bars(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iterfind(".//svg:g[@class='rows']//svg:rect", NS) if "bar" in classes(rect)]


def milestone_shapes(root: ET.Element) -> list[ET.Element]:
    return [
        shape
        for shape in root.iterfind(".//svg:g[@class='rows']//svg:polygon", NS)
        if "milestone" in classes(shape)
    ]


def test_the_chart_is_an_accessible_image_with_a_title_and_a_description():
    plan = sample_plan()
    root = parse(plan_to_svg(plan))

    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert plan.playbook_name in title.text
    assert plan.go_live.p80.isoformat() in desc.text
    assert root.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]


def test_one_bar_per_task_and_one_diamond_per_milestone_in_plan_order():
    plan = sample_plan()
    root = parse(plan_to_svg(plan))

    assert len(bars(root)) == sum(not task.milestone for task in plan.tasks)
    assert len(milestone_shapes(root)) == sum(task.milestone for task in plan.tasks)
    assert [group.get("data-key") for group in task_groups(root)] == [task.key for task in plan.tasks]


def test_critical_tasks_are_hatched_and_outlined_not_only_coloured():
    plan = sample_plan()
    svg = plan_to_svg(plan)
    root = parse(svg)

    for group, task in zip(task_groups(root), plan.tasks, strict=True):
        shape = next(element for element in group if element.tag.endswith(("rect", "polygon")))
        assert ("critical" in classes(shape)) is task.critical
    pattern = root.find(".//svg:defs/svg:pattern", NS)
    assert pattern is not None
    rule = re.search(r"rect\.bar\.critical \{([^}]*)\}", svg)
    assert rule is not None
    assert f"url(#{pattern.get('id')})" in rule.group(1)
    assert "stroke-width: 2.2" in rule.group(1)


def _number(element: ET.Element, name: str) -> float:
    return float(element.get(name))


def test_bars_sit_on_a_linear_day_scale_and_whiskers_span_earliest_to_latest_finish():
    plan = sample_plan()
    root = parse(plan_to_svg(plan))
    groups = {group.get("data-key"): group for group in task_groups(root)}
    tasks = [task for task in plan.tasks if not task.milestone]
    rects = [groups[task.key].find("svg:rect", NS) for task in tasks]
    first_task, first_rect = tasks[0], rects[0]
    # The longest bar gives the most precise day width (coordinates are rounded to 0.1 px).
    longest, longest_rect = max(
        zip(tasks, rects, strict=True), key=lambda pair: pair[0].finish - pair[0].start
    )
    day = _number(longest_rect, "width") / ((longest.finish - longest.start).days + 1)

    for task, rect in zip(tasks, rects, strict=True):
        assert _number(rect, "x") - _number(first_rect, "x") == pytest.approx(
            (task.start - first_task.start).days * day, abs=0.3
        )
        assert _number(rect, "width") == pytest.approx(((task.finish - task.start).days + 1) * day, abs=0.11)
        whisker = groups[task.key].find("svg:g[@class='whisker']", NS)
        if task.finish_earliest == task.finish_latest:
            assert whisker is None
            continue
        line = whisker.find("svg:line", NS)
        bar_end = _number(rect, "x") + _number(rect, "width")
        assert _number(line, "x1") - bar_end == pytest.approx(
            (task.finish_earliest - task.finish).days * day, abs=0.3
        )
        assert _number(line, "x2") - _number(line, "x1") == pytest.approx(
            (task.finish_latest - task.finish_earliest).days * day, abs=0.3
        )
        assert len(whisker.findall("svg:line", NS)) == 3  # the range and its two end caps


def _marker_line(root: ET.Element, name: str) -> ET.Element | None:
    for group in root.iterfind(".//svg:g[@class='markers']/svg:g", NS):
        if f"marker-{name}" in classes(group):
            return group.find("svg:line", NS)
    return None


def test_the_today_line_is_drawn_only_when_today_is_given_and_on_todays_column():
    plan = sample_plan()
    without = parse(plan_to_svg(plan))
    assert _marker_line(without, "today") is None

    task = next(task for task in plan.tasks if task.start == date(2026, 11, 20))
    root = parse(plan_to_svg(plan, today=task.start))
    line = _marker_line(root, "today")
    rect = next(group for group in task_groups(root) if group.get("data-key") == task.key).find(
        "svg:rect", NS
    )
    day = _number(rect, "width") / ((task.finish - task.start).days + 1)
    assert _number(line, "x1") == pytest.approx(_number(rect, "x") + day / 2, abs=0.11)


def test_go_live_markers_show_the_planned_date_and_the_forecast_percentiles():
    plan = sample_plan()
    root = parse(plan_to_svg(plan, today=TODAY))
    texts = {
        name: "".join(group.itertext())
        for group in root.iterfind(".//svg:g[@class='markers']/svg:g", NS)
        for name in classes(group) - {"marker"}
    }

    go_live = plan.go_live
    assert go_live.p50.isoformat() in texts["marker-go-live-p50"]
    assert go_live.p80.isoformat() in texts["marker-go-live-p80"]
    assert go_live.p95.isoformat() in texts["marker-go-live-p95"]
    assert go_live.planned.isoformat() in texts["marker-go-live-planned"]
    lines = {name: _number(_marker_line(root, name.removeprefix("marker-")), "x1") for name in texts}
    assert lines["marker-go-live-p50"] < lines["marker-go-live-p80"] < lines["marker-go-live-p95"]


def test_the_legend_explains_every_mark():
    root = parse(plan_to_svg(sample_plan(), today=TODAY))
    legend = "".join(root.find(".//svg:g[@class='legend']", NS).itertext())

    for words in ("critical-path task", "milestone", "earliest–latest finish", "today", "P50", "P80", "P95"):
        assert words in legend


def test_text_is_escaped_and_no_markup_gets_through():
    plan = build_plan(
        date(2026, 11, 2),
        [TaskSpec('<script>alert("x")</script> & <b>co</b>'), TaskSpec("Ship ]]> it", milestone=True)],
        playbook_name='Acme <&> "Corp"',
    )
    svg = plan_to_svg(plan)
    root = parse(svg)

    assert not root.findall(".//svg:script", NS)
    assert not root.findall(".//svg:b", NS)
    assert "<script>" not in svg
    texts = "".join(root.itertext())
    assert '<script>alert("x")</script> & <b>co</b>' in texts
    assert 'Acme <&> "Corp"' in texts


def test_characters_xml_cannot_carry_are_dropped_rather_than_breaking_the_chart():
    plan = build_plan(date(2026, 11, 2), [TaskSpec("Tab\there, bell\x07 and null\x00 gone")])

    root = parse(plan_to_svg(plan))

    assert "Tab\there, bell and null gone" in "".join(root.itertext())
    assert xml_text("a\x0bb\ufffe") == "ab"


def test_long_names_are_truncated_and_the_full_name_is_in_the_tooltip():
    name = "Configure the single sign-on between the identity provider and every environment"
    plan = build_plan(date(2026, 11, 2), [TaskSpec(name)])
    root = parse(plan_to_svg(plan))

    group = task_groups(root)[0]
    label = group.find("svg:text", NS).text
    assert label.endswith("…")
    assert len(label) <= LABEL_CHARACTERS
    assert name.startswith(label[:-1])
    assert name in group.find("svg:title", NS).text


def test_the_chart_grows_in_height_with_rows_and_in_width_with_the_date_span():
    hundred = parse(plan_to_svg(build_plan(date(2026, 1, 5), large_specs(100))))
    two_hundred = parse(plan_to_svg(build_plan(date(2026, 1, 5), large_specs(200))))
    assert len(bars(two_hundred)) + len(milestone_shapes(two_hundred)) == 200
    # 100 more tasks and 5 more phase headers, 22 px each.
    assert float(two_hundred.get("height")) - float(hundred.get("height")) == pytest.approx(105 * 22)

    short = build_plan(date(2026, 1, 5), [TaskSpec("Build", days=250)])
    long = build_plan(date(2026, 1, 5), [TaskSpec("Build", days=500)])
    short_width = float(parse(plan_to_svg(short)).get("width"))
    long_width = float(parse(plan_to_svg(long)).get("width"))
    assert long_width > 1.8 * (short_width - 300)


def test_the_chart_needs_no_script_font_or_file_from_elsewhere():
    svg = plan_to_svg(build_plan(date(2026, 1, 5), large_specs(60)), today=date(2026, 2, 2))
    root = parse(svg)

    assert not root.findall(".//svg:script", NS)
    assert not root.findall(".//svg:image", NS)
    for reference in ("href", "@import", "@font-face", "http:", "https:"):
        assert reference not in svg.replace("http://www.w3.org/2000/svg", "")
    assert set(re.findall(r"url\(([^)]*)\)", svg)) == {"#critical-hatch"}


def test_a_today_far_from_the_plan_is_left_out_rather_than_stretching_the_chart():
    plan = sample_plan()
    near = parse(plan_to_svg(plan, today=plan.start - timedelta(days=30)))
    far = parse(plan_to_svg(plan, today=plan.start - timedelta(days=400)))

    assert _marker_line(near, "today") is not None
    assert _marker_line(far, "today") is None
    assert float(far.get("width")) == float(parse(plan_to_svg(plan)).get("width"))


def test_marker_labels_that_would_collide_go_to_separate_lanes():
    assert assign_lanes([(0, 50), (10, 50), (70, 20), (200, 10)]) == [0, 1, 0, 0]
    assert truncate("abcdef", 4) == "abc…"
    assert truncate("abc", 4) == "abc"


def test_a_done_task_is_drawn_as_done():
    plan = sample_plan()
    plan = replace(plan, tasks=(replace(plan.tasks[0], done=True), *plan.tasks[1:]))

    root = parse(plan_to_svg(plan))

    assert "done" in classes(bars(root)[0])
    assert "done" not in classes(bars(root)[1])


@settings(max_examples=50, deadline=None)
@given(plans())
def test_any_plan_gives_well_formed_svg_with_one_mark_per_task(plan):
    root = parse(plan_to_svg(plan, today=plan.start + timedelta(days=10)))

    assert len(bars(root)) + len(milestone_shapes(root)) == len(plan.tasks)
    whiskers = root.findall(".//svg:g[@class='rows']//svg:g[@class='whisker']", NS)
    assert len(whiskers) == sum(task.finish_earliest != task.finish_latest for task in plan.tasks)
    width, height = float(root.get("width")), float(root.get("height"))
    for rect in bars(root):
        assert float(rect.get("x")) >= 0
        assert float(rect.get("x")) + float(rect.get("width")) <= width
        assert 0 <= float(rect.get("y")) <= height


def test_markers_on_the_same_day_share_one_label():
    plan = sample_plan()
    go_live = plan.go_live
    assert go_live.p50 == go_live.planned != go_live.p80
    root = parse(plan_to_svg(plan))

    labels = [text.text for text in root.iterfind(".//svg:g[@class='markers']//svg:text", NS)]
    days = {go_live.planned, go_live.p50, go_live.p80, go_live.p95}
    assert len(labels) == len(days)
    assert f"go-live, P50 {go_live.planned.isoformat()}" in labels
    assert f"P80 {go_live.p80.isoformat()}" in labels
