"""A per-project summary for the portfolio: task counts, current phase and late tasks, kept up to date
on each change, so that listing 500 projects reads 500 rows instead of counting 25,000 tasks.

:func:`summary_refresh` recounts one project; it runs after every committed activity entry of a
project (the activity consumer registered in :class:`accord.projects.apps.ProjectsConfig`), which is
the one place every change to a project's tasks passes through. The migration that creates the
table fills it for the projects that exist, and :func:`summaries_refresh` refreshes many projects
at once (the page benchmark writes its data in bulk, without the services).

Late tasks depend on the day as well as on the tasks: the counts hold for the days from
:attr:`ProjectSummary.as_of` to :attr:`ProjectSummary.next_due` (the first day an open task's
planned finish could make it late). :func:`portfolio_figures` reads the stored figures when they
hold for the day asked about and recounts, in one query, only the projects whose counts no
longer hold.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import DatabaseError, models
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.utils import timezone

from accord.activity.models import ActivityEntry
from accord.domain.workflow import CLOSED_STATUSES

logger = logging.getLogger(__name__)


class ProjectSummary(models.Model):
    """What the portfolio shows of one project's tasks, counted when they last changed."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, primary_key=True, related_name="summary"
    )
    total_tasks = models.PositiveIntegerField(default=0)
    finished_tasks = models.PositiveIntegerField(default=0)  # done or not applicable
    current_phase = models.CharField(max_length=300, blank=True)  # first phase with open tasks
    late_tasks = models.PositiveIntegerField(default=0)  # open, planned finish before as_of
    late_critical_tasks = models.PositiveIntegerField(default=0)
    #: The day the late tasks were counted for.
    as_of = models.DateField()
    #: The earliest planned finish, on or after ``as_of``, of an open task: the late counts hold
    #: up to that day included. None: no open task can become late.
    next_due = models.DateField(null=True, blank=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "projects"

    def __str__(self) -> str:
        return f"summary of project {self.project_id}"

    def holds_on(self, today: dt.date) -> bool:
        """Whether the stored late counts are those of ``today``."""
        return self.as_of <= today and (self.next_due is None or today <= self.next_due)


@dataclass(frozen=True, slots=True)
class Figures:
    """One project's portfolio figures on one day."""

    total_tasks: int
    finished_tasks: int
    current_phase: str
    late_tasks: int
    late_critical_tasks: int
    next_due: dt.date | None


def _open(prefix: str = "tasks__") -> Q:
    return ~Q(**{f"{prefix}status__in": CLOSED_STATUSES})


def count_figures(project_ids: Iterable[int], today: dt.date) -> dict[int, Figures]:
    """The figures of ``project_ids`` on ``today``, counted from their tasks (one query)."""
    from accord.projects.models import Project, ProjectTask

    ids = list(project_ids)
    if not ids:
        return {}
    late = Q(tasks__planned_finish__lt=today) & _open()
    unfinished = (
        ProjectTask.objects.filter(project=OuterRef("pk"))
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("position")
        .values("phase_name")[:1]
    )
    rows = (
        Project.objects.filter(pk__in=ids)
        .order_by()
        .annotate(
            total=Count("tasks"),
            finished=Count("tasks", filter=Q(tasks__status__in=CLOSED_STATUSES)),
            late=Count("tasks", filter=late),
            late_critical=Count("tasks", filter=late & Q(tasks__critical=True)),
            next_due=Min("tasks__planned_finish", filter=Q(tasks__planned_finish__gte=today) & _open()),
            phase=Subquery(unfinished),
        )
        .values_list("pk", "total", "finished", "phase", "late", "late_critical", "next_due")
    )
    return {
        pk: Figures(total, finished, phase or "", late_count, critical, next_due)
        for pk, total, finished, phase, late_count, critical, next_due in rows
    }


def summaries_refresh(project_ids: Iterable[int], *, today: dt.date | None = None) -> int:
    """Recount and store the summaries of ``project_ids`` (two queries per thousand projects);
    returns how many were written."""
    today = today or timezone.localdate()
    ids = list(project_ids)
    written = 0
    for start in range(0, len(ids), 1_000):
        figures = count_figures(ids[start : start + 1_000], today)
        rows = [
            ProjectSummary(
                project_id=pk,
                total_tasks=item.total_tasks,
                finished_tasks=item.finished_tasks,
                current_phase=item.current_phase,
                late_tasks=item.late_tasks,
                late_critical_tasks=item.late_critical_tasks,
                as_of=today,
                next_due=item.next_due,
                refreshed_at=timezone.now(),
            )
            for pk, item in figures.items()
        ]
        ProjectSummary.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["project"],
            update_fields=[
                "total_tasks",
                "finished_tasks",
                "current_phase",
                "late_tasks",
                "late_critical_tasks",
                "as_of",
                "next_due",
                "refreshed_at",
            ],
        )
        written += len(rows)
    return written


def summary_refresh(project_id: int, *, today: dt.date | None = None) -> None:
    """Recount and store one project's summary (nothing when the project is gone)."""
    summaries_refresh([project_id], today=today)


def summary_on_activity(entry: ActivityEntry) -> None:
    """The activity consumer: any committed change to a project recounts its summary. A failed
    recount is logged, not raised: the consumers after this one (notifications, webhooks) still
    hear of the change."""
    if entry.project_id is None:
        return
    try:
        summary_refresh(entry.project_id)
    except DatabaseError:
        logger.exception("could not refresh the summary of project %s", entry.project_id)


def portfolio_figures(projects: Iterable[models.Model], today: dt.date) -> Mapping[int, Figures]:
    """The figures of ``projects`` (fetched with ``select_related("summary")``) on ``today``: the
    stored summaries where they hold, recounted in one query for the others (none, usually)."""
    figures: dict[int, Figures] = {}
    recount = []
    for project in projects:
        summary = getattr(project, "summary", None)
        if summary is None or not summary.holds_on(today):
            recount.append(project.pk)
            continue
        figures[project.pk] = Figures(
            summary.total_tasks,
            summary.finished_tasks,
            summary.current_phase,
            summary.late_tasks,
            summary.late_critical_tasks,
            summary.next_due,
        )
    figures.update(count_figures(recount, today))
    return figures
