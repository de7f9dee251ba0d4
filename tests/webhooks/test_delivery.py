"""Delivery to a real receiver on 127.0.0.1: retries, Retry-After, 410, five days of failures,
redirects, rotation, refusals at send time, leases and the sweep."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from accord.webhooks import delivery as sending
from accord.webhooks import services, sweep
from accord.webhooks.models import (
    DeliveryStatus,
    EventType,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookMessage,
)
from accord.webhooks.retries import MAX_ATTEMPTS
from accord.workspaces.models import MembershipKind
from tests.accounts.factories import UserFactory
from tests.webhooks.conftest import make_endpoint
from tests.webhooks.receiver import Planned
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    return MembershipFactory(kind=MembershipKind.VENDOR_MANAGER)


@pytest.fixture
def endpoint(manager, private_targets, receiver):
    return make_endpoint(manager.user, manager.workspace, receiver.url)


def queued(endpoint, event_type=EventType.TASK_APPROVED):
    message = WebhookMessage.objects.create(
        workspace_id=endpoint.workspace_id,
        message_id=services.new_message_id(),
        event_type=event_type,
        payload={"type": str(event_type), "timestamp": "2026-03-02T10:00:00Z", "data": {"n": 1}},
    )
    return WebhookDelivery.objects.create(endpoint=endpoint, message=message)


def attempt(delivery, capture):
    with capture(execute=True):
        sending.delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return delivery


def time_passes(delivery):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def test_a_receiver_that_fails_then_recovers_gets_the_event_on_the_retry(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.plan(Planned(status=503, body=b"busy"))
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    assert (delivery.status, delivery.attempt_count, delivery.last_response_status) == ("failed", 1, 503)
    wait = delivery.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=3) < wait < dt.timedelta(seconds=7)  # 5 s ± 20 %
    # Not before its time: a task run early claims nothing.
    assert sending.delivery_attempt(delivery_id=delivery.pk) is None
    time_passes(delivery)
    delivery = attempt(delivery, django_capture_on_commit_callbacks)
    assert (delivery.status, delivery.attempt_count) == ("succeeded", 2)
    assert len(receiver.received) == 2
    assert receiver.ids()[0] == receiver.ids()[1] == delivery.message.message_id
    first, second = WebhookAttempt.objects.filter(delivery=delivery).order_by("number")
    assert (first.response_status, first.response_body_excerpt, first.succeeded) == (503, "busy", False)
    assert (second.response_status, second.succeeded) == (200, True)
    assert second.request_headers["webhook-id"] == delivery.message.message_id
    endpoint.refresh_from_db()
    assert endpoint.last_success_at is not None
    assert endpoint.failing_since is None


@pytest.mark.parametrize("retry_after", ["120", "HTTP-DATE"])
def test_retry_after_is_honoured(endpoint, receiver, django_capture_on_commit_callbacks, retry_after):
    if retry_after == "HTTP-DATE":
        from email.utils import format_datetime

        retry_after = format_datetime(timezone.now() + dt.timedelta(seconds=120), usegmt=True)
    receiver.plan(Planned(status=429, headers={"Retry-After": retry_after}))
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    wait = delivery.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=110) < wait <= dt.timedelta(seconds=121)


def test_a_huge_retry_after_is_capped_at_a_day(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.plan(Planned(status=503, headers={"Retry-After": str(30 * 86400)}))
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    assert delivery.next_attempt_at - timezone.now() <= dt.timedelta(hours=24)


def test_410_gone_disables_the_endpoint_and_tells_its_creator_and_the_admins(
    endpoint, manager, receiver, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace=manager.workspace)
    admin.user.language = "fr"
    admin.user.save()
    MembershipFactory(kind=MembershipKind.VENDOR_MEMBER, workspace=manager.workspace)  # not told
    waiting = queued(endpoint)
    receiver.plan(Planned(status=410))
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert delivery.status == "gave_up"
    assert (endpoint.disabled_reason, endpoint.disabled_at is not None) == ("gone", True)
    waiting.refresh_from_db()
    assert waiting.status == "gave_up"  # nothing more goes to a receiver that is gone
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([manager.user.email, admin.user.email])
    french = next(message for message in mail.outbox if message.to == [admin.user.email])
    assert french.subject.startswith("Webhook désactivé")
    assert f"/settings/webhooks/{endpoint.pk}/" in french.body


def test_five_days_without_a_success_disable_the_endpoint(
    endpoint, manager, receiver, django_capture_on_commit_callbacks
):
    receiver.plan(Planned(status=500), Planned(status=500))
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is not None
    assert endpoint.is_enabled
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        failing_since=timezone.now() - dt.timedelta(days=5, minutes=1)
    )
    time_passes(delivery)
    delivery = attempt(delivery, django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert (endpoint.disabled_reason, delivery.status) == ("failing", "gave_up")
    assert [message.to for message in mail.outbox] == [[manager.user.email]]
    assert "5" in mail.outbox[0].body


def test_a_success_ends_the_failure_streak(endpoint, receiver, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now() - dt.timedelta(days=4))
    attempt(queued(endpoint), django_capture_on_commit_callbacks)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None
    assert endpoint.is_enabled


def test_redirects_are_not_followed(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.plan(Planned(status=302, headers={"Location": receiver.url + "/elsewhere"}))
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    assert delivery.status == "failed"
    assert "redirect" in delivery.last_error
    assert [item.path for item in receiver.received] == ["/hooks/accord"]


def test_the_answer_is_read_up_to_a_cap(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.plan(Planned(status=200, body=b"x" * 100_000))
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    assert delivery.status == "succeeded"
    assert len(delivery.attempts.get().response_body_excerpt) == 4096


def test_after_the_last_attempt_the_delivery_is_given_up(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    delivery = queued(endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempt_count=MAX_ATTEMPTS - 1)
    receiver.plan(Planned(status=500))
    delivery = attempt(delivery, django_capture_on_commit_callbacks)
    assert (delivery.status, delivery.attempt_count) == ("gave_up", MAX_ATTEMPTS)


def test_rotation_sends_two_signatures_that_both_verify(
    endpoint, manager, receiver, django_capture_on_commit_callbacks
):
    old_secret = endpoint.secret
    rotated = services.endpoint_secret_rotate(
        actor=manager.user, endpoint=endpoint, expected_version=endpoint.version
    )
    assert rotated.secret != old_secret
    assert rotated.secret.startswith("whsec_")
    attempt(queued(endpoint), django_capture_on_commit_callbacks)
    [request] = receiver.received
    signatures = request.headers["webhook-signature"].split(" ")
    assert len(signatures) == 2
    for secret, signature in zip((rotated.secret, old_secret), signatures, strict=True):
        headers = request.headers | {"webhook-signature": signature}
        assert Webhook(secret).verify(request.body, headers)["type"] == "task.approved"
    # Once the rotation is over, the old secret signs nothing any more.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(previous_secret_expires_at=timezone.now())
    attempt(queued(endpoint), django_capture_on_commit_callbacks)
    latest = receiver.received[-1]
    assert len(latest.headers["webhook-signature"].split(" ")) == 1
    with pytest.raises(WebhookVerificationError):
        Webhook(old_secret).verify(latest.body, latest.headers)


def test_a_private_target_is_refused_at_send_time_without_the_switch(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = False
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    assert receiver.received == []
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("refused: scheme")


def test_a_name_that_resolves_to_loopback_is_refused_at_send_time(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        url=receiver.url.replace("http://127.0.0.1", "https://localhost")
    )
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = False
    delivery = attempt(queued(endpoint), django_capture_on_commit_callbacks)
    assert receiver.received == []
    assert delivery.last_error.startswith("refused: loopback")


def test_a_claimed_delivery_is_not_claimed_again_while_its_lease_holds(endpoint):
    delivery = queued(endpoint)
    first = sending.delivery_claim(delivery_id=delivery.pk)
    assert first is not None
    assert sending.delivery_claim(delivery_id=delivery.pk) is None
    # Past the lease (the worker died), another worker may take it over.
    later = timezone.now() + sending.LEASE + dt.timedelta(seconds=1)
    second = sending.delivery_claim(delivery_id=delivery.pk, now=later)
    assert second is not None
    assert second.token != first.token


def test_the_holder_of_an_expired_lease_does_not_finish_a_delivery_taken_over(endpoint, receiver):
    delivery = queued(endpoint)
    stale = sending.delivery_claim(delivery_id=delivery.pk)
    later = timezone.now() + sending.LEASE + dt.timedelta(seconds=1)
    current = sending.delivery_claim(delivery_id=delivery.pk, now=later)
    sending.delivery_send(stale)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.lease_token) == ("in_flight", current.token)
    assert delivery.attempts.count() == 1  # logged all the same


def test_the_sweep_requeues_an_expired_lease_and_logs_the_interrupted_attempt(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    delivery = queued(endpoint)
    sending.delivery_claim(delivery_id=delivery.pk)  # a worker took it, then was killed
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = sweep.webhooks_sweep()
    assert report.leases_expired == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempt_count) == ("succeeded", 2)
    assert receiver.ids() == [delivery.message.message_id]
    interrupted, sent = delivery.attempts.order_by("number")
    assert interrupted.error.startswith("interrupted")
    assert sent.succeeded


def test_the_sweep_requeues_an_overdue_delivery_whose_task_was_lost(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    delivery = queued(endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - sweep.OVERDUE - dt.timedelta(seconds=1)
    )
    fresh = queued(endpoint)  # due, but its task may still be in the queue: left alone
    with django_capture_on_commit_callbacks(execute=True):
        report = sweep.webhooks_sweep()
    assert report.overdue_queued == 1
    delivery.refresh_from_db()
    fresh.refresh_from_db()
    assert (delivery.status, fresh.status) == ("succeeded", "pending")


def test_the_sweep_makes_the_messages_a_dead_process_never_made(
    endpoint, manager, receiver, django_capture_on_commit_callbacks
):
    from accord.activity.models import ActivityEntry
    from accord.activity.verbs import Verb
    from tests.work.factories import ProjectFactory

    sweep.webhooks_sweep()  # the sweep starts reading the log from here
    project = ProjectFactory(workspace=manager.workspace)
    # Written without the consumer running (the process died after the commit).
    entry = ActivityEntry.objects.create(
        workspace=manager.workspace,
        project=project,
        actor=manager.user,
        verb=Verb.PROJECT_CREATED,
        target_type="project",
        target_key=str(project.pk),
        created_at=timezone.now() + dt.timedelta(seconds=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.webhooks_sweep().entries_read == 0  # too recent: the consumer may be at it
        later = timezone.now() + sweep.ACTIVITY_GRACE + dt.timedelta(minutes=1)
        assert sweep.webhooks_sweep(now=later).entries_read == 1
    assert sweep.webhooks_sweep(now=later).entries_read == 0  # read once
    message = WebhookMessage.objects.get(activity=entry)
    assert receiver.ids() == [message.message_id]
    assert json.loads(receiver.received[0].body)["data"]["project"]["id"] == project.pk


def test_deliveries_of_a_disabled_endpoint_are_given_up_not_sent(endpoint, manager, receiver):
    delivery = queued(endpoint)
    services.endpoint_disable(actor=manager.user, endpoint=endpoint, expected_version=endpoint.version)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GAVE_UP
    assert sending.delivery_attempt(delivery_id=delivery.pk) is None
    assert receiver.received == []


def test_a_user_of_another_workspace_is_not_told(
    endpoint, manager, receiver, django_capture_on_commit_callbacks
):
    other = UserFactory()
    MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, user=other)
    receiver.plan(Planned(status=410))
    attempt(queued(endpoint), django_capture_on_commit_callbacks)
    assert other.email not in [address for message in mail.outbox for address in message.to]
