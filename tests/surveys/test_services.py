"""The survey (CSAT 1–5 and a comment through a signed link, once per person) and the close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.domain.errors import InvalidInput, NotFound
from accord.projects.access import NotAllowed
from accord.projects.models import RoleHandover
from accord.surveys import selectors, services
from accord.surveys.models import OnboardingClose, SurveyResponse
from tests.surveys.factories import csm_cast, link_in_outbox
from tests.workspaces.factories import CustomerContactFactory

pytestmark = pytest.mark.django_db


def test_closing_names_the_csm_by_default_and_surveys_the_customer_contacts(
    django_capture_on_commit_callbacks,
):
    cast = csm_cast()
    second = CustomerContactFactory(workspace=cast.project.workspace, customer=cast.project.customer).user
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.onboarding_close(actor=cast.admin, project=cast.project)
    assert closed.close.main_contact == cast.people["member"].user
    assert closed.surveyed == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.people["customer"].user.email, second.email])
    assert not any(m.to[0] == cast.people["other-customer"].user.email for m in mail.outbox)
    assert ActivityEntry.objects.filter(verb=Verb.ONBOARDING_CLOSED, project=cast.project).exists()
    assert ActivityEntry.objects.filter(verb=Verb.SURVEY_SENT, project=cast.project).get().after["count"] == 2


def test_the_close_calls_the_hand_over_once_its_milestone_is_reached(django_capture_on_commit_callbacks):
    cast = csm_cast()
    cast.project.tasks.filter(phase_key="deployment").update(status="done")
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.onboarding_close(actor=cast.admin, project=cast.project)
    assert closed.handed_over == 1
    assert RoleHandover.objects.filter(
        project=cast.project, role_key="account-manager", to_role_key="customer-success-manager"
    ).exists()


def test_closing_needs_a_vendor_person_and_a_manager():
    cast = csm_cast()
    with pytest.raises(InvalidInput):
        services.onboarding_close(
            actor=cast.admin, project=cast.project, main_contact=cast.people["customer"].user
        )
    with pytest.raises(NotAllowed):
        services.onboarding_close(actor=cast.people["member"].user, project=cast.project)
    assert not OnboardingClose.objects.exists()


def test_an_answer_through_the_link_needs_no_login_and_counts_once(django_capture_on_commit_callbacks):
    cast = csm_cast()
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_send(actor=cast.admin, project=cast.project)
    path = link_in_outbox()
    client = Client()
    assert client.get(path).status_code == 200
    response = client.post(path, {"score": "4", "comment": "Smooth and clear."})
    assert response.status_code == 200
    assert response.context["thanks"]
    again = client.post(path, {"score": "1", "comment": "Changed my mind"})
    assert again.status_code == 409
    assert again.context["already"]
    answer = SurveyResponse.objects.get()
    assert (answer.score, answer.comment) == (4, "Smooth and clear.")
    assert (
        ActivityEntry.objects.filter(verb=Verb.SURVEY_ANSWERED, actor=cast.people["customer"].user).count()
        == 1
    )


def test_a_tampered_expired_or_replaced_link_is_refused(django_capture_on_commit_callbacks):
    cast = csm_cast()
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_send(actor=cast.admin, project=cast.project)
    first = link_in_outbox()
    assert Client().get(first[:-3] + "xx/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_send(actor=cast.admin, project=cast.project)
    assert Client().get(first).status_code == 404  # a new link replaces the old one
    SurveyResponse.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert Client().get(link_in_outbox()).status_code == 404


def test_a_score_out_of_range_is_refused():
    cast = csm_cast()
    [response] = services.survey_send(actor=cast.admin, project=cast.project)
    with pytest.raises(InvalidInput):
        services.survey_answer(token=services.survey_token(response), score=6)


def test_results_are_for_the_vendor_staff_only(django_capture_on_commit_callbacks):
    cast = csm_cast()
    [response] = services.survey_send(actor=cast.admin, project=cast.project)
    services.survey_answer(token=services.survey_token(response), score=5, comment="Great")
    _access, results = selectors.project_results(cast.people["member"].user, cast.project.pk)
    assert (results.invited, results.answered, results.average) == (1, 1, 5.0)
    assert results.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 1}
    assert [c.comment for c in selectors.portfolio_results(cast.admin).comments] == ["Great"]
    for kind in ("customer", "partner-on", "other-customer"):
        with pytest.raises(NotFound):
            selectors.project_results(cast.people[kind].user, cast.project.pk)
    assert selectors.portfolio_results(cast.people["other-workspace"].user).answered == 0
