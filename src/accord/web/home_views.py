"""The contacts' side of a project: their list of projects, a project's home, its milestones' .ics.

Thin: each view calls one selector (accord.projects.home, accord.web.home_selectors) and renders.
Vendor staff open the same home "as the customer sees it", under a banner saying so.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from accord.design.selectors import upcoming_series
from accord.formats.plan.to_ics import event_uid
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
    calendar = Calendar()
    calendar.add("prodid", "-//Accord//Accord project home//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", event_uid(str(project.pk), project.playbook_key, "milestone", task.key))
    event.add("dtstamp", timezone.now())
    event.add("summary", f"{project.name}: {task.name}")
    day = task.planned_finish or task.planned_start or timezone.localdate()
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{task.key}.ics")
    return response
