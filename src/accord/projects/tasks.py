"""Background work of the projects app: take ids, call a service."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

#: Samples of a replan in the background, where time matters less than on a page.
FULL_FORECAST_SAMPLES = 10_000


@task()
def project_replan_task(*, project_id: int, today: str | None = None) -> bool:
    """Replan a project with the full forecast (10,000 samples); False when it no longer exists.

    ``today`` is an ISO date (task arguments travel as JSON); it defaults to today in the
    project's time zone.
    """
    from accord.projects.models import Project
    from accord.projects.planning import project_replan

    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return False
    project_replan(
        project=project, today=dt.date.fromisoformat(today) if today else None, samples=FULL_FORECAST_SAMPLES
    )
    return True
