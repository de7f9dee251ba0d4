"""Schemas of the project settings operations of the API (accord.projects.apis, docs/api.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from accord.domain.places import country_label
from accord.projects.models import Project, ProjectTask


class ClosureOut(Schema):
    start: dt.date
    end: dt.date
    label: str


class ProjectSettingsOut(Schema):
    """A project's settings; its ETag is the project's."""

    id: int
    name: str
    status: str
    country: str
    country_name: str
    subdivision: str
    time_zone: str
    closures: list[ClosureOut]
    go_live_committed: dt.date | None
    go_live_p80: dt.date | None
    version: int


class ProjectSettingsIn(Schema):
    """What to change; a field left out keeps its value. ``country``: a name or a code."""

    name: str | None = None
    country: str | None = None
    subdivision: str | None = None
    time_zone: str | None = None


class ClosureIn(Schema):
    start: dt.date
    end: dt.date
    label: str = ""


class ReasonIn(Schema):
    reason: str = ""


class ActualDatesIn(Schema):
    """A date left out keeps what is recorded."""

    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None


class ActualDatesOut(Schema):
    key: str
    actual_start: dt.date | None
    actual_finish: dt.date | None
    planned_start: dt.date | None
    planned_finish: dt.date | None
    baseline_start: dt.date | None
    baseline_finish: dt.date | None
    version: int


def settings_of(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "name": project.name,
        "status": project.status,
        "country": project.calendar_country,
        "country_name": country_label(project.calendar_country),
        "subdivision": project.calendar_subdivision,
        "time_zone": project.time_zone,
        "closures": [
            {"start": item["start"], "end": item["end"], "label": item.get("label", "")}
            for item in project.closures
        ],
        "go_live_committed": project.go_live_baseline,
        "go_live_p80": project.go_live_p80,
        "version": project.version,
    }


def actual_dates_of(task: ProjectTask) -> dict[str, Any]:
    return {
        name: getattr(task, name)
        for name in (
            "key",
            "actual_start",
            "actual_finish",
            "planned_start",
            "planned_finish",
            "baseline_start",
            "baseline_finish",
            "version",
        )
    }
