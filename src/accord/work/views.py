"""Work pages: the RACI board, a task, My work. Parse the request, call a selector or a service,
render. No rules here: the selectors and services decide who may do what, and say why not.

Every page starts from a selector built on :mod:`accord.projects.access`: a project the person may
not see, and any task outside it, raise NotFound, which the site answers with 404. Writes are
POST-only; a refused write shows the service's message and hint on the page, with a status saying
why (403 not allowed, 409 changed meanwhile or wrong status, 422 bad input). Board edits sent by
htmx get the updated row back, with status 200 even when refused, so that the message is shown in
place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from accord.accounts.acting import acting_user
from accord.activity.models import ActivityEntry
from accord.activity.verbs import Names, entry_sentence
from accord.base.forms import error_text
from accord.base.ids import parse_id
from accord.domain.errors import AccordError, InvalidInput, NotFound, StaleWrite
from accord.domain.workflow import Action, WorkflowError, needs_reason
from accord.formats.matrix import matrix_to_csv, matrix_to_markdown, matrix_to_xlsx
from accord.projects.access import Audience, ProjectAction, allowed
from accord.projects.models import Project, ProjectTask
from accord.projects.playbook_copy import role_name
from accord.projects.selectors import project_for
from accord.work import board_selectors, page_selectors, presenters, selectors, services
from accord.work.forms import (
    LETTER_CHOICES,
    BulkCellsForm,
    CellForm,
    CommentForm,
    FixForm,
    InputRequestForm,
    TransitionForm,
)

EXPORTS: dict[str, tuple[str, str]] = {
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("csv", "text/csv; charset=utf-8"),
    "md": ("md", "text/markdown; charset=utf-8"),
}

#: What a page says once an action went through.
ACTION_DONE: dict[Action, Any] = {
    Action.START: gettext_lazy("The task is in progress."),
    Action.SUBMIT: gettext_lazy("The task was submitted."),
    Action.APPROVE: gettext_lazy("The task is approved and done."),
    Action.SEND_BACK: gettext_lazy("The task was sent back to its Responsible."),
    Action.BLOCK: gettext_lazy("The task is blocked."),
    Action.UNBLOCK: gettext_lazy("The task is unblocked."),
    Action.REOPEN: gettext_lazy("The task was reopened."),
    Action.MARK_NOT_APPLICABLE: gettext_lazy("The task is marked not applicable."),
    Action.RESTORE: gettext_lazy("The task was restored."),
}
#: What each action's button says.
ACTION_BUTTONS: dict[Action, Any] = {
    Action.START: gettext_lazy("Start"),
    Action.SUBMIT: gettext_lazy("Submit"),
    Action.APPROVE: gettext_lazy("Approve"),
    Action.SEND_BACK: gettext_lazy("Send back"),
    Action.BLOCK: gettext_lazy("Block"),
    Action.UNBLOCK: gettext_lazy("Unblock"),
    Action.REOPEN: gettext_lazy("Reopen"),
    Action.MARK_NOT_APPLICABLE: gettext_lazy("Mark not applicable"),
    Action.RESTORE: gettext_lazy("Restore"),
}


def _is_htmx(request: HttpRequest) -> bool:
    # Set by django_htmx's middleware: the request came from htmx (an in-place edit).
    return bool(getattr(request, "htmx", False))


def _status_of(error: AccordError) -> int:
    if isinstance(error, services.RaciNotAllowed) or error.code == "workflow-not-allowed":
        return 403
    if isinstance(error, InvalidInput) or error.code == "workflow-reason-required":
        return 422
    if isinstance(error, StaleWrite | WorkflowError | services.UndoImpossible):
        return 409
    return 400


# --- The board ---------------------------------------------------------------------------------


def _board_url(project_id: int) -> str:
    return reverse("work:board", kwargs={"project_id": project_id})


def _changed_notice(request: HttpRequest, project: Project) -> ActivityEntry | None:
    """The RACI change named by ``?changed=`` (pages without JavaScript offer its undo): one
    cell's, or several cells' at once."""
    entry_id = parse_id(request.GET.get("changed", ""))
    if entry_id is None:
        return None
    user = acting_user(request)
    return selectors.cell_change_notice(user, project, entry_id) or board_selectors.bulk_change_notice(
        user, project, entry_id
    )


def _board_sentence(board: selectors.Board, entry: ActivityEntry) -> str:
    """A logged change of the board as a sentence, with the board's task and role names."""
    names = Names(
        tasks={task.key: task.name for phase in board.phases for task in phase.tasks},
        roles={role.key: role.name for role in board.roles},
    )
    return entry_sentence(entry, names)


def _board_page(request: HttpRequest, project_id: int, *, status: int = 200) -> HttpResponse:
    board = selectors.board(request.user, project_id)
    view = presenters.board_view(board)
    context = {
        "project": board.project,
        "section": "board",
        "may_manage": allowed(request.user, ProjectAction.MANAGE, board.project),
        "view": view,
        "board": board,
        "letter_choices": LETTER_CHOICES,
        "changed": (changed := _changed_notice(request, board.project) if status == 200 else None),
        "changed_sentence": _board_sentence(board, changed) if changed is not None else "",
        "exports": EXPORTS,
        "fixes": board_selectors.board_fixes(board) if board.can_edit_raci else (),
        "role_texts": board_selectors.role_texts(board.project),
    }
    return render(request, "work/board.html", context, status=status)


@require_GET
def board_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project's RACI matrix, task by task and role by role, with the linter's findings."""
    return _board_page(request, project_id)


def _board_update(
    request: HttpRequest,
    project: Project,
    task: ProjectTask,
    *,
    message: str,
    is_error: bool,
    undo_entry_id: int | None = None,
    role_key: str = "",
) -> HttpResponse:
    """The edited row, the findings summary and the role headers, for htmx to swap in place."""
    board = selectors.board(request.user, project.pk)
    view = presenters.board_view(
        board,
        changed_task_id=task.pk,
        message=message,
        message_is_error=is_error,
        undo_entry_id=undo_entry_id,
        focus_role=role_key if is_error else "",
    )
    row = view.row(task.pk)
    if row is None:
        raise NotFound(_("No such task."))
    context = {
        "project": project,
        "board": board,
        "view": view,
        "row": row,
        "letter_choices": LETTER_CHOICES,
        "status_message": message,
        "role_texts": board_selectors.role_texts(project),
    }
    return render(request, "work/_board_update.html", context)


def _board_refusal(
    request: HttpRequest, project: Project, task: ProjectTask, error: AccordError, role_key: str = ""
) -> HttpResponse:
    if isinstance(error, NotFound):
        raise error
    status = _status_of(error)
    if _is_htmx(request):
        if status == 403:
            return HttpResponse(error_text(error), status=403, content_type="text/plain; charset=utf-8")
        return _board_update(
            request, project, task, message=error_text(error), is_error=True, role_key=role_key
        )
    messages.error(request, error_text(error))
    return _board_page(request, project.pk, status=status)


@require_GET
def board_cell_editor(request: HttpRequest, project_id: int, task_id: int, role_key: str) -> HttpResponse:
    """The editor of one cell, loaded when its popover opens (htmx) or as a page without JavaScript.

    The board used to carry one editor per cell: 694 KB and 210 ms for a vendor admin on a
    50-task project. The editor keeps the task version the board was drawn with, so a change made
    meanwhile from another browser is still refused as stale.
    """
    board = selectors.board(request.user, project_id)
    if not board.can_edit_raci:
        return HttpResponseForbidden(_("Only the workspace's admins and managers change the RACI."))
    row = presenters.board_view(board).row(task_id)
    cell = next((cell for cell in row.cells if cell.role.key == role_key), None) if row else None
    if row is None or cell is None:
        raise NotFound(_("No such cell."))
    version = request.GET.get("version", "")
    context = {
        "project": board.project,
        "board": board,
        "row": row,
        "cell": cell,
        "version": int(version) if version.isdigit() else row.task.version,
        "letter_choices": LETTER_CHOICES,
    }
    template = "work/_board_cell_editor.html" if _is_htmx(request) else "work/board_cell_editor.html"
    return render(request, template, context)


@require_POST
def board_cell(request: HttpRequest, project_id: int) -> HttpResponse:
    """Set the letters of one cell (vendor admins and managers), in place with htmx or by a plain
    form post followed by a redirect to the board."""
    user = acting_user(request)
    project = project_for(user, project_id)
    form = CellForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("This change could not be read; reload the board and try again."))
    task = selectors.task_of(project, form.cleaned_data["task"])
    role_key = form.cleaned_data["role"]
    try:
        services.raci_cell_set(
            actor=user,
            task=task,
            role_key=role_key,
            letters=form.letters_value(),
            expected_version=form.cleaned_data["version"],
        )
    except AccordError as error:
        return _board_refusal(request, project, task, error, role_key)
    entry_id = selectors.latest_cell_change(user, task, role_key)
    message = _("Saved: %(task)s · %(role)s is now “%(letters)s”.") % {
        "task": task.name,
        "role": role_name(project, role_key),
        "letters": form.letters_value().canonical or "—",
    }
    if _is_htmx(request):
        return _board_update(request, project, task, message=message, is_error=False, undo_entry_id=entry_id)
    messages.success(request, message)
    query = f"?changed={entry_id}" if entry_id else ""
    return redirect(f"{_board_url(project.pk)}{query}#task-{task.pk}")


@require_POST
def board_undo(request: HttpRequest, project_id: int, entry_id: int) -> HttpResponse:
    """Put a cell back as it was before a logged change, if nobody changed it since; a change of
    several cells at once (a bulk edit, a fix) is put back as a whole."""
    user = acting_user(request)
    if board_selectors.bulk_change(user, project_id, entry_id) is not None:
        return _bulk_undo(request, project_id, entry_id)
    entry, task = selectors.cell_change_for(user, project_id, entry_id)
    project = task.project
    role_key = entry.target_key.rpartition("/")[2]
    try:
        services.raci_cell_undo(actor=user, activity_entry_id=entry.pk)
    except AccordError as error:
        return _board_refusal(request, project, task, error, role_key)
    message = _("Undone: %(task)s · %(role)s is back to “%(letters)s”.") % {
        "task": task.name,
        "role": role_name(project, role_key),
        "letters": (entry.before or {}).get("raci") or "—",
    }
    if _is_htmx(request):
        return _board_update(request, project, task, message=message, is_error=False)
    messages.success(request, message)
    return redirect(f"{_board_url(project.pk)}#task-{task.pk}")


def _bulk_refusal(request: HttpRequest, project_id: int, error: AccordError) -> HttpResponse:
    if isinstance(error, NotFound):
        raise error
    messages.error(request, error_text(error))
    return _board_page(request, project_id, status=_status_of(error))


def _bulk_done(request: HttpRequest, project_id: int, entry: ActivityEntry | None) -> HttpResponse:
    if entry is None:
        messages.info(request, _("Nothing changed: the cells already held these letters."))
        return redirect(_board_url(project_id))
    count = len((entry.after or {}).get("cells", []))
    messages.success(
        request,
        ngettext("Saved: %(count)s cell changed.", "Saved: %(count)s cells changed.", count)
        % {"count": count},
    )
    return redirect(f"{_board_url(project_id)}?changed={entry.pk}")


def _bulk_undo(request: HttpRequest, project_id: int, entry_id: int) -> HttpResponse:
    try:
        entry = services.raci_bulk_undo(actor=acting_user(request), activity_entry_id=entry_id)
    except AccordError as error:
        return _bulk_refusal(request, project_id, error)
    count = len((entry.after or {}).get("cells", [])) if entry is not None else 0
    messages.success(
        request,
        ngettext("Undone: %(count)s cell is back.", "Undone: %(count)s cells are back.", count)
        % {"count": count},
    )
    return redirect(_board_url(project_id))


def board_bulk(request: HttpRequest, project_id: int) -> HttpResponse:
    """Several cells of a row or a column at once. GET: the cells of one task (``?task=``) or of
    one role (``?role=``), to tick (works without JavaScript); POST: give the ticked cells the
    chosen letters in one change, undone as a whole."""
    if request.method == "POST":
        return _board_bulk_post(request, project_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    board = selectors.board(request.user, project_id)
    if not board.can_edit_raci:
        return HttpResponseForbidden(_("Only the workspace's admins and managers change the RACI."))
    view = presenters.board_view(board)
    task_id = parse_id(request.GET.get("task", ""))
    role_key = request.GET.get("role", "")
    rows = [row for phase in view.phases for row in phase.rows]
    if task_id is not None:
        row = view.row(task_id)
        if row is None:
            raise NotFound(_("No such task."))
        title = row.task.name
        cells = [(row.task, cell) for cell in row.cells]
    else:
        role = next((item for item in board.roles if item.key == role_key), None)
        if role is None:
            raise NotFound(_("No such role."), hint=_("Choose a row or a column from the board."))
        title = role.name
        cells = [(row.task, cell) for row in rows for cell in row.cells if cell.role.key == role_key]
    context = {
        "project": board.project,
        "section": "board",
        "may_manage": allowed(request.user, ProjectAction.MANAGE, board.project),
        "title": title,
        "by_row": task_id is not None,
        "cells": cells,
        "form": BulkCellsForm(),
    }
    return render(request, "work/board_bulk.html", context)


def _board_bulk_post(request: HttpRequest, project_id: int) -> HttpResponse:
    user = acting_user(request)
    project = project_for(user, project_id)
    form = BulkCellsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the cells to change first, then choose their letters."))
        return _board_page(request, project.pk, status=422)
    cells = form.cells()
    letters = form.letters_value()
    try:
        entry = services.raci_cells_set(
            actor=user,
            project=project,
            changes=[services.CellChange(task_id, role, letters) for task_id, role, _version in cells],
            expected_versions={task_id: version for task_id, _role, version in cells},
        )
    except AccordError as error:
        return _bulk_refusal(request, project.pk, error)
    return _bulk_done(request, project.pk, entry)


@require_POST
def board_fix(request: HttpRequest, project_id: int) -> HttpResponse:
    """Apply the one safe fix of a linter finding, shown on the board before (one undoable change)."""
    user = acting_user(request)
    project = project_for(user, project_id)
    form = FixForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("This fix could not be read; reload the board and try again."))
    task = selectors.task_of(project, form.cleaned_data["task"])
    try:
        entry = services.raci_fix_apply(
            actor=user,
            task=task,
            code=form.cleaned_data["code"],
            expected_version=form.cleaned_data["version"],
        )
    except AccordError as error:
        return _bulk_refusal(request, project.pk, error)
    return _bulk_done(request, project.pk, entry)


@require_GET
def board_export(request: HttpRequest, project_id: int, file_format: str) -> HttpResponse:
    """The project's matrix as it stands, as an XLSX, CSV or Markdown file."""
    if file_format not in EXPORTS:
        raise NotFound(_("No such format."))
    project, playbook = board_selectors.export_matrix(request.user, project_id)
    playbook = replace(playbook, name=f"{project.name} — {playbook.name}")
    suffix, content_type = EXPORTS[file_format]
    content: bytes | str
    if file_format == "xlsx":
        content = matrix_to_xlsx(playbook)
    elif file_format == "csv":
        content = matrix_to_csv(playbook)
    else:
        content = matrix_to_markdown(playbook)
    response = HttpResponse(content, content_type=content_type)
    filename = f"{slugify(project.name) or 'project'}-raci.{suffix}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


# --- A task ------------------------------------------------------------------------------------


def _task_page(
    request: HttpRequest, project_id: int, task_id: int, *, status: int = 200, **forms: Any
) -> HttpResponse:
    page = page_selectors.task_page(request.user, project_id, task_id)
    task = page.task
    context = {
        "project": page.project,
        "task": task,
        "status_label": task.get_status_display(),
        "late": page.late,
        "actions": [
            {
                "value": action.value,
                "label": ACTION_BUTTONS[action],
                "verb": _(action.label),  # the domain's English word, in the catalogue
                "needs_reason": needs_reason(action),
            }
            for action in page.actions
        ],
        "letters": [
            ("R", _("Responsible"), page.people["R"]),
            ("A", _("Accountable"), page.people["A"]),
            ("C", _("Consulted"), page.people["C"]),
            ("I", _("Informed"), page.people["I"]),
        ],
        "consulted": [person.get_full_name() for person in page.people["C"]],
        "text": page.text,
        "comments": page.comments,
        "may_write_internal": page.audience is Audience.INTERNAL,
        "open_requests": page.open_requests,
        "history": page.history,
        "comment_form": forms.get("comment_form") or CommentForm(),
        "ask_form": forms.get("ask_form") or InputRequestForm(),
        "reason_error": forms.get("reason_error", ""),
    }
    return render(request, "work/task_detail.html", context, status=status)


def _task_url(task: ProjectTask) -> str:
    return reverse("work:task", kwargs={"project_id": task.project_id, "task_id": task.pk})


@require_GET
def task_detail(request: HttpRequest, project_id: int, task_id: int) -> HttpResponse:
    """One task: its dates, people by letter, what the playbook says, actions, comments, history."""
    return _task_page(request, project_id, task_id)


def _refused(request: HttpRequest, task: ProjectTask, error: AccordError, **forms: Any) -> HttpResponse:
    if isinstance(error, NotFound):
        raise error
    messages.error(request, error_text(error))
    # Show the task as it is now: a change made meanwhile is what the person must look at.
    return _task_page(request, task.project_id, task.pk, status=_status_of(error), **forms)


@require_POST
def task_transition(request: HttpRequest, project_id: int, task_id: int) -> HttpResponse:
    """Move the task with one workflow action (start, submit, approve, send back...)."""
    user = acting_user(request)
    task = selectors.task_for(user, project_id, task_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("This action could not be read; reload the task and try again."))
    action = Action(form.cleaned_data["action"])
    try:
        services.task_transition(
            actor=user,
            task=task,
            action=action,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except AccordError as error:
        return _refused(request, task, error)
    messages.success(request, str(ACTION_DONE[action]))
    return redirect(_task_url(task))


@require_POST
def task_comment(request: HttpRequest, project_id: int, task_id: int) -> HttpResponse:
    """Comment on the task, or give the input its Consulted were asked for."""
    user = acting_user(request)
    task = selectors.task_for(user, project_id, task_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your comment first."))
        return _task_page(request, project_id, task_id, status=422, comment_form=form)
    try:
        services.comment_add(
            actor=user,
            task=task,
            body=form.cleaned_data["body"],
            kind=form.cleaned_data["kind"],
            internal=form.cleaned_data["internal"],
        )
    except AccordError as error:
        return _refused(request, task, error, comment_form=form)
    messages.success(request, _("Your comment was added."))
    return redirect(f"{_task_url(task)}#comments")


@require_POST
def task_ask(request: HttpRequest, project_id: int, task_id: int) -> HttpResponse:
    """Ask the task's Consulted people for input."""
    user = acting_user(request)
    task = selectors.task_for(user, project_id, task_id)
    form = InputRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your question first."))
        return _task_page(request, project_id, task_id, status=422, ask_form=form)
    try:
        services.input_request(actor=user, task=task, question=form.cleaned_data["question"])
    except AccordError as error:
        return _refused(request, task, error, ask_form=form)
    messages.success(request, _("Your question was sent to the Consulted."))
    return redirect(f"{_task_url(task)}#comments")


# --- My work -----------------------------------------------------------------------------------


@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    """What waits for the person across every project they can see."""
    work = page_selectors.my_work(request.user)
    sections = [
        ("responsible", _("Responsible"), _("Open tasks you do, soonest due first."), work.responsible),
        ("approvals", _("To approve"), _("Tasks awaiting your approval."), work.approvals),
        (
            "consulted",
            _("Consulted"),
            _("Open tasks you give input on; open requests for input first."),
            work.consulted,
        ),
        (
            "informed",
            _("Informed"),
            _("The latest tasks done that you were told about."),
            work.informed,
        ),
    ]
    return render(request, "work/my_work.html", {"sections": sections, "open_questions": work.open_questions})
