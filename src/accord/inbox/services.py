"""Writes to the inbox: notifications created after a change commits, e-mailed by the worker.

The inbox reacts to committed activity (:func:`notifications_for_entry`, registered in the app's
``ready``): the services that change tasks only record what happened. A write that rolls back tells
no one; each notification is e-mailed by a background task.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User, user_language
from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.inbox import tasks
from accord.inbox.models import Notification
from accord.projects import task_selectors
from accord.projects.access import visible_projects
from accord.projects.models import Project, ProjectTask, TaskStatus
from accord.workspaces.branding import branded_email_html

Kind = Notification.Kind

_TITLES = {
    Kind.TASK_DONE: _("“%(task)s” is done"),
    Kind.APPROVAL_REQUESTED: _("“%(task)s” awaits your approval"),
    Kind.APPROVED: _("%(person)s approved “%(task)s”"),
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


#: A new support ticket, told to its first level (accord.support writes whom in the entry).
_TICKET_TITLE = _("New support ticket #%(ticket)s on %(project)s")


def _is_ticket(activity: ActivityEntry | None) -> bool:
    return activity is not None and activity.verb == Verb.TICKET_OPENED


def notification_title(notification: Notification) -> str:
    """One line saying what happened, in the active language (for a list or a subject)."""
    if _is_ticket(notification.activity):
        activity = notification.activity
        ticket = activity.target_key if activity is not None else ""
        return str(_TICKET_TITLE) % {"ticket": ticket, "project": notification.project.name}
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


#: Which letter's holders each kind of notification goes to.
_LETTER_OF_KIND = {
    Kind.TASK_DONE: "I",
    Kind.APPROVAL_REQUESTED: "A",
    Kind.APPROVED: "R",
    Kind.SENT_BACK: "R",
    Kind.INPUT_REQUESTED: "C",
}


def _kinds_of(entry: ActivityEntry) -> list[Notification.Kind]:
    """What a committed entry means for the people of its task, if anything (most telling first).

    A task move is read from the entry itself (the status it led to, as the event says it), not
    from the task now: two moves committed together (submit, then approve) each tell their own news.
    An approval tells the Responsible their work was approved, and the Informed that it is done.
    """
    verb = Verb(entry.verb) if entry.verb in Verb.values else None
    outcome = entry.after.get("status") if isinstance(entry.after, dict) else None
    if verb is Verb.TASK_APPROVED and outcome == TaskStatus.DONE:
        return [Kind.APPROVED, Kind.TASK_DONE]
    if verb is Verb.TASK_SUBMITTED and outcome == TaskStatus.DONE:
        return [Kind.TASK_DONE]
    if verb is Verb.TASK_SUBMITTED and outcome == TaskStatus.AWAITING_APPROVAL:
        return [Kind.APPROVAL_REQUESTED]
    kind = (
        {
            Verb.TASK_SENT_BACK: Kind.SENT_BACK,
            Verb.INPUT_REQUESTED: Kind.INPUT_REQUESTED,
            Verb.INPUT_GIVEN: Kind.INPUT_GIVEN,
            # A test campaign ready for sign-off: its validation task's Accountable must act.
            Verb.CAMPAIGN_AWAITS_SIGN_OFF: Kind.APPROVAL_REQUESTED,
        }.get(verb)
        if verb is not None
        else None
    )
    return [kind] if kind is not None else []


def _recipients(kind: Notification.Kind, task: ProjectTask, entry: ActivityEntry) -> list[User]:
    letter = _LETTER_OF_KIND.get(kind)
    if letter is not None:
        return task_selectors.task_people(task)[letter]
    # An answer tells those whose requests it answers: the ones still open when it was written.
    answer_id = entry.after.get("comment") if isinstance(entry.after, dict) else None
    requests = task_selectors.open_input_requests(
        task, before=answer_id if isinstance(answer_id, int) else None
    )
    return [request.author for request in requests.select_related("author") if request.author is not None]


def notifications_for_entry(entry: ActivityEntry) -> list[Notification]:
    """Tell the people concerned by a committed change of a task: the Accountable (submitted), the
    Responsible (approved, sent back), the Informed (done), the Consulted (input asked), the askers
    (input given). The person who made the change is not told, and nobody is told twice about one
    change. Registered as an activity consumer."""
    if entry.verb == Verb.TICKET_OPENED:
        return _ticket_notifications(entry)
    kinds = _kinds_of(entry)
    if not kinds or entry.project_id is None or entry.target_type != "task":
        return []
    task = (
        ProjectTask.objects.select_related("project")
        .filter(project_id=entry.project_id, key=entry.target_key)
        .first()
    )
    if task is None:
        return []
    told: set[int] = set() if entry.actor_id is None else {entry.actor_id}
    created: list[Notification] = []
    for kind in kinds:
        recipient_ids = [
            pk for pk in dict.fromkeys(user.pk for user in _recipients(kind, task, entry)) if pk not in told
        ]
        told.update(recipient_ids)
        if recipient_ids:
            created += notifications_create(
                kind=kind,
                project_id=task.project_id,
                task_id=task.pk,
                activity_id=entry.pk,
                recipient_ids=recipient_ids,
            )
    return created


def _ticket_notifications(entry: ActivityEntry) -> list[Notification]:
    """Tell a new ticket's first level (the people the entry names who still see the project)."""
    named = entry.after.get("notify", []) if isinstance(entry.after, dict) else []
    if entry.project_id is None or not isinstance(named, list):
        return []
    recipient_ids = [
        user.pk
        for user in User.objects.filter(pk__in=[pk for pk in named if isinstance(pk, int)], is_active=True)
        if user.pk != entry.actor_id and visible_projects(user).filter(pk=entry.project_id).exists()
    ]
    if not recipient_ids:
        return []
    return notifications_create(
        kind=Kind.OTHER,
        project_id=entry.project_id,
        task_id=None,
        activity_id=entry.pk,
        recipient_ids=recipient_ids,
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


def notification_path(notification: Notification) -> str:
    """Where a notification leads, on the inbox page and in its e-mail: its task (or ticket), else
    the project's overview."""
    if _is_ticket(notification.activity) and notification.activity is not None:
        ticket_id = int(notification.activity.target_key)
        return reverse(
            "support:ticket", kwargs={"project_id": notification.project_id, "ticket_id": ticket_id}
        )
    if notification.task_id is not None:
        return reverse(
            "work:task", kwargs={"project_id": notification.project_id, "task_id": notification.task_id}
        )
    return reverse("projects:overview", kwargs={"project_id": notification.project_id})


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
            "link": f"{settings.ACCORD_BASE_URL}{notification_path(notification)}",
        }
        subject_context = context | {"text": notification_title(notification)}
        subject = " ".join(render_to_string("inbox/notification_subject.txt", subject_context).split())
        body = render_to_string("inbox/notification_email.txt", context)
    language = recipient_language(notification.user)
    html = branded_email_html(body, notification.project.workspace, language=language)  # the vendor's band
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.user.email], html_message=html)
    Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return True


@transaction.atomic
def notification_mark_read(*, actor: User, notification_ids: Iterable[int]) -> int:
    """Mark the actor's own notifications read (others' ids are ignored); returns how many changed."""
    return Notification.objects.filter(
        user_id=actor.pk, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=timezone.now())
