"""``{% actual_dates_panel %}``: the form giving a task's actual dates, for those who may (its
Responsible and the vendor's managers) on an open project; nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django import template

from accord.projects import task_selectors
from accord.projects.access import ProjectAction, allowed
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_today

register = template.Library()


@register.inclusion_tag("projects/_actual_dates_panel.html", takes_context=True)
def actual_dates_panel(context: template.Context) -> dict[str, Any]:
    task = context.get("task")
    request = context.get("request")
    if not isinstance(task, ProjectTask) or request is None:
        return {"may_set": False}
    project = task.project
    user = request.user
    may_set = project.status != Project.Status.CLOSED and (
        allowed(user, ProjectAction.MOVE_ANY_TASK, project) or user in task_selectors.task_people(task)["R"]
    )
    return {
        "may_set": may_set,
        "task": task,
        "start": project.start_date,
        "today": project_today(project),
        "csrf_token": context.get("csrf_token"),
    }
