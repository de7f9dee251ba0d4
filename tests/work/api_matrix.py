"""The work operations of the API that tests/work/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included)."""

from __future__ import annotations

from typing import Any

from tests.projects.api_world import entry, statuses

P = "/api/v1/projects/{project}"
KICKOFF = "/api/v1/tasks/{kickoff}"  # awaiting approval; the customer contact holds A
BUILD = "/api/v1/tasks/{build}"  # not started; nobody of the matrix holds R

#: operationId -> how tests/projects/api_world.py calls it and what each person gets.
API_MATRIX: dict[str, Any] = {
    "TaskList": entry("get", P + "/tasks", statuses(200)),
    "TaskRead": entry("get", BUILD, statuses(200)),
    "TaskUpdate": entry(
        "patch",
        BUILD,
        statuses(write=403, vendor_admin=200),
        lambda ids: {"status": "in_progress"},
        if_match='"{build}-{build_version}"',
    ),
    "TaskApprove": entry("post", KICKOFF + "/approve", statuses(write=403, vendor_admin=200, customer=200)),
    "TaskSendBack": entry(
        "post",
        KICKOFF + "/send-back",
        statuses(write=403, vendor_admin=200, customer=200),
        lambda ids: {"reason": "Missing the minutes"},
    ),
    "CommentList": entry("get", BUILD + "/comments", statuses(200)),
    "CommentCreate": entry("post", BUILD + "/comments", statuses(write=201), lambda ids: {"body": "Hello"}),
    "RaciRead": entry("get", P + "/raci", statuses(200)),
    "RaciCellUpdate": entry(
        "put",
        BUILD + "/raci/partner-tpa",
        statuses(write=403, vendor_admin=200),
        lambda ids: {"letters": "C"},
        if_match='"{build}-{build_version}"',
    ),
    "RaciChangeUndo": entry("post", P + "/raci/changes/{change}/undo", statuses(write=403, vendor_admin=200)),
    "MatrixExport": entry("get", P + "/matrix?format=csv", statuses(200)),
    "RaciCellsSet": entry(
        "post",
        P + "/raci/cells",
        statuses(write=403, vendor_admin=200),
        lambda ids: {
            "cells": [
                {
                    "task_id": ids["build"],
                    "role_key": "partner-tpa",
                    "letters": "C",
                    "task_version": ids["build_version"],
                }
            ]
        },
    ),
    "RaciFixPreview": entry("get", P + "/raci/fixes", statuses(200)),
    "RaciFixApply": entry(
        "post",
        "/api/v1/tasks/{golive}/raci/fixes/RACI002",
        statuses(write=403, vendor_admin=200),
        if_match='"{golive}-{golive_version}"',
    ),
    "RaciBulkUndo": entry(
        "post", P + "/raci/bulk-changes/{bulk}/undo", statuses(write=403, vendor_admin=200)
    ),
    "MyWorkList": entry("get", "/api/v1/my-work", statuses(200, hidden=200)),
}
