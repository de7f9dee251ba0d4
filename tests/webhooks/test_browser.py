"""The webhook settings pages in real Chromium, at desktop and phone width."""

import pytest

from accord.webhooks.models import WebhookEndpoint
from accord.workspaces.models import MembershipKind
from tests.browser import log_in, page_overflows, screenshot
from tests.workspaces.factories import MembershipFactory

WIDTHS = {"desktop": 1280, "phone": 390}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_add_a_webhook_see_its_secret_once_and_open_it(page, live_server, receiver, settings, width):
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = True
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")
    log_in(page, live_server, admin.user)
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{live_server.url}/workspaces/{admin.workspace_id}/settings/people/")
    page.get_by_role("link", name="Webhooks").click()
    page.get_by_role("link", name="Add a webhook").click()
    page.get_by_label("URL").fill(receiver.url)
    page.get_by_label("A task was approved").check()
    page.get_by_label("Every task of a phase is done").check()
    page.get_by_role("button", name="Add").click()
    page.wait_for_selector("h1:has-text('Webhook added')")
    endpoint = WebhookEndpoint.objects.get()
    assert page.locator("[data-secret]").inner_text() == endpoint.secret
    assert endpoint.event_types == ["task.approved", "phase.completed"]
    assert not page_overflows(page)
    screenshot(page, f"webhooks-secret-{width}")
    page.get_by_role("link", name="Go to the webhook").click()
    page.wait_for_selector("h2:has-text('Delivery log')")
    assert endpoint.secret not in page.content()
    assert not page_overflows(page)
    screenshot(page, f"webhooks-detail-{width}")
