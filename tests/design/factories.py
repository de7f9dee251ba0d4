"""Projects with people of every kind for the design tests (tests.projects' cast), and records."""

from __future__ import annotations

from typing import Any

from accord.design import services
from accord.design.models import DesignReview, Need
from accord.domain.design import DataFlow, FieldMapping, FlowMode
from accord.projects import services as project_services
from tests.projects.test_pages_support import KINDS, Cast, cast_made

__all__ = ["KINDS", "Cast", "cast_made", "flows_made", "need_made", "staffed"]

#: A need as the seed writes it: a transition, three fields, every check ticked, a goal.
SEED_NEED = services.NeedParts(
    action="create a contract",
    target_platform="Tomorro",
    trigger_platform="the CRM",
    trigger_field="deal status",
    trigger_from="prospect",
    trigger_to="customer",
    fields=("name", "address", "SIRET"),
    goal="No more retyping",
    check_unique=True,
    check_identifiable=True,
    check_no_special_cases=True,
)


def need_made(cast: Cast, **changes: Any) -> Need:
    parts = services.NeedParts(**{**SEED_NEED.__dict__, **changes})
    need = services.need_write(actor=cast.admin, project=cast.project, parts=parts)
    need.project = cast.project
    return need


def flows_made(cast: Cast) -> tuple[DesignReview, DesignReview]:
    """A BDR and a TDR, with one flow each (two mappings each)."""
    bdr = services.review_record(actor=cast.admin, project=cast.project, kind="bdr", summary="Business")
    tdr = services.review_record(actor=cast.admin, project=cast.project, kind="tdr", internal_note="secret")
    services.flow_add(
        actor=cast.admin,
        project=cast.project,
        review=bdr,
        flow=DataFlow(
            "Daily bill file",
            "Acme CIS",
            "Invoice Cloud",
            "end of day",
            FlowMode.BATCH,
            "CSV",
            "SFTP",
            (FieldMapping("ACCT", "account"), FieldMapping("AMT", "amount", "cents")),
        ),
    )
    services.flow_add(
        actor=cast.admin,
        project=cast.project,
        review=tdr,
        flow=DataFlow(
            "Payment posting",
            "Invoice Cloud",
            "Acme CIS",
            "nightly",
            FlowMode.REALTIME,
            "JSON",
            "OAuth 2",
            (FieldMapping("account", "ACCT"), FieldMapping("paid", "PAY_AMT")),
        ),
    )
    return bdr, tdr


def staffed(cast: Cast) -> None:
    """Every role of the project's playbook staffed: the vendor's roles by the admin, the manager
    and the member in turn, the customer's by the customer's contact (so that tasks have R, A, C
    and I people)."""
    staff = [cast.admin, cast.people["manager"].user, cast.people["member"].user]
    vendor = 0
    for role in cast.project.playbook_data["roles"]:
        if role["side"] == "customer":
            user = cast.people["customer"].user
        else:
            user, vendor = staff[vendor % len(staff)], vendor + 1
        project_services.role_assign(actor=cast.admin, project=cast.project, role_key=role["key"], user=user)
