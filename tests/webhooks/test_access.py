"""Who may open which webhook page: every URL pattern of the app, every kind of person."""

import pytest
from django.test import Client
from django.urls import get_resolver

from accord.webhooks import urls
from accord.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint, WebhookMessage
from tests.http import assert_private_if_logged_in
from tests.webhooks.access_matrix import LOGIN, MATRIX, PEOPLE
from tests.webhooks.conftest import make_endpoint
from tests.workspaces.factories import workspace_people

pytestmark = pytest.mark.django_db


def test_every_webhook_url_is_in_the_matrix():
    assert {f"webhooks:{pattern.name}" for pattern in urls.urlpatterns} == set(MATRIX)
    assert all(
        name.split(":")[1] in get_resolver().namespace_dict["webhooks"][1].reverse_dict for name in MATRIX
    )


@pytest.fixture
def world(private_targets):
    people = workspace_people()
    workspace = people["workspace"]
    endpoint = make_endpoint(people["admin"], workspace, "http://127.0.0.1:9/hook", [EventType.TASK_APPROVED])
    message = WebhookMessage.objects.create(
        workspace=workspace,
        message_id="msg_seen",
        event_type="task.approved",
        payload={"type": "task.approved"},
    )
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, message=message, status="succeeded")
    return people | {"endpoint": endpoint, "delivery": delivery}


CASES = [(name, person) for name in MATRIX for person in PEOPLE]


@pytest.mark.parametrize(("name", "person"), CASES)
def test_the_access_matrix(world, name, person):
    method, template, data, expected = MATRIX[name]
    endpoint = world["endpoint"]
    if name == "webhooks:enable":
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            disabled_at=endpoint.created_at, disabled_reason="manual"
        )
    client = Client()
    if world[person] is not None:
        client.force_login(world[person])
    path = template.format(w=world["workspace"].pk, e=endpoint.pk, d=world["delivery"].pk)
    before = list(WebhookEndpoint.objects.values_list("pk", "version", "url", "secret", "disabled_at"))
    deliveries = WebhookDelivery.objects.count()
    response = getattr(client, method)(path, data)
    assert_private_if_logged_in(response, world[person] is not None)
    if expected[person] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[person], (name, person, response.status_code)
    if expected[person] in (404, LOGIN) or method == "get":
        # Nothing changes for someone turned away, nor on any GET.
        assert (
            list(WebhookEndpoint.objects.values_list("pk", "version", "url", "secret", "disabled_at"))
            == before
        )
        assert WebhookDelivery.objects.count() == deliveries


@pytest.mark.parametrize("name", [name for name, entry in MATRIX.items() if entry[0] == "post"])
def test_writes_refuse_get_and_need_a_csrf_token(world, name):
    path = MATRIX[name][1].format(w=world["workspace"].pk, e=world["endpoint"].pk, d=world["delivery"].pk)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["admin"])
    assert client.get(path).status_code == 405
    assert client.post(path, MATRIX[name][2]).status_code == 403
