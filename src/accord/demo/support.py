"""The demo's support and survey: on the Invoice Cloud project, the customer's team agreed as the
first level and a ticket opened by its contact; on the SocialTalent onboarding, the survey answered.
Made through the real services, once."""

from __future__ import annotations

from accord.accounts.models import User
from accord.projects.models import Project
from accord.support import services as support_services
from accord.support.models import SupportAgreement, Ticket
from accord.surveys import services as survey_services
from accord.surveys.models import SurveyResponse

TICKET_PLAYBOOK = "invoicecloud-integration"
SURVEY_PLAYBOOK = "socialtalent-onboarding"


def support_demo(project: Project, *, manager: User, contact: User) -> bool:
    """Add the demo's ticket and answered survey once; True when something was made."""
    made = False
    if project.playbook_key == TICKET_PLAYBOOK:
        if not SupportAgreement.objects.filter(project=project).exists():
            support_services.support_owner_agree(actor=manager, project=project, first_level="customer")
            made = True
        if not Ticket.objects.filter(project=project).exists():
            ticket = support_services.ticket_open(
                actor=contact,
                project=project,
                subject="Payment file rejected on Monday",
                body="The payment file of Monday 6 am was rejected with error 'unknown account format'.",
                priority="high",
            )
            support_services.ticket_comment_add(
                actor=manager, ticket=ticket, body="Checking the account format of the CIS export with you."
            )
            made = True
    if (
        project.playbook_key == SURVEY_PLAYBOOK
        and not SurveyResponse.objects.filter(project=project).exists()
    ):
        for response in survey_services.survey_send(actor=manager, project=project):
            if response.contact_id == contact.pk:
                survey_services.survey_answer(
                    token=survey_services.survey_token(response),
                    score=5,
                    comment="Clear plan, quick answers, and the launch call was very useful.",
                )
        made = True
    return made
