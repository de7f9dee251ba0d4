"""Need and design pages: parse the request, call a selector or a service, render. No rules here.

Everyone who sees a project sees its design pages and writes its needs and design records with
the vendor (404 for everyone else). Internal notes reach only the vendor's staff. Discovery
sessions are scheduled by the vendor's staff; the variant switch and the decision tree's settings
are for the vendor's admins and managers (404 for others).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.base.forms import error_lines, problems_to_form
from accord.base.words import day_text
from accord.design import selectors, services
from accord.design.forms import (
    AnswerStepForm,
    DiscoveryForm,
    FlowForm,
    ItemForm,
    NeedForm,
    QuestionAnswerForm,
    ReviewForm,
    TreeForm,
    VersionForm,
)
from accord.design.models import Need
from accord.design.selectors import DesignPage
from accord.domain.errors import AccordError, InvalidInput, StaleWrite
from accord.domain.planning import PlanningError
from accord.formats.design.decision_tree_yaml import dump_decision_tree
from accord.formats.design.discovery_ics import series_to_ics
from accord.formats.design.overview_pptx import overview_to_pptx
from accord.formats.design.sequence import sequence_from_flows, sequence_to_mermaid
from accord.formats.design.sequence_svg import STYLE as SEQUENCE_STYLE
from accord.formats.design.sequence_svg import sequence_to_svg
from accord.projects.access import Audience, NotAllowed, ProjectAccess, ProjectAction
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import project_today
from accord.projects.selectors import project_staffing
from accord.projects.variants import project_variant_preview

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def language() -> str:
    """The language the pages write generated text in: the person's (the active one)."""
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def _frame(access: ProjectAccess, **values: Any) -> dict[str, Any]:
    return {
        "project": access.project,
        "section": "design",
        "may_manage": access.allows(ProjectAction.MANAGE),
        "may_schedule": access.allows(ProjectAction.SCHEDULE_MEETINGS),
        "staff": access.audience is Audience.INTERNAL,
        **values,
    }


def _download_name(project: Project, suffix: str) -> str:
    return f"{slugify(project.name) or 'project'}-{suffix}"


# -- the design page -----------------------------------------------------------------------------


def _need_rows(page: DesignPage) -> list[tuple[Need, str, int]]:
    lang = language()
    return [
        (need, selectors.need_statement(need, lang), len(selectors.need_warnings(need)))
        for need in page.needs
    ]


@require_GET
def design_home(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's needs, discovery sessions, design reviews, flows and open questions."""
    page = selectors.design_page(request.user, project_id)
    return render(
        request,
        "design/home.html",
        _frame(
            page.access,
            page=page,
            needs=_need_rows(page),
            review_form=ReviewForm(staff=page.access.audience is Audience.INTERNAL),
        ),
    )


# -- needs ---------------------------------------------------------------------------------------


def _need_form_page(
    request: HttpRequest, access: ProjectAccess, form: NeedForm, need: Need | None, status: int = 200
) -> HttpResponse:
    warnings = []
    if form.is_bound and form.is_valid():
        warnings = selectors.need_warnings(form.parts().pure())
    return render(
        request,
        "design/need_form.html",
        _frame(access, form=form, need=need, warnings=warnings),
        status=status,
    )


def _need_saved(
    request: HttpRequest, access: ProjectAccess, form: NeedForm, need: Need | None
) -> HttpResponse:
    if not form.is_valid():
        return _need_form_page(request, access, form, need, status=422)
    try:
        need = services.need_write(
            actor=acting_user(request),
            project=access.project,
            parts=form.parts(),
            need=need,
            expected_version=form.cleaned_data.get("version"),
        )
    except InvalidInput as error:
        problems_to_form(form, error)
        return _need_form_page(request, access, form, need, status=422)
    except StaleWrite as error:
        form.add_error(None, " ".join(error_lines(error)))
        return _need_form_page(request, access, form, need, status=409)
    messages.success(request, _("Version %(version)s of the need is saved.") % {"version": need.version})
    return redirect("design:need", project_id=access.project.pk, need_id=need.pk)


@require_http_methods(["GET", "POST"])
def need_new(request: HttpRequest, project_id: int) -> HttpResponse:
    """The guided form of a new need."""
    access = selectors.design_access(request.user, project_id)
    staff = access.audience is Audience.INTERNAL
    if request.method == "GET":
        return _need_form_page(request, access, NeedForm(staff=staff), None)
    return _need_saved(request, access, NeedForm(request.POST, staff=staff), None)


def _need_initial(need: Need) -> dict[str, Any]:
    return {
        "action": need.action,
        "target_platform": need.target_platform,
        "trigger": need.trigger,
        "trigger_platform": need.trigger_platform,
        "trigger_field": need.trigger_field,
        "trigger_from": need.trigger_from,
        "trigger_to": need.trigger_to,
        "fields_text": ", ".join(need.fields),
        "goal": need.goal,
        "check_unique": need.check_unique,
        "check_identifiable": need.check_identifiable,
        "check_no_special_cases": need.check_no_special_cases,
        "internal_note": need.internal_note,
        "version": need.version,
    }


@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, project_id: int, need_id: int) -> HttpResponse:
    """Edit a need: saving makes a new version; the earlier ones stay readable."""
    access = selectors.design_access(request.user, project_id)
    need = selectors.need_of(access.project, need_id)
    staff = access.audience is Audience.INTERNAL
    if request.method == "GET":
        selectors.for_audience([need], access.audience)
        return _need_form_page(request, access, NeedForm(initial=_need_initial(need), staff=staff), need)
    return _need_saved(request, access, NeedForm(request.POST, staff=staff), need)


def _need_page(
    request: HttpRequest,
    access: ProjectAccess,
    need: Need,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    project = access.project
    lang = language()
    tree = selectors.workspace_tree(project.workspace_id)
    walked = selectors.need_walk(need, tree)
    cases = selectors.playbook_cases(project)
    selectors.for_audience([need], access.audience)
    versions = selectors.for_audience(selectors.need_versions(need), access.audience)
    return render(
        request,
        "design/need.html",
        _frame(
            access,
            need=need,
            statement=selectors.need_statement(need, lang),
            warnings=selectors.need_warnings(need),
            versions=versions,
            tree=tree,
            walk=walked,
            lang=lang,
            cases=cases,
            case_name=cases.get(need.case, need.case),
            offer_switch=bool(walked.leaf and need.case in cases and project.variant != need.case),
            errors=errors or [],
        ),
        status=status,
    )


@require_GET
def need_detail(request: HttpRequest, project_id: int, need_id: int) -> HttpResponse:
    """A need: its statement, warnings, versions and the decision tree walked from its answers."""
    access = selectors.design_access(request.user, project_id)
    return _need_page(request, access, selectors.need_of(access.project, need_id))


@require_GET
def need_version(request: HttpRequest, project_id: int, need_id: int, version: int) -> HttpResponse:
    """An earlier version of a need, as it was written."""
    access = selectors.design_access(request.user, project_id)
    need = selectors.need_of(access.project, need_id)
    row = selectors.for_audience([selectors.need_version(need, version)], access.audience)[0]
    return render(
        request,
        "design/need_version.html",
        _frame(
            access,
            need=need,
            row=row,
            statement=selectors.need_statement(row, language()),
            warnings=selectors.need_warnings(row),
            data=row.data,
        ),
    )


@require_POST
def need_walk(request: HttpRequest, project_id: int, need_id: int) -> HttpResponse:
    """Answer the decision tree's next question for a need (or start over)."""
    access = selectors.design_access(request.user, project_id)
    need = selectors.need_of(access.project, need_id)
    form = AnswerStepForm(request.POST)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    try:
        services.need_answer(
            actor=acting_user(request),
            need=need,
            question=data.get("question", ""),
            answer=data.get("answer", ""),
            restart=bool(data.get("restart")),
        )
    except InvalidInput as error:
        return _need_page(request, access, need, errors=error_lines(error), status=422)
    return redirect("design:need", project_id=access.project.pk, need_id=need.pk)


@require_http_methods(["GET", "POST"])
def need_switch(request: HttpRequest, project_id: int, need_id: int) -> HttpResponse:
    """Preview, then make, the switch of the project to the variant the need's case names."""
    access = selectors.design_access(request.user, project_id, ProjectAction.MANAGE)
    project = access.project
    need = selectors.need_of(project, need_id)
    actor = acting_user(request)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                services.need_switch_variant(
                    actor=actor, need=need, expected_version=form.cleaned_data["expected_version"]
                )
            except (InvalidInput, StaleWrite, PlanningError) as error:
                errors, status = error_lines(error), 409
            else:
                messages.success(request, _("The project now follows the variant of this case."))
                return redirect("design:need", project_id=project.pk, need_id=need.pk)
        else:
            errors, status = [_("Reload the page and try again.")], 422
        project.refresh_from_db()
    cases = selectors.playbook_cases(project)
    preview = None
    if need.case in cases:
        preview = project_variant_preview(actor=actor, project=project, variant=need.case)
    return render(
        request,
        "design/need_switch.html",
        _frame(
            access,
            need=need,
            preview=preview,
            case_name=cases.get(need.case, need.case),
            form=VersionForm(initial={"expected_version": project.version}),
            errors=errors,
        ),
        status=status,
    )


# -- discovery ----------------------------------------------------------------------------------


def _discovery_page(
    request: HttpRequest, access: ProjectAccess, form: DiscoveryForm | None = None, status: int = 200
) -> HttpResponse:
    project = access.project
    tasks = list(ProjectTask.objects.filter(project=project).order_by("position"))
    if form is None:
        defaults = selectors.discovery_defaults(project, project_today(project))
        form = DiscoveryForm(
            initial={
                "task": defaults.task.pk if defaults.task else None,
                "title": defaults.task.name if defaults.task else _("Discovery sessions"),
                "first_day": defaults.first_day,
                "at": defaults.at,
                "minutes": defaults.minutes,
                "count": defaults.count,
                "send": True,
            },
            tasks=tasks,
        )
    series = list(project.discovery_series.order_by("-created_at", "-pk"))
    return render(
        request,
        "design/discovery.html",
        _frame(
            access,
            form=form,
            series=[(item, [dt.date.fromisoformat(day) for day in item.days]) for item in series],
        ),
        status=status,
    )


@require_http_methods(["GET", "POST"])
def discovery(request: HttpRequest, project_id: int) -> HttpResponse:
    """The discovery sessions of the project; the vendor's staff schedule them and send the
    invitations."""
    access = selectors.design_access(request.user, project_id)
    if request.method == "GET":
        return _discovery_page(request, access)
    project = access.project
    tasks = list(ProjectTask.objects.filter(project=project).order_by("position"))
    form = DiscoveryForm(request.POST, tasks=tasks)
    if not access.allows(ProjectAction.SCHEDULE_MEETINGS):
        form.is_valid()
        form.add_error(None, _("Only the vendor's staff schedule the discovery sessions."))
        return _discovery_page(request, access, form, status=403)
    if not form.is_valid():
        return _discovery_page(request, access, form, status=422)
    data = form.cleaned_data
    task = next((item for item in tasks if item.pk == data["task"]), None)
    try:
        series = services.discovery_schedule(
            actor=acting_user(request),
            project=project,
            request=services.SeriesRequest(
                task=task,
                title=data["title"],
                first_day=data["first_day"],
                at=data["at"],
                minutes=data["minutes"],
                count=data["count"],
                include_informed=data["include_informed"],
                send=data["send"],
            ),
        )
    except InvalidInput as error:
        problems_to_form(form, error)
        return _discovery_page(request, access, form, status=422)
    messages.success(
        request,
        _("%(count)s sessions scheduled from %(day)s.") % {"count": series.count, "day": series.days[0]},
    )
    return redirect("design:discovery", project_id=project.pk)


@require_GET
def discovery_ics(request: HttpRequest, project_id: int, series_id: int) -> HttpResponse:
    """The ``.ics`` invitation of a discovery series."""
    access = selectors.design_access(request.user, project_id)
    series = selectors.series_of(access.project, series_id)
    invitation = selectors.meeting_series(series, organiser=series.created_by)
    response = HttpResponse(
        series_to_ics(invitation, language=language()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_download_name(access.project, "discovery.ics")}"'
    )
    return response


# -- design reviews ------------------------------------------------------------------------------


@require_POST
def review_new(request: HttpRequest, project_id: int) -> HttpResponse:
    """Record a BDR or TDR; then on to its page to add flows, mappings and records."""
    access = selectors.design_access(request.user, project_id)
    form = ReviewForm(request.POST, staff=access.audience is Audience.INTERNAL)
    if not form.is_valid():
        page = selectors.design_page(request.user, project_id)
        return render(
            request,
            "design/home.html",
            _frame(access, page=page, needs=_need_rows(page), review_form=form),
            status=422,
        )
    review = services.review_record(
        actor=acting_user(request),
        project=access.project,
        kind=form.cleaned_data["kind"],
        held_on=form.cleaned_data["held_on"],
        summary=form.cleaned_data["summary"],
        internal_note=form.cleaned_data.get("internal_note", ""),
    )
    return redirect("design:review", project_id=access.project.pk, review_id=review.pk)


def _people(request: HttpRequest, project_id: int) -> list[Any]:
    return [person.user for person in project_staffing(request.user, project_id).assignable]


def _review_page(
    request: HttpRequest,
    access: ProjectAccess,
    review_id: int,
    *,
    flow_form: FlowForm | None = None,
    item_form: ItemForm | None = None,
    status: int = 200,
) -> HttpResponse:
    project = access.project
    review = selectors.for_audience([selectors.review_of(project, review_id)], access.audience)[0]
    people = _people(request, project.pk)
    return render(
        request,
        "design/review.html",
        _frame(
            access,
            review=review,
            flows=[flow for flow in selectors.project_flows(project) if flow.review_id == review.pk],
            items=list(review.items.select_related("owner").order_by("kind", "created_at", "pk")),
            flow_form=flow_form or FlowForm(),
            item_form=item_form or ItemForm(people=people),
            answer_form=QuestionAnswerForm(),
            user_id=request.user.pk,
        ),
        status=status,
    )


@require_GET
def review_detail(request: HttpRequest, project_id: int, review_id: int) -> HttpResponse:
    """A design review: its flows with their mappings, rules, requirements, decisions, questions."""
    return _review_page(request, selectors.design_access(request.user, project_id), review_id)


@require_POST
def flow_add(request: HttpRequest, project_id: int, review_id: int) -> HttpResponse:
    access = selectors.design_access(request.user, project_id)
    review = selectors.review_of(access.project, review_id)
    form = FlowForm(request.POST)
    if not form.is_valid():
        return _review_page(request, access, review_id, flow_form=form, status=422)
    try:
        flow = services.flow_add(
            actor=acting_user(request), project=access.project, flow=form.flow(), review=review
        )
    except InvalidInput as error:
        problems_to_form(form, error, default_field="mappings")
        return _review_page(request, access, review_id, flow_form=form, status=422)
    messages.success(request, _("Flow %(name)s added.") % {"name": flow.name})
    return redirect("design:review", project_id=access.project.pk, review_id=review.pk)


@require_POST
def item_add(request: HttpRequest, project_id: int, review_id: int) -> HttpResponse:
    access = selectors.design_access(request.user, project_id)
    review = selectors.review_of(access.project, review_id)
    form = ItemForm(request.POST, people=_people(request, project_id))
    if not form.is_valid():
        return _review_page(request, access, review_id, item_form=form, status=422)
    data = form.cleaned_data
    try:
        services.item_add(
            actor=acting_user(request),
            project=access.project,
            request=services.ItemRequest(
                kind=data["kind"],
                text=data["text"],
                detail=data["detail"],
                owner=data["owner"],
                due=data["due"],
                review=review,
            ),
        )
    except InvalidInput as error:
        problems_to_form(form, error)
        return _review_page(request, access, review_id, item_form=form, status=422)
    messages.success(request, _("Added to the design review."))
    return redirect("design:review", project_id=access.project.pk, review_id=review.pk)


@require_POST
def question_answer(request: HttpRequest, project_id: int, item_id: int) -> HttpResponse:
    """Answer an open question (its owner, or a vendor manager)."""
    access = selectors.design_access(request.user, project_id)
    item = selectors.item_of(access.project, item_id)
    item.project = access.project
    form = QuestionAnswerForm(request.POST)
    back = (
        redirect("design:review", project_id=access.project.pk, review_id=item.review_id)
        if item.review_id
        else redirect("design:home", project_id=access.project.pk)
    )
    if not form.is_valid():
        messages.error(request, _("Write the answer."))
        return back
    try:
        services.question_answer(actor=acting_user(request), item=item, answer=form.cleaned_data["answer"])
    except NotAllowed as error:
        messages.error(request, " ".join(error_lines(error)))
        response = back
        response.status_code = 403
        return response
    except AccordError as error:
        messages.error(request, " ".join(error_lines(error)))
        return back
    messages.success(request, _("The question is answered."))
    return back


# -- the sequence diagram and the overview slide -------------------------------------------------


def _diagram(access: ProjectAccess) -> Any:
    flows = selectors.flows_domain(selectors.project_flows(access.project))
    return sequence_from_flows(flows, title=access.project.name, language=language())


def inline_svg(svg: str) -> SafeString:
    """The SVG without its <style> (the page's policy refuses inline styles; sequence_style serves
    the same rules). Every text of the drawing is escaped by ElementTree."""
    return mark_safe(svg.replace(f"<style>{SEQUENCE_STYLE}</style>", ""))  # noqa: S308


@require_GET
def sequence(request: HttpRequest, project_id: int) -> HttpResponse:
    """The sequence diagram of the project's flows: Mermaid text to copy, and the drawing."""
    access = selectors.design_access(request.user, project_id)
    diagram = _diagram(access)
    return render(
        request,
        "design/sequence.html",
        _frame(
            access,
            mermaid=sequence_to_mermaid(diagram),
            svg=inline_svg(sequence_to_svg(diagram, language=language())),
            diagram=diagram,
        ),
    )


@require_GET
def sequence_svg(request: HttpRequest, project_id: int) -> HttpResponse:
    access = selectors.design_access(request.user, project_id)
    response = HttpResponse(
        sequence_to_svg(_diagram(access), language=language()), content_type="image/svg+xml"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_download_name(access.project, "sequence.svg")}"'
    )
    return response


@require_GET
def sequence_mermaid(request: HttpRequest, project_id: int) -> HttpResponse:
    access = selectors.design_access(request.user, project_id)
    response = HttpResponse(sequence_to_mermaid(_diagram(access)), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_download_name(access.project, "sequence.mmd")}"'
    )
    return response


@login_not_required
@require_GET
@cache_control(max_age=3600, public=True)
def sequence_style(request: HttpRequest) -> HttpResponse:
    """The sequence diagram's own rules, as a stylesheet (the diagram is inline in the page)."""
    return HttpResponse(SEQUENCE_STYLE, content_type="text/css; charset=utf-8")


@require_GET
def overview_pptx(request: HttpRequest, project_id: int) -> HttpResponse:
    """The integration overview slide, in the person's language."""
    access = selectors.design_access(request.user, project_id)
    spoken = language()
    content = overview_to_pptx(
        selectors.integration_overview(access.project),
        language=spoken,
        day_text=partial(day_text, language=spoken),
    )
    response = HttpResponse(content, content_type=PPTX)
    response["Content-Disposition"] = (
        f'attachment; filename="{_download_name(access.project, "overview.pptx")}"'
    )
    return response


# -- the workspace's decision tree ---------------------------------------------------------------


def _tree_page(
    request: HttpRequest, workspace: Any, form: TreeForm, status: int = 200, **values: Any
) -> HttpResponse:
    row = selectors.workspace_tree_row(workspace.pk)
    tree = selectors.workspace_tree(workspace.pk)
    return render(
        request,
        "design/tree_settings.html",
        {
            "workspace": workspace,
            "may_manage": True,
            "section": "decision-tree",
            "form": form,
            "row": row,
            "tree": tree,
            "lang": language(),
            **values,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def tree_settings(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace's decision tree, edited as YAML; a tree whose paths do not all end in a
    leaf is refused with the path named."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    if request.method == "GET":
        text = dump_decision_tree(selectors.workspace_tree(workspace.pk))
        return _tree_page(request, workspace, TreeForm(initial={"text": text}))
    form = TreeForm(request.POST)
    if not form.is_valid():
        return _tree_page(request, workspace, form, status=422)
    try:
        services.decision_tree_save(
            actor=acting_user(request), workspace=workspace, text=form.cleaned_data["text"]
        )
    except InvalidInput as error:
        lines = [
            " ".join(
                filter(
                    None,
                    [f"{_('line')} {problem.line}:" if problem.line else "", problem.message, problem.hint],
                )
            )
            for problem in error.problems
        ]
        return _tree_page(request, workspace, form, status=422, errors=lines)
    messages.success(request, _("The decision tree is saved."))
    return redirect("design:tree-settings", workspace_id=workspace.pk)


@require_POST
def tree_reset(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Go back to the built-in decision tree."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    services.decision_tree_reset(actor=acting_user(request), workspace=workspace)
    messages.success(request, _("The workspace uses the built-in decision tree again."))
    return redirect("design:tree-settings", workspace_id=workspace.pk)
