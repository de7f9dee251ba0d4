"""The webhooks operations of the API: endpoints (secret shown once, ETag/If-Match), rotation,
enable/disable, the delivery log, replays, the event catalogue — and an endpoint made through the
API receiving a signed event that the standardwebhooks package verifies."""

from __future__ import annotations

import json

import pytest
from standardwebhooks.webhooks import Webhook

from accord.domain.workflow import Action
from accord.projects.planning import project_replan
from accord.webhooks.models import EventType, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookMessage
from accord.work.services import task_transition
from accord.workspaces.models import MembershipKind
from tests.apikit.factories import bearer
from tests.work.factories import task
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def manager(db, private_targets):
    return MembershipFactory(kind=MembershipKind.VENDOR_MANAGER)


@pytest.fixture
def headers(manager):
    return bearer(manager.user, "write")


def create(client, headers, **body):
    body = {"url": "http://127.0.0.1:9/hooks", "events": ["task.approved"]} | body
    return client.post("/api/v1/webhooks", body, content_type=JSON, headers=headers)


def test_creating_answers_the_secret_once_with_an_etag_and_an_address(client, headers, manager):
    response = create(client, headers, events=["task.approved", "project.created"])
    assert response.status_code == 201
    created = response.json()
    assert created["secret"].startswith("whsec_")
    assert created["events"] == ["project.created", "task.approved"]
    assert created["workspace_id"] == manager.workspace.pk
    assert response["ETag"] == f'"{created["id"]}-1"'
    assert response["Location"] == f"/api/v1/webhooks/{created['id']}"
    read = client.get(response["Location"], headers=headers)
    assert read["ETag"] == response["ETag"]
    assert "secret" not in read.json()
    assert created["secret"] not in client.get("/api/v1/webhooks", headers=headers).content.decode()


def test_a_retry_with_the_same_idempotency_key_creates_one_endpoint(client, headers):
    keyed = headers | {"Idempotency-Key": "hook-1"}
    first, second = create(client, keyed), create(client, keyed)
    # The same answer, except the secret: shown once, never kept for a replay.
    assert first.json()["secret"].startswith("whsec_")
    assert second.json() == first.json() | {"secret": None}
    assert second["Idempotent-Replayed"] == "true"
    assert WebhookEndpoint.objects.count() == 1


def test_a_refused_url_or_event_names_the_field(client, headers, settings):
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = False
    refused = create(client, headers, url="http://127.0.0.1:9/hooks")
    assert refused.status_code == 422
    assert refused.json()["details"][0]["field"] == "url"
    unknown = create(client, headers, events=["task.eaten"])
    assert unknown.status_code == 422
    assert not WebhookEndpoint.objects.exists()


def test_someone_managing_several_workspaces_names_one_and_a_member_manages_none(client, manager):
    second = MembershipFactory(user=manager.user, kind=MembershipKind.VENDOR_ADMIN)
    headers = bearer(manager.user, "write")
    response = create(client, headers)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "workspace_id"
    assert (
        create(client, headers, workspace_id=second.workspace.pk).json()["workspace_id"]
        == second.workspace.pk
    )
    member = MembershipFactory(kind=MembershipKind.VENDOR_MEMBER)
    assert create(client, bearer(member.user, "write")).status_code == 404


def test_a_patch_needs_the_current_etag_and_a_stale_one_changes_nothing(client, headers):
    created = create(client, headers)
    path, etag = created["Location"], created["ETag"]
    change = {"events": ["task.sent_back"], "description": "CRM"}
    missing = client.patch(path, change, content_type=JSON, headers=headers)
    assert (missing.status_code, missing.json()["code"]) == (428, "version-required")
    done = client.patch(path, change, content_type=JSON, headers=headers | {"If-Match": etag})
    assert done.status_code == 200
    assert (done.json()["events"], done.json()["description"], done.json()["version"]) == (
        ["task.sent_back"],
        "CRM",
        2,
    )
    assert done["ETag"] != etag
    stale = client.patch(
        path, {"description": "late"}, content_type=JSON, headers=headers | {"If-Match": etag}
    )
    assert (stale.status_code, stale.json()["code"]) == (412, "stale-write")
    assert WebhookEndpoint.objects.get().description == "CRM"


def test_a_delete_needs_if_match(client, headers):
    created = create(client, headers)
    assert client.delete(created["Location"], headers=headers).status_code == 428
    assert WebhookEndpoint.objects.exists()
    gone = client.delete(created["Location"], headers=headers | {"If-Match": created["ETag"]})
    assert gone.status_code == 204
    assert not WebhookEndpoint.objects.exists()
    assert client.get(created["Location"], headers=headers).status_code == 404


def test_rotating_answers_the_new_secret_once_and_signs_with_both(client, headers):
    created = create(client, headers)
    old = created.json()["secret"]
    response = client.post(created["Location"] + "/rotate-secret", headers=headers)
    assert response.status_code == 200
    rotated = response.json()
    assert rotated["secret"].startswith("whsec_")
    assert rotated["secret"] != old
    assert rotated["rotation_in_progress"] is True
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.secret, endpoint.previous_secret) == (rotated["secret"], old)
    stale = client.post(
        created["Location"] + "/rotate-secret", headers=headers | {"If-Match": created["ETag"]}
    )
    assert stale.status_code == 412
    assert WebhookEndpoint.objects.get().secret == rotated["secret"]


def test_disable_then_enable(client, headers):
    created = create(client, headers)
    disabled = client.post(created["Location"] + "/disable", headers=headers).json()
    assert (disabled["enabled"], disabled["disabled_reason"]) == (False, "manual")
    listed = client.get("/api/v1/webhooks?enabled=false", headers=headers).json()["items"]
    assert [item["id"] for item in listed] == [disabled["id"]]
    enabled = client.post(created["Location"] + "/enable", headers=headers).json()
    assert (enabled["enabled"], enabled["disabled_reason"]) == (True, "")


def _delivered(endpoint, count):
    for number in range(count):
        message = WebhookMessage.objects.create(
            workspace_id=endpoint.workspace_id,
            message_id=f"msg_{number:026d}",
            event_type=EventType.TASK_APPROVED,
            payload={"type": "task.approved", "timestamp": "2026-03-02T10:00:00Z", "data": {"n": number}},
        )
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, message=message, status="succeeded")
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=1,
            duration_ms=12,
            succeeded=True,
            request_url=endpoint.url,
            request_headers={"webhook-id": message.message_id},
            response_status=200,
            response_body_excerpt="ok",
        )


def test_the_delivery_log_pages_deliveries_with_their_attempts_in_fixed_queries(
    client, headers, django_assert_max_num_queries
):
    created = create(client, headers).json()
    endpoint = WebhookEndpoint.objects.get(pk=created["id"])
    _delivered(endpoint, 3)
    path = f"/api/v1/webhooks/{endpoint.pk}/deliveries?limit=2"
    with django_assert_max_num_queries(8) as few:
        page = client.get(path, headers=headers).json()
        queries = len(few)
    assert len(page["items"]) == 2
    assert page["next_cursor"]
    [attempt] = page["items"][0]["attempts"]
    assert (attempt["response_status"], attempt["duration_ms"], attempt["succeeded"]) == (200, 12, True)
    assert page["items"][0]["message_id"] == "msg_00000000000000000000000002"
    rest = client.get(f"{path}&cursor={page['next_cursor']}", headers=headers).json()
    assert [item["message_id"] for item in rest["items"]] == ["msg_00000000000000000000000000"]
    for number in range(30):
        _delivered_extra(endpoint, number)
    with django_assert_max_num_queries(queries):
        assert len(client.get(path.replace("limit=2", "limit=50"), headers=headers).json()["items"]) == 33
    failed = client.get(f"/api/v1/webhooks/{endpoint.pk}/deliveries?status=failed", headers=headers).json()
    assert failed["items"] == []
    one = client.get(
        f"/api/v1/webhooks/{endpoint.pk}/deliveries/{page['items'][0]['id']}", headers=headers
    ).json()
    assert one["payload"]["data"] == {"n": 2}


def _delivered_extra(endpoint, number):
    message = WebhookMessage.objects.create(
        workspace_id=endpoint.workspace_id,
        message_id=f"msg_x{number:025d}",
        event_type=EventType.TASK_APPROVED,
        payload={"type": "task.approved"},
    )
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, message=message, status="succeeded")
    WebhookAttempt.objects.create(delivery=delivery, number=1, request_url=endpoint.url)
    WebhookAttempt.objects.create(delivery=delivery, number=2, request_url=endpoint.url)


def test_replay_one_message_or_a_range(client, headers):
    created = create(client, headers).json()
    endpoint = WebhookEndpoint.objects.get(pk=created["id"])
    _delivered(endpoint, 2)
    path = f"/api/v1/webhooks/{endpoint.pk}/replay"
    one = client.post(
        path, {"message_id": "msg_00000000000000000000000001"}, content_type=JSON, headers=headers
    )
    assert (one.status_code, one.json()) == (202, {"queued": 1})
    assert WebhookDelivery.objects.filter(replay=True).count() == 1
    since = client.post(path, {"since": "2020-01-01T00:00:00Z"}, content_type=JSON, headers=headers)
    # The message whose replay is still on its way is not doubled.
    assert (since.status_code, since.json()) == (202, {"queued": 1})
    unknown = client.post(path, {"message_id": "msg_nothing"}, content_type=JSON, headers=headers)
    assert unknown.status_code == 404
    for body in ({}, {"message_id": "msg_00000000000000000000000001", "since": "2020-01-01T00:00:00Z"}):
        refused = client.post(path, body, content_type=JSON, headers=headers)
        assert refused.status_code == 422
    naive = client.post(path, {"since": "2020-01-01T00:00:00"}, content_type=JSON, headers=headers)
    assert naive.status_code == 422


def test_the_event_catalogue_lists_every_type(client, headers):
    document = client.get("/api/v1/webhook-events", headers=headers).json()
    assert [item["type"] for item in document] == list(EventType.values)
    assert all(item["description"] for item in document)


def test_an_endpoint_made_through_the_api_gets_a_signed_event_that_verifies(
    client, crew, private_targets, receiver, django_capture_on_commit_callbacks
):
    project_replan(project=crew.project)
    response = client.post(
        "/api/v1/webhooks",
        {"url": receiver.url, "events": ["task.status_changed"]},
        content_type=JSON,
        headers=bearer(crew.manager, "write"),
    )
    assert response.status_code == 201
    secret = response.json()["secret"]
    kickoff = task(crew.project, "kickoff")
    with django_capture_on_commit_callbacks(execute=True):
        task_transition(actor=crew.pm, task=kickoff, action=Action.START, expected_version=kickoff.version)
    [request] = receiver.received
    event = Webhook(secret).verify(request.body, request.headers)
    assert event == json.loads(request.body)
    assert event["type"] == "task.status_changed"
    assert event["data"]["task"]["id"] == kickoff.pk
    log = client.get(
        f"/api/v1/webhooks/{response.json()['id']}/deliveries", headers=bearer(crew.manager)
    ).json()
    assert [(item["status"], item["message_id"]) for item in log["items"]] == [
        ("succeeded", request.headers["webhook-id"])
    ]
