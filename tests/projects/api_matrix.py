"""The projects operations of the API that tests/projects/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

from tests.projects.api_world import entry, statuses

P = "/api/v1/projects/{project}"

#: operationId -> how tests/projects/api_world.py calls it and what each person gets.
API_MATRIX: dict[str, Any] = {
    "ProjectList": entry("get", "/api/v1/projects", statuses(200, hidden=200)),
    "ProjectRead": entry("get", P, statuses(200)),
    "ProjectCreate": entry(
        "post",
        "/api/v1/projects",
        statuses(write=404, vendor_admin=201),
        lambda ids: {
            "name": "New",
            "customer": ids["customer"],
            "playbook": "tomorro-integration",
            "variant": ids["variant"],
            "start_date": "2026-03-02",
            "country": "FR",
        },
    ),
    "StaffingRead": entry("get", P + "/people", statuses(200)),
    "StaffingAssign": entry(
        "post",
        P + "/people/assign",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"role_key": "vendor-pm", "user": ids["member"]},
    ),
    "StaffingUnassign": entry(
        "post",
        P + "/people/unassign",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"role_key": "vendor-pm", "user": ids["pm"]},
    ),
    "StaffingLead": entry(
        "post",
        P + "/people/lead",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"role_key": "vendor-pm", "user": ids["pm"]},
    ),
    "StaffingParticipantAdd": entry(
        "post",
        P + "/people/participants",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"user": ids["waiting"]},
    ),
    "StaffingPartnerAdd": entry(
        "post",
        P + "/people/partners",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"partner": ids["off_partner"]},
    ),
    # Upgrading is for managers: the page does not exist for others (404).
    "ProjectUpgradePreview": entry("get", P + "/upgrade", statuses(404, vendor_admin=200)),
    "ProjectUpgrade": entry(
        "post",
        P + "/upgrade",
        statuses(write=404, vendor_admin=422),  # no newer version of the small playbook
        lambda ids: {"version": "9.9"},
        if_match='"{project}-{project_version}"',
    ),
    "PlanRead": entry("get", P + "/plan", statuses(200)),
    "PlanCalendar": entry("get", P + "/plan.ics", statuses(200)),
    "ActivityList": entry("get", P + "/activity", statuses(200)),
}
