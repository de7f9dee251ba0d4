"""The status report operations of the HTTP API (mounted by accord.api; see docs/api.md).

``GET/POST /projects/{id}/reports`` lists the published reports (newest first) and publishes
one (vendor admins and managers); ``GET /projects/{id}/reports/{report_id}`` reads one with its
snapshot; ``GET/PUT /projects/{id}/digest-subscription`` reads and sets the caller's own weekly
digest choice.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody
from accord.apikit.pagination import CursorPagination
from accord.apikit.schemas import RowId
from accord.projects.access import project_access
from accord.reports import selectors, services
from accord.reports.models import StatusReport
from accord.reports.snapshot import forecast_movement

router = Router(tags=["Status reports"])


class ReportOut(Schema):
    id: int
    project: int
    created_at: dt.datetime
    created_by: str | None = Field(description="the publisher's e-mail; null for a weekly digest's report")
    weekly: bool = Field(description="made by the weekly digest")
    snapshot: dict[str, Any] = Field(
        description="phase, progress {finished, total}, forecast {p50, p80, p95, committed}, late, "
        "blocked, decisions, milestones, taken_on"
    )

    @staticmethod
    def resolve_project(obj: Any) -> int:
        return int(obj["project"] if isinstance(obj, dict) else obj.project_id)

    @staticmethod
    def resolve_created_by(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj["created_by"]  # type: ignore[no-any-return]
        return obj.created_by.email if obj.created_by is not None else None

    @staticmethod
    def resolve_weekly(obj: Any) -> bool:
        return bool(obj["weekly"] if isinstance(obj, dict) else obj.iso_week)


class ReportDetailOut(ReportOut):
    previous: int | None = Field(description="the report it is compared with")
    forecast_moved_days: int | None = Field(description="P80 movement since the previous report (later > 0)")


class DigestIn(Schema):
    enabled: bool
    no_change_note: bool = True


class DigestOut(Schema):
    enabled: bool
    no_change_note: bool
    by_default: bool = Field(description="nothing chosen yet: the default recipients get it")


def _out(report: StatusReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "project": report.project_id,
        "created_at": report.created_at,
        "created_by": report.created_by.email if report.created_by is not None else None,
        "weekly": bool(report.iso_week),
        "snapshot": report.snapshot,
    }


@router.get("/projects/{project_id}/reports", response={200: list[ReportOut], 404: ErrorBody})
@paginate(CursorPagination, sort_key="-created_at")
def status_report_list(request: HttpRequest, project_id: RowId) -> Any:
    """The project's published status reports, newest first."""
    return selectors.reports_of(acting_user(request), project_id)


@router.post(
    "/projects/{project_id}/reports", response={201: ReportDetailOut, 403: ErrorBody, 404: ErrorBody}
)
def status_report_create(request: HttpRequest, project_id: RowId) -> Status[dict[str, Any]]:
    """Publish the project's status report as it stands now (vendor admins and managers)."""
    user = acting_user(request)
    report = services.report_publish(actor=user, project=project_access(user, project_id).project)
    return Status(201, _detail(user, project_id, report.pk))


def _detail(user: Any, project_id: int, report_id: int) -> dict[str, Any]:
    view = selectors.report_view(user, project_id, report_id)
    assert view.report is not None
    previous = view.previous
    return _out(view.report) | {
        "previous": previous.pk if previous else None,
        "forecast_moved_days": forecast_movement(view.snapshot, previous.snapshot if previous else None),
    }


@router.get("/projects/{project_id}/reports/{report_id}", response={200: ReportDetailOut, 404: ErrorBody})
def status_report_read(request: HttpRequest, project_id: RowId, report_id: RowId) -> dict[str, Any]:
    """One published report, with the report it is compared with and the forecast's movement."""
    return _detail(acting_user(request), project_id, report_id)


@router.get("/projects/{project_id}/digest-subscription", response={200: DigestOut, 404: ErrorBody})
def digest_subscription_read(request: HttpRequest, project_id: RowId) -> DigestOut:
    """The caller's own weekly digest choice for the project."""
    choice = selectors.digest_choice(acting_user(request), project_id)
    return DigestOut(
        enabled=choice.enabled, no_change_note=choice.no_change_note, by_default=choice.by_default
    )


@router.put("/projects/{project_id}/digest-subscription", response={200: DigestOut, 404: ErrorBody})
def digest_subscription_set(request: HttpRequest, project_id: RowId, payload: DigestIn) -> DigestOut:
    """Turn the caller's weekly digest of the project on or off, and its "no change" note."""
    user = acting_user(request)
    row = services.digest_choose(
        actor=user,
        project=project_access(user, project_id).project,
        enabled=payload.enabled,
        no_change_note=payload.no_change_note,
    )
    return DigestOut(enabled=row.enabled, no_change_note=row.no_change_note, by_default=False)
