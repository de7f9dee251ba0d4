"""Schemas of the projects operations of the API, and what the work and inbox routers share with
them (people, RACI letters, paging a computed list)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from ninja import Field, Schema
from pydantic import BaseModel

from accord.apikit.pagination import CursorPagination, cursor_decode, cursor_encode
from accord.apikit.schemas import RowId
from accord.domain.raci import Raci

T = TypeVar("T")

Letters = str  # "", "R", "RA", "C", "N/A"… (canonical spelling)
HealthName = Literal["on_track", "at_risk", "late"]


def letters_of(value: int) -> str:
    """A cell's bits spelled canonically ("RA", "N/A", "" for empty)."""
    return Raci(value).canonical


def rows_page[T](
    rows: Sequence[T], *, list_name: str, ids: Sequence[int], pagination: CursorPagination.Input
) -> dict[str, Any]:
    """One page of a list a selector computed (already in its order), as ``{items, next_cursor}``.

    The cursor holds the id of the last row given (and its position, used only when that row
    has gone meanwhile), so a row added or removed before it neither repeats nor hides another.
    """
    start = 0
    if pagination.cursor:
        position, last_id = cursor_decode(list_name, pagination.cursor)
        if not isinstance(position, int) or position < 0:
            position = 0
        start = next((index + 1 for index, row_id in enumerate(ids) if row_id == last_id), position)
    items = list(rows[start : start + pagination.limit])
    end = start + len(items)
    next_cursor = cursor_encode(list_name, (end, ids[end - 1])) if items and end < len(rows) else None
    return {"items": items, "next_cursor": next_cursor}


class Out(BaseModel):
    """An answer built by the operation as plain data: validated by pydantic alone (ninja's Schema
    reads its input attribute by attribute, which cost a 50-task project a quarter of its time)."""


class PersonOut(Out):
    id: int
    name: str
    email: str


def person_of(user: Any) -> dict[str, Any]:
    return {"id": user.pk, "name": user.get_full_name() or user.email, "email": user.email}


class StaffOut(PersonOut):
    is_lead: bool
    #: They stand on another side than the role's (confirmed when they were staffed).
    cross_side: bool = False


class RoleOut(Out):
    key: str
    name: str
    side: Literal["vendor", "customer", "partner"]
    lead: PersonOut | None
    people: list[StaffOut] = Field(description="the lead first")


class ForecastOut(Out):
    planned: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    p50: dt.date | None
    p80: dt.date | None
    p95: dt.date | None
    committed: dt.date | None = Field(description="the committed go-live that health compares P80 with")
    forecast_at: dt.datetime | None


class ProjectSummaryOut(Out):
    """A project as the portfolio lists it."""

    id: int
    name: str
    status: Literal["active", "closed"]
    customer_id: int
    customer_name: str
    workspace_id: int
    playbook_key: str
    playbook_version: str
    variant: str
    current_phase: str
    health: HealthName
    go_live_p80: dt.date | None
    late_tasks: int
    finished_tasks: int
    total_tasks: int
    version: int


class ProjectPage(Out):
    items: list[ProjectSummaryOut]
    next_cursor: str | None


class TaskBriefOut(Out):
    id: int
    key: str
    name: str
    phase_key: str
    status: str
    milestone: bool
    critical: bool
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    version: int
    raci: dict[str, Letters] = Field(description="role key -> letters; empty cells left out")


class PhaseOut(Out):
    key: str
    name: str
    tasks: list[TaskBriefOut]


class ProjectOut(Out):
    """A project with its phases, tasks and their RACI, its roles and leads, forecast and health."""

    id: int
    name: str
    status: Literal["active", "closed"]
    workspace_id: int
    customer_id: int
    customer_name: str
    playbook_key: str
    playbook_version: str
    playbook_name: str
    variant: str
    start_date: dt.date
    country: str
    subdivision: str
    time_zone: str
    health: HealthName
    late_tasks: int
    go_live: ForecastOut
    roles: list[RoleOut]
    phases: list[PhaseOut]
    version: int


class ProjectCreateIn(Schema):
    """A new project, as the new-project page makes it."""

    workspace: RowId | None = Field(None, description="needed only when you manage several workspaces")
    name: str = Field(max_length=200)
    customer: RowId
    playbook: str = Field(min_length=1, max_length=80, description="the playbook key")
    playbook_version: str | None = Field(None, max_length=40, description="none: the newest")
    variant: str | None = Field(None, max_length=80)
    partners: list[RowId] = Field(default_factory=list, max_length=50)
    start_date: dt.date
    country: str = Field(min_length=2, max_length=2)
    subdivision: str = Field("", max_length=10)
    time_zone: str | None = Field(None, max_length=64)
    alternative_choices: dict[str, str | list[str]] = Field(
        default_factory=dict, description="task key -> the role(s) owning it, for its owner alternatives"
    )


class StaffingPersonOut(PersonOut):
    kind: str
    organisation: str


class PartnerOut(Out):
    id: int
    name: str


class StaffingOut(Out):
    project_id: int
    roles: list[RoleOut]
    assignable: list[StaffingPersonOut] = Field(description="people who may be given a role")
    partners: list[PartnerOut]
    other_partners: list[PartnerOut] = Field(description="partners of the workspace not on the project")
    waiting_contacts: list[StaffingPersonOut] = Field(
        description="contacts of the project's partners not taking part yet"
    )


class RolePersonIn(Schema):
    role_key: str = Field(min_length=1, max_length=80)
    user: RowId


class RoleAssignIn(RolePersonIn):
    lead: bool = False
    #: Required (true) to give a role to someone of another side (a customer's contact in a vendor
    #: role); without it the request is refused with `cross-side-unconfirmed`.
    confirm_cross_side: bool = False


class ParticipantIn(Schema):
    user: RowId


class PartnerIn(Schema):
    partner: RowId


class UpgradeVersionOut(Out):
    version: str
    name: str
    builtin: bool


class UpgradePreviewOut(Out):
    current_version: str
    versions: list[UpgradeVersionOut] = Field(description="newer versions of the project's playbook")
    version: str | None = Field(description="the version previewed")
    diff: dict[str, Any] | None = Field(description="what upgrading to it would change")


class UpgradeIn(Schema):
    version: str = Field(min_length=1, max_length=40)


class ActivityOut(Out):
    id: int
    verb: str
    sentence: str = Field(description="what happened, in the caller's language")
    detail: str = Field(description="what the person wrote with the change, if anything")
    actor: PersonOut | None
    target_type: str
    target_key: str
    created_at: dt.datetime


class ActivityPage(Out):
    items: list[ActivityOut]
    next_cursor: str | None
