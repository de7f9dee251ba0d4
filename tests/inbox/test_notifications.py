import pytest
from django.core import mail
from django.db import transaction

from accord.domain.workflow import Action
from accord.inbox import selectors, services
from accord.inbox.models import Notification
from accord.projects.models import TaskComment
from accord.work import services as work
from accord.workspaces.models import Membership
from tests.work.factories import staff, task

Kind = Notification.Kind


def act(actor, item, action, reason=""):
    return work.task_transition(
        actor=actor, task=item, action=action, expected_version=item.version, reason=reason
    )


def told(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__email", flat=True))


def emails(*users):
    return sorted(user.email for user in users)


def test_submitting_tells_the_accountable_and_approving_tells_the_informed(
    crew, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    assert told(Kind.APPROVAL_REQUESTED) == emails(crew.lead)
    assert told(Kind.TASK_DONE) == []
    with django_capture_on_commit_callbacks(execute=True):
        act(crew.lead, kickoff, Action.APPROVE)
    assert told(Kind.TASK_DONE) == emails(crew.tpa)
    assert told(Kind.APPROVED) == emails(crew.pm)
    assert Notification.objects.count() == 3  # starting tells nobody


def test_sending_back_tells_the_responsible_why(crew, django_capture_on_commit_callbacks):
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    with django_capture_on_commit_callbacks(execute=True):
        act(crew.lead, kickoff, Action.SEND_BACK, reason="Add the agenda")
    [notification] = Notification.objects.filter(kind=Kind.SENT_BACK)
    assert notification.user == crew.pm
    assert notification.message == "“Kick-off” was sent back. Reason: Add the agenda"


def test_approving_tells_the_responsible_by_email_with_a_link_to_the_task(
    crew, django_capture_on_commit_callbacks
):
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    with django_capture_on_commit_callbacks(execute=True):
        act(crew.lead, kickoff, Action.APPROVE)
    [notification] = Notification.objects.filter(kind=Kind.APPROVED)
    assert notification.user == crew.pm
    assert notification.message == f"{crew.lead.get_full_name()} approved “Kick-off”"
    [message] = [message for message in mail.outbox if message.to == [crew.pm.email]]
    assert message.subject == f"[Accord] {crew.project.name}: {crew.lead.get_full_name()} approved “Kick-off”"
    task_link = f"http://testserver/projects/{crew.project.pk}/tasks/{kickoff.pk}/"
    assert task_link in message.body
    assert "/board/" not in message.body


def test_a_sent_back_email_gives_the_reason_and_links_to_the_task(crew, django_capture_on_commit_callbacks):
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    with django_capture_on_commit_callbacks(execute=True):
        act(crew.lead, kickoff, Action.SEND_BACK, reason="Add the agenda")
    [message] = [message for message in mail.outbox if message.to == [crew.pm.email]]
    assert "Reason: Add the agenda" in message.body
    assert f"http://testserver/projects/{crew.project.pk}/tasks/{kickoff.pk}/" in message.body
    assert "/board/" not in message.body


def test_someone_both_responsible_and_informed_is_told_once_of_an_approval(
    crew, django_capture_on_commit_callbacks
):
    staff(crew.project, "partner-tpa", crew.pm)  # the Responsible is also Informed
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    with django_capture_on_commit_callbacks(execute=True):
        act(crew.lead, kickoff, Action.APPROVE)
    assert told(Kind.APPROVED) == emails(crew.pm)
    assert told(Kind.TASK_DONE) == emails(crew.tpa)


def test_a_done_task_without_accountable_tells_its_informed(crew, django_capture_on_commit_callbacks):
    build = act(crew.it, task(crew.project, "build"), Action.START)
    with django_capture_on_commit_callbacks(execute=True):
        act(crew.it, build, Action.SUBMIT)
    assert told(Kind.TASK_DONE) == emails(crew.lead)


def test_the_actor_is_not_told_about_their_own_move(crew, django_capture_on_commit_callbacks):
    staff(crew.project, "partner-tpa", crew.lead)  # the approver is also Informed
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    with django_capture_on_commit_callbacks(execute=True):
        act(crew.lead, kickoff, Action.APPROVE)
    assert told(Kind.TASK_DONE) == emails(crew.tpa)


def test_input_requests_tell_the_consulted_and_answers_tell_the_asker(
    crew, django_capture_on_commit_callbacks
):
    kickoff = task(crew.project, "kickoff")
    with django_capture_on_commit_callbacks(execute=True):
        question = work.input_request(actor=crew.pm, task=kickoff, question="Which SSO provider?")
    assert question.kind == TaskComment.Kind.QUESTION
    assert told(Kind.INPUT_REQUESTED) == emails(crew.it)
    [asked] = Notification.objects.filter(kind=Kind.INPUT_REQUESTED)
    assert (
        asked.message
        == f"{crew.pm.get_full_name()} asks for your input on “Kick-off”. Question: Which SSO provider?"
    )
    with django_capture_on_commit_callbacks(execute=True):
        work.comment_add(actor=crew.it, task=kickoff, body="Okta", kind=TaskComment.Kind.ANSWER)
    assert told(Kind.INPUT_GIVEN) == emails(crew.pm)
    with django_capture_on_commit_callbacks(execute=True):  # the request is closed: nobody to tell
        work.comment_add(actor=crew.it, task=kickoff, body="And SCIM too", kind=TaskComment.Kind.ANSWER)
    assert Notification.objects.filter(kind=Kind.INPUT_GIVEN).count() == 1


def test_nothing_is_created_or_sent_when_the_write_rolls_back(crew, django_capture_on_commit_callbacks):
    kickoff = act(crew.pm, act(crew.pm, task(crew.project, "kickoff"), Action.START), Action.SUBMIT)
    mail.outbox.clear()
    Notification.objects.all().delete()

    def approve_then_fail():
        with transaction.atomic():
            act(crew.lead, kickoff, Action.APPROVE)
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        approve_then_fail()
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_notifications_wait_for_the_commit(crew, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        work.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="When?")
    assert not Notification.objects.exists()
    assert len(callbacks) == 1


def test_each_notification_is_emailed_once_by_the_task(crew, django_capture_on_commit_callbacks):
    staff(crew.project, "customer-it")  # a second Consulted person
    with django_capture_on_commit_callbacks(execute=True):
        work.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="Which SSO provider?")
    assert len(mail.outbox) == 2
    message = next(message for message in mail.outbox if message.to == [crew.it.email])
    assert (
        message.subject
        == f"[Accord] {crew.project.name}: {crew.pm.get_full_name()} asks for your input on “Kick-off”"
    )
    assert "Question: Which SSO provider?" in message.body
    assert "http://testserver/" in message.body
    assert crew.project.customer.name in message.body
    assert all(notification.emailed_at for notification in Notification.objects.all())
    sent = Notification.objects.first()
    assert services.notification_email_deliver(notification_id=sent.pk) is False
    assert len(mail.outbox) == 2


def test_no_email_to_disabled_people_or_people_who_lost_access(crew, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        work.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="When?")
    Membership.objects.filter(user=crew.it).delete()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    [notification] = Notification.objects.all()
    assert notification.emailed_at is None
    assert mail.outbox == []


def test_emails_speak_the_recipients_language(crew, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(services, "recipient_language", lambda user: "fr" if user == crew.it else "en")
    staff(crew.project, "customer-it")  # an English-speaking colleague
    with django_capture_on_commit_callbacks(execute=True):
        work.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="When?")
    [french] = [message for message in mail.outbox if message.to == [crew.it.email]]
    assert "http://testserver/fr/" in french.body
    [english] = [message for message in mail.outbox if message.to != [crew.it.email]]
    assert "/fr/" not in english.body


def test_the_recipients_language_falls_back_to_the_default(settings):
    class Person:
        pass

    person = Person()
    assert services.recipient_language(person) == "en"
    person.language = "fr"
    assert services.recipient_language(person) == "fr"
    person.language = "tlh"
    assert services.recipient_language(person) == "en"


def test_the_inbox_shows_ones_own_notifications_and_counts_unread(crew, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        work.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="When?")
        work.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="Where?")
    first, second = selectors.inbox_for(crew.it)
    assert first.created_at >= second.created_at
    assert selectors.unread_count(crew.it) == 2
    assert list(selectors.inbox_for(crew.pm)) == []
    assert services.notification_mark_read(actor=crew.pm, notification_ids=[first.pk, second.pk]) == 0
    assert services.notification_mark_read(actor=crew.it, notification_ids=[first.pk]) == 1
    assert selectors.unread_count(crew.it) == 1
    assert list(selectors.inbox_for(crew.it, unread_only=True)) == [second]
    Membership.objects.filter(user=crew.it).delete()  # no longer sees the project
    assert selectors.unread_count(crew.it) == 0


def test_the_inbox_list_takes_a_fixed_number_of_queries(crew, django_assert_max_num_queries):
    for count in (2, 20):
        Notification.objects.bulk_create(
            Notification(
                user=crew.it,
                project=crew.project,
                task=task(crew.project, "kickoff"),
                kind=Kind.OTHER,
                message="m",
            )
            for _ in range(count)
        )
        with django_assert_max_num_queries(2):
            listed = [
                (item.project.customer.name, item.task.name, services.notification_title(item))
                for item in selectors.inbox_for(crew.it)
            ]
        assert len(listed) >= count
