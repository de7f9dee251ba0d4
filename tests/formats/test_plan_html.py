from datetime import date
from html.parser import HTMLParser

from accord.formats.plan.to_html import plan_to_html
from tests.formats.conftest import TaskSpec, build_plan, sample_plan


class Collector(HTMLParser):
    """The tags of a page, the text of each table row, and every attribute that loads something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.loads: list[str] = []
        self._in_body_row = False
        self._in_tbody = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.loads += [value for name, value in attrs if name in {"src", "href", "xlink:href"}]
        if tag == "tbody":
            self._in_tbody = True
        if tag == "tr" and self._in_tbody:
            self.rows.append([])
        if tag == "td" and self._in_tbody:
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_tbody = False

    def handle_data(self, data):
        if self._in_tbody and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def collect(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    return collector


def test_the_page_stands_alone_with_the_chart_inline():
    page = plan_to_html(sample_plan(), today=date(2026, 11, 20))
    collector = collect(page)

    assert page.lower().startswith("<!doctype html>")
    assert collector.tags.count("svg") == 1
    assert "script" not in collector.tags
    assert "link" not in collector.tags
    assert collector.loads == []
    assert "today 2026-11-20" in page


def test_the_go_live_summary_shows_planned_range_and_percentiles():
    plan = sample_plan()
    page = plan_to_html(plan)

    go_live = plan.go_live
    for value in (
        go_live.planned.isoformat(),
        f"{go_live.earliest.isoformat()} – {go_live.latest.isoformat()}",
        go_live.p50.isoformat(),
        go_live.p80.isoformat(),
        go_live.p95.isoformat(),
    ):
        assert f"<dd>{value}</dd>" in page


def test_the_table_has_one_row_per_task_with_its_dates_and_markers():
    plan = sample_plan()
    rows = collect(plan_to_html(plan)).rows

    assert len(rows) == len(plan.tasks)
    for task, cells in zip(plan.tasks, rows, strict=True):
        assert cells[:5] == [
            task.key,
            task.name,
            task.phase_name,
            task.start.isoformat(),
            task.finish.isoformat(),
        ]
        assert cells[6] == str(task.slack_days)
        assert (cells[7] == "critical") is task.critical
        assert (cells[8] == "milestone") is task.milestone


def test_names_are_escaped_in_the_page_and_the_chart():
    plan = build_plan(
        date(2026, 11, 2), [TaskSpec("<img src=x onerror=alert(1)>")], playbook_name="<b>Acme</b>"
    )
    page = plan_to_html(plan)
    collector = collect(page)

    assert "img" not in collector.tags
    assert "b" not in collector.tags
    assert collector.rows[0][1] == "<img src=x onerror=alert(1)>"
    assert "&lt;b&gt;Acme&lt;/b&gt;" in page
