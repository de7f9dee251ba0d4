import pytest

from accord.activity.models import ActivityEntry
from accord.domain.errors import InvalidInput, NotFound
from accord.inbox.models import Notification
from accord.projects.models import RaciCell, TaskComment
from accord.work import services
from tests.accounts.factories import UserFactory
from tests.work.factories import task


def test_anyone_on_the_project_comments_and_it_is_logged(crew):
    comment = services.comment_add(actor=crew.tpa, task=task(crew.project, "kickoff"), body="  Looks good  ")
    assert (comment.body, comment.kind, comment.author) == ("Looks good", TaskComment.Kind.COMMENT, crew.tpa)
    entry = ActivityEntry.objects.get()
    assert (entry.verb, entry.target_key, entry.after["body"]) == ("comment.added", "kickoff", "Looks good")
    assert task(crew.project, "kickoff").version == 1  # comments do not change the task


def test_an_empty_comment_is_refused(crew):
    with pytest.raises(InvalidInput) as caught:
        services.comment_add(actor=crew.pm, task=task(crew.project, "kickoff"), body=" \n ")
    assert caught.value.problems[0].where == "body"
    assert not TaskComment.objects.exists()


def test_an_unknown_kind_is_refused(crew):
    with pytest.raises(InvalidInput):
        services.comment_add(actor=crew.pm, task=task(crew.project, "kickoff"), body="x", kind="shout")


def test_outsiders_cannot_comment(crew):
    with pytest.raises(NotFound):
        services.comment_add(actor=UserFactory(), task=task(crew.project, "kickoff"), body="Hi")


def test_a_question_comment_is_an_input_request(crew, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(
            actor=crew.pm,
            task=task(crew.project, "kickoff"),
            body="Which SSO?",
            kind=TaskComment.Kind.QUESTION,
        )
    assert ActivityEntry.objects.get().verb == "input.requested"
    assert Notification.objects.get().user == crew.it


def test_asking_a_task_with_nobody_consulted_says_what_to_do(crew):
    RaciCell.objects.filter(task__key="kickoff", role_key="customer-it").delete()
    with pytest.raises(InvalidInput) as caught:
        services.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="Anyone?")
    assert caught.value.problems[0].code == "nobody-consulted"
    assert "mark a role C" in caught.value.hint
    assert not TaskComment.objects.exists()


def test_answers_are_logged_as_input_given(crew):
    kickoff = task(crew.project, "kickoff")
    services.input_request(actor=crew.pm, task=kickoff, question="Which SSO?")
    services.comment_add(actor=crew.it, task=kickoff, body="Okta", kind=TaskComment.Kind.ANSWER)
    assert [entry.verb for entry in ActivityEntry.objects.order_by("pk")] == [
        "input.requested",
        "input.given",
    ]
