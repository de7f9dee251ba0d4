"""Which events each change makes, and what their payloads say: through the real services, to a
real receiver on 127.0.0.1, signed and verified with the standardwebhooks package itself."""

import json

import pytest
from standardwebhooks.webhooks import Webhook

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.workflow import Action
from accord.projects.planning import project_replan
from accord.webhooks.models import EventType, WebhookMessage
from accord.work.services import task_transition
from accord.workspaces.models import Membership
from tests.projects.factories import project_made
from tests.webhooks.conftest import make_endpoint
from tests.work.factories import small_playbook, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooked(crew, private_targets, receiver):
    """The crew's project, planned once, and an endpoint of its workspace wanting every event."""
    project_replan(project=crew.project)
    crew.endpoint = make_endpoint(crew.manager, crew.project.workspace, receiver.url)
    crew.receiver = receiver
    return crew


def move(crew, capture, actor, key, action, reason=""):
    item = task(crew.project, key)
    with capture(execute=True):
        return task_transition(
            actor=actor, task=item, action=action, expected_version=item.version, reason=reason
        )


def bodies(receiver, event_type=None):
    found = [json.loads(item.body) for item in receiver.received]
    return [body for body in found if event_type is None or body["type"] == event_type]


def test_a_start_sends_task_status_changed_signed_and_verifiable(hooked, django_capture_on_commit_callbacks):
    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.START)
    [event] = bodies(hooked.receiver, "task.status_changed")
    request = next(
        item for item in hooked.receiver.received if json.loads(item.body)["type"] == "task.status_changed"
    )
    # The package's own verifier accepts the request as it arrived.
    assert Webhook(hooked.endpoint.secret).verify(request.body, request.headers) == event
    assert request.headers["webhook-id"].startswith("msg_")
    assert request.headers["webhook-signature"].startswith("v1,")
    data = event["data"]
    kickoff = task(hooked.project, "kickoff")
    assert data["task"]["id"] == kickoff.pk
    assert (data["task"]["key"], data["task"]["name"]) == ("kickoff", "Kick-off")
    assert data["task"]["phase"] == {"key": "start", "name": "Start"}
    assert data["status"] == {"from": "not_started", "to": "in_progress"}
    assert data["action"] == "started"
    assert data["project"]["id"] == hooked.project.pk
    assert data["project"]["name"] == hooked.project.name
    assert data["project"]["customer"] == {
        "id": hooked.project.customer_id,
        "name": hooked.project.customer.name,
    }
    assert data["actor"] == {"id": hooked.pm.pk, "name": hooked.pm.get_full_name()}
    assert data["links"]["task"] == f"http://testserver/projects/{hooked.project.pk}/tasks/{kickoff.pk}/"
    assert data["links"]["project"] == f"http://testserver/projects/{hooked.project.pk}/"
    assert event["timestamp"].endswith("Z")
    assert not bodies(hooked.receiver, "task.approved")


def test_no_payload_carries_an_email_address(hooked, django_capture_on_commit_callbacks):
    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.START)
    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.SUBMIT)
    move(hooked, django_capture_on_commit_callbacks, hooked.lead, "kickoff", Action.APPROVE)
    sent = b" ".join(item.body for item in hooked.receiver.received)
    assert sent
    for email in User.objects.values_list("email", flat=True):
        assert email.encode() not in sent


def test_an_approval_sends_task_approved_and_status_changed(hooked, django_capture_on_commit_callbacks):
    for actor, action in (
        (hooked.pm, Action.START),
        (hooked.pm, Action.SUBMIT),
        (hooked.lead, Action.APPROVE),
    ):
        move(hooked, django_capture_on_commit_callbacks, actor, "kickoff", action)
    [approved] = bodies(hooked.receiver, "task.approved")
    assert approved["data"]["status"] == {"from": "awaiting_approval", "to": "done"}
    assert approved["data"]["actor"]["id"] == hooked.lead.pk
    assert len(bodies(hooked.receiver, "task.status_changed")) == 3


def test_a_send_back_sends_task_sent_back_with_the_reason(hooked, django_capture_on_commit_callbacks):
    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.START)
    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.SUBMIT)
    move(
        hooked,
        django_capture_on_commit_callbacks,
        hooked.lead,
        "kickoff",
        Action.SEND_BACK,
        reason="Add the minutes",
    )
    [sent_back] = bodies(hooked.receiver, "task.sent_back")
    assert sent_back["data"]["reason"] == "Add the minutes"
    assert sent_back["data"]["status"] == {"from": "awaiting_approval", "to": "in_progress"}


def test_phase_completed_once_when_its_last_task_is_done(hooked, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    move(hooked, capture, hooked.it, "build", Action.START)
    move(hooked, capture, hooked.it, "build", Action.SUBMIT)  # no Accountable: done at once
    assert not bodies(hooked.receiver, "phase.completed")  # kick-off is not done yet
    move(hooked, capture, hooked.pm, "kickoff", Action.START)
    move(hooked, capture, hooked.pm, "kickoff", Action.SUBMIT)
    move(hooked, capture, hooked.lead, "kickoff", Action.APPROVE)
    [completed] = bodies(hooked.receiver, "phase.completed")
    assert completed["data"]["phase"] == {
        "key": "start",
        "name": "Start",
        "task_count": 2,
        "done_count": 2,
        "not_applicable_count": 0,
    }
    assert completed["data"]["completed_by"]["key"] == "kickoff"


def test_two_tasks_finished_in_one_transaction_complete_their_phase_once(
    hooked, django_capture_on_commit_callbacks
):
    from django.db import transaction

    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.START)
    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.SUBMIT)
    move(hooked, django_capture_on_commit_callbacks, hooked.it, "build", Action.START)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        build = task(hooked.project, "build")
        task_transition(actor=hooked.it, task=build, action=Action.SUBMIT, expected_version=build.version)
        kickoff = task(hooked.project, "kickoff")
        task_transition(
            actor=hooked.lead, task=kickoff, action=Action.APPROVE, expected_version=kickoff.version
        )
    # Each entry reads the phase as it stood just after it: only the second finished the phase.
    [completed] = bodies(hooked.receiver, "phase.completed")
    assert completed["data"]["completed_by"]["key"] == "kickoff"


def test_plan_changed_and_go_live_moved_when_a_move_shifts_the_dates(
    hooked, django_capture_on_commit_callbacks
):
    # The project started on 5 January 2026 on paper: starting its first task today moves the plan.
    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.START)
    [plan] = bodies(hooked.receiver, "plan.changed")
    entry = ActivityEntry.objects.get(verb=Verb.PLAN_CHANGED)
    assert plan["data"]["tasks_changed"] == entry.after["count"] >= 1
    listed = plan["data"]["tasks"][0]
    assert set(listed) == {"id", "key", "name", "planned_start", "planned_finish"}
    assert set(listed["planned_finish"]) == {"before", "after"}
    assert (
        plan["data"]["go_live_planned"]["after"]
        == hooked.project.__class__.objects.get(pk=hooked.project.pk).go_live_planned.isoformat()
    )
    [moved] = bodies(hooked.receiver, "go_live.moved")
    assert set(moved["data"]["go_live"]) == {"before", "after", "committed"}
    assert set(moved["data"]["go_live"]["after"]) == {"planned", "p50", "p80", "p95"}
    assert moved["data"]["actor"] is None  # the planner moved it, not a person


def test_project_created_through_the_real_service(
    crew, private_targets, receiver, django_capture_on_commit_callbacks
):
    manager = Membership.objects.get(user=crew.manager)
    make_endpoint(crew.manager, crew.project.workspace, receiver.url, [EventType.PROJECT_CREATED])
    with django_capture_on_commit_callbacks(execute=True):
        project = project_made(
            manager, small_playbook(), customer=crew.project.customer, name="Globex rollout"
        )
    [created] = bodies(receiver)
    assert created["type"] == "project.created"
    data = created["data"]["project"]
    assert (data["id"], data["name"], data["status"]) == (project.pk, "Globex rollout", "active")
    assert data["playbook"] == {"key": "small", "name": "Small playbook", "version": "1.0"}
    assert data["start_date"] == "2026-03-02"
    assert data["go_live"]["committed"] == project.go_live_baseline.isoformat()
    assert created["data"]["actor"]["id"] == crew.manager.pk


def test_an_endpoint_gets_only_the_events_it_wants(hooked, django_capture_on_commit_callbacks, receiver):
    hooked.endpoint.event_types = [EventType.TASK_APPROVED.value]
    hooked.endpoint.save()
    for actor, action in (
        (hooked.pm, Action.START),
        (hooked.pm, Action.SUBMIT),
        (hooked.lead, Action.APPROVE),
    ):
        move(hooked, django_capture_on_commit_callbacks, actor, "kickoff", action)
    assert [body["type"] for body in bodies(receiver)] == ["task.approved"]
    # Nothing is stored for events no endpoint wants.
    assert set(WebhookMessage.objects.values_list("event_type", flat=True)) == {"task.approved"}


def test_other_workspaces_and_disabled_endpoints_get_nothing(
    hooked, django_capture_on_commit_callbacks, receiver
):
    hooked.endpoint.disabled_at = hooked.endpoint.created_at
    hooked.endpoint.disabled_reason = "manual"
    hooked.endpoint.save()
    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.START)
    assert receiver.received == []
    assert not WebhookMessage.objects.exists()


def test_a_write_that_rolls_back_sends_nothing(hooked, django_capture_on_commit_callbacks, receiver):
    from django.db import transaction

    class Undo(Exception):
        pass

    def change_then_fail():
        with transaction.atomic():
            activity_record(actor=hooked.pm, verb=Verb.PROJECT_CREATED, project=hooked.project)
            raise Undo

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Undo):
        change_then_fail()
    assert receiver.received == []


def test_reading_an_entry_twice_makes_its_messages_once(hooked, django_capture_on_commit_callbacks):
    from accord.webhooks.services import messages_for_entry

    move(hooked, django_capture_on_commit_callbacks, hooked.pm, "kickoff", Action.START)
    made = WebhookMessage.objects.count()
    entry = ActivityEntry.objects.get(verb=Verb.TASK_STARTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert messages_for_entry(entry) == []
    assert WebhookMessage.objects.count() == made
