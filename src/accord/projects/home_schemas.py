"""Schemas of the project home operation of the API (GET /projects/{id}/home): the contacts' page
as data. It holds nothing internal (accord.projects.home says why)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field

from accord.projects.api_schemas import Out
from accord.projects.home import HomeRole, HomeTask, ProjectHome

SideName = Literal["vendor", "customer", "partner"]


class HomeTaskOut(Out):
    key: str
    name: str
    phase_name: str
    status: str = Field(description="the task's status, in the caller's language")
    due: dt.date | None
    milestone: bool
    role_names: list[str] = Field(description="the roles Responsible for it")


class HomePersonOut(Out):
    name: str
    email: str
    is_lead: bool


class HomeRoleOut(Out):
    key: str
    name: str
    side: SideName
    description: str
    responsibilities: list[str]
    people: list[HomePersonOut] = Field(description="the lead first")
    is_mine: bool = Field(description="the caller holds this role")


class HomeGoLiveOut(Out):
    p50: dt.date | None
    p80: dt.date | None
    committed: dt.date | None = Field(description="the go-live date committed to the customer (baseline)")
    in_words: str = Field(
        description='"most likely 28 April; 4 in 5 chance by 3 May", in the caller\'s language'
    )


class ProjectHomeOut(Out):
    project_id: int
    project_name: str
    customer_name: str
    side: SideName = Field(
        description="the side the home speaks to: the caller's, or customer for vendor staff"
    )
    preview: bool = Field(description="vendor staff reading it as the customer sees it")
    phase_name: str
    finished_tasks: int
    total_tasks: int
    percent: int
    go_live: HomeGoLiveOut
    my_next: list[HomeTaskOut] = Field(description="what is the caller's side's to do next")
    waiting_on_vendor: list[HomeTaskOut]
    next_milestones: list[HomeTaskOut]
    my_roles: list[HomeRoleOut] = Field(description="the roles of the caller's side, theirs marked")
    vendor_contacts: list[HomeRoleOut]


def _task(task: HomeTask) -> dict[str, Any]:
    return {
        "key": task.key,
        "name": task.name,
        "phase_name": task.phase_name,
        "status": task.status,
        "due": task.due,
        "milestone": task.milestone,
        "role_names": list(task.role_names),
    }


def _role(role: HomeRole) -> dict[str, Any]:
    return {
        "key": role.key,
        "name": role.name,
        "side": role.side,
        "description": role.description,
        "responsibilities": list(role.responsibilities),
        "people": [{"name": p.name, "email": p.email, "is_lead": p.is_lead} for p in role.people],
        "is_mine": role.is_mine,
    }


def home_of(home: ProjectHome) -> dict[str, Any]:
    """The home as the API answers it."""
    project = home.project
    return {
        "project_id": project.pk,
        "project_name": project.name,
        "customer_name": project.customer.name,
        "side": home.side,
        "preview": home.preview,
        "phase_name": home.phase_name,
        "finished_tasks": home.finished,
        "total_tasks": home.total,
        "percent": home.percent,
        "go_live": {
            "p50": project.go_live_p50,
            "p80": project.go_live_p80,
            "committed": home.committed,
            "in_words": home.forecast_text,
        },
        "my_next": [_task(task) for task in home.my_next],
        "waiting_on_vendor": [_task(task) for task in home.waiting_on_vendor],
        "next_milestones": [_task(task) for task in home.next_milestones],
        "my_roles": [_role(role) for role in home.my_roles],
        "vendor_contacts": [_role(role) for role in home.vendor_contacts],
    }
