"""The demo's test campaigns: on the Invoice Cloud project, a SIT signed off and a UAT running
(one case passed, one failed with a major defect open), made through the real services."""

from __future__ import annotations

from accord.accounts.models import User
from accord.campaigns import services
from accord.campaigns.models import Campaign, TestCase
from accord.projects.models import Project

DEMO_PLAYBOOK = "invoicecloud-integration"
SIT_CASES = (
    ("Daily bill file: CIS → Invoice Cloud", "The bills of the day appear in Invoice Cloud by 6 am."),
    ("Payment file: Invoice Cloud → CIS", "Each payment posts to the right account in the CIS."),
)
UAT_CASES = (
    ("A biller's customer pays a bill online", "The payment shows in the customer's history at once."),
    ("A refund is issued from the CIS", "The customer sees the refund and the receipt e-mail."),
)


def _with_cases(campaign: Campaign, manager: User, cases: tuple[tuple[str, str], ...]) -> list[TestCase]:
    made = list(TestCase.objects.filter(campaign=campaign))
    for title, expected in cases:
        made.append(services.case_create(actor=manager, campaign=campaign, title=title, expected=expected))
    return made


def campaigns_demo(project: Project, *, manager: User, tester: User) -> bool:
    """Add the demo's campaigns to the Invoice Cloud project once; True when something was made."""
    if project.playbook_key != DEMO_PLAYBOOK or Campaign.objects.filter(project=project).exists():
        return False
    sit = services.campaign_create(actor=manager, project=project, kind="sit", name="SIT — billing files")
    sit_cases = _with_cases(sit, manager, SIT_CASES)
    services.campaign_start(actor=manager, campaign=sit)
    for case in sit_cases:
        services.run_record(actor=tester, case=case, result="pass", notes="Checked against the design.")
    services.campaign_sign_off(actor=manager, campaign=sit)

    uat = services.campaign_create(actor=manager, project=project, kind="uat", name="UAT — payments portal")
    first, second = _with_cases(uat, manager, UAT_CASES)[-2:]
    services.campaign_start(actor=manager, campaign=uat)
    services.run_record(actor=tester, case=first, result="pass")
    services.run_record(actor=tester, case=second, result="fail", notes="The receipt e-mail is not sent.")
    services.defect_create(
        actor=tester,
        campaign=uat,
        case=second,
        title="No receipt e-mail after a refund",
        severity="major",
        owner=manager,
    )
    return True
