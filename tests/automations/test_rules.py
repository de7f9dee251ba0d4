"""Rules through their services and the trigger's address: what they check when written, the
previous value, the three actions, the go-live checks, runs, failures and replays."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.automations import services
from accord.automations.models import IncomingEvent, RuleMode, Run, RunOutcome
from accord.domain.errors import InvalidInput, NotFound
from accord.projects.models import Project, ProjectTask, TaskComment
from accord.workspaces.models import MembershipKind
from tests.automations.factories import crm_example, crm_spec, deal_event, deliver
from tests.projects.factories import manager_of, project_made
from tests.workspaces.factories import CustomerFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _problems(error: InvalidInput) -> dict[str, str]:
    return {problem.where: problem.code for problem in error.problems}


def test_a_rule_names_every_problem_with_its_field():
    example = crm_example()
    member = MembershipFactory(workspace=example.workspace, kind=MembershipKind.VENDOR_MEMBER)
    spec = crm_spec(
        example.trigger,
        example.test_customer,
        field_path="data..stage",
        to_value="prospect",
        mapping="data.deal.company.name customer_name",
        live_playbook_key="no-such-playbook",
        test_customer_id=None,
        owner_id=member.user.pk,
        country="France",
    )
    with pytest.raises(InvalidInput) as caught:
        services.rule_create(actor=example.owner, workspace=example.workspace, spec=spec)
    assert _problems(caught.value) == {
        "field_path": "path-invalid",
        "to_value": "transition-unchanged",
        "mapping": "mapping-no-arrow",
        "owner": "owner-not-manager",
        "test_customer": "test-customer-required",
        "live_playbook_key": "playbook-unknown",
        "country": "country-invalid",
    }


def test_another_workspaces_manager_cannot_write_a_rule_here():
    example = crm_example()
    outsider = manager_of()
    with pytest.raises(NotFound):
        services.rule_create(
            actor=outsider.user,
            workspace=example.workspace,
            spec=crm_spec(example.trigger, example.test_customer),
        )


def test_a_rule_is_written_in_the_needs_words_and_its_creation_is_logged():
    from accord.automations.selectors import rule_statement

    example = crm_example()
    assert rule_statement(example.rule) == (
        "I want to create a project from the playbook “paylocity-integration” in Accord when deal stage "
        "moves from prospect to client in the CRM; data exchanged: customer_name, customer_external_id "
        "and project_name from the CRM to Accord"
    )
    entry = ActivityEntry.objects.get(verb=Verb.AUTOMATION_RULE_CREATED)
    assert entry.project is None
    assert entry.after["rule"] == example.rule.name


def test_without_an_old_value_the_previous_value_is_the_last_one_stored_for_the_record():
    example = crm_example(old_value_path="")
    client = Client()
    first = deliver(client, example.trigger, deal_event("prospect", previous=None), event_id="evt_1").json()
    assert first["runs"][0]["outcome"] == "skipped"
    assert Run.objects.get().reason_code == "not-to"  # the stage is stored: prospect
    other_record = deliver(
        client, example.trigger, deal_event("client", previous=None, deal_id="D-9"), event_id="evt_2"
    )
    assert other_record.json()["runs"][0]["outcome"] == "skipped"  # D-9 was never seen as a prospect
    second = deliver(client, example.trigger, deal_event("client", previous=None), event_id="evt_3").json()
    assert second["runs"][0]["outcome"] == "succeeded"
    run = Run.objects.get(pk=second["runs"][0]["id"])
    assert (run.previous_value, run.previous_source, run.current_value) == ("prospect", "stored", "client")
    again = deliver(client, example.trigger, deal_event("client", previous=None), event_id="evt_4").json()
    assert again["runs"][0]["outcome"] == "skipped"  # client → client is no transition
    assert Project.objects.count() == 1


def test_a_dedicated_test_playbook_is_used_in_test_mode_and_the_real_one_live():
    example = crm_example(test_playbook_key="socialtalent-onboarding")
    client = Client()
    deliver(client, example.trigger, deal_event("client"), event_id="evt_test")
    assert Project.objects.get().playbook_key == "socialtalent-onboarding"
    services.rule_go_live(actor=example.owner, rule=example.rule, no_special_cases=True)
    deliver(client, example.trigger, deal_event("client", deal_id="D-2"), event_id="evt_live")
    assert (
        Project.objects.exclude(customer=example.test_customer).get().playbook_key == "paylocity-integration"
    )


def test_live_the_customer_is_found_again_by_its_external_id():
    example = crm_example()
    client = Client()
    deliver(client, example.trigger, deal_event("client"), event_id="evt_test")
    services.rule_go_live(actor=example.owner, rule=example.rule, no_special_cases=True)
    deliver(client, example.trigger, deal_event("client", deal_id="D-1", company="Acme Corp"), event_id="e1")
    renamed = deal_event("client", deal_id="D-2", company="ACME Corporation")
    renamed["data"]["deal"]["company"]["id"] = "C-D-1"
    deliver(client, example.trigger, renamed, event_id="e2")
    live = Project.objects.exclude(customer=example.test_customer)
    assert live.count() == 2
    assert {project.customer.name for project in live} == {"Acme Corp"}


def _kickoff_rule(example, **changes):
    values = {
        "name": "Onboarding deals start the business case",
        "from_value": "client",
        "to_value": "onboarding",
        "action": "move_task",
        "task_key": "business-case",
        "task_action": "start",
        "mapping": "",
        "live_playbook_key": "",
    } | changes
    return services.rule_create(
        actor=example.owner,
        workspace=example.workspace,
        spec=crm_spec(example.trigger, example.test_customer, **values),
    )


def test_a_rule_moves_the_task_of_the_project_made_for_the_same_record_as_its_owner():
    example = crm_example()
    _kickoff_rule(example)
    client = Client()
    deliver(client, example.trigger, deal_event("client"), event_id="evt_made")
    answer = deliver(
        client, example.trigger, deal_event("onboarding", previous="client"), event_id="evt_move"
    ).json()
    assert [run["outcome"] for run in answer["runs"]] == ["skipped", "succeeded"]
    task = ProjectTask.objects.get(project__customer=example.test_customer, key="business-case")
    assert task.status == "in_progress"
    entry = ActivityEntry.objects.get(verb=Verb.TASK_STARTED)
    assert entry.actor == example.owner


def test_a_rule_comments_with_the_mapped_values():
    example = crm_example()
    _kickoff_rule(
        example,
        action="add_comment",
        task_action="",
        mapping="data.deal.name -> deal_name",
        comment_template="{deal_name} is onboarding: let's start.",
    )
    client = Client()
    deliver(client, example.trigger, deal_event("client"), event_id="evt_made")
    deliver(client, example.trigger, deal_event("onboarding", previous="client"), event_id="evt_comment")
    comment = TaskComment.objects.get()
    assert comment.body == "Acme Corp deal is onboarding: let's start."
    assert comment.author == example.owner


def test_in_test_mode_a_task_rule_never_touches_a_real_customers_project():
    example = crm_example()
    real = project_made(
        example.manager, "paylocity-integration", customer=CustomerFactory(workspace=example.workspace)
    )
    rule = _kickoff_rule(example, mapping="project -> project_id")
    event = deal_event("onboarding", previous="client") | {"project": real.pk}
    deliver(Client(), example.trigger, event, event_id="evt_real")
    run = Run.objects.get(rule=rule)
    assert run.outcome == RunOutcome.FAILED
    assert "test customer" in run.error
    assert ProjectTask.objects.get(project=real, key="business-case").status == "not_started"


def test_a_failed_run_is_logged_alerts_its_owner_and_can_be_replayed_once(django_capture_on_commit_callbacks):
    example = crm_example()
    rule = _kickoff_rule(example)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, example.trigger, deal_event("onboarding", previous="client"), event_id="evt_early")
    failed = Run.objects.get(rule=rule)
    assert (failed.outcome, failed.mapped, failed.action) == (RunOutcome.FAILED, {}, "move_task")
    assert "No project for the record “D-42”" in failed.error
    assert IncomingEvent.objects.filter(event_id="evt_early").exists()  # the event stays applied once
    assert ActivityEntry.objects.get(verb=Verb.AUTOMATION_RUN_FAILED).after["run"] == failed.pk
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [example.owner.email]
    assert rule.name in mail.outbox[0].subject
    assert f"/runs/{failed.pk}/" in mail.outbox[0].body
    # Sent again by the platform: nothing runs twice.
    assert deliver(
        client, example.trigger, deal_event("onboarding", previous="client"), event_id="evt_early"
    ).json()["duplicate"]
    # The project exists now (made for the same record): the replay succeeds, once.
    deliver(client, example.trigger, deal_event("client"), event_id="evt_made")
    again = services.run_replay(actor=example.owner, run=failed)
    assert (again.outcome, again.replay_of, again.replayed_by) == (
        RunOutcome.SUCCEEDED,
        failed,
        example.owner,
    )
    with pytest.raises(services.RunNotReplayable):
        services.run_replay(actor=example.owner, run=failed)
    with pytest.raises(services.RunNotReplayable):
        services.run_replay(actor=example.owner, run=again)


def _refused_checks(example, **kwargs):
    with pytest.raises(services.GoLiveRefused) as caught:
        services.rule_go_live(actor=example.owner, rule=example.rule, **kwargs)
    return {problem.code: problem.message for problem in caught.value.problems}


def test_going_live_untested_is_refused_with_the_reason_of_each_failing_check():
    example = crm_example()
    refused = _refused_checks(example)
    assert set(refused) == {"event-seen", "record-id-found", "tested", "no-special-cases"}
    assert "deal.updated" in refused["event-seen"]
    assert "data.deal.id" in refused["record-id-found"]
    example.rule.refresh_from_db()
    assert example.rule.mode == RuleMode.TEST


def test_a_state_cannot_go_live():
    example = crm_example(from_value="", old_value_path="")
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_state")
    assert set(_refused_checks(example, no_special_cases=True)) == {"transition"}


def test_only_the_owners_confirmation_of_no_special_cases_counts():
    example = crm_example()
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_test")
    other = manager_of(example.workspace)
    with pytest.raises(services.GoLiveRefused) as caught:
        services.rule_go_live(actor=other.user, rule=example.rule, no_special_cases=True)
    assert [problem.code for problem in caught.value.problems] == ["no-special-cases"]
    rule = services.rule_go_live(actor=example.owner, rule=example.rule, no_special_cases=True)
    assert rule.mode == RuleMode.LIVE
    assert ActivityEntry.objects.get(verb=Verb.AUTOMATION_RULE_WENT_LIVE).actor == example.owner


def test_two_live_rules_never_fire_on_the_same_event():
    example = crm_example()
    twin = services.rule_create(
        actor=example.owner,
        workspace=example.workspace,
        spec=crm_spec(example.trigger, example.test_customer, name="The same, again"),
    )
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_test")
    services.rule_go_live(actor=example.owner, rule=example.rule, no_special_cases=True)
    with pytest.raises(services.GoLiveRefused) as caught:
        services.rule_go_live(actor=example.owner, rule=twin, no_special_cases=True)
    assert [problem.code for problem in caught.value.problems] == ["one-live-rule"]
    assert example.rule.name in caught.value.problems[0].message


def test_a_live_rule_whose_behaviour_changes_goes_back_to_test_mode():
    example = crm_example()
    deliver(Client(), example.trigger, deal_event("client"), event_id="evt_test")
    rule = services.rule_go_live(actor=example.owner, rule=example.rule, no_special_cases=True)
    rule = services.rule_update(
        actor=example.owner,
        rule=rule,
        spec=services.rule_changes(rule, name="Renamed"),
        expected_version=rule.version,
    )
    assert rule.mode == RuleMode.LIVE
    rule = services.rule_update(
        actor=example.owner,
        rule=rule,
        spec=services.rule_changes(rule, to_value="customer"),
        expected_version=rule.version,
    )
    assert (rule.mode, rule.went_live_at, rule.special_cases_confirmed_by) == (RuleMode.TEST, None, None)


def test_a_stale_version_changes_nothing():
    from accord.domain.errors import StaleWrite

    example = crm_example()
    with pytest.raises(StaleWrite):
        services.rule_update(
            actor=example.owner,
            rule=example.rule,
            spec=services.rule_changes(example.rule, name="Late"),
            expected_version=example.rule.version + 1,
        )
