"""Test campaigns made through the real services, on a project of every kind of person."""

from __future__ import annotations

from typing import Any

from accord.accounts.models import User
from accord.campaigns import services
from accord.campaigns.models import Campaign, TestCase
from accord.projects import services as project_services
from tests.projects.test_pages_support import Cast, cast_made


def invoicecloud_cast() -> Cast:
    """The invoicecloud-integration project (SIT then UAT), with a person of every kind."""
    return cast_made("invoicecloud-integration")


def campaign_made(
    cast: Cast, kind: str = "sit", *, cases: int = 2, name: str = "", **fields: Any
) -> Campaign:
    """A campaign of the cast's project made by its admin, with ``cases`` cases added by hand."""
    campaign = services.campaign_create(
        actor=cast.admin, project=cast.project, kind=kind, name=name or kind.upper(), **fields
    )
    for number in range(cases):
        services.case_create(actor=cast.admin, campaign=campaign, title=f"Case {number + 1}")
    return Campaign.objects.get(pk=campaign.pk)


def all_passed(campaign: Campaign, actor: User) -> None:
    for case in TestCase.objects.filter(campaign=campaign):
        services.run_record(actor=actor, case=case, result="pass")


def signed_off(cast: Cast, kind: str = "sit", **fields: Any) -> Campaign:
    """A campaign started, every case passed, signed off by the admin."""
    campaign = campaign_made(cast, kind, **fields)
    services.campaign_start(actor=cast.admin, campaign=campaign)
    all_passed(campaign, cast.admin)
    return services.campaign_sign_off(actor=cast.admin, campaign=campaign)


def staff(cast: Cast, role_key: str, user: User) -> None:
    project_services.role_assign(
        actor=cast.admin, project=cast.project, role_key=role_key, user=user, confirm_cross_side=True
    )
