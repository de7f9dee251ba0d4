"""Forms of the automations pages: they parse input; the services check it and decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.automations.models import RuleAction, RunOutcome
from accord.automations.services import RuleSpec
from accord.base.ids import IdModelChoiceField
from accord.catalog.selectors import CatalogEntry
from accord.domain.workflow import ACTION_LABELS, Action
from accord.workspaces.models import Customer, Workspace


def _person_label(user: User) -> str:
    return user.get_full_name() or user.email


class TriggerForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("e.g. “CRM deals”: what the platform sends.")
    )
    platform = forms.CharField(
        label=_("Platform"),
        max_length=100,
        help_text=_("Where the trigger happens, as the rule's sentence names it: e.g. “the CRM”."),
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class GoLiveForm(VersionForm):
    no_special_cases = forms.BooleanField(
        label=_("No special cases: one event in the platform always means exactly this action."),
        required=False,
        help_text=_("Only the rule's owner can confirm it."),
    )


class RuleForm(forms.Form):
    """The rule in the need's words: I want … in Accord when … in the platform; data exchanged …"""

    # I want …
    name = forms.CharField(label=_("Name of the rule"), max_length=150)
    action = forms.ChoiceField(label=_("I want to"), choices=RuleAction.choices, widget=forms.RadioSelect)
    live_playbook_key = forms.ChoiceField(label=_("Playbook (real)"), required=False)
    test_playbook_key = forms.ChoiceField(
        label=_("Dedicated test playbook (optional)"),
        required=False,
        help_text=_("Used in test mode instead of the real one, so test projects are easy to tell apart."),
    )
    variant = forms.CharField(label=_("Path (variant)"), max_length=100, required=False)
    country = forms.CharField(
        label=_("Country of the calendar"),
        max_length=10,
        initial="FR",
        help_text=_("Two-letter code; a mapped “country” field overrides it."),
    )
    task_key = forms.CharField(
        label=_("Task key"),
        max_length=100,
        required=False,
        help_text=_("The task to move or comment on, e.g. kickoff; a mapped “task_key” overrides it."),
    )
    task_action = forms.ChoiceField(label=_("Workflow action"), required=False)
    comment_template = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("{field} is replaced by the mapped value, e.g. “Deal {deal_name} is signed.”"),
    )
    goal = forms.CharField(
        label=_("Final goal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the automation is for: what its tests are checked against."),
    )
    # … in Accord when …
    trigger = IdModelChoiceField(label=_("Trigger"), queryset=None)
    event_type = forms.CharField(
        label=_("Event type"), max_length=200, help_text=_("The event's “type”, e.g. deal.updated.")
    )
    field_label = forms.CharField(
        label=_("The field, in words"), max_length=100, required=False, help_text=_("e.g. deal stage")
    )
    field_path = forms.CharField(
        label=_("Path of the field in the event"), max_length=300, help_text=_("e.g. data.deal.stage")
    )
    from_value = forms.CharField(
        label=_("moves from"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the condition is a state: fine to test, refused when going live."),
    )
    to_value = forms.CharField(label=_("to"), max_length=200)
    old_value_path = forms.CharField(
        label=_("Path of the old value (if the platform sends it)"),
        max_length=300,
        required=False,
        help_text=_(
            "e.g. data.previous.stage. Without it, the previous value is the last one Accord stored "
            "for the record."
        ),
    )
    record_id_path = forms.CharField(
        label=_("Path of the record's id"), max_length=300, help_text=_("e.g. data.deal.id")
    )
    # … data exchanged
    mapping = forms.CharField(
        label=_("Data exchanged (mapping)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false", "class": "mapping"}),
        help_text=_(
            "One line per field: “path -> field”. Fields Accord reads: customer_name, "
            "customer_external_id, project_name, start_date, country (create a project); project_id, "
            "task_key, reason (task actions); any other name can be used in the comment."
        ),
    )
    # Test mode, then live
    test_customer = IdModelChoiceField(
        label=_("Dedicated test customer"),
        queryset=None,
        help_text=_("In test mode everything happens there."),
    )
    live_customer = IdModelChoiceField(
        label=_("Real customer (optional)"),
        queryset=None,
        required=False,
        help_text=_("Empty: the customer named by the mapped fields, created if it does not exist."),
    )
    owner = IdModelChoiceField(
        label=_("Owner"),
        queryset=None,
        help_text=_("The rule acts as its owner, who is alerted when a run fails."),
    )

    def __init__(
        self,
        *args: Any,
        workspace: Workspace,
        entries: Sequence[CatalogEntry],
        owners: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        customers = Customer.objects.filter(workspace=workspace).order_by("name")
        self._set_queryset("trigger", workspace.automation_triggers.order_by("name"))
        self._set_queryset("test_customer", customers)
        self._set_queryset("live_customer", customers)
        self._set_queryset("owner", owners)
        keys = list(dict.fromkeys((entry.key, entry.name) for entry in entries))
        playbooks = [("", "—"), *((key, f"{name} ({key})") for key, name in keys)]
        for name in ("live_playbook_key", "test_playbook_key"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = playbooks
        task_action = self.fields["task_action"]
        assert isinstance(task_action, forms.ChoiceField)
        task_action.choices = [("", "—"), *((action.value, _(ACTION_LABELS[action])) for action in Action)]

    #: The form's sections, in the need's order.
    PARTS: dict[str, tuple[str, ...]] = {  # noqa: RUF012
        "want": (
            "name",
            "action",
            "live_playbook_key",
            "test_playbook_key",
            "variant",
            "country",
            "task_key",
            "task_action",
            "comment_template",
            "goal",
        ),
        "when": (
            "trigger",
            "event_type",
            "field_label",
            "field_path",
            "from_value",
            "to_value",
            "old_value_path",
            "record_id_path",
        ),
        "data": ("mapping",),
        "target": ("test_customer", "live_customer", "owner"),
    }

    def _part(self, name: str) -> list[forms.BoundField]:
        return [self[field] for field in self.PARTS[name]]

    @property
    def part_want(self) -> list[forms.BoundField]:
        return self._part("want")

    @property
    def part_when(self) -> list[forms.BoundField]:
        return self._part("when")

    @property
    def part_data(self) -> list[forms.BoundField]:
        return self._part("data")

    @property
    def part_target(self) -> list[forms.BoundField]:
        return self._part("target")

    def _set_queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset
        if isinstance(queryset.model, type) and issubclass(queryset.model, User):
            field.label_from_instance = _person_label  # type: ignore[method-assign,assignment]

    def spec(self) -> RuleSpec:
        """What the valid form asks for, as the services take it (nothing checked yet)."""
        data = self.cleaned_data

        def pk(name: str) -> int | None:
            return data[name].pk if data.get(name) is not None else None

        return RuleSpec(
            name=data["name"],
            trigger_id=pk("trigger"),
            event_type=data["event_type"],
            field_path=data["field_path"],
            to_value=data["to_value"],
            record_id_path=data["record_id_path"],
            action=data["action"],
            test_customer_id=pk("test_customer"),
            owner_id=pk("owner"),
            from_value=data["from_value"],
            old_value_path=data["old_value_path"],
            field_label=data["field_label"],
            goal=data["goal"],
            mapping=data["mapping"],
            live_playbook_key=data["live_playbook_key"],
            test_playbook_key=data["test_playbook_key"],
            variant=data["variant"],
            country=data["country"],
            live_customer_id=pk("live_customer"),
            task_key=data["task_key"],
            task_action=data["task_action"],
            comment_template=data["comment_template"],
        )

    def field_for(self, where: str) -> str | None:
        return where if where in self.fields else None


class RunFilterForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("all")), *RunOutcome.choices]
    )
    rule = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
