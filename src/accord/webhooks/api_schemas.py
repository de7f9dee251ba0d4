"""What the webhooks operations of the API read and answer (see accord.webhooks.apis)."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import AwareDatetime

from accord.apikit.schemas import RowId
from accord.webhooks.models import EventType

#: The event types an endpoint may subscribe to (the schema lists their values).
EventName = EventType
DeliveryStatusName = Literal["pending", "in_flight", "succeeded", "failed", "gave_up"]


class WebhookOut(Schema):
    """An endpoint: never its secret (shown once, when it is made or rotated)."""

    id: int
    workspace_id: int
    url: str
    description: str
    events: list[str]
    enabled: bool
    disabled_at: datetime | None
    disabled_reason: str = Field(description="manual, gone (the receiver answered 410) or failing; empty")
    rotation_in_progress: bool = Field(description="deliveries are signed with the previous secret too")
    last_success_at: datetime | None
    failing_since: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_events(endpoint: Any) -> list[str]:
        return list(endpoint.event_types)

    @staticmethod
    def resolve_enabled(endpoint: Any) -> bool:
        return bool(endpoint.is_enabled)

    @staticmethod
    def resolve_rotation_in_progress(endpoint: Any) -> bool:
        return bool(endpoint.rotation_in_progress())


class WebhookSecretOut(WebhookOut):
    """An endpoint with its signing secret, shown in this answer only."""

    secret: str = Field(description="whsec_…: verify every delivery with it; shown this once")


class WebhookIn(Schema):
    url: str = Field(min_length=1, max_length=2000, description="https://… (public addresses only)")
    events: list[EventName] = Field(min_length=1)
    description: str = Field("", max_length=200)
    workspace_id: RowId | None = Field(
        None, description="needed when you manage several workspaces; else your one"
    )


class WebhookPatch(Schema):
    url: str | None = Field(None, min_length=1, max_length=2000)
    events: list[EventName] | None = Field(None, min_length=1)
    description: str | None = Field(None, max_length=200)


class AttemptOut(Schema):
    number: int
    started_at: datetime
    duration_ms: int
    succeeded: bool
    request_url: str
    request_headers: dict[str, Any]
    request_body_excerpt: str
    response_status: int | None
    response_body_excerpt: str = Field(description="the first 4 KB of the answer")
    error: str


class DeliveryOut(Schema):
    id: int
    message_id: str = Field(description="msg_…: the webhook-id header, the same on every retry and replay")
    event_type: str
    status: DeliveryStatusName
    replay: bool
    attempt_count: int
    created_at: datetime
    next_attempt_at: datetime | None
    finished_at: datetime | None
    last_response_status: int | None
    last_error: str
    attempts: list[AttemptOut]

    @staticmethod
    def resolve_message_id(delivery: Any) -> str:
        return str(delivery.message.message_id)

    @staticmethod
    def resolve_event_type(delivery: Any) -> str:
        return str(delivery.message.event_type)

    @staticmethod
    def resolve_attempts(delivery: Any) -> list[Any]:
        return list(delivery.attempts.all())


class DeliveryDetailOut(DeliveryOut):
    payload: dict[str, Any] = Field(description="the body sent: {type, timestamp, data}")

    @staticmethod
    def resolve_payload(delivery: Any) -> dict[str, Any]:
        payload: dict[str, Any] = delivery.message.payload
        return payload


class ReplayIn(Schema):
    """One message (``message_id``), or every message of the endpoint's events from ``since`` to
    ``until`` (now when left out)."""

    message_id: str | None = Field(None, min_length=1, max_length=40, description="msg_…")
    since: AwareDatetime | None = Field(None, description="with its time zone, e.g. 2026-03-01T00:00:00Z")
    until: AwareDatetime | None = None


class ReplayOut(Schema):
    queued: int = Field(description="new deliveries queued (a message still on its way is not doubled)")


class EventTypeOut(Schema):
    type: EventName
    description: str
