"""A task's page: dates, people by letter, playbook text, the actions the viewer may take,
comments and requests for input, history."""

import pytest

from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.inbox.models import Notification
from accord.projects.models import TaskComment
from accord.work import services
from tests.html import page as parsed
from tests.work.factories import project_with_tasks, staff, task

pytestmark = pytest.mark.django_db


def task_url(row):
    return f"/projects/{row.project_id}/tasks/{row.pk}/"


def action_buttons(html):
    """The actions the page's buttons post, in order."""
    return [field.get("value") for field in parsed(html).all("form input[name=action]")]


def transition(client, row, action, *, version=None, reason=""):
    return client.post(
        f"{task_url(row)}transition/", {"action": action, "version": version or row.version, "reason": reason}
    )


def test_the_page_shows_dates_people_by_letter_and_history(client, crew):
    kickoff = task(crew.project, "kickoff")
    client.force_login(crew.tpa)
    response = client.get(task_url(kickoff))
    assert response.status_code == 200
    page = response.text
    document = parsed(page)
    assert document.one("h1").text == "Kick-off"
    assert "Start" in document.text  # the phase
    assert "2026-01-12" in [time.get("datetime") for time in document.all("time")]  # due = planned finish
    people = document.one("dl.people-by-letter").text
    order = [people.index(person.get_full_name()) for person in (crew.pm, crew.lead, crew.it, crew.tpa)]
    assert order == sorted(order)  # R, A, C, I
    assert "(the Responsible)" in people
    # An Informed partner may comment but moves nothing.
    assert action_buttons(page) == []
    assert "Nothing for you to do on this task now" in page


def test_the_playbook_copy_says_what_the_task_is(client, db):
    playbook = Playbook(
        key="texts",
        name="Texts",
        version="1",
        roles=(Role("vendor-pm", "Project Manager", Side.VENDOR),),
        phases=(
            Phase(
                "start",
                "Start",
                (
                    Task(
                        "kickoff",
                        "Kick-off",
                        {"vendor-pm": Raci.R | Raci.A},
                        details="Meet & greet <everyone>.",
                        timeframe="Week 1",
                        deliverables=("Minutes",),
                        notes=("Book the room early.",),
                    ),
                ),
            ),
        ),
    )
    project = project_with_tasks(playbook)
    client.force_login(staff(project, "vendor-pm"))
    page = client.get(task_url(task(project, "kickoff"))).text
    assert "Meet & greet <everyone>." in parsed(page).text  # shown as text, never as markup
    for text in ("Week 1", "Minutes", "Book the room early."):
        assert text in page


def test_each_viewer_sees_only_the_buttons_they_may_use(client, crew):
    kickoff = task(crew.project, "kickoff")
    expected = {
        crew.pm: ["start", "block"],  # R
        crew.lead: ["start", "block"],  # A may also do what R does
        crew.it: [],  # C
        crew.manager: ["start", "block", "mark_not_applicable"],
    }
    for user, actions in expected.items():
        client.force_login(user)
        assert action_buttons(client.get(task_url(kickoff)).text) == actions, user


def test_start_submit_approve_through_the_page(client, crew):
    kickoff = task(crew.project, "kickoff")
    client.force_login(crew.pm)
    response = transition(client, kickoff, "start")
    assert response.status_code == 302
    assert response["Location"] == task_url(kickoff)
    assert "The task is in progress." in client.get(task_url(kickoff)).text
    kickoff.refresh_from_db()
    transition(client, kickoff, "submit")
    kickoff.refresh_from_db()
    assert kickoff.status == "awaiting_approval"
    # The customer's Accountable sees approve and send back (with a reason field), and approves.
    client.force_login(crew.lead)
    page = client.get(task_url(kickoff)).text
    assert action_buttons(page) == ["approve", "send_back", "block"]
    reason = parsed(page).one("textarea#reason-send_back")
    assert reason.name  # labelled
    assert (reason.get("name"), reason.get("rows"), "required" in reason.attrs) == ("reason", "2", True)
    transition(client, kickoff, "approve")
    kickoff.refresh_from_db()
    assert kickoff.status == "done"


def test_a_customer_contact_cannot_take_a_managers_action(client, crew):
    kickoff = task(crew.project, "kickoff")
    client.force_login(crew.lead)
    response = transition(client, kickoff, "mark_not_applicable")
    assert response.status_code == 403
    assert "You cannot mark not applicable this task." in response.text
    assert "Only a vendor manager or admin can" in response.text
    assert task(crew.project, "kickoff").status == "not_started"


def test_send_back_without_a_reason_is_refused_and_says_why(client, crew):
    kickoff = task(crew.project, "kickoff")
    services.task_transition(actor=crew.pm, task=kickoff, action="start", expected_version=1)
    kickoff = services.task_transition(actor=crew.pm, task=kickoff, action="submit", expected_version=2)
    client.force_login(crew.lead)
    response = transition(client, kickoff, "send_back", reason="  ")
    assert response.status_code == 422
    assert "A reason is needed to send back a task." in response.text
    assert task(crew.project, "kickoff").status == "awaiting_approval"
    response = transition(client, kickoff, "send_back", reason="The minutes are missing.")
    assert response.status_code == 302
    page = client.get(task_url(kickoff)).text
    assert "The minutes are missing." in page  # the reason shows on the task


def test_a_stale_version_changes_nothing_and_shows_the_task_as_it_is(client, crew):
    kickoff = task(crew.project, "kickoff")
    services.task_transition(actor=crew.manager, task=kickoff, action="start", expected_version=1)
    client.force_login(crew.pm)
    response = transition(client, kickoff, "block", version=1, reason="Waiting")
    assert response.status_code == 409
    assert f"was changed by {crew.manager.get_full_name()}" in response.text
    assert "Reload the task to see the change, then try again." in response.text
    versions = {field.get("value") for field in parsed(response).all("input[name=version]")}
    assert versions == {"2"}  # the page shows the current version
    assert task(crew.project, "kickoff").status == "in_progress"


def test_a_wrong_status_is_a_conflict_with_a_hint(client, crew):
    kickoff = task(crew.project, "kickoff")
    client.force_login(crew.pm)
    response = transition(client, kickoff, "submit")
    assert response.status_code == 409
    assert "start it first" in response.text


def test_an_unknown_action_is_a_bad_request(client, crew):
    client.force_login(crew.manager)
    assert transition(client, task(crew.project, "kickoff"), "explode").status_code == 400


def test_comments_and_answers(client, crew, django_capture_on_commit_callbacks):
    kickoff = task(crew.project, "kickoff")
    client.force_login(crew.pm)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{task_url(kickoff)}ask/", {"question": "Which date suits you?"})
    assert response.status_code == 302
    assert response["Location"].endswith("#comments")
    assert Notification.objects.filter(user=crew.it, kind="input_requested").count() == 1
    page = client.get(task_url(kickoff)).text
    assert "1 request for input waits for an answer." in page
    assert "Which date suits you?" in page
    client.force_login(crew.it)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{task_url(kickoff)}comment/", {"kind": "answer", "body": "Tuesday."})
    assert Notification.objects.filter(user=crew.pm, kind="input_given").count() == 1
    page = client.get(task_url(kickoff)).text
    assert "waits for an answer" not in page
    assert any("Tuesday." in answer.text for answer in parsed(page).all(".comment-answer"))
    assert "gives input" in page


def test_an_empty_comment_is_refused_next_to_its_field(client, crew):
    kickoff = task(crew.project, "kickoff")
    client.force_login(crew.it)
    response = client.post(f"{task_url(kickoff)}comment/", {"kind": "comment", "body": ""})
    assert response.status_code == 422
    invalid = parsed(response).one(".field-invalid")  # the comment's text field, with its error
    assert invalid.control("body").name
    assert invalid.one("p.error").text
    assert TaskComment.objects.count() == 0


def test_asking_without_anyone_consulted_says_what_to_do(client, crew):
    go_live = task(crew.project, "go-live")
    client.force_login(crew.pm)
    page = client.get(task_url(go_live)).text
    assert "Nobody is Consulted on this task" in page
    assert "question" not in parsed(page).controls()
    response = client.post(f"{task_url(go_live)}ask/", {"question": "Anyone?"})
    assert response.status_code == 422
    assert "Nobody is Consulted on “Go live”." in response.text


def test_the_history_lists_the_tasks_changes(client, crew):
    kickoff = task(crew.project, "kickoff")
    services.task_transition(actor=crew.pm, task=kickoff, action="start", expected_version=1)
    services.raci_cell_set(
        actor=crew.manager, task=kickoff, role_key="partner-tpa", letters=Raci.C, expected_version=2
    )
    services.task_transition(
        actor=crew.it, task=task(crew.project, "build"), action="start", expected_version=1
    )
    client.force_login(crew.pm)
    history = parsed(client.get(task_url(kickoff))).one("ol.history").text
    assert f"{crew.pm.get_full_name()} started “Kick-off”" in history  # sentences, not summaries
    assert f"{crew.manager.get_full_name()} changed Administrator on “Kick-off” from I to C" in history
    assert "Build the connector" not in history


def test_the_task_page_takes_a_fixed_number_of_queries(client, crew, django_assert_max_num_queries):
    kickoff = task(crew.project, "kickoff")
    for number in range(5):
        services.comment_add(actor=crew.it, task=kickoff, body=f"Note {number}")
    client.force_login(crew.manager)
    with django_assert_max_num_queries(16):
        assert client.get(task_url(kickoff)).status_code == 200
