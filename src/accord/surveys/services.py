"""Writes of the survey and the close of onboarding (seed 002).

- :func:`survey_send`: invite the customer's contacts of a project (once each), e-mailed by the
  worker with a signed, expiring link;
- :func:`survey_answer`: the answer through that link, without logging in, once per person;
- :func:`onboarding_close`: name the main point of contact going forward (the vendor's CSM by
  default), hand the roles over to customer success (the playbook's hand-overs), send the survey.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accord.accounts.models import User, user_language
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.errors import AccordError, InvalidInput, NotFound, Problem
from accord.projects.access import ProjectAction, require
from accord.projects.handover import handovers_of
from accord.projects.models import Project, ProjectTask, RoleAssignment
from accord.projects.services import handover_apply_if_due
from accord.surveys import tasks
from accord.surveys.models import OnboardingClose, SurveyResponse
from accord.workspaces.models import VENDOR_KINDS, Membership, MembershipKind

__all__ = [
    "SURVEY_SALT",
    "AlreadyAnswered",
    "default_main_contact",
    "onboarding_close",
    "survey_answer",
    "survey_email_deliver",
    "survey_send",
    "survey_token",
]

SURVEY_SALT = "accord.surveys.link"
#: The vendor's customer-success role in the built-in playbooks.
CSM_ROLE = "customer-success-manager"


class AlreadyAnswered(AccordError):
    """This person answered the survey already; the first answer stands."""

    code = "survey-already-answered"


def survey_token(response: SurveyResponse) -> str:
    """The signed text of a response's link (it expires with ACCORD_SURVEY_LIFETIME)."""
    return signing.dumps(response.token_nonce, salt=SURVEY_SALT)


def _contacts(project: Project) -> list[int]:
    return list(
        Membership.objects.filter(
            workspace_id=project.workspace_id,
            kind=MembershipKind.CUSTOMER_CONTACT,
            customer_id=project.customer_id,
            user__is_active=True,
        )
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


@transaction.atomic
def survey_send(*, actor: User, project: Project, on_close: bool = False) -> list[SurveyResponse]:
    """Invite every customer contact of ``project`` who has not answered yet (vendor managers).

    A contact invited before gets a fresh link (the old one stops working); one who answered is
    not asked again. Returns the invitations sent now."""
    require(actor, ProjectAction.MANAGE, project)
    now = timezone.now()
    expires = now + settings.ACCORD_SURVEY_LIFETIME
    answered = set(
        SurveyResponse.objects.filter(project_id=project.pk, answered_at__isnull=False).values_list(
            "contact_id", flat=True
        )
    )
    sent = []
    for contact_id in _contacts(project):
        if contact_id in answered:
            continue
        response, _created = SurveyResponse.objects.update_or_create(
            project=project,
            contact_id=contact_id,
            defaults={"token_nonce": secrets.token_urlsafe(32), "invited_at": now, "expires_at": expires},
        )
        sent.append(response)
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.SURVEY_SENT,
        target_type="survey",
        target_key=str(project.pk),
        after={"count": len(sent), "on_close": on_close},
    )
    ids = [response.pk for response in sent]
    transaction.on_commit(lambda: [tasks.survey_email_send.enqueue(response_id=pk) for pk in ids])
    return sent


def survey_email_deliver(*, response_id: int) -> bool:
    """E-mail a contact their survey link, in their language; nothing once answered or expired."""
    response = (
        SurveyResponse.objects.select_related("contact", "project", "project__workspace")
        .filter(pk=response_id, answered_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if response is None or not response.contact.is_active:
        return False
    link = settings.ACCORD_BASE_URL + reverse("surveys:answer", kwargs={"token": survey_token(response)})
    with translation.override(user_language(response.contact)):
        context = {"response": response, "project": response.project, "link": link}
        subject = " ".join(render_to_string("surveys/survey_subject.txt", context).split())
        body = render_to_string("surveys/survey_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [response.contact.email])
    return True


def _link_invalid() -> NotFound:
    return NotFound(
        _("This survey link is not valid any more."),
        hint=_("Ask your project's vendor for a new link."),
    )


def response_for_token(token: str) -> SurveyResponse:
    """The invitation a link names: NotFound when tampered with, replaced or expired."""
    try:
        nonce = signing.loads(token, salt=SURVEY_SALT, max_age=settings.ACCORD_SURVEY_LIFETIME)
    except signing.BadSignature:
        raise _link_invalid() from None
    response = (
        SurveyResponse.objects.select_related("project", "project__customer", "contact")
        .filter(token_nonce=nonce)
        .first()
    )
    if response is None or not response.contact.is_active:
        raise _link_invalid()
    if response.answered_at is None and response.expires_at <= timezone.now():
        raise _link_invalid()
    return response


@transaction.atomic
def survey_answer(*, token: str, score: int, comment: str = "") -> SurveyResponse:
    """Record the answer a link carries (CSAT 1–5 and a comment). Once per person: a second
    answer raises :class:`AlreadyAnswered` and changes nothing."""
    found = response_for_token(token)
    response = (
        SurveyResponse.objects.select_for_update().select_related("project", "contact").get(pk=found.pk)
    )
    if response.answered_at is not None:
        raise AlreadyAnswered(
            _("You already answered this survey. Thank you!"),
            hint=_("Your first answer is the one we keep."),
        )
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise InvalidInput(
            [
                Problem(
                    "score-out-of-range",
                    _("Choose a score from 1 to 5."),
                    where="score",
                    hint=_("1 is very dissatisfied, 5 very satisfied."),
                )
            ]
        )
    response.score = score
    response.comment = (comment or "").strip()[:4000]
    response.answered_at = timezone.now()
    response.save(update_fields=["score", "comment", "answered_at"])
    activity_record(
        actor=response.contact,
        project=response.project,
        verb=Verb.SURVEY_ANSWERED,
        target_type="survey",
        target_key=str(response.project_id),
    )
    return response


# -- the close of onboarding ---------------------------------------------------------------------


def _vendor_staff(project: Project, user_id: int) -> bool:
    return Membership.objects.filter(
        workspace_id=project.workspace_id,
        user_id=user_id,
        kind__in=sorted(VENDOR_KINDS),
        user__is_active=True,
    ).exists()


def default_main_contact(project: Project) -> User | None:
    """The main point of contact going forward by default: the lead of the vendor's Customer
    Success Manager role, else of the role the playbook hands over to, else None."""
    leads = {
        assignment.role_key: assignment.user
        for assignment in RoleAssignment.objects.select_related("user").filter(
            project_id=project.pk, is_lead=True
        )
    }
    for role_key in (CSM_ROLE, *(handover.to for handover in handovers_of(project))):
        user = leads.get(role_key)
        if user is not None and _vendor_staff(project, user.pk):
            return user
    return None


@dataclass(frozen=True, slots=True)
class Closed:
    close: OnboardingClose
    handed_over: int
    surveyed: int


def _hand_over(actor: User, project: Project) -> int:
    """Call the project's hand-over for each hand-over milestone of the playbook (recorded when
    its milestone is reached); returns how many were recorded now."""
    keys = {handover.after for handover in handovers_of(project)}
    recorded = 0
    for task in ProjectTask.objects.filter(project_id=project.pk).filter(key__in=keys).order_by("position"):
        recorded += len(handover_apply_if_due(project=project, task=task, actor=actor))
    phase_tasks = ProjectTask.objects.filter(project_id=project.pk, phase_key__in=keys).order_by("-position")
    last = phase_tasks.first()
    if last is not None:
        recorded += len(handover_apply_if_due(project=project, task=last, actor=actor))
    return recorded


@transaction.atomic
def onboarding_close(*, actor: User, project: Project, main_contact: User | int | None = None) -> Closed:
    """Close a project's onboarding (vendor admins and managers): name the main point of contact
    going forward (a vendor person; the CSM by default), hand the roles over to customer success,
    and send the post-onboarding survey to the customer's contacts."""
    require(actor, ProjectAction.MANAGE, project)
    contact_id = main_contact.pk if isinstance(main_contact, User) else main_contact
    if contact_id is None:
        default = default_main_contact(project)
        contact_id = default.pk if default is not None else None
    if contact_id is None or not _vendor_staff(project, contact_id):
        raise InvalidInput(
            [
                Problem(
                    "main-contact-required",
                    _("Choose the main point of contact going forward among the vendor's people."),
                    hint=_("Staff the Customer Success Manager role to have them chosen by default."),
                    where="main_contact",
                )
            ]
        )
    contact = User.objects.get(pk=contact_id)
    close, _created = OnboardingClose.objects.update_or_create(
        project=project, defaults={"main_contact": contact, "closed_by": actor, "closed_at": timezone.now()}
    )
    handed_over = _hand_over(actor, project)
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.ONBOARDING_CLOSED,
        target_type="project",
        target_key=str(project.pk),
        after={
            "id": contact.pk,
            "email": contact.email,
            "name": contact.get_full_name(),
            "handed_over": handed_over,
        },
    )
    surveyed = survey_send(actor=actor, project=project, on_close=True)
    return Closed(close=close, handed_over=handed_over, surveyed=len(surveyed))
