"""The demo shows the status report: a published report and digest subscriptions, made once."""

from __future__ import annotations

import pytest

from accord.accounts.models import User
from accord.demo import cast
from accord.demo.builder import demo_build
from accord.projects.models import Project
from accord.reports.models import DigestSubscription, StatusReport
from accord.reports.selectors import report_view


@pytest.fixture
def built(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo_build()


def test_the_demo_has_a_published_report_the_customers_contact_reads_and_a_digest(built):
    project = Project.objects.get(name="Northwind — Tomorro integration")
    nora = User.objects.get(email=cast.NORTHWIND_CONTACT.email)
    published = StatusReport.objects.get(project=project)
    assert published.created_by.email == cast.MANAGER.email
    view = report_view(nora, project.pk)  # the report as it stands now, compared with the published one
    assert view.previous == published
    subscribed = set(
        DigestSubscription.objects.filter(project=project, enabled=True).values_list("user__email", flat=True)
    )
    assert subscribed == {cast.MANAGER.email, cast.NORTHWIND_CONTACT.email}
    assert StatusReport.objects.filter(project__name="Globex — Invoice Cloud integration").count() == 1


def test_a_second_run_publishes_no_second_report(built, django_capture_on_commit_callbacks):
    reports, subscriptions = StatusReport.objects.count(), DigestSubscription.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        result = demo_build()
    assert (StatusReport.objects.count(), DigestSubscription.objects.count()) == (reports, subscriptions)
    assert not result.built_something
