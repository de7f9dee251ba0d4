"""Set-up of the main journey: Chromium, and what a person would not create through the pages
(the vendor's workspace, its staff, the customer, an earlier project for the portfolio)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accord.accounts.models import User
from accord.playbooks import builtin_playbook
from accord.projects import services
from accord.workspaces.models import Customer, MembershipKind, Workspace
from tests.accounts.factories import PASSWORD, UserFactory
from tests.workspaces.factories import CustomerFactory, MembershipFactory, WorkspaceFactory

#: Every wait of the journey is bounded by this (milliseconds); the slowest step, creating and
#: planning a project, takes well under a second here.
STEP_TIMEOUT_MS = 15_000
VIEWPORT = {"width": 1280, "height": 800}


@dataclass(frozen=True)
class Vendor:
    """The vendor's workspace and the people the journey logs in as (all with ``PASSWORD``)."""

    workspace: Workspace
    customer: Customer
    manager: User  # vendor manager: creates, staffs, completes the matrix
    approver: User  # vendor member: the Integration Manager, Accountable once the board says so
    informed: User  # vendor member: the Solutions Engineer, Informed once the board says so
    password: str = PASSWORD


@pytest.fixture
def vendor(language: str) -> Vendor:
    """The vendor's people speak the journey's ``language`` (their account's language decides
    where logging in lands them and what their e-mails are written in)."""
    workspace = WorkspaceFactory(name="Invoice Cloud", slug="invoice-cloud")
    manager = MembershipFactory(
        workspace=workspace,
        kind=MembershipKind.VENDOR_MANAGER,
        user=UserFactory(email="maya.patel@invoicecloud.example", full_name="Maya Patel", language=language),
    ).user
    approver = MembershipFactory(
        workspace=workspace,
        kind=MembershipKind.VENDOR_MEMBER,
        user=UserFactory(email="ada.byrne@invoicecloud.example", full_name="Ada Byrne", language=language),
    ).user
    informed = MembershipFactory(
        workspace=workspace,
        kind=MembershipKind.VENDOR_MEMBER,
        user=UserFactory(
            email="linus.ortega@invoicecloud.example", full_name="Linus Ortega", language=language
        ),
    ).user
    customer = CustomerFactory(workspace=workspace, name="Springfield Utilities")
    # An earlier project of another customer, so that the portfolio is not empty on arrival.
    services.project_create(
        actor=manager,
        creation=services.ProjectCreation(
            workspace=workspace,
            customer=CustomerFactory(workspace=workspace, name="Shelbyville Water"),
            name="Shelbyville Water payments",
            playbook=builtin_playbook("invoicecloud-integration"),
            start_date=timezone.localdate(),
            country="US",
        ),
    )
    return Vendor(workspace, customer, manager, approver, informed)


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[[str], Page]]:
    """A fresh browser context (its own cookies: one person) and its page, per call."""
    contexts = []
    expect.set_options(timeout=STEP_TIMEOUT_MS)

    def open_page(locale: str) -> Page:
        context = browser.new_context(viewport=VIEWPORT, locale=locale)
        context.set_default_timeout(STEP_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
