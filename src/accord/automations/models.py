"""Incoming triggers and the automation rules they fire (seed 001).

- :class:`Trigger` — an address of its own (``/hooks/<public id>/``) and a ``whsec_`` secret of
  its own (and the previous one for a day after a rotation), for one platform of the workspace.
- :class:`IncomingEvent` — one event received (its ``webhook-id``, type and payload); the unique
  constraint on (trigger, event id) is what applies each event exactly once.
- :class:`Rule` — "I want ACTION in Accord when TRIGGER in PLATFORM; data exchanged: FIELDS from
  PLATFORM to Accord": a transition condition, a mapping, an action, in test mode (pointed at the
  test customer, and the test playbook when there is one) or live.
- :class:`RecordValue` — the last value a rule saw for one record (the previous value when the
  platform sends none).
- :class:`CustomerLink` — which customer a platform's record id stands for.
- :class:`Run` — what one rule did with one event: input, mapped values, action, outcome, error.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.projects.models import Project
from accord.workspaces.models import Customer, Workspace


class Trigger(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="automation_triggers")
    # "trg_" + 22 random characters: the address's last part; unguessable, but not the secret.
    public_id = models.CharField(max_length=40)
    name = models.CharField(_("name"), max_length=100)
    platform = models.CharField(_("platform"), max_length=100)
    # "whsec_" + base64 of 32 random bytes: incoming events are verified with it.
    secret = models.CharField(max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    last_event_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("created_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["public_id"], name="automation_trigger_public_id_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="automation_trigger_version_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class IncomingEvent(models.Model):
    trigger = models.ForeignKey(Trigger, on_delete=models.CASCADE, related_name="events")
    event_id = models.CharField(max_length=255)  # the webhook-id header
    event_type = models.CharField(max_length=200, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-received_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["trigger", "-received_at"], name="automation_event_recent")]
        constraints: ClassVar = [
            # Exactly once: a second delivery of the same event cannot insert its row.
            models.UniqueConstraint(fields=["trigger", "event_id"], name="automation_event_once"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.event_type}"


class RuleAction(models.TextChoices):
    CREATE_PROJECT = "create_project", _("create a project from a playbook")
    MOVE_TASK = "move_task", _("move a task")
    ADD_COMMENT = "add_comment", _("add a comment to a task")


class RuleMode(models.TextChoices):
    TEST = "test", _("test mode")
    LIVE = "live", _("live")


class Rule(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="automation_rules")
    trigger = models.ForeignKey(Trigger, on_delete=models.CASCADE, related_name="rules")
    name = models.CharField(_("name"), max_length=150)
    # The person the rule acts as; a failure alerts them.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goal = models.TextField(_("goal"), blank=True)
    # The trigger: an event type, and a field that moves from one value to another.
    event_type = models.CharField(_("event type"), max_length=200)
    field_label = models.CharField(_("field, in words"), max_length=100, blank=True)
    field_path = models.CharField(_("field path"), max_length=300)
    old_value_path = models.CharField(_("old value path"), max_length=300, blank=True)
    from_value = models.CharField(_("from"), max_length=200, blank=True)
    to_value = models.CharField(_("to"), max_length=200)
    record_id_path = models.CharField(_("record id path"), max_length=300)
    # The data exchanged: [{"path": "data.deal.company", "field": "customer_name"}, …].
    mapping = models.JSONField(default=list)
    action = models.CharField(_("action"), max_length=20, choices=RuleAction.choices)
    # Create a project: the real playbook, the test one (optional), the path and the calendar.
    live_playbook_key = models.CharField(_("playbook"), max_length=100, blank=True)
    test_playbook_key = models.CharField(_("test playbook"), max_length=100, blank=True)
    variant = models.CharField(_("path (variant)"), max_length=100, blank=True)
    country = models.CharField(_("country of the calendar"), max_length=10, default="FR")
    # In test mode everything happens in the test customer; live, in this one, or in the customer
    # found (or created) from the mapped fields when it is empty.
    test_customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    live_customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Move a task / add a comment: which task, which workflow action, what text.
    task_key = models.CharField(_("task key"), max_length=100, blank=True)
    task_action = models.CharField(_("workflow action"), max_length=30, blank=True)
    comment_template = models.TextField(_("comment"), blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=RuleMode.choices, default=RuleMode.TEST)
    went_live_at = models.DateTimeField(null=True, blank=True)
    went_live_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who confirmed "no special cases", and when: only the owner's confirmation counts.
    special_cases_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    special_cases_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("created_at", "pk")
        indexes: ClassVar = [models.Index(fields=["trigger", "event_type"], name="automation_rule_event")]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(version__gte=1), name="automation_rule_version_positive"),
            models.CheckConstraint(condition=Q(mode__in=["test", "live"]), name="automation_rule_mode_known"),
            models.CheckConstraint(
                condition=Q(action__in=["create_project", "move_task", "add_comment"]),
                name="automation_rule_action_known",
            ),
            models.CheckConstraint(
                condition=Q(mode="test") | Q(went_live_at__isnull=False),
                name="automation_rule_live_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_live(self) -> bool:
        return self.mode == RuleMode.LIVE


class RecordValue(models.Model):
    """The last value of the rule's field for one record of the platform."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="record_values")
    record_id = models.CharField(max_length=200)
    value = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["rule", "record_id"], name="automation_record_value_once"),
        ]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.value}"


class CustomerLink(models.Model):
    """The customer a record of the trigger's platform stands for (its external id)."""

    trigger = models.ForeignKey(Trigger, on_delete=models.CASCADE, related_name="customer_links")
    external_id = models.CharField(max_length=200)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["trigger", "external_id"], name="automation_customer_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.external_id} → {self.customer_id}"


class RunOutcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("condition not met")


class Run(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="runs")
    event = models.ForeignKey(
        IncomingEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    mode = models.CharField(max_length=10, choices=RuleMode.choices)
    record_id = models.CharField(max_length=200, blank=True)
    input = models.JSONField()
    previous_value = models.JSONField(null=True, blank=True)
    previous_source = models.CharField(max_length=10, blank=True)
    current_value = models.JSONField(null=True, blank=True)
    # Why the condition fired or not: a code of accord.domain.automations.REASONS and its values.
    reason_code = models.CharField(max_length=40, blank=True)
    reason_params = models.JSONField(default=dict)
    mapped = models.JSONField(default=dict)
    action = models.CharField(max_length=20, choices=RuleAction.choices)
    action_summary = models.CharField(max_length=500, blank=True)
    outcome = models.CharField(max_length=10, choices=RunOutcome.choices)
    error = models.CharField(max_length=1000, blank=True)
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    replay_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replays"
    )
    replayed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-started_at", "-pk")
        indexes: ClassVar = [
            models.Index(fields=["workspace", "-started_at"], name="automation_run_recent"),
            models.Index(fields=["rule", "-started_at"], name="automation_run_rule"),
            models.Index(fields=["project", "-started_at"], name="automation_run_project"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(outcome__in=["succeeded", "failed", "skipped"]),
                name="automation_run_outcome_known",
            ),
        ]

    def __str__(self) -> str:
        return f"run {self.pk} of {self.rule_id}: {self.outcome}"
