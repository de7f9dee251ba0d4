"""The catalog operations of the API that tests/catalog/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included).

The catalogue is the vendor staff's (as on the settings pages): contacts and other workspaces get
404; uploading is for admins and managers.
"""

from __future__ import annotations

from typing import Any

from tests.workspaces.test_api_world import MANAGERS, STAFF, Op, expect

Q = "?workspace_id={workspace}"

#: operationId -> how tests/catalog/test_api_access.py calls it and what each caller gets.
API_MATRIX: dict[str, Any] = {
    "PlaybookList": Op("get", "/api/v1/playbooks" + Q, expect("read", 200, STAFF)),
    "PlaybookRead": Op("get", "/api/v1/playbooks/{playbook}" + Q, expect("read", 200, STAFF)),
    "PlaybookVersionRead": Op(
        "get", "/api/v1/playbooks/{playbook}/{version}" + Q, expect("read", 200, STAFF)
    ),
    "PlaybookFileRead": Op(
        "get", "/api/v1/playbooks/{playbook}/{version}/files/yaml" + Q, expect("read", 200, STAFF)
    ),
    "PlaybookUpload": Op(
        "post", "/api/v1/workspaces/{workspace}/playbooks", expect("write", 200, MANAGERS), multipart=True
    ),
}
