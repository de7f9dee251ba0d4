"""The demo's automation: a CRM trigger and a rule in test mode with a first signed test event."""

from __future__ import annotations

import pytest

from accord.automations.models import IncomingEvent, Rule, RuleMode, Run, RunOutcome
from accord.automations.selectors import rule_checks
from accord.demo.automations import automations_demo
from tests.projects.factories import manager_of

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_crm_rule_in_test_mode_with_a_test_event_and_builds_it_once():
    manager = manager_of()
    assert automations_demo(manager.workspace, manager=manager.user) is True
    rule = Rule.objects.get()
    assert (rule.mode, rule.test_customer.name, rule.trigger.platform) == (
        RuleMode.TEST,
        "Test customer (automations)",
        "the CRM",
    )
    run = Run.objects.get()
    assert (run.outcome, run.reason_code) == (RunOutcome.SKIPPED, "not-to")
    passed = {check.code for check in rule_checks(rule) if check.passed}
    assert {"transition", "event-seen", "record-id-found", "one-live-rule", "live-target"} <= passed
    assert automations_demo(manager.workspace, manager=manager.user) is False
    assert (Rule.objects.count(), IncomingEvent.objects.count(), Run.objects.count()) == (1, 1, 1)
