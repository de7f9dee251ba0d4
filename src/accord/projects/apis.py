"""The projects operations of the HTTP API (mounted by accord.api; see docs/api.md).

The portfolio, one project with its tasks and RACI, a new project, its staffing, its playbook
upgrade, its plan (JSON and iCalendar) and its activity log: each operation calls the selector
or service the pages call, as the token's person.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from accord.accounts.models import User, supported_language, user_language
from accord.activity.verbs import entry_detail, entry_sentence, playbook_names
from accord.apikit.auth import acting_user
from accord.apikit.errors import Conflict, ErrorBody, error_status_register
from accord.apikit.pagination import CursorPagination, page_of
from accord.apikit.schemas import RowId
from accord.apikit.versions import etag_set, version_check, version_required
from accord.catalog.selectors import BUILTIN, available_playbooks, catalog_playbook, version_sort_key
from accord.domain.errors import InvalidInput, NotFound, Problem
from accord.domain.planning import PlanningError
from accord.domain.raci import InvalidRaci, Raci, parse_raci
from accord.formats.plan.to_ics import plan_to_ics
from accord.formats.plan.to_json import plan_to_json
from accord.projects import plan_services, selectors, services, settings_services
from accord.projects.access import ProjectAction
from accord.projects.api_schemas import (
    ActivityPage,
    ParticipantIn,
    PartnerIn,
    ProjectCreateIn,
    ProjectOut,
    ProjectPage,
    RoleAssignIn,
    RolePersonIn,
    StaffingOut,
    UpgradeIn,
    UpgradePreviewOut,
    letters_of,
    person_of,
    rows_page,
)
from accord.projects.home import project_home
from accord.projects.home_schemas import ProjectHomeOut, home_of
from accord.projects.models import Project, ProjectTask
from accord.projects.plan_schemas import (
    PlanSavedOut,
    PlanSaveIn,
    PlanSavePreviewOut,
    PlanSaveQuery,
    PlanTaskCreateIn,
    PlanTaskMoveIn,
    PlanTaskUpdateIn,
)
from accord.projects.playbook_copy import project_playbook
from accord.projects.selectors import PortfolioRow, ProjectDetail, ProjectStaffing, RoleStaffing
from accord.projects.settings_schemas import (
    ActualDatesIn,
    ActualDatesOut,
    ClosureIn,
    ProjectSettingsIn,
    ProjectSettingsOut,
    ReasonIn,
    actual_dates_of,
    settings_of,
)
from accord.workspaces.access import WorkspaceAction, memberships_allowing
from accord.workspaces.models import Membership
from accord.workspaces.selectors import visible_customers, visible_partners

router = Router(tags=["Projects"])

NOT_FOUND = {404: ErrorBody}


# -- the portfolio -----------------------------------------------------------------------------


class PortfolioFilters(Schema):
    customer: RowId | None = None
    health: Literal["on_track", "at_risk", "late"] | None = None
    # As on the portfolio page: active projects unless asked for "closed" ones or "all".
    status: Literal["active", "closed", "all"] = "active"
    late: bool = False
    search: str = ""


def _summary(row: PortfolioRow) -> dict[str, Any]:
    project = row.project
    return {
        "id": project.pk,
        "name": project.name,
        "status": project.status,
        "customer_id": row.customer.pk,
        "customer_name": row.customer.name,
        "workspace_id": project.workspace_id,
        "playbook_key": project.playbook_key,
        "playbook_version": project.playbook_version,
        "variant": project.variant,
        "current_phase": row.current_phase,
        "health": row.health.value,
        "go_live_p80": row.go_live,
        "late_tasks": row.late_tasks,
        "finished_tasks": row.finished_tasks,
        "total_tasks": row.total_tasks,
        "version": project.version,
    }


@router.get("/projects", response=ProjectPage)
def project_list(
    request: HttpRequest,
    filters: Query[PortfolioFilters],
    pagination: Query[CursorPagination.Input],
) -> Any:
    """The projects you may see, by name, with the portfolio's filters (customer, health, status:
    active ones unless ``status`` is ``closed`` or ``all``, late tasks, a search in the project's or
    customer's name). Two queries whatever the page."""
    rows = selectors.portfolio(
        acting_user(request),
        customer=filters.customer,
        status=None if filters.status == "all" else filters.status,
        late_only=filters.late,
        search=filters.search[:200],
        health=filters.health,
    )
    page = rows_page(rows, list_name="projects", ids=[row.project.pk for row in rows], pagination=pagination)
    return {"items": [_summary(row) for row in page["items"]], "next_cursor": page["next_cursor"]}


# -- one project -------------------------------------------------------------------------------


def _role(role: RoleStaffing) -> dict[str, Any]:
    return {
        "key": role.key,
        "name": role.name,
        "side": role.side,
        "lead": person_of(role.lead) if role.lead is not None else None,
        "people": [
            person_of(member.user) | {"is_lead": member.is_lead, "cross_side": member.cross_side}
            for member in role.people
        ],
    }


def _project(detail: ProjectDetail) -> dict[str, Any]:
    project = detail.project
    return {
        "id": project.pk,
        "name": project.name,
        "status": project.status,
        "workspace_id": project.workspace_id,
        "customer_id": project.customer_id,
        "customer_name": project.customer.name,
        "playbook_key": project.playbook_key,
        "playbook_version": project.playbook_version,
        "playbook_name": project.playbook_name,
        "variant": project.variant,
        "start_date": project.start_date,
        "country": project.calendar_country,
        "subdivision": project.calendar_subdivision,
        "time_zone": project.time_zone,
        "health": detail.health.value,
        "late_tasks": detail.late_tasks,
        "go_live": {
            "planned": project.go_live_planned,
            "earliest": project.go_live_earliest,
            "latest": project.go_live_latest,
            "p50": project.go_live_p50,
            "p80": project.go_live_p80,
            "p95": project.go_live_p95,
            "committed": project.go_live_baseline,
            "forecast_at": project.forecast_at,
        },
        "roles": [_role(role) for role in detail.roles],
        "phases": [
            {
                "key": phase.key,
                "name": phase.name,
                "tasks": [
                    {
                        "id": row.task.pk,
                        "key": row.task.key,
                        "name": row.task.name,
                        "phase_key": row.task.phase_key,
                        "status": row.task.status,
                        "milestone": row.task.milestone,
                        "critical": row.task.critical,
                        "planned_start": row.task.planned_start,
                        "planned_finish": row.task.planned_finish,
                        "actual_start": row.task.actual_start,
                        "actual_finish": row.task.actual_finish,
                        "version": row.task.version,
                        "raci": {role: letters_of(value) for role, value in row.cells.items()},
                    }
                    for row in phase.tasks
                ],
            }
            for phase in detail.phases
        ],
        "version": project.version,
    }


@router.get("/projects/{project_id}", response={200: ProjectOut, **NOT_FOUND})
def project_read(request: HttpRequest, project_id: RowId, response: HttpResponse) -> Any:
    """A project with its phases, tasks and their RACI, its roles with people and leads, its
    go-live forecast (P50/P80/P95), committed go-live and health. ETag: the project's version."""
    detail = selectors.project_detail(acting_user(request), project_id)
    etag_set(response, detail.project.pk, detail.project.version)
    return _project(detail)


def _managed_workspace(user: User, wanted: int | None) -> Membership:
    managed = list(memberships_allowing(user, WorkspaceAction.MANAGE).select_related("workspace"))
    if wanted is not None:
        found = next((item for item in managed if item.workspace_id == wanted), None)
        if found is None:
            raise NotFound(_("No such workspace."))
        return found
    if not managed:
        raise NotFound(
            _("No such workspace."), hint=_("Only a workspace's admins and managers start projects.")
        )
    if len(managed) > 1:
        raise InvalidInput(
            [
                Problem(
                    "workspace-required",
                    _("You manage several workspaces; say which one the project goes to."),
                    hint=_("Give workspace: the id of one of them."),
                    where="workspace",
                )
            ]
        )
    return managed[0]


def _not_in_workspace(field: str, message: str) -> InvalidInput:
    return InvalidInput(
        [Problem(f"{field}-unknown", message, hint=_("List them with the API."), where=field)]
    )


@router.post("/projects", response={201: ProjectOut, **NOT_FOUND})
def project_create(request: HttpRequest, payload: ProjectCreateIn, response: HttpResponse) -> Any:
    """Start a project from a playbook of the catalogue (vendor admins and managers), planned at
    once. Every problem is answered at once, each naming its field."""
    user = acting_user(request)
    membership = _managed_workspace(user, payload.workspace)
    workspace = membership.workspace
    customer = visible_customers(user).filter(workspace=workspace, pk=payload.customer).first()
    if customer is None:
        raise _not_in_workspace("customer", _("This workspace has no such customer."))
    partners = list(visible_partners(user).filter(workspace=workspace, pk__in=payload.partners))
    if len(partners) != len(set(payload.partners)):
        raise _not_in_workspace("partners", _("This workspace has no such partner."))
    entries = [entry for entry in available_playbooks(user, workspace.pk) if entry.key == payload.playbook]
    entry = next(
        (
            entry
            for entry in entries
            if (entry.version == payload.playbook_version if payload.playbook_version else entry.is_latest)
        ),
        None,
    )
    if entry is None:
        raise InvalidInput(
            [
                Problem(
                    "playbook-unknown",
                    _("No such playbook, or no such version of it."),
                    hint=_("List the catalogue's playbooks with the API."),
                    where="playbook",
                )
            ]
        )
    creation = services.ProjectCreation(
        workspace=workspace,
        customer=customer,
        name=payload.name,
        playbook=catalog_playbook(user, workspace.pk, entry.key, entry.version),
        playbook_source=BUILTIN if entry.is_builtin else "catalogue",
        variant=payload.variant or None,
        start_date=payload.start_date,
        country=payload.country.upper(),
        subdivision=payload.subdivision,
        time_zone=payload.time_zone or None,
        partners=partners,
        alternative_choices=payload.alternative_choices or None,
    )
    try:
        project = services.project_create(actor=user, creation=creation)
    except PlanningError as error:
        raise InvalidInput([Problem("playbook-unplannable", str(error), where="playbook")]) from error
    detail = selectors.project_detail(user, project.pk)
    etag_set(response, project.pk, detail.project.version)
    response["Location"] = f"/api/v1/projects/{project.pk}"
    return Status(201, _project(detail))


# -- staffing ----------------------------------------------------------------------------------


def _staffing(staffing: ProjectStaffing) -> dict[str, Any]:
    def person(item: selectors.Person) -> dict[str, Any]:
        return person_of(item.user) | {"kind": item.kind.value, "organisation": item.organisation}

    return {
        "project_id": staffing.project.pk,
        "roles": [_role(role) for role in staffing.roles],
        "assignable": [person(item) for item in staffing.assignable],
        "partners": [{"id": partner.pk, "name": partner.name} for partner in staffing.partners],
        "other_partners": [{"id": partner.pk, "name": partner.name} for partner in staffing.other_partners],
        "waiting_contacts": [person(item) for item in staffing.waiting_contacts],
    }


@router.get("/projects/{project_id}/people", response={200: StaffingOut, **NOT_FOUND})
def staffing_read(request: HttpRequest, project_id: RowId) -> Any:
    """Who staffs each role (the lead first), who else could, and the partners around the project."""
    return _staffing(selectors.project_staffing(acting_user(request), project_id))


def _no_such_person(field: str = "user") -> InvalidInput:
    return InvalidInput(
        [
            Problem(
                "person-unknown",
                _("This person cannot be chosen here."),
                hint=_("Pick someone from GET /api/v1/projects/{id}/people."),
                where=field,
            )
        ]
    )


STAFFING_ANSWERS = {200: StaffingOut, 403: ErrorBody, **NOT_FOUND}


@router.post("/projects/{project_id}/people/assign", response=STAFFING_ANSWERS)
def staffing_assign(request: HttpRequest, project_id: RowId, payload: RoleAssignIn) -> Any:
    """Give a role to someone who may see the project (the first of a role leads it; ``lead``
    makes them the lead). Vendor admins and managers."""
    user = acting_user(request)
    staffing = selectors.project_staffing(user, project_id)
    person = next((item.user for item in staffing.assignable if item.user.pk == payload.user), None)
    if person is None:
        raise _no_such_person()
    services.role_assign(
        actor=user,
        project=staffing.project,
        role_key=payload.role_key,
        user=person,
        lead=payload.lead,
        confirm_cross_side=payload.confirm_cross_side,
    )
    return _staffing(selectors.project_staffing(user, project_id))


def _staffed(staffing: ProjectStaffing, user_id: int) -> User:
    for role in staffing.roles:
        for member in role.people:
            if member.user.pk == user_id:
                return member.user
    raise _no_such_person()


@router.post("/projects/{project_id}/people/unassign", response=STAFFING_ANSWERS)
def staffing_unassign(request: HttpRequest, project_id: RowId, payload: RolePersonIn) -> Any:
    """Take someone off a role; when the lead leaves, the person staffed longest leads."""
    user = acting_user(request)
    staffing = selectors.project_staffing(user, project_id)
    services.role_unassign(
        actor=user, project=staffing.project, role_key=payload.role_key, user=_staffed(staffing, payload.user)
    )
    return _staffing(selectors.project_staffing(user, project_id))


@router.post("/projects/{project_id}/people/lead", response=STAFFING_ANSWERS)
def staffing_lead(request: HttpRequest, project_id: RowId, payload: RolePersonIn) -> Any:
    """Make someone holding a role its lead."""
    user = acting_user(request)
    staffing = selectors.project_staffing(user, project_id)
    services.role_lead_set(
        actor=user, project=staffing.project, role_key=payload.role_key, user=_staffed(staffing, payload.user)
    )
    return _staffing(selectors.project_staffing(user, project_id))


@router.post("/projects/{project_id}/people/participants", response=STAFFING_ANSWERS)
def staffing_participant_add(request: HttpRequest, project_id: RowId, payload: ParticipantIn) -> Any:
    """Let a contact of one of the project's partners take part in it (then see it)."""
    user = acting_user(request)
    staffing = selectors.project_staffing(user, project_id)
    person = next((item.user for item in staffing.waiting_contacts if item.user.pk == payload.user), None)
    if person is None:
        raise _no_such_person()
    services.participant_add(actor=user, project=staffing.project, user=person)
    return _staffing(selectors.project_staffing(user, project_id))


@router.post("/projects/{project_id}/people/partners", response=STAFFING_ANSWERS)
def staffing_partner_add(request: HttpRequest, project_id: RowId, payload: PartnerIn) -> Any:
    """Put a partner organisation of the workspace on the project."""
    user = acting_user(request)
    staffing = selectors.project_staffing(user, project_id)
    partner = next((item for item in staffing.other_partners if item.pk == payload.partner), None)
    if partner is None:
        raise _no_such_person("partner")
    services.partner_add(actor=user, project=staffing.project, partner=partner)
    return _staffing(selectors.project_staffing(user, project_id))


# -- upgrade -----------------------------------------------------------------------------------


def _newer_versions(user: User, project: Project) -> list[Any]:
    current = version_sort_key(project.playbook_version)
    return [
        entry
        for entry in available_playbooks(user, project.workspace_id)
        if entry.key == project.playbook_key and version_sort_key(entry.version) > current
    ]


def _chosen_version(versions: list[Any], version: str) -> Any:
    entry = next((item for item in versions if item.version == version), None)
    if entry is None:
        raise InvalidInput(
            [
                Problem(
                    "version-unknown",
                    _("No newer version %(version)s of this playbook.") % {"version": version},
                    hint=_("Known newer versions: %(versions)s")
                    % {"versions": ", ".join(item.version for item in versions) or "—"},
                    where="version",
                )
            ]
        )
    return entry


class UpgradeQuery(Schema):
    version: str | None = None


@router.get("/projects/{project_id}/upgrade", response={200: UpgradePreviewOut, **NOT_FOUND})
def project_upgrade_preview(
    request: HttpRequest, project_id: RowId, query: Query[UpgradeQuery], response: HttpResponse
) -> Any:
    """The newer versions of the project's playbook and, with ``?version=``, what upgrading to it
    would change (the page's diff). Vendor admins and managers; others get 404."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    versions = _newer_versions(user, project)
    diff = None
    if query.version:
        entry = _chosen_version(versions, query.version)
        playbook = catalog_playbook(user, project.workspace_id, entry.key, entry.version)
        diff = services.project_upgrade_preview(actor=user, project=project, playbook=playbook).to_data()
    etag_set(response, project.pk, project.version)
    return {
        "current_version": project.playbook_version,
        "versions": [
            {"version": item.version, "name": item.name, "builtin": item.is_builtin} for item in versions
        ],
        "version": query.version or None,
        "diff": diff,
    }


@router.post(
    "/projects/{project_id}/upgrade",
    response={200: ProjectOut, 404: ErrorBody, 412: ErrorBody, 428: ErrorBody},
)
def project_upgrade(
    request: HttpRequest, project_id: RowId, payload: UpgradeIn, response: HttpResponse
) -> Any:
    """Move the project to a newer version of its playbook. Needs ``If-Match`` with the
    project's ETag (428 without, 412 when stale). Vendor admins and managers; others get 404."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    expected = version_check(request, project.pk, project.version)  # the service checks it again, locked
    entry = _chosen_version(_newer_versions(user, project), payload.version)
    try:
        services.project_upgrade(
            actor=user,
            project=project,
            playbook=catalog_playbook(user, project.workspace_id, entry.key, entry.version),
            expected_version=expected,
            playbook_source=BUILTIN if entry.is_builtin else "catalogue",
        )
    except PlanningError as error:
        raise InvalidInput([Problem("playbook-unplannable", str(error), where="version")]) from error
    detail = selectors.project_detail(user, project.pk)
    etag_set(response, project.pk, detail.project.version)
    return _project(detail)


# -- the plan ----------------------------------------------------------------------------------


class PlanOut(Schema):
    """The plan as ``accord plan --format json`` writes it (docs/planning.md, "JSON fields")."""

    playbook: str
    start: str
    calendar: dict[str, Any]
    go_live: dict[str, Any]
    tasks: list[dict[str, Any]]


def _plan(request: HttpRequest, project_id: int) -> tuple[Project, Any]:
    project = selectors.project_for(acting_user(request), project_id)
    plan = selectors.project_plan(project)
    if plan is None:
        raise Conflict(
            _("This project has no plan yet."),
            hint=_("A plan exists once every task has dates; ask a manager to check the project."),
        )
    return project, plan


@router.get("/projects/{project_id}/plan", response={200: PlanOut, 404: ErrorBody, 409: ErrorBody})
def plan_read(request: HttpRequest, project_id: RowId) -> Any:
    """The project's current plan and go-live forecast, as the command line writes it in JSON."""
    _project_row, plan = _plan(request, project_id)
    return plan_to_json(plan)


ICS_RESPONSE = {
    "responses": {
        "200": {
            "description": "The plan as an RFC 5545 calendar",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        }
    }
}


@router.get(
    "/projects/{project_id}/plan.ics",
    response={404: ErrorBody, 409: ErrorBody},
    openapi_extra=ICS_RESPONSE,
)
def plan_calendar(request: HttpRequest, project_id: RowId) -> HttpResponse:
    """The project's plan as an iCalendar file: sessions, milestones and phases, with UIDs that
    stay the same across re-plans (re-importing updates events)."""
    project, plan = _plan(request, project_id)
    response = HttpResponse(
        plan_to_ics(plan, project_id=f"project-{project.pk}"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{slugify(project.name) or 'project'}-plan.ics"
    )
    return response


# -- the activity log --------------------------------------------------------------------------


def _language(request: HttpRequest, user: User) -> str:
    """The caller's language: Accept-Language when sent, else the person's own."""
    if request.headers.get("Accept-Language"):
        return supported_language(translation.get_language_from_request(request))
    return user_language(user)


@router.get("/projects/{project_id}/activity", response={200: ActivityPage, **NOT_FOUND})
def activity_list(request: HttpRequest, project_id: RowId, pagination: Query[CursorPagination.Input]) -> Any:
    """The project's activity log, newest first, each entry as a sentence in the caller's
    language (Accept-Language, else the person's language). One query per page."""
    user = acting_user(request)
    project, entries = selectors.project_activity_log(user, project_id)
    rows, next_cursor = page_of(
        entries, sort_key="-created_at", limit=pagination.limit, cursor=pagination.cursor
    )
    names = playbook_names(project_playbook(project))
    with translation.override(_language(request, user)):
        items = [
            {
                "id": entry.pk,
                "verb": entry.verb,
                "sentence": entry_sentence(entry, names),
                "detail": entry_detail(entry),
                "actor": person_of(entry.actor) if entry.actor is not None else None,
                "target_type": entry.target_type,
                "target_key": entry.target_key,
                "created_at": entry.created_at,
            }
            for entry in rows
        ]
    return {"items": items, "next_cursor": next_cursor}


# -- the contacts' project home ----------------------------------------------------------------


@router.get("/projects/{project_id}/home", response={200: ProjectHomeOut, **NOT_FOUND})
def project_home_read(request: HttpRequest, project_id: RowId) -> Any:
    """The project's home as its customer's (or partner's) contacts see it: progress, go-live in
    words, what is theirs to do next, what waits on the vendor, the next milestones, their roles
    explained and whom to call. Nothing internal; vendor staff get the customer's view
    (``preview``). Texts in the caller's language (Accept-Language, else the person's)."""
    user = acting_user(request)
    with translation.override(_language(request, user)):
        return home_of(project_home(user, project_id))


# -- editing the plan (vendor admins and managers) ----------------------------------------------
# Each change needs If-Match with the project's ETag (428 without, 412 when stale) and answers the
# project as ProjectRead does, with its new ETag. Those who see the project without managing it
# get 403, others 404. The services are accord.projects.plan_services (docs/plan-editing.md).

error_status_register("project-closed", 409)

PLAN_ANSWERS = {
    200: ProjectOut,
    403: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
    412: ErrorBody,
    428: ErrorBody,
}


def _plan_edited(user: User, project_id: int, response: HttpResponse) -> dict[str, Any]:
    detail = selectors.project_detail(user, project_id)
    etag_set(response, detail.project.pk, detail.project.version)
    return _project(detail)


def _plan_cells(raci: dict[str, str]) -> dict[str, Raci]:
    cells = {}
    for role, text in raci.items():
        try:
            cells[role] = parse_raci(text)
        except InvalidRaci as error:
            raise InvalidInput(
                [
                    Problem(
                        "raci-invalid-letter",
                        _("“%(letters)s” is not a RACI cell.") % {"letters": text},
                        hint=_("Use R, A, C, I (e.g. RA), N/A alone, or an empty text."),
                        where=f"raci.{role}",
                    )
                ]
            ) from error
    return cells


@router.post(
    "/projects/{project_id}/plan/tasks",
    response={201: ProjectOut, **{k: v for k, v in PLAN_ANSWERS.items() if k != 200}},
)
def plan_task_create(
    request: HttpRequest, project_id: RowId, payload: PlanTaskCreateIn, response: HttpResponse
) -> Any:
    """Add a task to a phase (before ``before_key``, else at its end) with its duration, milestone
    flag and RACI letters; its key is the slug of its name, unique in the project. ``Location``:
    the new task."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    task = plan_services.plan_task_add(
        actor=user,
        project=project,
        expected_version=version_required(request, project.pk),
        name=payload.name,
        phase_key=payload.phase_key,
        before_key=payload.before_key or None,
        raci=_plan_cells(payload.raci),
        duration=payload.duration,
        milestone=payload.milestone,
    )
    response["Location"] = f"/api/v1/tasks/{task.pk}"
    return Status(201, _plan_edited(user, project.pk, response))


@router.patch("/projects/{project_id}/plan/tasks/{task_key}", response=PLAN_ANSWERS)
def plan_task_update(
    request: HttpRequest, project_id: RowId, task_key: str, payload: PlanTaskUpdateIn, response: HttpResponse
) -> Any:
    """Rename a task (its key stays) and/or set its whole timing: duration, the tasks it starts
    after (each with a lag in business days), the tasks waiting for it, the milestone flag. A
    dependency making tasks wait for each other in a loop is refused (422, naming the tasks)."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    timing = payload.timing
    plan_services.plan_task_update(
        actor=user,
        project=project,
        expected_version=version_required(request, project.pk),
        task_key=task_key,
        name=payload.name,
        timing=None
        if timing is None
        else plan_services.PlanTiming(
            duration=timing.duration,
            after=tuple(plan_services.Dependency(task=item.task, lag=item.lag) for item in timing.after),
            before=tuple(timing.before),
            milestone=timing.milestone,
        ),
    )
    return _plan_edited(user, project.pk, response)


@router.delete("/projects/{project_id}/plan/tasks/{task_key}", response=PLAN_ANSWERS)
def plan_task_remove(request: HttpRequest, project_id: RowId, task_key: str, response: HttpResponse) -> Any:
    """Remove a task with its RACI cells and comments; PlanTaskRestore puts it back."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    plan_services.plan_task_remove(
        actor=user, project=project, expected_version=version_required(request, project.pk), task_key=task_key
    )
    return _plan_edited(user, project.pk, response)


@router.post("/projects/{project_id}/plan/tasks/{task_key}/restore", response=PLAN_ANSWERS)
def plan_task_restore(request: HttpRequest, project_id: RowId, task_key: str, response: HttpResponse) -> Any:
    """Put a removed task back in its phase, before the task that followed it, with its letters
    and the links other tasks had to it, not started (404 when no task of this key was removed)."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    removal = next(
        (item.pk for item in plan_services.removed_tasks(project) if item.target_key == task_key), 0
    )
    plan_services.plan_task_put_back(
        actor=user,
        project=project,
        expected_version=version_required(request, project.pk),
        removal_id=removal,
    )
    return _plan_edited(user, project.pk, response)


@router.post("/projects/{project_id}/plan/tasks/{task_key}/move", response=PLAN_ANSWERS)
def plan_task_move(
    request: HttpRequest, project_id: RowId, task_key: str, payload: PlanTaskMoveIn, response: HttpResponse
) -> Any:
    """Move a task to a phase, before ``before_key`` (else at the phase's end)."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    plan_services.plan_task_move(
        actor=user,
        project=project,
        expected_version=version_required(request, project.pk),
        task_key=task_key,
        phase_key=payload.phase_key,
        before_key=payload.before_key or None,
    )
    return _plan_edited(user, project.pk, response)


@router.post("/projects/{project_id}/plan/tasks/{task_key}/go-live", response=PLAN_ANSWERS)
def plan_go_live_mark(request: HttpRequest, project_id: RowId, task_key: str, response: HttpResponse) -> Any:
    """Make this milestone the project's go-live: the planned go-live and the forecast become its
    dates (without a choice, the last milestone is the go-live)."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    plan_services.plan_go_live_mark(
        actor=user, project=project, expected_version=version_required(request, project.pk), task_key=task_key
    )
    return _plan_edited(user, project.pk, response)


def _plan_preview(preview: plan_services.PlanPlaybookPreview) -> dict[str, Any]:
    playbook = preview.playbook
    return {
        "key": playbook.key,
        "name": playbook.name,
        "version": playbook.version,
        "tasks": len(playbook.tasks),
        "findings": [{**finding.as_dict(), "name": finding.name} for finding in preview.findings],
    }


@router.get(
    "/projects/{project_id}/plan/playbook", response={200: PlanSavePreviewOut, 403: ErrorBody, 404: ErrorBody}
)
def plan_save_preview(request: HttpRequest, project_id: RowId, query: Query[PlanSaveQuery]) -> Any:
    """What saving the plan as a workspace playbook would add, with the linter's findings; saves
    nothing. Without parameters: the project's playbook key and name, its next free version."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    defaults = plan_services.plan_playbook_defaults(project)
    preview = plan_services.plan_playbook_preview(
        actor=user,
        project=project,
        key=query.key or defaults["key"],
        name=query.name or defaults["name"],
        version=query.version or defaults["version"],
    )
    return _plan_preview(preview)


@router.post(
    "/projects/{project_id}/plan/playbook",
    response={201: PlanSavedOut, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody},
)
def plan_save(request: HttpRequest, project_id: RowId, payload: PlanSaveIn) -> Any:
    """Save the plan (the project's playbook copy with the RACI letters it holds now) as a new
    version in the workspace's catalogue; an existing key and version is refused (422)."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    saved = plan_services.plan_playbook_save(
        actor=user, project=project, key=payload.key, name=payload.name, version=payload.version
    )
    return Status(201, {"id": saved.pk, "key": saved.key, "name": saved.name, "version": saved.version})


# -- project settings, closures, the committed go-live, close and reopen, actual dates ---------

SETTINGS_ANSWERS = {
    200: ProjectSettingsOut,
    403: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
    412: ErrorBody,
    422: ErrorBody,
    428: ErrorBody,
}


def _settings_answer(user: User, project_id: int, response: HttpResponse) -> dict[str, Any]:
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    etag_set(response, project.pk, project.version)
    return settings_of(project)


@router.get("/projects/{project_id}/settings", response={200: ProjectSettingsOut, **NOT_FOUND})
def project_settings_read(request: HttpRequest, project_id: RowId, response: HttpResponse) -> Any:
    """The project's name, calendar, closures, committed go-live and status, with its ETag.
    Vendor admins and managers; others get 404 (docs/project-settings.md)."""
    return _settings_answer(acting_user(request), project_id, response)


@router.patch("/projects/{project_id}/settings", response=SETTINGS_ANSWERS)
def project_settings_update(
    request: HttpRequest, project_id: RowId, payload: ProjectSettingsIn, response: HttpResponse
) -> Any:
    """Rename the project or change its calendar (``country``: a name or a code; a mistyped one
    is refused naming the closest). Needs ``If-Match``; 409 on a closed project."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    settings_services.project_settings_update(
        actor=user,
        project=project,
        expected_version=version_required(request, project.pk),
        name=payload.name if payload.name is not None else project.name,
        country=payload.country if payload.country is not None else project.calendar_country,
        subdivision=payload.subdivision if payload.subdivision is not None else project.calendar_subdivision,
        time_zone=payload.time_zone if payload.time_zone is not None else project.time_zone,
    )
    return _settings_answer(user, project.pk, response)


@router.post("/projects/{project_id}/settings/closures", response=SETTINGS_ANSWERS)
def project_closure_add(
    request: HttpRequest, project_id: RowId, payload: ClosureIn, response: HttpResponse
) -> Any:
    """Add a closure, first and last day included; the plan follows. Needs ``If-Match``."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    settings_services.project_closure_add(
        actor=user,
        project=project,
        expected_version=version_required(request, project.pk),
        start=payload.start,
        end=payload.end,
        label=payload.label,
    )
    return _settings_answer(user, project.pk, response)


@router.delete("/projects/{project_id}/settings/closures/{index}", response=SETTINGS_ANSWERS)
def project_closure_remove(
    request: HttpRequest, project_id: RowId, index: int, response: HttpResponse
) -> Any:
    """Remove the closure at ``index`` (its place in ``closures``). Needs ``If-Match``."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    settings_services.project_closure_remove(
        actor=user, project=project, expected_version=version_required(request, project.pk), index=index
    )
    return _settings_answer(user, project.pk, response)


@router.post("/projects/{project_id}/settings/go-live-reset", response=SETTINGS_ANSWERS)
def project_go_live_reset(
    request: HttpRequest, project_id: RowId, payload: ReasonIn, response: HttpResponse
) -> Any:
    """Commit again to the latest P80 forecast, for a ``reason``; every task's baseline becomes
    today's plan. Needs ``If-Match``."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    settings_services.project_go_live_reset(
        actor=user,
        project=project,
        expected_version=version_required(request, project.pk),
        reason=payload.reason,
    )
    return _settings_answer(user, project.pk, response)


@router.post("/projects/{project_id}/close", response=SETTINGS_ANSWERS)
def project_close(request: HttpRequest, project_id: RowId, payload: ReasonIn, response: HttpResponse) -> Any:
    """Close the project: read-only (every change answers 409 ``project-closed``) until reopened.
    Needs ``If-Match``."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    settings_services.project_close(
        actor=user,
        project=project,
        expected_version=version_required(request, project.pk),
        reason=payload.reason,
    )
    return _settings_answer(user, project.pk, response)


@router.post("/projects/{project_id}/reopen", response=SETTINGS_ANSWERS)
def project_reopen(request: HttpRequest, project_id: RowId, response: HttpResponse) -> Any:
    """Reopen a closed project. Needs ``If-Match``."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id, action=ProjectAction.MANAGE)
    settings_services.project_reopen(
        actor=user, project=project, expected_version=version_required(request, project.pk)
    )
    return _settings_answer(user, project.pk, response)


@router.post(
    "/projects/{project_id}/tasks/{task_id}/actual-dates",
    response={**SETTINGS_ANSWERS, 200: ActualDatesOut},
)
def task_actual_dates_set(
    request: HttpRequest, project_id: RowId, task_id: RowId, payload: ActualDatesIn, response: HttpResponse
) -> Any:
    """Give a task's actual start or finish: its Responsible or a vendor manager (403 for
    others); not in the future, not before the project's start (422). Needs ``If-Match`` with
    the task's ETag."""
    user = acting_user(request)
    project = selectors.project_for(user, project_id)
    task = ProjectTask.objects.filter(project=project, pk=task_id).first()
    if task is None:
        raise NotFound(_("No such task."))
    changed = settings_services.task_actual_dates_set(
        actor=user,
        task=task,
        expected_version=version_required(request, task.pk),
        actual_start=payload.actual_start,
        actual_finish=payload.actual_finish,
    )
    changed.refresh_from_db()
    etag_set(response, changed.pk, changed.version)
    return actual_dates_of(changed)
