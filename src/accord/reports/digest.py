"""The weekly digest: who gets it by default, when it is due, and its sending.

Who by default (no subscription row yet; rows are created at the first run, so anyone can turn
the digest off or on afterwards, and anyone who sees the project can choose it):

- on the customer's side, everyone staffed in a role keyed :data:`CUSTOMER_DIGEST_ROLES` (the
  built-in playbooks' sponsor and project manager roles); a playbook with none of these keys
  gives its first customer role's lead instead;
- on the vendor's side, the lead of the first role of :data:`VENDOR_LEAD_ROLES` that has one
  (the vendor's project lead); a playbook with none gives its first vendor role's lead.

When: on the first business day of the week of the project's calendar (weekends, public
holidays and closures excluded), from :data:`DIGEST_HOUR` in the recipient's own time zone (the
project's when they have not set one); a run that comes later in the same week still sends it.
A week with no business day gets no digest. Runs are idempotent: one
:class:`~accord.reports.models.DigestDelivery` per subscription and ISO week (a unique row).

What: the week's status report (one per project and week, made by the first due run), in the
recipient's language; when nothing changed since the report before it, a short "no change this
week" note instead, which each person can turn off (then nothing is sent that week).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.domain.calendar import CalendarError, WorkingCalendar
from accord.domain.playbook import Side
from accord.domain.time_zones import known_zone, zone_or_utc
from accord.projects.access import visible_projects
from accord.projects.models import Project, RoleAssignment
from accord.projects.planning import project_calendar
from accord.projects.playbook_copy import project_playbook
from accord.reports.models import DigestDelivery, DigestSubscription, StatusReport
from accord.reports.snapshot import snapshot_changed, snapshot_take

#: Customer-side role keys whose people get the digest by default: the sponsor
#: (socialtalent-onboarding's executive-sponsor) and the project manager (socialtalent's
#: program-manager, tomorro-integration's project-manager).
CUSTOMER_DIGEST_ROLES = ("executive-sponsor", "program-manager", "project-manager")
#: Vendor-side role keys, in order, whose lead is "the vendor's lead" (invoicecloud's
#: implementation-manager, the integration playbooks' integration-manager, socialtalent's
#: onboarding-specialist, then an account manager).
VENDOR_LEAD_ROLES = (
    "implementation-manager",
    "integration-manager",
    "onboarding-specialist",
    "account-manager",
)
#: The hour (recipient's local time) from which the digest of the day goes out.
DIGEST_HOUR = 7


def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def first_business_day_of_week(calendar: WorkingCalendar, day: dt.date) -> dt.date | None:
    """The first business day of the (Monday to Sunday) week of ``day``; None when it has none."""
    monday = day - dt.timedelta(days=day.weekday())
    for offset in range(7):
        candidate = monday + dt.timedelta(days=offset)
        try:
            if calendar.is_business_day(candidate):
                return candidate
        except CalendarError:
            return None
    return None


def due_week(calendar: WorkingCalendar, local_now: dt.datetime) -> str | None:
    """The ISO week whose digest is due at ``local_now`` (the recipient's local time), or None:
    from DIGEST_HOUR on the week's first business day to the end of that week."""
    today = local_now.date()
    first = first_business_day_of_week(calendar, today)
    if first is None or today < first or (today == first and local_now.hour < DIGEST_HOUR):
        return None
    return iso_week(today)


def recipient_zone(user: object, project: Project) -> dt.tzinfo:
    """The recipient's own zone, else the project's, else UTC."""
    return known_zone(str(getattr(user, "time_zone", "") or "")) or zone_or_utc(project.time_zone)


def default_recipient_ids(project: Project) -> set[int]:
    """The people who get the digest of ``project`` unless they turned it off (module docstring)."""
    playbook = project_playbook(project)
    customer = [role.key for role in playbook.roles if role.side is Side.CUSTOMER]
    vendor = [role.key for role in playbook.roles if role.side is Side.VENDOR]
    rows = list(
        RoleAssignment.objects.filter(project=project, user__is_active=True)
        .order_by("-is_lead", "created_at", "pk")
        .values_list("role_key", "user_id", "is_lead")
    )
    chosen: set[int] = set()
    listed = [key for key in customer if key in CUSTOMER_DIGEST_ROLES]
    if listed:
        chosen |= {user for key, user, _lead in rows if key in listed}
    else:
        chosen |= {user for key, user, lead in rows if customer and key == customer[0] and lead}
    leads = {key: user for key, user, lead in rows if lead}
    ordered = [key for key in VENDOR_LEAD_ROLES if key in vendor] + vendor[:1]
    lead = next((leads[key] for key in ordered if key in leads), None)
    if lead is not None:
        chosen.add(lead)
    return chosen


def subscriptions_for(project: Project) -> list[DigestSubscription]:
    """The project's subscriptions, the default recipients' created now if they had none."""
    have = set(DigestSubscription.objects.filter(project=project).values_list("user_id", flat=True))
    for user_id in default_recipient_ids(project) - have:
        try:
            with transaction.atomic():
                DigestSubscription.objects.create(user_id=user_id, project=project)
        except IntegrityError:  # another run made it at the same moment
            pass
    return list(DigestSubscription.objects.filter(project=project).select_related("user"))


def weekly_report(project: Project, week: str) -> StatusReport:
    """The project's report of ``week``, made once (the first due run makes it)."""
    found = StatusReport.objects.filter(project=project, iso_week=week).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return StatusReport.objects.create(
                project=project, iso_week=week, snapshot=snapshot_take(project)
            )
    except IntegrityError:
        return StatusReport.objects.get(project=project, iso_week=week)


def _previous(report: StatusReport) -> StatusReport | None:
    return (
        StatusReport.objects.filter(project_id=report.project_id, created_at__lte=report.created_at)
        .exclude(pk=report.pk)
        .order_by("-created_at", "-pk")
        .first()
    )


def _deliver(subscription: DigestSubscription, project: Project, week: str) -> DigestDelivery | None:
    if DigestDelivery.objects.filter(subscription=subscription, iso_week=week).exists():
        return None
    report = weekly_report(project, week)
    previous = _previous(report)
    changed = snapshot_changed(report.snapshot, previous.snapshot if previous else None)
    kind = DigestDelivery.Kind.FULL
    if not changed:
        kind = DigestDelivery.Kind.NO_CHANGE if subscription.no_change_note else DigestDelivery.Kind.SKIPPED
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(
                subscription=subscription, iso_week=week, report=report, kind=kind
            )
            if kind != DigestDelivery.Kind.SKIPPED:
                from accord.reports import tasks

                transaction.on_commit(lambda: tasks.digest_email_send.enqueue(delivery_id=delivery.pk))
    except IntegrityError:  # another run took this week
        return None
    return delivery


def digests_send(*, now: dt.datetime | None = None, projects: Iterable[Project] | None = None) -> int:
    """One run: for every active project, each subscription whose digest is due now and was not
    made this week gets its delivery (the e-mail goes out through the worker after commit).
    Returns how many deliveries were made (skipped ones included). Idempotent."""
    now = now or timezone.now()
    made = 0
    candidates = projects if projects is not None else Project.objects.filter(status=Project.Status.ACTIVE)
    for project in candidates:
        calendar = project_calendar(project)
        for subscription in subscriptions_for(project):
            if not subscription.enabled or not subscription.user.is_active:
                continue
            week = due_week(calendar, now.astimezone(recipient_zone(subscription.user, project)))
            if week is None:
                continue
            if not visible_projects(subscription.user).filter(pk=project.pk).exists():
                continue
            if _deliver(subscription, project, week) is not None:
                made += 1
    return made
