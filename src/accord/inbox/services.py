"""Writes to the inbox: notifications created after a change commits, e-mailed by the worker.

A service that changes a task calls :func:`notify_after_commit` inside its transaction; the
notification rows are created only once that transaction commits (a write that rolls back tells
no one), and each one is e-mailed by a background task.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User, user_language
from accord.activity.models import ActivityEntry
from accord.inbox import tasks
from accord.inbox.models import Notification
from accord.projects.models import Project
from accord.projects.selectors import visible_projects
from accord.work.models import ProjectTask

Kind = Notification.Kind

_TITLES = {
    Kind.TASK_DONE: _("“%(task)s” is done"),
    Kind.APPROVAL_REQUESTED: _("“%(task)s” awaits your approval"),
    Kind.SENT_BACK: _("“%(task)s” was sent back"),
    Kind.INPUT_REQUESTED: _("%(person)s asks for your input on “%(task)s”"),
    Kind.INPUT_GIVEN: _("%(person)s answered on “%(task)s”"),
}
_DETAILS = {
    Kind.SENT_BACK: _("Reason: %(detail)s"),
    Kind.INPUT_REQUESTED: _("Question: %(detail)s"),
    Kind.INPUT_GIVEN: _("Answer: %(detail)s"),
}


def _detail(activity: ActivityEntry | None) -> str:
    after = activity.after if activity is not None and isinstance(activity.after, dict) else {}
    return str(after.get("reason") or after.get("body") or "")


def notification_title(notification: Notification) -> str:
    """One line saying what happened, in the active language (for a list or a subject)."""
    template = _TITLES.get(Kind(notification.kind))
    if template is None:
        return notification.message
    activity = notification.activity
    person = activity.actor.get_full_name() if activity is not None and activity.actor else gettext("Someone")
    task = notification.task.name if notification.task is not None else ""
    return str(template) % {"task": task, "person": person}


def notification_text(notification: Notification) -> str:
    """What happened with its detail (the reason, the question, the answer), in the active language."""
    title = notification_title(notification)
    template = _DETAILS.get(Kind(notification.kind))
    detail = _detail(notification.activity)
    if template is None or not detail:
        return title
    return f"{title}. {template % {'detail': detail}}"


def notify_after_commit(
    *,
    kind: Notification.Kind,
    task: ProjectTask,
    activity: ActivityEntry,
    recipients: Iterable[User],
    actor: User | None = None,
) -> None:
    """Tell ``recipients`` (except the ``actor``, who knows) once the current transaction commits."""
    recipient_ids = list(
        dict.fromkeys(user.pk for user in recipients if actor is None or user.pk != actor.pk)
    )
    if not recipient_ids:
        return
    project_id, task_id, activity_id = task.project_id, task.pk, activity.pk
    transaction.on_commit(
        lambda: notifications_create(
            kind=kind,
            project_id=project_id,
            task_id=task_id,
            activity_id=activity_id,
            recipient_ids=recipient_ids,
        )
    )


@transaction.atomic
def notifications_create(
    *,
    kind: Notification.Kind,
    project_id: int,
    task_id: int | None,
    activity_id: int | None,
    recipient_ids: list[int],
) -> list[Notification]:
    """Create one notification per active recipient and queue its e-mail; returns them."""
    project = Project.objects.get(pk=project_id)
    task = ProjectTask.objects.filter(pk=task_id).first() if task_id is not None else None
    activity = (
        ActivityEntry.objects.select_related("actor").filter(pk=activity_id).first()
        if activity_id is not None
        else None
    )
    recipients = User.objects.filter(pk__in=recipient_ids, is_active=True).order_by("pk")
    now = timezone.now()
    draft = Notification(project=project, task=task, activity=activity, kind=kind, message="")
    with translation.override(settings.LANGUAGE_CODE):
        message = notification_text(draft)[:500]
    notifications = Notification.objects.bulk_create(
        Notification(
            user=user,
            project=project,
            task=task,
            activity=activity,
            kind=kind,
            message=message,
            created_at=now,
        )
        for user in recipients
    )
    notification_ids = [notification.pk for notification in notifications]

    def queue_emails() -> None:
        for notification_id in notification_ids:
            tasks.notification_email_send.enqueue(notification_id=notification_id)

    transaction.on_commit(queue_emails)
    return notifications


def _link(notification: Notification) -> str:
    try:
        path = reverse("work:board", kwargs={"project_id": notification.project_id})
    except NoReverseMatch:
        # The board page is not wired yet: send people to their home page.
        path = reverse("home")
    return f"{settings.ACCORD_BASE_URL}{path}"


def recipient_language(user: object) -> str:
    """The language to write to ``user`` in: the one chosen in their preferences if we speak it,
    else the site's default."""
    return user_language(user)


def notification_email_deliver(*, notification_id: int) -> bool:
    """E-mail a notification to its recipient, in their language; returns whether one was sent.

    Nothing is sent twice, nor to a disabled account, nor to someone who may no longer see the
    project.
    """
    notification = (
        Notification.objects.select_related(
            "user", "project", "project__customer", "task", "activity", "activity__actor"
        )
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.user.is_active:
        return False
    if not visible_projects(notification.user).filter(pk=notification.project_id).exists():
        return False
    with translation.override(recipient_language(notification.user)):
        context = {
            "notification": notification,
            "text": notification_text(notification),
            "link": _link(notification),
        }
        subject_context = context | {"text": notification_title(notification)}
        subject = " ".join(render_to_string("inbox/notification_subject.txt", subject_context).split())
        body = render_to_string("inbox/notification_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.user.email])
    Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return True


@transaction.atomic
def notification_mark_read(*, actor: User, notification_ids: Iterable[int]) -> int:
    """Mark the actor's own notifications read (others' ids are ignored); returns how many changed."""
    return Notification.objects.filter(
        user_id=actor.pk, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=timezone.now())
