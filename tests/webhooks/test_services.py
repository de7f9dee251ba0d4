"""Endpoint services and selectors: who may, what is checked, versions, replays."""

import base64
import datetime as dt

import pytest
from django.utils import timezone

from accord.domain.errors import InvalidInput, NotFound, StaleWrite
from accord.webhooks import selectors, services
from accord.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint, WebhookMessage
from accord.workspaces.models import MembershipKind
from tests.webhooks.conftest import make_endpoint
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory

pytestmark = pytest.mark.django_db

URL = "http://127.0.0.1:9/hook"


@pytest.fixture
def manager(private_targets):
    return MembershipFactory(kind=MembershipKind.VENDOR_MANAGER)


@pytest.fixture
def endpoint(manager):
    return make_endpoint(
        manager.user, manager.workspace, URL, [EventType.TASK_APPROVED, EventType.PROJECT_CREATED]
    )


def test_a_new_endpoint_has_a_standard_webhooks_secret(endpoint, manager):
    assert endpoint.secret.startswith("whsec_")
    assert len(base64.b64decode(endpoint.secret.removeprefix("whsec_"))) == 32
    assert (endpoint.created_by, endpoint.version) == (manager.user, 1)
    assert endpoint.event_types == ["project.created", "task.approved"]  # catalogue order, no repeats
    other = make_endpoint(manager.user, manager.workspace, URL)
    assert other.secret != endpoint.secret


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        (MembershipKind.VENDOR_ADMIN, True),
        (MembershipKind.VENDOR_MANAGER, True),
        (MembershipKind.VENDOR_MEMBER, False),
        (MembershipKind.CUSTOMER_CONTACT, False),
    ],
)
def test_only_admins_and_managers_create_endpoints(manager, kind, allowed):
    if kind == MembershipKind.CUSTOMER_CONTACT:
        person = CustomerContactFactory(workspace=manager.workspace).user
    else:
        person = MembershipFactory(kind=kind, workspace=manager.workspace).user
    if allowed:
        assert make_endpoint(person, manager.workspace, URL).pk
    else:
        with pytest.raises(NotFound):
            make_endpoint(person, manager.workspace, URL)
        assert not WebhookEndpoint.objects.exists()


def test_events_and_url_are_checked_together(manager):
    with pytest.raises(InvalidInput) as refused:
        services.endpoint_create(
            actor=manager.user, workspace=manager.workspace, url="", event_types=["task.exploded"]
        )
    assert {(problem.where, problem.code) for problem in refused.value.problems} == {
        ("url", "url-required"),
        ("event_types", "event-types-invalid"),
    }
    with pytest.raises(InvalidInput) as refused:
        services.endpoint_create(actor=manager.user, workspace=manager.workspace, url=URL, event_types=[])
    assert refused.value.problems[0].code == "event-types-required"


def test_plain_http_is_refused_without_the_development_switch(manager, settings):
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = False
    with pytest.raises(InvalidInput) as refused:
        make_endpoint(manager.user, manager.workspace, "http://93.184.215.14/hook")
    assert refused.value.problems[0].code == "scheme"
    assert "https://" in refused.value.problems[0].message


def test_a_workspace_has_a_bounded_number_of_endpoints(manager):
    for _ in range(services.MAX_ENDPOINTS):
        make_endpoint(manager.user, manager.workspace, URL)
    with pytest.raises(InvalidInput) as refused:
        make_endpoint(manager.user, manager.workspace, URL)
    assert refused.value.problems[0].code == "too-many-endpoints"


def test_an_update_carries_the_version_and_a_stale_one_changes_nothing(endpoint, manager):
    updated = services.endpoint_update(
        actor=manager.user,
        endpoint=endpoint,
        expected_version=1,
        url="http://127.0.0.1:10/new",
        description="CRM",
    )
    assert (updated.url, updated.description, updated.version) == ("http://127.0.0.1:10/new", "CRM", 2)
    with pytest.raises(StaleWrite):
        services.endpoint_update(actor=manager.user, endpoint=endpoint, expected_version=1, description="Old")
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).description == "CRM"


def test_rotation_keeps_the_previous_secret_for_a_day(endpoint, manager):
    old = endpoint.secret
    rotated = services.endpoint_secret_rotate(actor=manager.user, endpoint=endpoint, expected_version=1)
    assert rotated.previous_secret == old
    assert rotated.secret != old
    assert rotated.rotation_in_progress()
    assert not rotated.rotation_in_progress(timezone.now() + dt.timedelta(hours=24, minutes=1))


def test_disable_then_enable(endpoint, manager):
    disabled = services.endpoint_disable(actor=manager.user, endpoint=endpoint, expected_version=1)
    assert (disabled.disabled_reason, disabled.is_enabled) == ("manual", False)
    enabled = services.endpoint_enable(
        actor=manager.user, endpoint=disabled, expected_version=disabled.version
    )
    assert enabled.is_enabled
    assert enabled.disabled_reason == ""


def test_delete_takes_the_log_and_keeps_the_messages(endpoint, manager):
    message = WebhookMessage.objects.create(
        workspace=manager.workspace, message_id="msg_1", event_type="task.approved", payload={}
    )
    WebhookDelivery.objects.create(endpoint=endpoint, message=message)
    services.endpoint_delete(actor=manager.user, endpoint=endpoint, expected_version=1)
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookDelivery.objects.exists()
    assert WebhookMessage.objects.filter(pk=message.pk).exists()


def _message(workspace, message_id, event_type="task.approved", at=None):
    return WebhookMessage.objects.create(
        workspace=workspace,
        message_id=message_id,
        event_type=event_type,
        payload={"type": event_type, "data": {"id": message_id}},
        created_at=at or timezone.now(),
    )


def test_replay_of_one_message_makes_a_new_delivery_of_the_same_message(endpoint, manager):
    message = _message(manager.workspace, "msg_a")
    WebhookDelivery.objects.create(endpoint=endpoint, message=message, status="succeeded")
    replayed = services.message_replay(actor=manager.user, endpoint=endpoint, message_id="msg_a")
    assert (replayed.message, replayed.replay, replayed.status) == (message, True, "pending")
    # A delivery still on its way is not doubled.
    assert services.message_replay(actor=manager.user, endpoint=endpoint, message_id="msg_a") is None
    with pytest.raises(NotFound):
        services.message_replay(actor=manager.user, endpoint=endpoint, message_id="msg_unknown")


def test_replay_of_a_time_range_takes_the_endpoints_events_in_it(endpoint, manager):
    now = timezone.now()
    _message(manager.workspace, "msg_old", at=now - dt.timedelta(days=3))
    _message(manager.workspace, "msg_in", at=now - dt.timedelta(hours=2))
    _message(manager.workspace, "msg_other_type", event_type="plan.changed", at=now - dt.timedelta(hours=2))
    _message(MembershipFactory().workspace, "msg_other_workspace", at=now - dt.timedelta(hours=2))
    count = services.messages_replay(actor=manager.user, endpoint=endpoint, since=now - dt.timedelta(days=1))
    assert count == 1
    assert list(WebhookDelivery.objects.values_list("message__message_id", flat=True)) == ["msg_in"]
    with pytest.raises(InvalidInput):
        services.messages_replay(
            actor=manager.user, endpoint=endpoint, since=now, until=now - dt.timedelta(1)
        )


def test_a_disabled_endpoint_cannot_be_replayed_to(endpoint, manager):
    disabled = services.endpoint_disable(actor=manager.user, endpoint=endpoint, expected_version=1)
    with pytest.raises(InvalidInput):
        services.messages_replay(actor=manager.user, endpoint=disabled, since=timezone.now())


def test_selectors_show_a_workspace_to_its_managers_only(endpoint, manager):
    member = MembershipFactory(kind=MembershipKind.VENDOR_MEMBER, workspace=manager.workspace).user
    outsider = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN).user
    assert list(selectors.workspace_endpoints(manager.user, manager.workspace_id)) == [endpoint]
    for person in (member, outsider):
        assert not selectors.workspace_endpoints(person, manager.workspace_id).exists()
        with pytest.raises(NotFound):
            selectors.endpoint_for(person, endpoint.pk)
        with pytest.raises(NotFound):
            services.endpoint_disable(actor=person, endpoint=endpoint, expected_version=1)


def test_the_delivery_log_costs_three_queries_whatever_its_length(
    endpoint, manager, django_assert_num_queries
):
    for number in range(30):
        message = _message(manager.workspace, f"msg_{number}")
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, message=message, status="succeeded")
        delivery.attempts.create(number=1, request_url=URL, response_status=200)
    with django_assert_num_queries(3):
        deliveries = selectors.endpoint_deliveries(manager.user, endpoint)
        assert sum(len(delivery.attempts.all()) for delivery in deliveries) == 30
