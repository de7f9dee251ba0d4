"""The go-live operations of the HTTP API (mounted by accord.api; see docs/api.md).

``GET /projects/{id}/go-live-gate`` answers ``{open, conditions: [{code, met, message, ...}]}``;
``POST /projects/{id}/go-live`` answers 409 ``gate-closed`` with the unmet conditions as its
``details`` until they all hold, then 200. A vendor admin may send ``override_reason`` to go live
over a closed gate (the reason is logged).
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody, error_response, error_status_register
from accord.apikit.schemas import RowId
from accord.domain.gates import GateClosed
from accord.golive import selectors, services

router = Router(tags=["Go-live"])
error_status_register("gate-closed", 409)


class ConditionOut(Schema):
    code: str = Field(
        description="uat-signed-off, template-switched, credentials-issued, support-owner-agreed, "
        "communication-ready"
    )
    met: bool
    message: str
    responsible: str = Field(description="who is responsible for making it hold")
    applicable: bool = Field(description="false when it does not concern the project (then met)")


class GateOut(Schema):
    open: bool
    conditions: list[ConditionOut]
    went_live_at: dt.datetime | None
    overridden: bool
    monitoring_until: dt.date | None


class GoLiveIn(Schema):
    override_reason: str = Field(
        "", max_length=2000, description="vendor admins only: go live although the gate is closed, saying why"
    )


def _gate(user: Any, project_id: int) -> dict[str, Any]:
    view = selectors.gate_view(user, project_id)
    return {
        "open": view.open,
        "conditions": [
            {
                "code": condition.code,
                "met": condition.met,
                "message": condition.text(),
                "responsible": condition.lifted_by,
                "applicable": condition.applicable,
            }
            for condition in view.conditions
        ],
        "went_live_at": view.gate.went_live_at,
        "overridden": view.gate.overridden,
        "monitoring_until": view.gate.monitoring_until,
    }


@router.get("/projects/{project_id}/go-live-gate", response={200: GateOut, 404: ErrorBody})
def go_live_gate_read(request: HttpRequest, project_id: RowId) -> dict[str, Any]:
    """The go-live checklist: each condition, whether it holds, and who is responsible for it."""
    return _gate(acting_user(request), project_id)


@router.post(
    "/projects/{project_id}/go-live", response={200: GateOut, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody}
)
def project_go_live(request: HttpRequest, project_id: RowId, payload: GoLiveIn | None = None) -> Any:
    """Take the project live (vendor admins and managers): 409 ``gate-closed`` with the unmet
    conditions as ``details`` until all hold; 200 with the gate once live."""
    user = acting_user(request)
    view = selectors.gate_view(user, project_id)
    try:
        services.go_live(
            actor=user,
            project=view.project,
            override_reason=payload.override_reason if payload is not None else "",
        )
    except GateClosed as error:
        return error_response(409, error.code, error.message, error.details())
    return _gate(user, project_id)
