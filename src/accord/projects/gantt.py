"""The project's Gantt chart on its pages: the stored plan drawn by accord.formats.plan.gantt_svg
with the reader's words, each task's baseline under its bar, and the task names in a column of
their own that stays in view while the timeline scrolls (week or month scale)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from accord.formats.plan.gantt_svg import STYLE, GanttWords, plan_to_svg
from accord.projects import selectors
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_today

#: The scales a reader can switch between; the first is the default.
SCALES = ("week", "month")

#: Rules of the page around the chart (served with the chart's own: projects:gantt-style).
PAGE_STYLE = """
.gantt-frame { display: flex; align-items: flex-start; width: max-content; min-width: 100%; }
.gantt-names-column { position: sticky; left: 0; z-index: 1; background: #ffffff;
  box-shadow: 2px 0 4px rgba(31, 41, 51, 0.15); flex: none; }
.gantt-names-column svg, .gantt-timeline-column svg { display: block; }
.gantt-scale { display: flex; gap: 0.5rem; align-items: center; margin: 0 0 0.5rem; }
.gantt-scale a[aria-current="true"] { font-weight: 600; text-decoration: none; }
@media (max-width: 600px) { .gantt-names-column { max-width: 45vw; overflow: hidden; } }
"""

#: Both stylesheets as one (the chart's own rules, then the page's).
STYLESHEET = STYLE + PAGE_STYLE


@dataclass(frozen=True, slots=True)
class PageGantt:
    names: SafeString
    timeline: SafeString
    unit: str


def _day(value: date) -> str:
    return str(formats.date_format(value, "SHORT_DATE_FORMAT"))


def gantt_words() -> GanttWords:
    """The chart's words in the active language."""
    return GanttWords(
        title=_("Gantt chart of {name}"),
        heading=_("{name} — from {date}"),
        variant=_("variant {variant}"),
        today=pgettext("gantt", "today"),
        go_live=pgettext("gantt", "go-live"),
        baseline=_("baseline (committed)"),
        months=tuple(str(formats.date_format(date(2026, month, 1), "M")) for month in range(1, 13)),
        legend={
            "task": pgettext("gantt", "task"),
            "critical": _("critical-path task"),
            "milestone": pgettext("gantt", "milestone"),
            "critical-milestone": _("critical milestone"),
            "whisker": _("earliest–latest finish"),
            "today": pgettext("gantt", "today"),
            "go-live-planned": _("planned go-live"),
            "go-live-p50": _("P50 go-live"),
            "go-live-p80": _("P80 go-live"),
            "go-live-p95": _("P95 go-live"),
            "baseline": _("baseline (committed)"),
        },
        date_text=_day,
        finish_range=_("finish earliest–latest: {range}"),
        slack=_("slack: {days} business days"),
        critical_path=_("critical path"),
        phase_tasks=lambda count: ngettext("{count} task", "{count} tasks", count).format(count=count),
        description=_(
            "{tasks} tasks in {phases} phases from {start} to {finish}. Planned go-live {planned} "
            "(earliest {earliest}, latest {latest}); forecast P50 {p50}, P80 {p80}, P95 {p95}. "
            "{critical} tasks on the critical path, drawn hatched."
        ),
    )


def task_baselines(project: Project) -> dict[str, tuple[date, date]]:
    """{task key: (baseline start, baseline finish)} of the tasks that have one. One query."""
    rows = ProjectTask.objects.filter(
        project_id=project.pk, baseline_start__isnull=False, baseline_finish__isnull=False
    ).values_list("key", "baseline_start", "baseline_finish")
    return {key: (start, finish) for key, start, finish in rows if start and finish}


def _inline(svg: str) -> SafeString:
    # The page's policy refuses inline <style>; the same rules come from the stylesheet instead.
    # Every text and attribute of the chart is escaped by ElementTree (formats/plan/gantt_svg.py).
    return mark_safe(svg.replace(f"<style>{STYLE}</style>", ""))  # noqa: S308


def page_gantt(project: Project, unit: str = SCALES[0]) -> PageGantt | None:
    """The project's chart for a page, or None while it has not been planned."""
    plan = selectors.project_plan(project)
    if plan is None:
        return None
    unit = unit if unit in SCALES else SCALES[0]
    words, today, baselines = gantt_words(), project_today(project), task_baselines(project)

    def part(name: str) -> SafeString:
        svg = plan_to_svg(plan, today=today, unit=unit, baselines=baselines, part=name, words=words)
        return _inline(svg)

    return PageGantt(names=part("names"), timeline=part("timeline"), unit=unit)
