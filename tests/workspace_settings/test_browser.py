"""The settings pages in real Chromium, at desktop and phone width: upload, preview, save, matrix."""

import pytest
from django.conf import settings
from django.test import Client

from accord.catalog.models import WorkspacePlaybook
from accord.playbooks import builtin_playbook
from accord.workspaces.models import MembershipKind
from tests.browser import ARTIFACTS, page_overflows
from tests.catalog.factories import yaml_bytes
from tests.workspaces.factories import MembershipFactory

WIDTHS = {"desktop": 1280, "phone": 390}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged_in_page(page, live_server):
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Tomorro")
    client = Client()
    client.force_login(admin.user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.admin = admin
    page.base = f"{live_server.url}/workspaces/{admin.workspace_id}/settings"
    return page


@pytest.mark.parametrize("width", list(WIDTHS))
def test_upload_preview_and_save_in_chromium(logged_in_page, tmp_path, width):
    page = logged_in_page
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{page.base}/playbooks/")
    assert not page_overflows(page)
    upload = tmp_path / "acme.yaml"
    upload.write_bytes(yaml_bytes())
    page.get_by_label("Playbook file").set_input_files(str(upload))
    page.get_by_role("button", name="Preview").click()
    page.wait_for_selector("h1:has-text('Preview of acme.yaml')")
    assert page.get_by_role("cell", name="RACI001 one-accountable").is_visible()
    assert not page_overflows(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"settings-playbook-preview-{width}.png"), full_page=True)
    page.get_by_role("button", name="Save to the catalogue").click()
    page.wait_for_selector("text=is in the catalogue")
    assert WorkspacePlaybook.objects.filter(key="acme-onboarding").count() == 1


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_wide_matrix_scrolls_inside_its_region_not_the_page(logged_in_page, width):
    page = logged_in_page
    playbook = builtin_playbook("tomorro-integration")
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    page.goto(f"{page.base}/playbooks/{playbook.key}/")
    matrix = page.locator("table.matrix")
    assert matrix.locator("tbody tr:not(.phase)").count() == len(playbook.tasks)
    assert not page_overflows(page)
    # Keyboard users reach the region and scroll it.
    region = page.get_by_role("region", name="RACI matrix")
    assert region.get_attribute("tabindex") == "0"
    page.screenshot(path=str(ARTIFACTS / f"settings-playbook-matrix-{width}.png"), full_page=False)
