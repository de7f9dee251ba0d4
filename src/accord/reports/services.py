"""Writes of the reports app: publish a report, choose the digest, stop it from a signed link,
and e-mail one digest (the worker calls it)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accord.accounts.models import User, user_language
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.projects.access import ProjectAction, project_access, require, visible_projects
from accord.projects.models import Project
from accord.reports import unsubscribe
from accord.reports.digest import recipient_zone
from accord.reports.models import DigestDelivery, DigestSubscription, StatusReport
from accord.reports.selectors import report_view_of
from accord.reports.snapshot import snapshot_take


@transaction.atomic
def report_publish(*, actor: User, project: Project) -> StatusReport:
    """Publish the project's status report as it stands now, keeping its snapshot so that the
    next report can say what moved. Vendor admins and managers."""
    require(actor, ProjectAction.MANAGE, project)
    project = project_access(actor, project.pk).project
    report = StatusReport.objects.create(project=project, created_by=actor, snapshot=snapshot_take(project))
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.REPORT_PUBLISHED,
        target_type="report",
        target_key=str(report.pk),
        summary=str(Verb.REPORT_PUBLISHED.label),
        after={"report": report.pk, "go_live_p80": report.snapshot["forecast"]["p80"]},
    )
    return report


@transaction.atomic
def digest_choose(
    *, actor: User, project: Project, enabled: bool, no_change_note: bool = True
) -> DigestSubscription:
    """The acting person's own choice: the weekly digest of a project they see, on or off, and its
    "no change this week" note."""
    project = project_access(actor, project.pk).project
    subscription, _created = DigestSubscription.objects.select_for_update().get_or_create(
        user=actor, project=project, defaults={"enabled": enabled, "no_change_note": no_change_note}
    )
    subscription.enabled = enabled
    subscription.no_change_note = no_change_note
    subscription.updated_at = timezone.now()
    subscription.save(update_fields=["enabled", "no_change_note", "updated_at"])
    return subscription


@transaction.atomic
def digest_stop(*, subscription: DigestSubscription, what: str) -> DigestSubscription:
    """Stop the digest (``unsubscribe.ALL``) or only its "no change" note, from a signed link:
    nobody is logged in, the signature is the proof."""
    if what == unsubscribe.ALL:
        subscription.enabled = False
    else:
        subscription.no_change_note = False
    subscription.updated_at = timezone.now()
    subscription.save(update_fields=["enabled", "no_change_note", "updated_at"])
    return subscription


def digest_email_deliver(*, delivery_id: int) -> bool:
    """E-mail one digest to its recipient, in their language and time zone; returns whether it
    was sent. Never twice, never to someone who turned it off, left or may no longer see the
    project."""
    delivery = (
        DigestDelivery.objects.select_related(
            "subscription",
            "subscription__user",
            "subscription__project",
            "subscription__project__workspace",
            "report",
        )
        .filter(pk=delivery_id, sent_at__isnull=True)
        .exclude(kind=DigestDelivery.Kind.SKIPPED)
        .first()
    )
    if delivery is None or delivery.report is None:
        return False
    subscription = delivery.subscription
    user, project = subscription.user, subscription.project
    if not (user.is_active and subscription.enabled):
        return False
    if not visible_projects(user).filter(pk=project.pk).exists():
        return False
    view = report_view_of(project, delivery.report)
    stop_all = unsubscribe.unsubscribe_url(subscription)
    path = reverse("reports:detail", kwargs={"project_id": project.pk, "report_id": delivery.report.pk})
    context = {
        "view": view,
        "project": project,
        "user": user,
        "no_change": delivery.kind == DigestDelivery.Kind.NO_CHANGE,
        "link": f"{settings.ACCORD_BASE_URL}{path}",
        "unsubscribe_link": stop_all,
        "no_change_link": unsubscribe.unsubscribe_url(subscription, unsubscribe.NO_CHANGE),
    }
    with translation.override(user_language(user)), timezone.override(recipient_zone(user, project)):
        subject = " ".join(render_to_string("reports/digest_subject.txt", context).split())
        text = render_to_string("reports/digest_email.txt", context)
        html = render_to_string("reports/digest_email.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients show an "Unsubscribe" button that POSTs here.
            "List-Unsubscribe": f"<{stop_all}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    claimed = DigestDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    try:
        message.send()
    except Exception:
        # Not sent: let the next attempt (a retry of the task) send it.
        DigestDelivery.objects.filter(pk=delivery.pk).update(sent_at=None)
        raise
    return True
