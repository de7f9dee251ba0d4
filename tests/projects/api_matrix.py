"""The projects operations of the API that tests/projects/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

from tests.projects.api_world import entry, statuses

P = "/api/v1/projects/{project}"
#: A manager's page of the API: the vendor admin reads it, other people who see the project get 404.
MANAGER_ONLY = {"vendor_member": 404, "customer": 404, "partner_on": 404}
PROJECT_TAG = '"{project}-{project_version}"'

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
    "ProjectHomeRead": entry("get", P + "/home", statuses(200)),
    # Editing the plan is for vendor admins and managers: 403 for the others who see the project.
    "PlanTaskCreate": entry(
        "post",
        P + "/plan/tasks",
        statuses(write=403, vendor_admin=201),
        lambda ids: {"name": "Security review", "phase_key": "start", "duration": "3"},
        if_match=PROJECT_TAG,
    ),
    "PlanTaskUpdate": entry(
        "patch",
        P + "/plan/tasks/build",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"name": "Build it", "timing": {"after": [{"task": "kickoff", "lag": 2}]}},
        if_match=PROJECT_TAG,
    ),
    "PlanTaskRemove": entry(
        "delete", P + "/plan/tasks/build", statuses(write=403, vendor_admin=200), if_match=PROJECT_TAG
    ),
    "PlanTaskRestore": entry(
        "post",
        P + "/plan/tasks/build/restore",
        statuses(write=403, vendor_admin=404),  # nothing was removed in this world
        if_match=PROJECT_TAG,
    ),
    "PlanTaskMove": entry(
        "post",
        P + "/plan/tasks/build/move",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"phase_key": "live"},
        if_match=PROJECT_TAG,
    ),
    "PlanGoLiveMark": entry(
        "post", P + "/plan/tasks/go-live/go-live", statuses(write=403, vendor_admin=200), if_match=PROJECT_TAG
    ),
    "PlanSavePreview": entry("get", P + "/plan/playbook", statuses(403, vendor_admin=200)),
    "PlanSave": entry(
        "post",
        P + "/plan/playbook",
        statuses(write=403, vendor_admin=201),
        lambda ids: {"key": "small-edited", "version": "1.1"},
    ),
    # Project settings (docs/project-settings.md): a manager's resource, 404 for everyone else.
    "ProjectSettingsRead": entry("get", P + "/settings", statuses(200, hidden=404, **MANAGER_ONLY)),
    "ProjectSettingsUpdate": entry(
        "patch",
        P + "/settings",
        statuses(write=404, vendor_admin=200),
        lambda ids: {"name": "Renamed", "country": "United States", "time_zone": "America/New_York"},
        if_match=PROJECT_TAG,
    ),
    "ProjectClosureAdd": entry(
        "post",
        P + "/settings/closures",
        statuses(write=404, vendor_admin=200),
        lambda ids: {"start": "2026-08-03", "end": "2026-08-14", "label": "Summer"},
        if_match=PROJECT_TAG,
    ),
    # No closure at index 0 in the world: the manager is told so (422), nobody else sees it.
    "ProjectClosureRemove": entry(
        "delete", P + "/settings/closures/0", statuses(write=404, vendor_admin=422), if_match=PROJECT_TAG
    ),
    "ProjectGoLiveReset": entry(
        "post",
        P + "/settings/go-live-reset",
        statuses(write=404, vendor_admin=200),
        lambda ids: {"reason": "The customer's freeze moved"},
        if_match=PROJECT_TAG,
    ),
    "ProjectClose": entry(
        "post", P + "/close", statuses(write=404, vendor_admin=200), lambda ids: {}, if_match=PROJECT_TAG
    ),
    "ProjectReopen": entry(
        "post", P + "/reopen", statuses(write=404, vendor_admin=200), if_match=PROJECT_TAG
    ),
    # The Responsible of "build" is the customer's IT (not a kind of the matrix): of the people
    # who see the project only the vendor admin (a manager) may give its actual dates.
    "TaskActualDatesSet": entry(
        "post",
        P + "/tasks/{build}/actual-dates",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"actual_start": "2026-01-06"},
        if_match='"{build}-{build_version}"',
    ),
}
