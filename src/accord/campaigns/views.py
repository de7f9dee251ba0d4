"""Test campaign pages: parse the request, call a selector or a service, render. No rules here.

Refusals show on the page they came from, with their status: 403 (not yours to do, and who may),
409 (a closed gate: every unmet condition and who can lift it), 412 (changed meanwhile), 422
(input refused, on its field).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.accounts.models import User
from accord.base.forms import error_lines, problems_to_form
from accord.campaigns import selectors, services
from accord.campaigns.forms import CampaignForm, CaseForm, DefectForm, DefectUpdateForm, RunForm
from accord.campaigns.models import Campaign, CampaignKind, Defect, DefectSeverity, DefectStatus
from accord.domain.errors import AccordError, InvalidInput, NotFound, Problem, StaleWrite
from accord.domain.gates import GateClosed
from accord.projects.access import NotAllowed, ProjectAction
from accord.projects.playbook_copy import project_playbook
from accord.projects.selectors import project_staffing


def _variants(campaign_project: Any) -> dict[str, str]:
    return {
        variant.key: variant.name or variant.key for variant in project_playbook(campaign_project).variants
    }


def _status_of(error: AccordError) -> int:
    if isinstance(error, NotAllowed):
        return 403
    if isinstance(error, GateClosed):
        return 409
    if isinstance(error, StaleWrite):
        return 412
    return 422


def _refusal(error: AccordError) -> dict[str, Any]:
    """What the page shows of a refusal: its message, and for a gate each unmet condition."""
    if isinstance(error, GateClosed):
        return {
            "message": error.message,
            "conditions": [(item.code, item.message, item.lifted_by) for item in error.unmet],
        }
    return {"message": " ".join(error_lines(error)), "conditions": []}


def _invalid(form: Any) -> InvalidInput:
    return InvalidInput(
        [
            Problem("form-invalid", f"{form.fields[name].label or name}: {' '.join(errors)}", where=name)
            if name in form.fields
            else Problem("form-invalid", " ".join(errors))
            for name, errors in form.errors.items()
        ]
    )


# --- The list of a project's campaigns ---------------------------------------------------------


def _list_page(
    request: HttpRequest, project_id: int, *, form: CampaignForm | None = None, status: int = 200
) -> HttpResponse:
    access, campaigns = selectors.project_campaigns(request.user, project_id)
    project = access.project
    return render(
        request,
        "campaigns/list.html",
        {
            "project": project,
            "progress": selectors.progress_of(campaigns),
            "may_create": selectors.may_create_campaigns(access),
            "may_manage": access.allows(ProjectAction.MANAGE),
            "form": form or CampaignForm(variants=_variants(project), initial={"kind": CampaignKind.SIT}),
            "section": "tests",
        },
        status=status,
    )


@require_GET
def campaign_list(request: HttpRequest, project_id: int) -> HttpResponse:
    """The project's SIT, UAT and E2E campaigns with their progress; managers create one here."""
    return _list_page(request, project_id)


@require_POST
def campaign_create(request: HttpRequest, project_id: int) -> HttpResponse:
    access, _campaigns = selectors.project_campaigns(request.user, project_id)
    form = CampaignForm(request.POST, variants=_variants(access.project))
    try:
        if not form.is_valid():
            raise _invalid(form)
        campaign = services.campaign_create(
            actor=acting_user(request),
            project=access.project,
            kind=form.cleaned_data["kind"],
            name=form.cleaned_data["name"],
            integration_case=form.cleaned_data["integration_case"],
        )
    except NotAllowed as error:
        messages.error(request, " ".join(error_lines(error)))
        return _list_page(request, project_id, form=form, status=403)
    except InvalidInput as error:
        problems_to_form(form, error)
        return _list_page(request, project_id, form=form, status=422)
    messages.success(request, _("Campaign “%(name)s” created.") % {"name": campaign.name})
    return redirect("campaigns:detail", project_id=project_id, campaign_id=campaign.pk)


# --- One campaign ------------------------------------------------------------------------------


def _detail_context(request: HttpRequest, campaign: Campaign, **extra: Any) -> dict[str, Any]:
    user = acting_user(request)
    rights = services.may(user, campaign)
    progress = selectors.progress_of([campaign])[0]
    cases = list(selectors.cases_with_latest([campaign.pk]))
    runs: dict[int, list[Any]] = {}
    for run in selectors.runs_of_cases(case.pk for case in cases):
        runs.setdefault(run.case_id, []).append(run)
    people = [person.user for person in project_staffing(user, campaign.project_id).assignable]
    sign_off_gate = [condition.translated(_) for condition in services.sign_off_conditions(campaign)]
    start_gate = [condition.translated(_) for condition in services.start_conditions(user, campaign)]
    return {
        "project": campaign.project,
        "campaign": campaign,
        "progress": progress,
        "cases": [(case, runs.get(case.pk, [])[:5]) for case in cases],
        "defects": list(selectors.campaign_defects(campaign)),
        "rights": rights,
        "signers": selectors.signer_names(campaign),
        "validation_task": selectors.campaign_task(campaign, campaign.validation_task_key),
        "session_task": selectors.campaign_task(campaign, campaign.session_task_key),
        "variant_name": _variants(campaign.project).get(campaign.integration_case, campaign.integration_case),
        "start_gate": start_gate,
        "sign_off_gate": sign_off_gate,
        "people": people,
        "severities": DefectSeverity.choices,
        "statuses": DefectStatus.choices,
        "case_form": extra.pop("case_form", None) or CaseForm(),
        "run_form": RunForm(),
        "defect_form": extra.pop("defect_form", None)
        or DefectForm(initial={"severity": DefectSeverity.MAJOR}),
        "section": "tests",
        **extra,
    }


def _detail(request: HttpRequest, campaign: Campaign, *, status: int = 200, **extra: Any) -> HttpResponse:
    return render(
        request, "campaigns/detail.html", _detail_context(request, campaign, **extra), status=status
    )


@require_GET
def campaign_detail(request: HttpRequest, project_id: int, campaign_id: int) -> HttpResponse:
    """A campaign: its gates, cases with their runs and evidence, defects, and actions."""
    campaign = selectors.campaign_for(request.user, campaign_id, project_id=project_id)
    return _detail(request, campaign)


def _act(
    request: HttpRequest,
    project_id: int,
    campaign_id: int,
    change: Callable[[User, Campaign], str],
    **extra: Any,
) -> HttpResponse:
    """Run one change of a campaign: success goes back to it with a message, a refusal shows on it."""
    campaign = selectors.campaign_for(request.user, campaign_id, project_id=project_id)
    try:
        message = change(acting_user(request), campaign)
    except AccordError as error:
        campaign = selectors.campaign_for(request.user, campaign_id, project_id=project_id)
        return _detail(request, campaign, status=_status_of(error), refusal=_refusal(error), **extra)
    messages.success(request, message)
    return redirect("campaigns:detail", project_id=project_id, campaign_id=campaign_id)


def _task_notes(request: HttpRequest, campaign: Campaign) -> None:
    for note in getattr(campaign, "task_notes", ()):
        messages.warning(request, note)


@require_POST
def campaign_start(request: HttpRequest, project_id: int, campaign_id: int) -> HttpResponse:
    def change(actor: User, campaign: Campaign) -> str:
        started = services.campaign_start(actor=actor, campaign=campaign)
        _task_notes(request, started)
        return _("The campaign has started: record the runs of its cases.")

    return _act(request, project_id, campaign_id, change)


@require_POST
def campaign_sign_off(request: HttpRequest, project_id: int, campaign_id: int) -> HttpResponse:
    def change(actor: User, campaign: Campaign) -> str:
        signed = services.campaign_sign_off(actor=actor, campaign=campaign)
        _task_notes(request, signed)
        return _("The campaign is signed off.")

    return _act(request, project_id, campaign_id, change)


@require_POST
def cases_generate(request: HttpRequest, project_id: int, campaign_id: int) -> HttpResponse:
    def change(actor: User, campaign: Campaign) -> str:
        added = services.cases_generate(actor=actor, campaign=campaign)
        return _("%(count)s new test cases from the design.") % {"count": added}

    return _act(request, project_id, campaign_id, change)


@require_POST
def case_create(request: HttpRequest, project_id: int, campaign_id: int) -> HttpResponse:
    form = CaseForm(request.POST)

    def change(actor: User, campaign: Campaign) -> str:
        if not form.is_valid():
            raise _invalid(form)
        case = services.case_create(
            actor=actor,
            campaign=campaign,
            title=form.cleaned_data["title"],
            steps=form.cleaned_data["steps"],
            expected=form.cleaned_data["expected"],
        )
        return _("Test case “%(title)s” added.") % {"title": case.title}

    return _act(request, project_id, campaign_id, change, case_form=form)


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, project_id: int, campaign_id: int, case_id: int) -> HttpResponse:
    """A case: edit its title, steps and expected result (whoever may manage the campaign)."""
    case = selectors.case_for(request.user, case_id, campaign_id=campaign_id)
    campaign = selectors.campaign_for(request.user, campaign_id, project_id=project_id)
    form = CaseForm(
        request.POST or None,
        initial={
            "title": case.title,
            "steps": case.steps,
            "expected": case.expected,
            "version": case.version,
        },
    )
    status = 200
    refusal = None
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise _invalid(form)
            services.case_update(
                actor=acting_user(request),
                case=case,
                title=form.cleaned_data["title"],
                steps=form.cleaned_data["steps"],
                expected=form.cleaned_data["expected"],
                expected_version=form.cleaned_data["version"],
            )
        except InvalidInput as error:
            problems_to_form(form, error)
            status = 422
        except AccordError as error:
            status, refusal = _status_of(error), _refusal(error)
        else:
            messages.success(request, _("Test case saved."))
            return redirect("campaigns:detail", project_id=project_id, campaign_id=campaign_id)
    return render(
        request,
        "campaigns/case.html",
        {
            "project": campaign.project,
            "campaign": campaign,
            "case": case,
            "form": form,
            "refusal": refusal,
            "rights": services.may(acting_user(request), campaign),
            "runs": list(selectors.runs_of_cases([case.pk])),
            "section": "tests",
        },
        status=status,
    )


@require_POST
def run_create(request: HttpRequest, project_id: int, campaign_id: int, case_id: int) -> HttpResponse:
    case = selectors.case_for(request.user, case_id, campaign_id=campaign_id)
    form = RunForm(request.POST, request.FILES)

    def change(actor: User, campaign: Campaign) -> str:
        if not form.is_valid():
            raise _invalid(form)
        run = services.run_record(
            actor=actor,
            case=case,
            result=form.cleaned_data["result"],
            notes=form.cleaned_data["notes"],
            files=form.cleaned_data["evidence"],
        )
        return _("“%(result)s” recorded for “%(case)s”.") % {
            "result": run.get_result_display(),
            "case": case.title,
        }

    return _act(request, project_id, campaign_id, change)


def _person(people: list[User], user_id: int | None) -> User | None:
    if user_id is None:
        return None
    found = next((person for person in people if person.pk == user_id), None)
    if found is None:
        raise InvalidInput(
            [Problem("owner-unknown", _("Choose an owner among the project's people."), where="owner")]
        )
    return found


@require_POST
def defect_create(request: HttpRequest, project_id: int, campaign_id: int) -> HttpResponse:
    form = DefectForm(request.POST)

    def change(actor: User, campaign: Campaign) -> str:
        if not form.is_valid():
            raise _invalid(form)
        people = [person.user for person in project_staffing(actor, project_id).assignable]
        case_id = form.cleaned_data["case"]
        case = selectors.case_for(actor, case_id, campaign_id=campaign.pk) if case_id else None
        defect = services.defect_create(
            actor=actor,
            campaign=campaign,
            title=form.cleaned_data["title"],
            severity=form.cleaned_data["severity"],
            case=case,
            owner=_person(people, form.cleaned_data["owner"]),
            description=form.cleaned_data["description"],
        )
        return _("Defect “%(title)s” reported.") % {"title": defect.title}

    return _act(request, project_id, campaign_id, change, defect_form=form)


@require_POST
def defect_update(request: HttpRequest, project_id: int, campaign_id: int, defect_id: int) -> HttpResponse:
    defect: Defect = selectors.defect_for(request.user, defect_id, campaign_id=campaign_id)
    form = DefectUpdateForm(request.POST)

    def change(actor: User, campaign: Campaign) -> str:
        if not form.is_valid():
            raise _invalid(form)
        people = [person.user for person in project_staffing(actor, project_id).assignable]
        services.defect_update(
            actor=actor,
            defect=defect,
            status=form.cleaned_data["status"],
            severity=form.cleaned_data["severity"],
            owner=_person(people, form.cleaned_data["owner"]),
            expected_version=form.cleaned_data["version"],
        )
        return _("Defect “%(title)s” saved.") % {"title": defect.title}

    return _act(request, project_id, campaign_id, change)


@require_GET
def evidence_download(
    request: HttpRequest, project_id: int, campaign_id: int, evidence_id: int
) -> FileResponse:
    """An evidence file, to those who see its project only; always a download, never shown inline
    (an uploaded HTML file must not run in Accord's origin)."""
    campaign = selectors.campaign_for(request.user, campaign_id, project_id=project_id)
    evidence = selectors.evidence_for(request.user, evidence_id, campaign_id=campaign.pk)
    try:
        handle = evidence.file.open("rb")
    except OSError:
        raise NotFound(
            _("This evidence file is no longer stored."),
            hint=_("Ask whoever attached it to attach it again."),
        ) from None
    response = FileResponse(handle, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, evidence.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
