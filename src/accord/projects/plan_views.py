"""The plan page of a project and its forms (no JavaScript needed): vendor admins and managers
add, rename, remove, put back, move and re-time tasks, choose the go-live milestone, and save
the plan as a workspace playbook. For everyone else these pages do not exist (404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.base.forms import error_lines, problems_to_form
from accord.domain.errors import AccordError, InvalidInput, NotFound, StaleWrite
from accord.domain.timing import Timing
from accord.projects import plan_services as plan
from accord.projects import selectors
from accord.projects.access import ProjectAction
from accord.projects.models import Project, ProjectTask
from accord.projects.plan_forms import (
    PlanPlaybookSaveForm,
    PlanPutBackForm,
    PlanTaskAddForm,
    PlanTaskMoveForm,
    PlanTaskRenameForm,
    PlanTaskTimingForm,
    PlanVersionedForm,
)
from accord.projects.planning import project_playbook


def _project(request: HttpRequest, project_id: int) -> Project:
    return selectors.project_for(request.user, project_id, action=ProjectAction.EDIT_PLAN)


def _phases(project: Project) -> list[tuple[str, str]]:
    return [(phase.key, phase.name) for phase in project_playbook(project).phases]


def _roles(project: Project) -> list[tuple[str, str]]:
    return [(role.key, role.label) for role in project_playbook(project).roles]


def _rows(project: Project) -> list[ProjectTask]:
    return list(ProjectTask.objects.filter(project=project).order_by("position"))


def _timing_text(timing: Timing | None) -> dict[str, str]:
    if timing is None:
        return {"duration": "", "after": "", "before": ""}
    duration = timing.duration.to_data() if timing.duration is not None else ""
    if isinstance(duration, dict):
        duration = (
            f"{duration['min']}/{duration['likely']}/{duration['max']} {duration['unit'].replace('_', ' ')}"
        )
    after = ", ".join(
        link.task + (f" +{timing.lag_of(link)}" if timing.lag_of(link) else "") for link in timing.after
    )
    return {"duration": str(duration), "after": after, "before": ", ".join(timing.before)}


def _plan_page(request: HttpRequest, project: Project, *, status: int = 200, **values: Any) -> HttpResponse:
    playbook = project_playbook(project)
    tasks = {task.key: task for task in playbook.tasks}
    rows = [(row, _timing_text(tasks[row.key].timing)) for row in _rows(project)]
    context = {
        "project": project,
        "section": "plan",
        "may_manage": True,
        "rows": rows,
        "go_live_key": plan.go_live_key(project),
        "removed": plan.removed_tasks(project),
        "add_form": values.pop("add_form", None)
        or PlanTaskAddForm(
            initial={"expected_version": project.version}, phases=_phases(project), roles=_roles(project)
        ),
        **values,
    }
    return render(request, "projects/plan.html", context, status=status)


def _task_page(
    request: HttpRequest, project: Project, task_key: str, *, status: int = 200, **values: Any
) -> HttpResponse:
    row = ProjectTask.objects.filter(project=project, key=task_key).first()
    if row is None:
        raise NotFound(_("The plan has no task “%(key)s”.") % {"key": task_key}, hint=_("Reload the plan."))
    task = project_playbook(project).task(task_key)
    initial = {"expected_version": project.version}
    others = [(item.key, item.name) for item in _rows(project) if item.key != task_key]
    context = {
        "project": project,
        "section": "plan",
        "may_manage": True,
        "row": row,
        "is_go_live": plan.go_live_key(project) == task_key,
        "rename_form": PlanTaskRenameForm(initial=initial | {"name": row.name}),
        "timing_form": PlanTaskTimingForm(
            initial=initial | _timing_text(task.timing) | {"milestone": task.milestone}
        ),
        "move_form": PlanTaskMoveForm(
            initial=initial | {"phase": row.phase_key}, phases=_phases(project), tasks=others
        ),
        "confirm_form": PlanVersionedForm(initial=initial),
        "tasks": others,
        **values,
    }
    return render(request, "projects/plan_task.html", context, status=status)


def _failed(
    error: AccordError, form: forms.Form, page: Callable[..., HttpResponse], form_name: str
) -> HttpResponse:
    """The page again with the form and what went wrong: 409 for a stale edit, else 422."""
    if isinstance(error, InvalidInput):
        problems_to_form(form, error)
    return page(
        errors=error_lines(error), status=409 if isinstance(error, StaleWrite) else 422, **{form_name: form}
    )


@require_GET
def plan_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """The plan: every task by phase with its duration, dependencies and dates, the go-live."""
    return _plan_page(request, _project(request, project_id))


@require_POST
def plan_task_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    form = PlanTaskAddForm(request.POST, phases=_phases(project), roles=_roles(project))
    if not form.is_valid():
        return _plan_page(request, project, add_form=form, status=422)
    try:
        task = plan.plan_task_add(
            actor=acting_user(request),
            project=project,
            expected_version=form.cleaned_data["expected_version"],
            name=form.cleaned_data["name"],
            phase_key=form.cleaned_data["phase"],
            raci=form.raci(),
            duration=form.cleaned_data["duration"],
            milestone=form.cleaned_data["milestone"],
        )
    except (InvalidInput, StaleWrite) as error:
        return _failed(error, form, lambda **v: _plan_page(request, project, **v), "add_form")
    messages.success(request, _("“%(task)s” was added to the plan.") % {"task": task.name})
    return redirect("projects:plan", project_id=project.pk)


@require_GET
def plan_task(request: HttpRequest, project_id: int, task_key: str) -> HttpResponse:
    """One task of the plan: its name, duration, dependencies, place, removal, go-live."""
    return _task_page(request, _project(request, project_id), task_key)


def _task_edit(
    request: HttpRequest,
    project_id: int,
    task_key: str,
    form_class: Callable[..., forms.Form],
    form_name: str,
    call: Callable[[Project, dict[str, Any]], object],
    done: str,
    **form_options: Callable[[Project], Any],
) -> HttpResponse:
    project = _project(request, project_id)
    form = form_class(request.POST, **{name: make(project) for name, make in form_options.items()})

    def page(**values: Any) -> HttpResponse:
        return _task_page(request, project, task_key, **values)

    if not form.is_valid():
        return page(status=422, **{form_name: form})
    try:
        call(project, form.cleaned_data)
    except (InvalidInput, StaleWrite) as error:
        return _failed(error, form, page, form_name)
    messages.success(request, done)
    return redirect("projects:plan", project_id=project.pk)


@require_POST
def plan_task_rename(request: HttpRequest, project_id: int, task_key: str) -> HttpResponse:
    return _task_edit(
        request,
        project_id,
        task_key,
        PlanTaskRenameForm,
        "rename_form",
        lambda project, data: plan.plan_task_rename(
            actor=acting_user(request),
            project=project,
            expected_version=data["expected_version"],
            task_key=task_key,
            name=data["name"],
        ),
        _("The task was renamed."),
    )


@require_POST
def plan_task_timing(request: HttpRequest, project_id: int, task_key: str) -> HttpResponse:
    return _task_edit(
        request,
        project_id,
        task_key,
        PlanTaskTimingForm,
        "timing_form",
        lambda project, data: plan.plan_task_timing_set(
            actor=acting_user(request),
            project=project,
            expected_version=data["expected_version"],
            task_key=task_key,
            duration=data["duration"],
            after=data["after"],
            before=data["before"],
            milestone=data["milestone"],
        ),
        _("The task's duration and dependencies were saved; the plan was updated."),
    )


@require_POST
def plan_task_move(request: HttpRequest, project_id: int, task_key: str) -> HttpResponse:
    return _task_edit(
        request,
        project_id,
        task_key,
        PlanTaskMoveForm,
        "move_form",
        lambda project, data: plan.plan_task_move(
            actor=acting_user(request),
            project=project,
            expected_version=data["expected_version"],
            task_key=task_key,
            phase_key=data["phase"],
            before_key=data["before"] or None,
        ),
        _("The task was moved."),
        phases=_phases,
        tasks=lambda project: [(row.key, row.name) for row in _rows(project) if row.key != task_key],
    )


@require_POST
def plan_task_remove(request: HttpRequest, project_id: int, task_key: str) -> HttpResponse:
    return _task_edit(
        request,
        project_id,
        task_key,
        PlanVersionedForm,
        "confirm_form",
        lambda project, data: plan.plan_task_remove(
            actor=acting_user(request),
            project=project,
            expected_version=data["expected_version"],
            task_key=task_key,
        ),
        _("The task was removed from the plan; you can put it back from the plan page."),
    )


@require_POST
def plan_go_live(request: HttpRequest, project_id: int, task_key: str) -> HttpResponse:
    return _task_edit(
        request,
        project_id,
        task_key,
        PlanVersionedForm,
        "confirm_form",
        lambda project, data: plan.plan_go_live_mark(
            actor=acting_user(request),
            project=project,
            expected_version=data["expected_version"],
            task_key=task_key,
        ),
        _("This milestone is now the go-live."),
    )


@require_POST
def plan_task_put_back(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    form = PlanPutBackForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, project, errors=[_("Reload the plan and try again.")], status=422)
    try:
        task = plan.plan_task_put_back(
            actor=acting_user(request),
            project=project,
            expected_version=form.cleaned_data["expected_version"],
            removal_id=form.cleaned_data["removal"],
        )
    except (InvalidInput, StaleWrite) as error:
        status = 409 if isinstance(error, StaleWrite) else 422
        return _plan_page(request, project, errors=error_lines(error), status=status)
    messages.success(request, _("“%(task)s” is back in the plan.") % {"task": task.name})
    return redirect("projects:plan", project_id=project.pk)


@require_http_methods(["GET", "POST"])
def plan_playbook_save(request: HttpRequest, project_id: int) -> HttpResponse:
    """Save the plan as a new version of a workspace playbook: the linter's findings first."""
    project = _project(request, project_id)
    actor = acting_user(request)
    data = request.POST if request.method == "POST" else (request.GET or plan.plan_playbook_defaults(project))
    form = PlanPlaybookSaveForm(data)
    context: dict[str, Any] = {"project": project, "section": "plan", "may_manage": True, "form": form}
    if not form.is_valid():
        return render(request, "projects/plan_save.html", context, status=422)
    identity = {name: form.cleaned_data[name] for name in ("key", "name", "version")}
    try:
        if request.method == "GET":
            context["preview"] = plan.plan_playbook_preview(actor=actor, project=project, **identity)
            return render(request, "projects/plan_save.html", context)
        saved = plan.plan_playbook_save(actor=actor, project=project, **identity)
    except InvalidInput as error:
        problems_to_form(form, error)
        return render(
            request, "projects/plan_save.html", context | {"errors": error_lines(error)}, status=422
        )
    messages.success(
        request,
        _("The plan was saved as %(name)s %(version)s in the workspace's playbooks.")
        % {"name": saved.name, "version": saved.version},
    )
    return redirect("projects:plan", project_id=project.pk)
