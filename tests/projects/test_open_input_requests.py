"""Which requests for input are still open: one rule (accord.projects.task_selectors), the same on
the task page, in My work and for the inbox, whatever the comments' timestamps."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from accord.projects import task_selectors
from accord.projects.models import ProjectTask, TaskComment
from accord.work import page_selectors, selectors
from tests.work.factories import task

Kind = TaskComment.Kind
SAME_INSTANT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def expected_open(kinds: tuple[str, ...]) -> list[int]:
    """The positions of the questions written after the last answer (the rule, spelled out)."""
    last_answer = max((index for index, kind in enumerate(kinds) if kind == Kind.ANSWER), default=-1)
    return [index for index, kind in enumerate(kinds) if kind == Kind.QUESTION and index > last_answer]


def write(target: ProjectTask, kinds: tuple[str, ...], author) -> list[TaskComment]:
    TaskComment.objects.filter(task=target).delete()
    return [
        TaskComment.objects.create(
            task=target, author=author, kind=kind, body=f"#{index}", created_at=SAME_INSTANT
        )
        for index, kind in enumerate(kinds)
    ]


def test_every_reader_of_open_requests_agrees_even_within_one_instant(crew):
    # Every sequence of up to three comments, all written in the same instant: the order they
    # were written in (their ids) decides, on the task page, in My work and for the inbox alike.
    kickoff = task(crew.project, "kickoff")  # crew.it holds C on it
    sequences = [
        kinds
        for length in range(4)
        for kinds in itertools.product((Kind.COMMENT, Kind.QUESTION, Kind.ANSWER), repeat=length)
    ]
    for kinds in sequences:
        comments = write(kickoff, kinds, crew.pm)
        wanted = [comments[index].pk for index in expected_open(kinds)]
        assert [comment.pk for comment in task_selectors.open_input_requests(kickoff)] == wanted, kinds
        page = page_selectors.task_page(crew.pm, crew.project.pk, kickoff.pk)
        assert [comment.pk for comment in page.open_requests] == wanted, kinds
        consulted = {row.task_key: row.open_input_request for row in selectors.my_consulted(crew.it)}
        assert consulted["kickoff"] is bool(wanted), kinds


def test_an_answer_closes_only_what_was_asked_before_it(crew):
    kickoff = task(crew.project, "kickoff")
    first, answer, second = write(kickoff, (Kind.QUESTION, Kind.ANSWER, Kind.QUESTION), crew.pm)
    assert list(task_selectors.open_input_requests(kickoff, before=answer.pk)) == [first]
    assert list(task_selectors.open_input_requests(kickoff)) == [second]


def test_a_request_asked_in_the_same_instant_after_an_answer_stays_open(crew):
    # My work used to compare timestamps and call it answered; the task page called it open.
    kickoff = task(crew.project, "kickoff")
    _answer, question = write(kickoff, (Kind.ANSWER, Kind.QUESTION), crew.pm)
    assert list(task_selectors.open_input_requests(kickoff)) == [question]
    assert {row.task_key: row.open_input_request for row in selectors.my_consulted(crew.it)}["kickoff"]


@pytest.mark.parametrize("kinds", [(Kind.QUESTION,), (Kind.QUESTION, Kind.ANSWER)])
def test_requests_on_another_task_never_count(crew, kinds):
    write(task(crew.project, "build"), kinds, crew.pm)
    assert list(task_selectors.open_input_requests(task(crew.project, "kickoff"))) == []
