"""The webhooks operations of the API that tests/webhooks/test_api_access.py checks for every kind of
person and every token scope, by operationId. tests/api/test_access_matrix.py fails when an
operation of the schema is in no matrix (this one included).

A workspace's webhooks are its managers' (as on the settings pages): for anyone else they do not
exist (404); the list shows each person the endpoints of the workspaces they manage (none: []).
"""

from __future__ import annotations

from typing import Any

from tests.workspaces.test_api_world import EVERYONE, MANAGERS, Op, expect

H = "/api/v1/webhooks/{webhook}"

#: operationId -> how tests/webhooks/test_api_access.py calls it and what each caller gets.
API_MATRIX: dict[str, Any] = {
    "WebhookList": Op("get", "/api/v1/webhooks", expect("read", 200, EVERYONE)),
    "WebhookCreate": Op(
        "post",
        "/api/v1/webhooks",
        expect("write", 201, MANAGERS),
        body=lambda world: {
            "url": "http://127.0.0.1:9/hooks",
            "events": ["task.approved"],
            "workspace_id": world.ids["workspace"],
        },
    ),
    "WebhookRead": Op("get", H, expect("read", 200, MANAGERS)),
    "WebhookUpdate": Op(
        "patch",
        H,
        expect("write", 200, MANAGERS),
        body=lambda world: {"description": "CRM"},
        if_match=True,
    ),
    "WebhookDelete": Op("delete", H, expect("write", 204, MANAGERS), if_match=True),
    "WebhookSecretRotate": Op("post", H + "/rotate-secret", expect("write", 200, MANAGERS)),
    "WebhookEnable": Op("post", H + "/enable", expect("write", 200, MANAGERS)),
    "WebhookDisable": Op("post", H + "/disable", expect("write", 200, MANAGERS)),
    "WebhookDeliveryList": Op("get", H + "/deliveries", expect("read", 200, MANAGERS)),
    "WebhookDeliveryRead": Op("get", H + "/deliveries/{delivery}", expect("read", 200, MANAGERS)),
    "WebhookReplay": Op(
        "post",
        H + "/replay",
        expect("write", 202, MANAGERS),
        body=lambda world: {"message_id": world.ids["message"]},
    ),
    "WebhookEventList": Op("get", "/api/v1/webhook-events", expect("read", 200, EVERYONE)),
}
