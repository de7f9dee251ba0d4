"""The webhook settings pages, through the test client (English and French)."""

import pytest
from django.core import mail
from standardwebhooks.webhooks import Webhook

from accord.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from accord.workspaces.models import MembershipKind
from tests.html import page as parsed
from tests.webhooks.receiver import Planned
from tests.workspaces.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def text(response):
    """What a person reads on the page: the text without tags, spaces collapsed."""
    return parsed(response).text


def shown_secret(response):
    found = parsed(response).first("[data-secret]")
    return found.text if found else None


@pytest.fixture
def admin(private_targets):
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin.user)
    return client


def base(admin):
    return f"/workspaces/{admin.workspace_id}/settings/webhooks/"


def create(admin_client, admin, url, events=("task.approved",)):
    return admin_client.post(
        base(admin) + "new/", {"url": url, "event_types": list(events), "description": "ERP"}
    )


def test_the_settings_navigation_leads_to_the_webhooks(admin_client, admin):
    response = admin_client.get(f"/workspaces/{admin.workspace_id}/settings/people/")
    assert parsed(response).role("navigation", "Settings").links()["Webhooks"] == base(admin)


def test_adding_a_webhook_shows_its_secret_once(admin_client, admin, receiver):
    response = create(admin_client, admin, receiver.url)
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert shown_secret(response) == endpoint.secret
    assert "shown this once" in text(response)
    for page in (base(admin), f"{base(admin)}{endpoint.pk}/"):
        later = admin_client.get(page)
        assert later.status_code == 200
        assert endpoint.secret not in later.content.decode()
    assert receiver.url in text(admin_client.get(base(admin)))


def test_a_refused_url_is_said_on_its_field(admin_client, admin, settings):
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = False
    response = create(admin_client, admin, "https://10.0.0.8/hook")
    assert response.status_code == 422
    assert "a private address (10.0.0.8)" in text(response)
    assert not WebhookEndpoint.objects.exists()


def test_no_event_chosen_is_said(admin_client, admin, receiver):
    response = create(admin_client, admin, receiver.url, events=())
    assert response.status_code == 422
    assert "Choose at least one event to send." in text(response)


def test_the_delivery_log_shows_requests_codes_and_timing(
    admin_client, admin, receiver, django_capture_on_commit_callbacks
):
    from accord.webhooks.delivery import delivery_attempt

    create(admin_client, admin, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    message = WebhookMessage.objects.create(
        workspace=admin.workspace,
        message_id="msg_page",
        event_type="task.approved",
        payload={"type": "task.approved"},
    )
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, message=message)
    receiver.plan(Planned(status=500, body=b"database down"))
    with django_capture_on_commit_callbacks(execute=True):
        delivery_attempt(delivery_id=delivery.pk)
    detail = text(admin_client.get(f"{base(admin)}{endpoint.pk}/"))
    assert "msg_page" in detail
    assert "failed, will retry" in detail
    assert "500" in detail
    filtered = text(admin_client.get(f"{base(admin)}{endpoint.pk}/?status=succeeded"))
    assert "msg_page" not in filtered
    page = text(admin_client.get(f"{base(admin)}{endpoint.pk}/deliveries/{delivery.pk}/"))
    assert "Attempt 1" in page
    assert "500" in page
    assert "database down" in page
    assert "webhook-id: msg_page" in page
    assert " ms" in page


def test_replay_rotate_disable_enable_delete_from_the_page(
    admin_client, admin, receiver, django_capture_on_commit_callbacks
):
    create(admin_client, admin, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    WebhookMessage.objects.create(
        workspace=admin.workspace,
        message_id="msg_again",
        event_type="task.approved",
        payload={"type": "task.approved"},
    )
    detail = f"{base(admin)}{endpoint.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(detail + "replay/", {"message_id": "msg_again"}, follow=True)
    assert "1 deliveries queued." in text(response)
    [request] = receiver.received
    assert Webhook(endpoint.secret).verify(request.body, request.headers) == {"type": "task.approved"}

    rotated = admin_client.post(detail + "rotate/", {"version": "1"})
    endpoint.refresh_from_db()
    assert shown_secret(rotated) == endpoint.secret
    assert endpoint.previous_secret
    assert "(rotation in progress" in text(admin_client.get(detail))

    admin_client.post(detail + "disable/", {"version": str(endpoint.version)})
    endpoint.refresh_from_db()
    assert endpoint.disabled_reason == "manual"
    assert mail.outbox == []  # a person disabling it needs no notice
    stale = admin_client.post(detail + "enable/", {"version": "1"}, follow=True)
    assert "changed by someone else" in text(stale)
    admin_client.post(detail + "enable/", {"version": str(endpoint.version)})
    endpoint.refresh_from_db()
    assert endpoint.is_enabled

    response = admin_client.post(detail + "delete/", {"version": str(endpoint.version)}, follow=True)
    assert "Webhook deleted." in text(response)
    assert not WebhookEndpoint.objects.exists()


def test_a_replay_of_an_unknown_message_is_said_on_its_field(admin_client, admin, receiver):
    create(admin_client, admin, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    response = admin_client.post(f"{base(admin)}{endpoint.pk}/replay/", {"message_id": "msg_nothing"})
    assert response.status_code == 422
    assert "No such message." in text(response)


def test_editing_the_webhook(admin_client, admin, receiver):
    create(admin_client, admin, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    response = admin_client.post(
        f"{base(admin)}{endpoint.pk}/edit/",
        {
            "url": receiver.url + "/v2",
            "event_types": ["plan.changed", "go_live.moved"],
            "description": "",
            "version": "1",
        },
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.event_types, endpoint.version) == (
        receiver.url + "/v2",
        ["plan.changed", "go_live.moved"],
        2,
    )


def test_the_pages_in_french(admin_client, admin, receiver, settings):
    response = admin_client.post(
        f"/fr{base(admin)}new/", {"url": receiver.url, "event_types": ["task.approved"]}
    )
    assert "il n’est affiché qu’une fois" in text(response)
    listing = text(admin_client.get(f"/fr{base(admin)}"))
    assert "Ajouter un webhook" in listing
    assert "activé" in listing
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = False
    refused = admin_client.post(
        f"/fr{base(admin)}new/", {"url": "https://127.0.0.1/x", "event_types": ["task.approved"]}
    )
    assert "une adresse de bouclage (127.0.0.1)" in text(refused)
