"""The contacts' side of a project: their list of projects, a project's home, its milestones' .ics.

Thin: each view calls one selector (accord.projects.home, accord.web.home_selectors) and renders.
Vendor staff open the same home "as the customer sees it", under a banner saying so.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from accord.design.selectors import upcoming_series
from accord.formats.plan.to_ics import milestone_to_ics
from accord.projects.home import milestone_for, project_home
from accord.projects.planning import project_today
from accord.web.home_selectors import contact_projects
from accord.workspaces.branding import branding_for


@require_GET
def customer_projects(request: HttpRequest) -> HttpResponse:
    """The projects a contact takes part in, each with its phase and forecast."""
    return render(request, "web/project_home_list.html", {"projects": contact_projects(request.user)})


@require_GET
def project_home_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's home as its customer's contacts see it."""
    home = project_home(request.user, project_id)
    return render(
        request,
        "web/project_home.html",
        {
            "home": home,
            "project": home.project,
            "branding": branding_for(home.project.workspace),
            "meetings": upcoming_series(home.project, project_today(home.project)),
        },
    )


@require_GET
def project_home_milestone_ics(request: HttpRequest, project_id: int, task_key: str) -> HttpResponse:
    """One milestone as an all-day calendar event; its UID stays the same when the plan moves it."""
    project, task = milestone_for(request.user, project_id, task_key)
    content = milestone_to_ics(
        project_id=str(project.pk),
        playbook=project.playbook_key,
        key=task.key,
        summary=f"{project.name}: {task.name}",
        day=task.planned_finish or task.planned_start or timezone.localdate(),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{task.key}.ics")
    return response
