"""Project pages: parse the request, call a selector or a service, render. No rules here.

Everyone sees the portfolio and the projects ``visible_projects`` opens to them (404 for the
rest). Creating a project and upgrading one are for the vendor's admins and managers (404 for
others: the catalogue does not exist for them); everyone who sees a project sees its staffing,
which only admins and managers change (others get 403 and a message on a write).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.accounts.forms import COMMON_TIME_ZONES
from accord.accounts.models import User
from accord.activity.verbs import entry_detail, entry_sentence, playbook_names
from accord.base.forms import error_lines, problems_to_form
from accord.catalog.selectors import (
    BUILTIN,
    CatalogEntry,
    available_playbooks,
    catalog_playbook,
    version_sort_key,
)
from accord.domain.errors import InvalidInput, NotFound, Problem, StaleWrite
from accord.domain.planning import PlanningError
from accord.domain.playbook import SIDE_ORDER, Side
from accord.projects import selectors, services
from accord.projects.access import NotAllowed, ProjectAction, allowed
from accord.projects.forms import (
    ALL_STATUSES,
    COMMON_COUNTRIES,
    CUSTOMER_ORGANISATION,
    ParticipantAddForm,
    PartnerAddForm,
    PortfolioFilterForm,
    ProjectCreateForm,
    ProjectInviteForm,
    ProjectUpgradeForm,
    RoleAssignForm,
    RolePersonForm,
    entry_value,
    split_entry_value,
)
from accord.projects.gantt import SCALES as GANTT_SCALES
from accord.projects.gantt import STYLESHEET as GANTT_STYLESHEET
from accord.projects.gantt import page_gantt
from accord.projects.home import roles_explained
from accord.projects.models import Project
from accord.projects.people import invitation_offer_for
from accord.projects.playbook_copy import project_playbook
from accord.projects.selectors import Person, ProjectStaffing, RoleStaffing
from accord.workspaces import services as workspace_services
from accord.workspaces.access import WorkspaceAction, memberships_allowing
from accord.workspaces.models import Membership, MembershipKind
from accord.workspaces.selectors import visible_customers

SIDE_NAMES = {
    Side.VENDOR.value: gettext_lazy("Vendor"),
    Side.CUSTOMER.value: gettext_lazy("Customer"),
    Side.PARTNER.value: gettext_lazy("Partner"),
}


def _portfolio_status(value: str) -> str | None:
    """The status the portfolio lists: active by default, closed, or every one ("all")."""
    if value == ALL_STATUSES:
        return None
    return value or Project.Status.ACTIVE


def _managed_memberships(request: HttpRequest) -> list[Membership]:
    return list(memberships_allowing(request.user, WorkspaceAction.MANAGE))


def _by_side(roles: Iterable[RoleStaffing]) -> list[tuple[str, str, list[RoleStaffing]]]:
    """Roles grouped by side, vendor first: (side, side's name, roles)."""
    roles = list(roles)
    return [
        (side.value, str(SIDE_NAMES[side.value]), [role for role in roles if role.side == side.value])
        for side in SIDE_ORDER
        if any(role.side == side.value for role in roles)
    ]


# -- the portfolio -----------------------------------------------------------------------------


PORTFOLIO_PAGE_SIZE = 50


@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    """Every project the person may see, with its phase, health, forecast and late tasks."""
    form = PortfolioFilterForm(request.GET or None, customers=visible_customers(request.user))
    form.is_valid()
    filters: dict[str, Any] = getattr(form, "cleaned_data", {})
    listing = selectors.portfolio_page(
        request.user,
        customer=filters.get("customer"),
        status=_portfolio_status(filters.get("status") or ""),
        late_only=bool(filters.get("late")),
        search=filters.get("q") or "",
        health=filters.get("health") or None,
    )
    # Rendering is most of a long portfolio's time (the page bench: 500 rows took 400 ms), and
    # nobody reads 500 rows at once: a page of PORTFOLIO_PAGE_SIZE, filters kept across pages.
    page = Paginator(listing.rows, PORTFOLIO_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/portfolio.html",
        {
            "form": form,
            "rows": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(filters.values()),
            "may_create": listing.may_create,
        },
    )


# -- a new project -----------------------------------------------------------------------------


def _creation_membership(request: HttpRequest) -> Membership | None:
    """The workspace the new project goes to (the person must manage it, else 404); None when
    the person manages several and has not chosen yet."""
    managed = _managed_memberships(request)
    if not managed:
        raise NotFound(_("No such workspace."))
    wanted = request.POST.get("workspace") or request.GET.get("workspace")
    if wanted:
        found = next((item for item in managed if str(item.workspace_id) == wanted), None)
        if found is None:
            raise NotFound(_("No such workspace."))
        return found
    return managed[0] if len(managed) == 1 else None


def _chosen_entry(request: HttpRequest, entries: Sequence[CatalogEntry]) -> CatalogEntry:
    wanted = request.POST.get("playbook") or request.GET.get("playbook") or ""
    key, version = split_entry_value(wanted)
    for entry in entries:
        if entry.key == key and entry.version == version:
            return entry
    # A key without a known version: its newest; nothing known: the newest of the first playbook.
    for entry in entries:
        if entry.key == key and entry.is_latest:
            return entry
    return next(entry for entry in entries if entry.is_latest)


def _creation_form(
    request: HttpRequest, membership: Membership, *, bound: bool
) -> tuple[ProjectCreateForm, CatalogEntry]:
    workspace = membership.workspace
    entries = available_playbooks(request.user, workspace.pk)
    entry = _chosen_entry(request, entries)
    playbook = catalog_playbook(request.user, workspace.pk, entry.key, entry.version)
    options: dict[str, Any] = {"workspace": workspace, "entries": entries, "playbook": playbook}
    if bound:
        form = ProjectCreateForm(request.POST, **options)
    else:
        # Shown again after a change of playbook: keep what was typed, check nothing yet.
        source = request.POST if request.method == "POST" else request.GET
        initial: dict[str, Any] = {"start_date": timezone.localdate(), "playbook": entry_value(entry)}
        initial |= {
            name: source.get(name) for name in source if name not in {"csrfmiddlewaretoken", "refresh"}
        }
        initial["partners"] = source.getlist("partners")
        initial["playbook"] = entry_value(entry)
        form = ProjectCreateForm(initial=initial, **options)
    form.fields["playbook"].widget.attrs.update(
        {
            "hx-get": reverse("projects:new-options"),
            "hx-target": "#playbook-options",
            "hx-include": "[name='workspace']",
        }
    )
    return form, entry


def _creation_page(
    request: HttpRequest, membership: Membership, form: ProjectCreateForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "projects/project_new.html",
        {
            "workspace": membership.workspace,
            "form": form,
            "countries": COMMON_COUNTRIES,
            "time_zones": COMMON_TIME_ZONES,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    """Start a project from a playbook of the catalogue; then on to its staffing."""
    membership = _creation_membership(request)
    if membership is None:
        return render(
            request, "projects/project_new_workspace.html", {"memberships": _managed_memberships(request)}
        )
    submitted = request.method == "POST" and "refresh" not in request.POST
    form, entry = _creation_form(request, membership, bound=submitted)
    if not submitted or not form.is_valid():
        return _creation_page(request, membership, form, status=422 if submitted else 200)
    creation = form.creation(playbook_source=BUILTIN if entry.is_builtin else "catalogue")
    try:
        project = services.project_create(actor=acting_user(request), creation=creation)
    except InvalidInput as error:
        for problem in error.problems:
            message = " ".join(filter(None, [problem.message, problem.hint]))
            form.add_error(form.field_for(problem.where or ""), message)
        return _creation_page(request, membership, form, status=422)
    except PlanningError as error:
        form.add_error("playbook", " ".join(error_lines(error)))
        return _creation_page(request, membership, form, status=422)
    messages.success(request, _("Project %(name)s created. Now staff its roles.") % {"name": project.name})
    return redirect("projects:staffing", project_id=project.pk)


@require_GET
def project_new_options(request: HttpRequest) -> HttpResponse:
    """The fields that follow the playbook (path, owner choices), for htmx to swap in."""
    membership = _creation_membership(request)
    if membership is None:
        raise Http404("Choose a workspace first")
    form, _entry = _creation_form(request, membership, bound=False)
    return render(request, "projects/project_new.html#playbook-options", {"form": form})


# -- one project -------------------------------------------------------------------------------


@require_GET
def project_overview(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's home: progress, the Gantt chart, milestones, people, contacts, activity."""
    overview = selectors.project_overview(request.user, project_id)
    project = overview.project
    role_names = {role.key: role.name for role in overview.roles}
    playbook = project_playbook(project)
    variant_names = {variant.key: variant.name for variant in playbook.variants}
    names = playbook_names(playbook)
    return render(
        request,
        "projects/project_overview.html",
        {
            "overview": overview,
            "project": project,
            "gantt": page_gantt(project, request.GET.get("scale", "")),
            "gantt_scales": GANTT_SCALES,
            "sides": _by_side(overview.roles),
            "contacts": [
                (contact, role_names.get(contact.handed_over_to, contact.handed_over_to))
                for contact in overview.main_contacts
            ],
            "variant_name": variant_names.get(project.variant, project.variant),
            "activity": [
                (entry, entry_sentence(entry, names), entry_detail(entry))
                for entry in overview.recent_activity
            ],
            "may_manage": allowed(request.user, ProjectAction.MANAGE, project),
            "section": "overview",
        },
    )


@login_not_required
@require_GET
@cache_control(max_age=3600, public=True)
def gantt_style(request: HttpRequest) -> HttpResponse:
    """The Gantt chart's own rules, as a stylesheet (the chart is inline in the page)."""
    return HttpResponse(GANTT_STYLESHEET, content_type="text/css; charset=utf-8")


# -- staffing ----------------------------------------------------------------------------------


def _staffing_sides(
    staffing: ProjectStaffing,
) -> list[tuple[str, str, list[tuple[RoleStaffing, list[Person]]]]]:
    """Roles by side, each with the people who could still be added to it."""
    return [
        (
            side,
            name,
            [
                (role, [p for p in staffing.assignable if p.user.pk not in {m.user.pk for m in role.people}])
                for role in roles
            ],
        )
        for side, name, roles in _by_side(staffing.roles)
    ]


def _staffing_page(
    request: HttpRequest,
    staffing: ProjectStaffing,
    *,
    errors: Sequence[str] = (),
    error_role: str = "",
    invite_form: ProjectInviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    project = staffing.project
    return render(
        request,
        "projects/project_staffing.html",
        {
            "project": project,
            "staffing": staffing,
            "sides": _staffing_sides(staffing),
            "roles_explained": roles_explained(project),
            "may_manage": allowed(request.user, ProjectAction.MANAGE, project),
            "errors": errors,
            "error_role": error_role,
            "invite_form": invite_form
            or ProjectInviteForm(
                customer=project.customer, partners=staffing.partners, roles=_invitable_roles(staffing)
            ),
            "partner_form": PartnerAddForm(partners=staffing.other_partners),
            "section": "staffing",
        },
        status=status,
    )


@require_GET
def project_staffing(request: HttpRequest, project_id: int) -> HttpResponse:
    """Each role of the playbook with its people and lead; managers change them here."""
    return _staffing_page(request, selectors.project_staffing(request.user, project_id))


StaffingChange = Callable[[User, ProjectStaffing], str]


def _staffing_change(
    request: HttpRequest, project_id: int, change: StaffingChange, role: str = ""
) -> HttpResponse:
    """Run one staffing change; success goes back to the page, a refusal shows on it."""
    staffing = selectors.project_staffing(request.user, project_id)
    try:
        message = change(acting_user(request), staffing)
    except NotAllowed as error:
        return _staffing_page(request, staffing, errors=error_lines(error), status=403)
    except InvalidInput as error:
        return _staffing_page(request, staffing, errors=error_lines(error), error_role=role, status=422)
    messages.success(request, message)
    return redirect("projects:staffing", project_id=staffing.project.pk)


def _invalid_form(form: Any) -> InvalidInput:
    return InvalidInput(
        [
            Problem("form-invalid", f"{form.fields[name].label}: {' '.join(errors)}", where=name)
            if name in form.fields
            else Problem("form-invalid", " ".join(errors))
            for name, errors in form.errors.items()
        ]
    )


def _person(staffing: ProjectStaffing, user_id: int) -> User:
    return next(person.user for person in staffing.assignable if person.user.pk == user_id)


@require_POST
def role_assign(request: HttpRequest, project_id: int) -> HttpResponse:
    def change(actor: User, staffing: ProjectStaffing) -> str:
        form = RoleAssignForm(
            request.POST,
            role_keys=[role.key for role in staffing.roles],
            users=[person.user for person in staffing.assignable],
        )
        if not form.is_valid():
            raise _invalid_form(form)
        user = _person(staffing, form.cleaned_data["user"])
        services.role_assign(
            actor=actor,
            project=staffing.project,
            role_key=form.cleaned_data["role"],
            user=user,
            lead=form.cleaned_data["lead"],
            confirm_cross_side=form.cleaned_data["confirm_cross_side"],
        )
        return _("%(person)s now holds this role.") % {"person": user.get_full_name() or user.email}

    return _staffing_change(request, project_id, change, role=request.POST.get("role", ""))


def _role_person(request: HttpRequest, staffing: ProjectStaffing) -> tuple[str, User]:
    staffed = {member.user.pk: member.user for role in staffing.roles for member in role.people}
    form = RolePersonForm(
        request.POST, role_keys=[role.key for role in staffing.roles], users=staffed.values()
    )
    if not form.is_valid():
        raise _invalid_form(form)
    return form.cleaned_data["role"], staffed[form.cleaned_data["user"]]


@require_POST
def role_unassign(request: HttpRequest, project_id: int) -> HttpResponse:
    def change(actor: User, staffing: ProjectStaffing) -> str:
        role, user = _role_person(request, staffing)
        services.role_unassign(actor=actor, project=staffing.project, role_key=role, user=user)
        return _("%(person)s no longer holds this role.") % {"person": user.get_full_name() or user.email}

    return _staffing_change(request, project_id, change, role=request.POST.get("role", ""))


@require_POST
def role_lead(request: HttpRequest, project_id: int) -> HttpResponse:
    def change(actor: User, staffing: ProjectStaffing) -> str:
        role, user = _role_person(request, staffing)
        services.role_lead_set(actor=actor, project=staffing.project, role_key=role, user=user)
        return _("%(person)s now leads this role.") % {"person": user.get_full_name() or user.email}

    return _staffing_change(request, project_id, change, role=request.POST.get("role", ""))


@require_POST
def participant_add(request: HttpRequest, project_id: int) -> HttpResponse:
    def change(actor: User, staffing: ProjectStaffing) -> str:
        form = ParticipantAddForm(request.POST, people=staffing.waiting_contacts)
        if not form.is_valid():
            raise _invalid_form(form)
        user = next(p.user for p in staffing.waiting_contacts if p.user.pk == form.cleaned_data["user"])
        services.participant_add(actor=actor, project=staffing.project, user=user)
        return _("%(person)s now takes part in the project.") % {"person": user.get_full_name() or user.email}

    return _staffing_change(request, project_id, change)


@require_POST
def partner_add(request: HttpRequest, project_id: int) -> HttpResponse:
    def change(actor: User, staffing: ProjectStaffing) -> str:
        form = PartnerAddForm(request.POST, partners=staffing.other_partners)
        if not form.is_valid():
            raise _invalid_form(form)
        partner = form.cleaned_data["partner"]
        services.partner_add(actor=actor, project=staffing.project, partner=partner)
        return _("%(partner)s now works on the project.") % {"partner": partner.name}

    return _staffing_change(request, project_id, change)


def _invitable_roles(staffing: selectors.ProjectStaffing) -> list[tuple[str, str]]:
    """The roles a contact may be invited into: the customer's and the partners' roles."""
    return [(role.key, role.name) for role in staffing.roles if role.side != "vendor"]


@require_POST
def project_invite(request: HttpRequest, project_id: int) -> HttpResponse:
    """Invite a contact of the project's customer or of one of its partners into the workspace."""
    staffing = selectors.project_staffing(request.user, project_id)
    project = staffing.project
    actor = acting_user(request)
    form = ProjectInviteForm(
        request.POST, customer=project.customer, partners=staffing.partners, roles=_invitable_roles(staffing)
    )
    if not allowed(actor, ProjectAction.INVITE, project):
        return _staffing_page(
            request,
            staffing,
            errors=[_("Only the vendor's admins and managers can invite people to this project.")],
            status=403,
        )
    if not form.is_valid():
        return _staffing_page(request, staffing, invite_form=form, status=422)
    organisation = form.cleaned_data["organisation"]
    partner = next((p for p in staffing.partners if organisation == f"partner-{p.pk}"), None)
    role_side = next(
        (role.side for role in staffing.roles if role.key == form.cleaned_data["role_key"]), None
    )
    if role_side is not None and role_side != ("customer" if partner is None else "partner"):
        form.add_error(
            "role_key",
            _(
                "Choose a role of their side: a customer's contact takes a customer role, a partner's "
                "contact a partner role."
            ),
        )
        return _staffing_page(request, staffing, invite_form=form, status=422)
    try:
        invitation = workspace_services.invitation_create(
            actor=actor,
            workspace=project.workspace,
            email=form.cleaned_data["email"],
            kind=MembershipKind.CUSTOMER_CONTACT
            if organisation == CUSTOMER_ORGANISATION
            else MembershipKind.PARTNER_CONTACT,
            customer=project.customer if organisation == CUSTOMER_ORGANISATION else None,
            partner=partner,
            language=get_language() or "en",
            offer=invitation_offer_for(project, form.cleaned_data["role_key"]),
        )
    except InvalidInput as error:
        problems_to_form(form, error, default_field="email")
        return _staffing_page(request, staffing, invite_form=form, status=422)
    except NotFound as error:
        return _staffing_page(request, staffing, errors=error_lines(error), status=403)
    if partner is not None:
        text = _("Invitation sent to %(email)s. Once they accept, add them to the project below.")
    else:
        text = _("Invitation sent to %(email)s. Once they accept, they see the project.")
    messages.success(request, text % {"email": invitation.email})
    return redirect("projects:staffing", project_id=project.pk)


# -- upgrade -----------------------------------------------------------------------------------


def _newer_versions(request: HttpRequest, project: Project) -> list[CatalogEntry]:
    current = version_sort_key(project.playbook_version)
    return [
        entry
        for entry in available_playbooks(request.user, project.workspace_id)
        if entry.key == project.playbook_key and version_sort_key(entry.version) > current
    ]


def _upgrade_page(
    request: HttpRequest,
    project: Project,
    versions: list[CatalogEntry],
    *,
    form: ProjectUpgradeForm,
    status: int = 200,
    **values: Any,
) -> HttpResponse:
    return render(
        request,
        "projects/project_upgrade.html",
        {
            "project": project,
            "versions": versions,
            "form": form,
            "section": "upgrade",
            "may_manage": True,
            **values,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def project_upgrade(request: HttpRequest, project_id: int) -> HttpResponse:
    """Choose a newer version of the project's playbook, see what would change, confirm."""
    # Someone who may not upgrade the project gets 404: the page does not exist for them.
    project = selectors.project_for(request.user, project_id, action=ProjectAction.MANAGE)
    actor = acting_user(request)
    versions = _newer_versions(request, project)
    if request.method == "GET":
        chosen = request.GET.get("version", "")
        form = ProjectUpgradeForm(
            initial={"version": chosen, "expected_version": project.version}, versions=versions
        )
        entry = next((item for item in versions if item.version == chosen), None)
        if entry is None:
            return _upgrade_page(request, project, versions, form=form)
        playbook = catalog_playbook(actor, project.workspace_id, entry.key, entry.version)
        try:
            diff = services.project_upgrade_preview(actor=actor, project=project, playbook=playbook)
        except InvalidInput as error:
            return _upgrade_page(
                request, project, versions, form=form, entry=entry, errors=error_lines(error), status=422
            )
        return _upgrade_page(request, project, versions, form=form, entry=entry, diff=diff)

    form = ProjectUpgradeForm(request.POST, versions=versions)
    if not form.is_valid():
        return _upgrade_page(request, project, versions, form=form, status=422)
    entry = next(item for item in versions if item.version == form.cleaned_data["version"])
    playbook = catalog_playbook(actor, project.workspace_id, entry.key, entry.version)
    try:
        project = services.project_upgrade(
            actor=actor,
            project=project,
            playbook=playbook,
            expected_version=form.cleaned_data["expected_version"],
            playbook_source=BUILTIN if entry.is_builtin else "catalogue",
        )
    except StaleWrite as error:
        return _upgrade_page(
            request, project, versions, form=form, entry=entry, errors=error_lines(error), status=409
        )
    except (InvalidInput, PlanningError) as error:
        return _upgrade_page(
            request, project, versions, form=form, entry=entry, errors=error_lines(error), status=422
        )
    messages.success(
        request,
        _("The project now follows %(name)s %(version)s.")
        % {"name": project.playbook_name, "version": project.playbook_version},
    )
    return redirect("projects:overview", project_id=project.pk)
