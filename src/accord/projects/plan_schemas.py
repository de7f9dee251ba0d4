"""Schemas of the plan-editing operations of the API (accord.projects.apis, "editing the plan").

Every class is prefixed ``Plan`` so that its name is unique across the API's schema.
"""

from __future__ import annotations

from ninja import Field, Schema

from accord.catalog.api_schemas import FindingOut
from accord.projects.plan_services import LAG_LIMIT, TASK_NAME_MAX_LENGTH

KEY_MAX_LENGTH = 100
DURATION_HELP = (
    'business days ("10"), a range ("4-6 weeks") or min/likely/max ("3/5/8 days"); "" for the default'
)


class PlanTaskCreateIn(Schema):
    name: str = Field(min_length=1, max_length=TASK_NAME_MAX_LENGTH)
    phase_key: str = Field(min_length=1, max_length=KEY_MAX_LENGTH, description="the phase it goes to")
    before_key: str | None = Field(
        None, max_length=KEY_MAX_LENGTH, description="the task it goes before; at the phase's end without"
    )
    duration: str = Field("", max_length=100, description=DURATION_HELP)
    milestone: bool = False
    raci: dict[str, str] = Field(
        default_factory=dict, description='role key → letters, e.g. {"vendor-pm": "RA", "customer-it": "C"}'
    )


class PlanDependencyIn(Schema):
    task: str = Field(min_length=1, max_length=KEY_MAX_LENGTH, description="the key of the task waited for")
    lag: int = Field(0, ge=0, le=LAG_LIMIT, description="business days between its finish and this start")


class PlanTimingIn(Schema):
    """The task's whole timing as it should be (what is left out is cleared)."""

    duration: str = Field("", max_length=100, description=DURATION_HELP)
    after: list[PlanDependencyIn] = Field(default_factory=list, max_length=200)
    before: list[str] = Field(
        default_factory=list, max_length=200, description="keys of the tasks that wait for this one"
    )
    milestone: bool = False


class PlanTaskUpdateIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=TASK_NAME_MAX_LENGTH, description="a new name")
    timing: PlanTimingIn | None = Field(None, description="the duration, dependencies and milestone flag")


class PlanTaskMoveIn(Schema):
    phase_key: str = Field(min_length=1, max_length=KEY_MAX_LENGTH)
    before_key: str | None = Field(None, max_length=KEY_MAX_LENGTH, description="at the phase's end without")


class PlanSaveQuery(Schema):
    key: str | None = Field(None, max_length=80, description="the project's playbook key without")
    name: str | None = Field(None, max_length=200)
    version: str | None = Field(None, max_length=40, description="the next free version without")


class PlanSaveIn(Schema):
    key: str = Field(min_length=1, max_length=80)
    name: str = Field("", max_length=200, description="the project's playbook name when empty")
    version: str = Field(min_length=1, max_length=40)


class PlanSavePreviewOut(Schema):
    key: str
    name: str
    version: str
    tasks: int
    findings: list[FindingOut]


class PlanSavedOut(Schema):
    id: int
    key: str
    name: str
    version: str
