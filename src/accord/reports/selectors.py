"""Reads of status reports and digest subscriptions, always through the one access rule
(:func:`accord.projects.access.project_access`): whoever sees the project reads its reports.
A report holds no internal text (see :mod:`accord.reports.snapshot`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accord.domain.errors import NotFound
from accord.projects.access import ProjectAccess, ProjectAction, project_access
from accord.projects.models import Project
from accord.reports.models import DigestSubscription, StatusReport
from accord.reports.snapshot import forecast_movement, snapshot_changed, snapshot_take
from accord.workspaces.access import Requester
from accord.workspaces.branding import Branding, branding_for

#: How many past reports the page lists.
PAST_REPORTS = 12


@dataclass(frozen=True, slots=True)
class ReportView:
    """One report as the page, the PDF and the digest show it."""

    project: Project
    access: ProjectAccess | None
    report: StatusReport | None  # None: the project as it stands now, not published
    snapshot: dict[str, Any]
    previous: StatusReport | None  # the report it is compared with
    branding: Branding

    @property
    def movement(self) -> int | None:
        return forecast_movement(self.snapshot, self.previous.snapshot if self.previous else None)

    @property
    def earlier_by(self) -> int:
        """How many days earlier the forecast is than at the last report (0 when not earlier)."""
        return max(0, -(self.movement or 0))

    @property
    def changed(self) -> bool:
        return snapshot_changed(self.snapshot, self.previous.snapshot if self.previous else None)

    @property
    def percent(self) -> int:
        progress = self.snapshot.get("progress") or {}
        total = int(progress.get("total") or 0)
        return round(100 * int(progress.get("finished") or 0) / total) if total else 100

    @property
    def taken_on(self) -> dt.date:
        return dt.date.fromisoformat(self.snapshot["taken_on"])

    @property
    def previous_taken_on(self) -> dt.date | None:
        """The day the report compared with was taken (None without one)."""
        return self.day(self.previous.snapshot.get("taken_on")) if self.previous else None

    def day(self, value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    @property
    def forecast(self) -> dict[str, dt.date | None]:
        found = self.snapshot.get("forecast") or {}
        return {key: self.day(found.get(key)) for key in ("p50", "p80", "p95", "committed")}

    @property
    def milestones(self) -> list[dict[str, Any]]:
        return [item | {"due_day": self.day(item.get("due"))} for item in self.snapshot.get("milestones", [])]

    @property
    def late(self) -> list[dict[str, Any]]:
        return [item | {"due_day": self.day(item.get("due"))} for item in self.snapshot.get("late", [])]

    @property
    def may_publish(self) -> bool:
        return self.access is not None and self.access.allows(ProjectAction.MANAGE)


def report_view_of(
    project: Project, report: StatusReport | None, access: ProjectAccess | None = None
) -> ReportView:
    """A report of a project already found through the access rule (``report`` None: now)."""
    earlier = StatusReport.objects.filter(project=project)
    if report is not None:
        earlier = earlier.filter(created_at__lte=report.created_at).exclude(pk=report.pk)
    previous = earlier.order_by("-created_at", "-pk").first()
    snapshot = report.snapshot if report is not None else snapshot_take(project)
    return ReportView(
        project=project,
        access=access,
        report=report,
        snapshot=snapshot,
        previous=previous,
        branding=branding_for(project.workspace),
    )


def report_view(user: Requester, project_id: int, report_id: int | None = None) -> ReportView:
    """A published report (or, without ``report_id``, the project as it stands now) compared
    with the report before it; NotFound when the project or the report is not the person's."""
    access = project_access(user, project_id)
    report = None
    if report_id is not None:
        report = StatusReport.objects.filter(project=access.project, pk=report_id).first()
        if report is None:
            raise NotFound(_("No such report."))
    return report_view_of(access.project, report, access)


def reports_of(user: Requester, project_id: int) -> QuerySet[StatusReport]:
    """The published reports of a project the person sees, newest first."""
    access = project_access(user, project_id)
    return (
        StatusReport.objects.filter(project=access.project)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def report_of(user: Requester, project_id: int, report_id: int) -> StatusReport:
    found = reports_of(user, project_id).filter(pk=report_id).first()
    if found is None:
        raise NotFound(_("No such report."))
    return found


@dataclass(frozen=True, slots=True)
class DigestChoice:
    """A person's digest settings for a project: their row, or what the defaults give them."""

    enabled: bool
    no_change_note: bool
    by_default: bool  # no row yet: the default recipients get it, others do not


def digest_choice(user: Requester, project_id: int) -> DigestChoice:
    from accord.reports.digest import default_recipient_ids

    access = project_access(user, project_id)
    row = DigestSubscription.objects.filter(user_id=int(user.pk or 0), project=access.project).first()
    if row is not None:
        return DigestChoice(enabled=row.enabled, no_change_note=row.no_change_note, by_default=False)
    return DigestChoice(
        enabled=int(user.pk or 0) in default_recipient_ids(access.project),
        no_change_note=True,
        by_default=True,
    )
