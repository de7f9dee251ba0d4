"""The project settings page (vendor admins and managers: 404 for everyone else) and a task's
actual dates. Parse, call one service, render; the rules live in settings_services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.accounts.models import User
from accord.base.forms import error_lines, problems_to_form
from accord.domain.errors import AccordError, InvalidInput, NotFound, StaleWrite
from accord.domain.places import country_choices, zone_names
from accord.projects import selectors, settings_services
from accord.projects.access import ProjectAction
from accord.projects.models import Project, ProjectTask
from accord.projects.settings_forms import (
    ActualDatesForm,
    CloseForm,
    ClosureAddForm,
    ClosureRemoveForm,
    GoLiveResetForm,
    ProjectSettingsForm,
)


def _page(request: HttpRequest, project: Project, status: int = 200, **forms_given: Any) -> HttpResponse:
    version = {"expected_version": project.version}
    context = {
        "project": project,
        "section": "settings",
        "may_manage": True,
        "closed": project.status == Project.Status.CLOSED,
        "settings_form": forms_given.get("settings_form") or ProjectSettingsForm.for_project(project),
        "closure_form": forms_given.get("closure_form") or ClosureAddForm(initial=version),
        "reset_form": forms_given.get("reset_form") or GoLiveResetForm(initial=version),
        "close_form": forms_given.get("close_form") or CloseForm(initial=version),
        "closures": list(enumerate(project.closures)),
        "countries": [label for _code, label in country_choices()],
        "zones": zone_names(),
        "errors": forms_given.get("errors", []),
    }
    return render(request, "projects/project_settings.html", context, status=status)


def _managed(request: HttpRequest, project_id: int) -> Project:
    return selectors.project_for(request.user, project_id, action=ProjectAction.MANAGE)


def _failed(error: AccordError, form: forms.Form) -> tuple[int, list[str]]:
    """The status of a refused write, with its lines for the page; problems go on the form."""
    if isinstance(error, InvalidInput):
        problems_to_form(form, error)
        return 422, []
    conflict = isinstance(error, StaleWrite) or error.code == "project-closed"
    return (409 if conflict else 403), error_lines(error)


def _form_post(
    request: HttpRequest,
    project_id: int,
    form_class: type[forms.Form],
    form_name: str,
    change: Callable[[User, Project, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """The one shape of a settings form's POST: parse ``form_class`` (shown again as
    ``form_name`` when refused), make the ``change`` through its service with the acting user,
    then back to the page with ``done``; a refusal keeps the form with its status (422, 409, 403)."""
    project = _managed(request, project_id)
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, project, 422, **{form_name: form})
    try:
        change(acting_user(request), project, form.cleaned_data)
    except AccordError as error:
        status, errors = _failed(error, form)
        return _page(request, project, status, errors=errors, **{form_name: form})
    messages.success(request, done)
    return redirect("projects:settings", project_id=project.pk)


@require_http_methods(["GET", "POST"])
def project_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    """Rename the project and set its calendar; the page lists the other settings' forms."""
    project = _managed(request, project_id)
    if request.method == "GET":
        return _page(request, project)
    form = ProjectSettingsForm(request.POST)
    if not form.is_valid():
        return _page(request, project, 422, settings_form=form)
    data = form.cleaned_data
    try:
        settings_services.project_settings_update(
            actor=acting_user(request),
            project=project,
            expected_version=data["expected_version"],
            name=data["name"],
            country=data["country"],
            subdivision=data["subdivision"],
            time_zone=data["time_zone"],
        )
    except AccordError as error:
        status, errors = _failed(error, form)
        return _page(request, project, status, settings_form=form, errors=errors)
    messages.success(request, _("The project's settings were saved."))
    return redirect("projects:settings", project_id=project.pk)


@require_POST
def closure_add(request: HttpRequest, project_id: int) -> HttpResponse:
    return _form_post(
        request,
        project_id,
        ClosureAddForm,
        "closure_form",
        lambda actor, project, data: settings_services.project_closure_add(
            actor=actor,
            project=project,
            expected_version=data["expected_version"],
            start=data["start"],
            end=data["end"],
            label=data["label"],
        ),
        _("The closure was added and the plan updated."),
    )


@require_POST
def closure_remove(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _managed(request, project_id)
    form = ClosureRemoveForm(request.POST)
    try:
        if not form.is_valid():
            raise InvalidInput([])
        settings_services.project_closure_remove(
            actor=acting_user(request),
            project=project,
            expected_version=form.cleaned_data["expected_version"],
            index=form.cleaned_data["index"],
        )
    except AccordError as error:
        errors = (
            error_lines(error)
            if not isinstance(error, InvalidInput) or error.problems
            else [_("No such closure. Reload the page.")]
        )
        return _page(request, project, 409 if isinstance(error, StaleWrite) else 422, errors=errors)
    messages.success(request, _("The closure was removed and the plan updated."))
    return redirect("projects:settings", project_id=project.pk)


@require_POST
def go_live_reset(request: HttpRequest, project_id: int) -> HttpResponse:
    return _form_post(
        request,
        project_id,
        GoLiveResetForm,
        "reset_form",
        lambda actor, project, data: settings_services.project_go_live_reset(
            actor=actor, project=project, expected_version=data["expected_version"], reason=data["reason"]
        ),
        _("The committed go-live and the tasks' baseline now follow today's plan."),
    )


@require_POST
def project_close(request: HttpRequest, project_id: int) -> HttpResponse:
    return _form_post(
        request,
        project_id,
        CloseForm,
        "close_form",
        lambda actor, project, data: settings_services.project_close(
            actor=actor, project=project, expected_version=data["expected_version"], reason=data["reason"]
        ),
        _("The project is closed: it is read-only until reopened."),
    )


@require_POST
def project_reopen(request: HttpRequest, project_id: int) -> HttpResponse:
    return _form_post(
        request,
        project_id,
        CloseForm,
        "close_form",
        lambda actor, project, data: settings_services.project_reopen(
            actor=actor, project=project, expected_version=data["expected_version"]
        ),
        _("The project is open again."),
    )


@require_POST
def task_actual_dates(request: HttpRequest, project_id: int, task_id: int) -> HttpResponse:
    """Give a task's actual start or finish (its Responsible or a manager); back to the task."""
    project = selectors.project_for(request.user, project_id)
    task = ProjectTask.objects.filter(project=project, pk=task_id).first()
    if task is None:
        raise NotFound(_("No such task."))
    form = ActualDatesForm(request.POST)
    if form.is_valid():
        try:
            settings_services.task_actual_dates_set(
                actor=acting_user(request),
                task=task,
                expected_version=form.cleaned_data["expected_version"],
                actual_start=form.cleaned_data["actual_start"],
                actual_finish=form.cleaned_data["actual_finish"],
            )
        except AccordError as error:
            messages.error(request, " ".join(error_lines(error)))
        else:
            messages.success(request, _("The actual dates were saved and the plan updated."))
    else:
        messages.error(request, _("Give the dates as YYYY-MM-DD."))
    return redirect("work:task", project_id=project.pk, task_id=task.pk)
