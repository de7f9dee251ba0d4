"""The test campaigns operations of the HTTP API (mounted by accord.api; see docs/api.md).

A project's campaigns (list, create), a campaign's start and sign-off (409 ``gate-closed`` with
every unmet condition in ``details`` as ``{code, message, lifted_by}``), its cases (list, add),
and a case's runs (record). Each calls the selector or service the pages call.
"""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody, error_response, error_status_register
from accord.apikit.pagination import CursorPagination, page_of
from accord.apikit.schemas import RowId
from accord.campaigns import selectors, services
from accord.campaigns.models import Campaign, TestCase, TestRun
from accord.domain.gates import GateClosed

router = Router(tags=["Test campaigns"])
error_status_register("gate-closed", 409)

NOT_FOUND = {404: ErrorBody}


class ProgressOut(Schema):
    cases: int
    run: int
    passed: int
    failed: int
    blocked: int
    not_run: int
    open_defects: dict[str, int] = Field(
        description="open defects by severity: critical, major, minor, trivial"
    )


class CampaignOut(Schema):
    id: int
    project_id: int
    kind: Literal["sit", "uat", "e2e"]
    name: str
    integration_case: str
    status: Literal["not_started", "running", "signed_off"]
    validation_task_key: str = Field(description="the task whose Accountable signs the campaign off")
    session_task_key: str
    started_at: dt.datetime | None
    signed_off_at: dt.datetime | None
    version: int
    progress: ProgressOut


class CampaignPage(Schema):
    items: list[CampaignOut]
    next_cursor: str | None = None


class CampaignIn(Schema):
    kind: Literal["sit", "uat", "e2e"]
    name: str = Field(max_length=200)
    integration_case: str = Field(
        "", max_length=80, description="the variant key of the integration case; required for E2E"
    )


class CaseOut(Schema):
    id: int
    campaign_id: int
    title: str
    steps: str
    expected: str
    source: Literal["flow", "mapping", "manual"]
    latest_result: Literal["pass", "fail", "blocked"] | None
    version: int


class CasePage(Schema):
    items: list[CaseOut]
    next_cursor: str | None = None


class CaseIn(Schema):
    title: str = Field(max_length=300)
    steps: str = Field("", max_length=10_000)
    expected: str = Field("", max_length=10_000)


class RunIn(Schema):
    result: Literal["pass", "fail", "blocked"]
    notes: str = Field("", max_length=10_000)


class RunOut(Schema):
    id: int
    case_id: int
    result: Literal["pass", "fail", "blocked"]
    notes: str
    run_at: dt.datetime
    run_by: int | None


def gate_closed_response(error: GateClosed) -> HttpResponse:
    """409 ``{code: "gate-closed", message, details: [{code, message, lifted_by}]}``."""
    return error_response(409, error.code, error.message, error.details())


def _campaign(campaign: Campaign, progress: selectors.Progress) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "project_id": campaign.project_id,
        "kind": campaign.kind,
        "name": campaign.name,
        "integration_case": campaign.integration_case,
        "status": campaign.status,
        "validation_task_key": campaign.validation_task_key,
        "session_task_key": campaign.session_task_key,
        "started_at": campaign.started_at,
        "signed_off_at": campaign.signed_off_at,
        "version": campaign.version,
        "progress": {
            "cases": progress.cases,
            "run": progress.run,
            "passed": progress.passed,
            "failed": progress.failed,
            "blocked": progress.blocked,
            "not_run": progress.not_run,
            "open_defects": {value: count for value, _label, count in progress.defects_by_severity},
        },
    }


def _one(campaign: Campaign) -> dict[str, Any]:
    return _campaign(campaign, selectors.progress_of([campaign])[0])


@router.get("/projects/{project_id}/campaigns", response={200: CampaignPage, **NOT_FOUND})
def campaign_list(
    request: HttpRequest, project_id: RowId, pagination: Query[CursorPagination.Input]
) -> dict[str, Any]:
    """The project's test campaigns, oldest first, each with its progress."""
    access, _campaigns = selectors.project_campaigns(acting_user(request), project_id)
    items, next_cursor = page_of(
        selectors.campaigns_of(access.project),
        sort_key="created_at",
        limit=pagination.limit,
        cursor=pagination.cursor,
    )
    return {
        "items": [_campaign(progress.campaign, progress) for progress in selectors.progress_of(items)],
        "next_cursor": next_cursor,
    }


@router.post("/projects/{project_id}/campaigns", response={201: CampaignOut, 403: ErrorBody, 404: ErrorBody})
def campaign_create(request: HttpRequest, project_id: RowId, payload: CampaignIn) -> Status[dict[str, Any]]:
    """A new campaign (vendor admins and managers), tied to the playbook's validation task, with a
    case per data flow and per field mapping of the project's design."""
    user = acting_user(request)
    access, _campaigns = selectors.project_campaigns(user, project_id)
    campaign = services.campaign_create(
        actor=user,
        project=access.project,
        kind=payload.kind,
        name=payload.name,
        integration_case=payload.integration_case,
    )
    return Status(201, _one(campaign))


@router.post(
    "/campaigns/{campaign_id}/start",
    response={200: CampaignOut, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody},
)
def campaign_start(request: HttpRequest, campaign_id: RowId) -> Any:
    """Start a campaign; 409 ``gate-closed`` when it already runs, or for a UAT before a SIT of
    the project is signed off."""
    user = acting_user(request)
    try:
        campaign = services.campaign_start(actor=user, campaign=selectors.campaign_for(user, campaign_id))
    except GateClosed as error:
        return gate_closed_response(error)
    return _one(campaign)


@router.post(
    "/campaigns/{campaign_id}/sign-off",
    response={200: CampaignOut, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody},
)
def campaign_sign_off(request: HttpRequest, campaign_id: RowId) -> Any:
    """Sign a campaign off (the Accountable of its validation task); 409 ``gate-closed`` while it
    is not running, a case's latest run fails, or a critical defect is open."""
    user = acting_user(request)
    try:
        campaign = services.campaign_sign_off(actor=user, campaign=selectors.campaign_for(user, campaign_id))
    except GateClosed as error:
        return gate_closed_response(error)
    return _one(campaign)


def _case(case: TestCase, latest: str | None) -> dict[str, Any]:
    return {
        "id": case.pk,
        "campaign_id": case.campaign_id,
        "title": case.title,
        "steps": case.steps,
        "expected": case.expected,
        "source": case.source,
        "latest_result": latest,
        "version": case.version,
    }


@router.get("/campaigns/{campaign_id}/cases", response={200: CasePage, **NOT_FOUND})
def case_list(
    request: HttpRequest, campaign_id: RowId, pagination: Query[CursorPagination.Input]
) -> dict[str, Any]:
    """The campaign's cases in order, each with its latest result (null: not run yet)."""
    campaign = selectors.campaign_for(acting_user(request), campaign_id)
    items, next_cursor = page_of(
        selectors.cases_with_latest([campaign.pk]),
        sort_key="position",
        limit=pagination.limit,
        cursor=pagination.cursor,
    )
    return {
        "items": [_case(case, case.latest_result) for case in items],
        "next_cursor": next_cursor,
    }


@router.post(
    "/campaigns/{campaign_id}/cases", response={201: CaseOut, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody}
)
def case_create(request: HttpRequest, campaign_id: RowId, payload: CaseIn) -> Any:
    """Add a case by hand (whoever may manage the campaign); 409 once it is signed off."""
    user = acting_user(request)
    try:
        case = services.case_create(
            actor=user,
            campaign=selectors.campaign_for(user, campaign_id),
            title=payload.title,
            steps=payload.steps,
            expected=payload.expected,
        )
    except GateClosed as error:
        return gate_closed_response(error)
    return Status(201, _case(case, None))


@router.post("/cases/{case_id}/runs", response={201: RunOut, 404: ErrorBody, 409: ErrorBody})
def run_create(request: HttpRequest, case_id: RowId, payload: RunIn) -> Any:
    """Record a run of a case (anyone who sees the project); 409 ``gate-closed`` unless its
    campaign is running."""
    user = acting_user(request)
    try:
        run: TestRun = services.run_record(
            actor=user, case=selectors.case_for(user, case_id), result=payload.result, notes=payload.notes
        )
    except GateClosed as error:
        return gate_closed_response(error)
    return Status(
        201,
        {
            "id": run.pk,
            "case_id": run.case_id,
            "result": run.result,
            "notes": run.notes,
            "run_at": run.run_at,
            "run_by": run.run_by_id,
        },
    )
