"""The project pages in real Chromium, at 1280 px and at phone width: nothing overflows the page,
wide content scrolls in its own keyboard-reachable region, and htmx swaps the playbook's options."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accord.projects import services
from accord.projects.models import Project, ProjectTask, TaskStatus
from accord.workspaces.models import MembershipKind
from tests.browser import ARTIFACTS, page_overflows
from tests.projects.cast import cast_made, login_cookie
from tests.projects.factories import newer_version_in_catalogue
from tests.workspaces.factories import CustomerFactory, MembershipFactory, PartnerFactory

WIDTHS = {"desktop": 1280, "phone": 390}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast():
    today = timezone.localdate()
    cast = cast_made(start_date=today, today=today)
    admin = cast.admin
    for kind, role in (
        ("admin", "integration-manager"),
        ("manager", "account-manager"),
        ("customer", "project-manager"),
    ):
        services.role_assign(actor=admin, project=cast.project, role_key=role, user=cast.people[kind].user)
    services.role_assign(
        actor=admin,
        project=cast.project,
        role_key="third-party-software-provider",
        user=cast.people["partner-on"].user,
    )
    done = ProjectTask.objects.filter(project=cast.project).order_by("position")[:3]
    ProjectTask.objects.filter(pk__in=[task.pk for task in done]).update(
        status=TaskStatus.DONE, actual_start=today, actual_finish=today
    )
    services.project_replan(project=cast.project, today=today)
    return cast


def open_as(page, live_server, user, width):
    page.context.add_cookies([login_cookie(user, live_server.url)])
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})


def shoot(page, name, width):
    """The whole page into test-artifacts/, plus the first screen (small, for docs/pages.md)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"projects-{name}-{width}.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / f"projects-{name}-{width}-first-screen.png"))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_portfolio(page, live_server, cast, width):
    admin = cast.people["admin"]
    for name in ("Globex rollout", "Initech onboarding"):
        customer = CustomerFactory(workspace=admin.workspace, name=name.split()[0])
        services.project_create(
            actor=admin.user,
            creation=services.ProjectCreation(
                workspace=admin.workspace,
                customer=customer,
                name=name,
                playbook=__import__("accord.playbooks", fromlist=["builtin_playbook"]).builtin_playbook(
                    "paylocity-integration"
                ),
                start_date=timezone.localdate(),
                country="US",
            ),
        )
    open_as(page, live_server, admin.user, width)
    page.goto(f"{live_server.url}/projects/")
    assert page.get_by_role("heading", name="Projects", exact=True).is_visible()
    assert page.locator("table.portfolio tbody tr").count() == 3
    assert not page_overflows(page)
    shoot(page, "portfolio", width)
    page.get_by_label("Search").fill("globex")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**q=globex**")
    assert page.locator("table.portfolio tbody tr").count() == 1


@pytest.mark.parametrize("width", list(WIDTHS))
def test_new_project_follows_the_playbook_through_htmx(page, live_server, width):
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN, workspace__name="Paylocity")
    CustomerFactory(workspace=admin.workspace, name="Acme")
    PartnerFactory(workspace=admin.workspace, name="Benefits TPA")
    open_as(page, live_server, admin.user, width)
    page.goto(f"{live_server.url}/projects/new/")
    assert page.get_by_label("Path (variant)").is_visible()
    page.get_by_label("Playbook").select_option("paylocity-integration@1.0")
    # htmx swaps the path select for Paylocity's owner choices, without a page load.
    page.locator("legend", has_text="Owner of “1st Level Support”").wait_for()
    assert page.get_by_label("Path (variant)").count() == 0
    page.get_by_label("Project name").fill("Acme payroll connection")
    page.get_by_label("Customer", exact=True).select_option(label="Acme")
    page.get_by_label("Benefits TPA").check()
    page.get_by_label("Start date").fill("2026-03-02")
    page.get_by_label("Country of the customer's calendar").fill("US")
    page.get_by_label("Region (optional)").fill("CA")
    page.locator("fieldset", has_text="1st Level Support").get_by_label("Third-Party Associates").check()
    assert not page_overflows(page)
    shoot(page, "new", width)
    page.get_by_role("button", name="Create the project").click()
    page.wait_for_url("**/people/")
    project = Project.objects.get(name="Acme payroll connection")
    assert project.alternative_choices["first-level-support"] == "tpa"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_overview_with_the_gantt_chart(page, live_server, cast, width):
    open_as(page, live_server, cast.people["customer"].user, width)
    page.goto(f"{live_server.url}/projects/{cast.project.pk}/")
    gantt = page.locator("svg.gantt-timeline")
    assert gantt.is_visible()
    # The chart's stylesheet applies: critical bars are hatched, not the default black fill.
    fill = page.evaluate(
        "getComputedStyle(document.querySelector('svg.gantt-timeline rect.bar.critical')).fill"
    )
    assert "critical-hatch" in fill
    region = page.get_by_role("region", name="Gantt chart, scrolls sideways")
    assert region.get_attribute("tabindex") == "0"
    assert not page_overflows(page)
    shoot(page, "overview", width)
    page.locator("section", has=page.locator("#gantt-heading")).screenshot(
        path=str(ARTIFACTS / f"projects-overview-gantt-{width}.png")
    )


@pytest.mark.parametrize("width", list(WIDTHS))
def test_staffing(page, live_server, cast, width):
    open_as(page, live_server, cast.admin, width)
    page.goto(f"{live_server.url}/projects/{cast.project.pk}/people/")
    member = cast.people["member"].user
    page.get_by_label("Add to Customer Success Manager").select_option(str(member.pk))
    page.locator("#role-customer-success-manager").get_by_role("button", name="Assign").click()
    page.wait_for_selector("text=now holds this role")
    card = page.locator("#role-customer-success-manager")
    assert card.locator(".lead-mark").count() == 1
    assert not page_overflows(page)
    shoot(page, "staffing", width)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_upgrade(page, live_server, cast, width):
    newer_version_in_catalogue(cast.project.workspace)
    open_as(page, live_server, cast.admin, width)
    page.goto(f"{live_server.url}/projects/{cast.project.pk}/upgrade/")
    page.get_by_role("button", name="See what would change").click()
    page.wait_for_selector("text=What changes from 1.0 to 1.1")
    assert not page_overflows(page)
    shoot(page, "upgrade", width)
    page.get_by_role("button", name="Upgrade to 1.1").click()
    page.wait_for_selector("text=now follows")
    assert Project.objects.get(pk=cast.project.pk).playbook_version == "1.1"
