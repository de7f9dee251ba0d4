"""The workspaces operations of the API that tests/workspaces/test_api_access.py checks for every kind
of person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included).

Settings-like operations (people, invitations, adding customers and partners, issued tokens) are for
the workspace's managers only, as on the settings pages: for anyone else the workspace does not
exist (404). Customers and partners are read as the rest of Accord shows them: vendor staff see all
of them, a contact their own organisation.
"""

from __future__ import annotations

from typing import Any

from tests.workspaces.test_api_world import EVERYONE, MANAGERS, WORKSPACE, Op, expect

W = "/api/v1/workspaces/{workspace}"

#: operationId -> how tests/workspaces/test_api_access.py calls it and what each caller gets.
API_MATRIX: dict[str, Any] = {
    "WorkspaceList": Op("get", "/api/v1/workspaces", expect("read", 200, EVERYONE)),
    "WorkspaceRead": Op("get", W, expect("read", 200, WORKSPACE)),
    # Branding is what every contact's page shows: anyone of the workspace reads it; managers change it.
    "BrandingRead": Op("get", W + "/branding", expect("read", 200, WORKSPACE)),
    "BrandingUpdate": Op(
        "patch",
        W + "/branding",
        expect("write", 200, MANAGERS),
        body=lambda world: {"accent_colour": "#0f766e"},
        if_match=True,
        if_match_keys=("workspace", "branding_version"),
    ),
    "CustomerList": Op("get", W + "/customers", expect("read", 200, WORKSPACE)),
    "CustomerCreate": Op(
        "post", W + "/customers", expect("write", 201, MANAGERS), body=lambda world: {"name": "Initech"}
    ),
    "CustomerRead": Op(
        "get",
        "/api/v1/customers/{customer}",
        expect("read", 200, frozenset({*MANAGERS, "member", "customer"})),
    ),
    "PartnerList": Op("get", W + "/partners", expect("read", 200, WORKSPACE)),
    "PartnerCreate": Op(
        "post",
        W + "/partners",
        expect("write", 201, MANAGERS),
        body=lambda world: {"name": "Broker & Co", "kind": "broker"},
    ),
    "PartnerRead": Op(
        "get",
        "/api/v1/partners/{partner}",
        expect("read", 200, frozenset({*MANAGERS, "member", "partner-on"})),
    ),
    "PersonList": Op("get", W + "/people", expect("read", 200, MANAGERS)),
    "InvitationList": Op("get", W + "/invitations", expect("read", 200, MANAGERS)),
    "InvitationCreate": Op(
        "post",
        W + "/invitations",
        expect("write", 201, MANAGERS),
        body=lambda world: {"email": "new.person@example.com", "kind": "vendor_member"},
    ),
    "InvitationRevoke": Op("delete", "/api/v1/invitations/{invitation}", expect("write", 204, MANAGERS)),
    "WorkspaceTokenList": Op("get", W + "/tokens", expect("admin", 200, MANAGERS)),
    "WorkspaceTokenIssue": Op(
        "post",
        W + "/tokens",
        expect("admin", 201, MANAGERS),
        body=lambda world: {"person_id": world.ids["holder"], "name": "CRM sync", "scope": "read"},
    ),
    "WorkspaceTokenRevoke": Op("delete", W + "/tokens/{issued_token}", expect("admin", 204, MANAGERS)),
}
