"""Forms of the need and design pages: they parse and check the shape of input; the services decide."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.base.ids import IdField
from accord.design.models import DesignItem, DesignReview, FlowMode
from accord.design.services import NeedParts
from accord.domain import design as design_domain
from accord.domain.needs import parse_fields
from accord.projects.models import ProjectTask

_ARROW = re.compile(r"\s*(?:->|→)\s*")


class NeedForm(forms.Form):
    """The guided need form: the statement's parts, the trigger as a field's transition, the
    three checks of the trigger and the final goal."""

    action = forms.CharField(
        label=_("What should happen (the action)"),
        max_length=300,
        help_text=_("e.g. create a contract"),
    )
    target_platform = forms.CharField(
        label=_("In which platform (platform 1)"), max_length=200, help_text=_("e.g. Tomorro")
    )
    trigger = forms.CharField(
        label=_("When (the trigger, in words)"),
        max_length=300,
        required=False,
        help_text=_("e.g. a deal is won; optional when you give the transition below"),
    )
    trigger_platform = forms.CharField(
        label=_("In which platform does the trigger happen (platform 2)"),
        max_length=200,
        help_text=_("e.g. the CRM"),
    )
    trigger_field = forms.CharField(
        label=_("Field that changes"), max_length=200, required=False, help_text=_("e.g. deal status")
    )
    trigger_from = forms.CharField(label=_("From value"), max_length=200, required=False)
    trigger_to = forms.CharField(label=_("To value"), max_length=200, required=False)
    fields_text = forms.CharField(
        label=_("Data exchanged (from platform 2 to platform 1)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separate the fields with commas or new lines, e.g. name, address, SIRET"),
    )
    goal = forms.CharField(
        label=_("What is the automation for? (the final goal)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    check_unique = forms.BooleanField(
        label=_("The trigger is unique: one event means exactly one run"), required=False
    )
    check_identifiable = forms.BooleanField(
        label=_("The trigger is identifiable: easy to spot in the platform"), required=False
    )
    check_no_special_cases = forms.BooleanField(label=_("The trigger has no special cases"), required=False)
    internal_note = forms.CharField(
        label=_("Internal note (vendor staff only)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["internal_note"]

    def parts(self) -> NeedParts:
        data = self.cleaned_data
        return NeedParts(
            action=data["action"],
            target_platform=data["target_platform"],
            trigger=data["trigger"],
            trigger_platform=data["trigger_platform"],
            trigger_field=data["trigger_field"],
            trigger_from=data["trigger_from"],
            trigger_to=data["trigger_to"],
            fields=parse_fields(data["fields_text"]),
            goal=data["goal"],
            check_unique=data["check_unique"],
            check_identifiable=data["check_identifiable"],
            check_no_special_cases=data["check_no_special_cases"],
            internal_note=data.get("internal_note", ""),
        )


class AnswerStepForm(forms.Form):
    """One answer to the decision tree's next question, or a new start."""

    question = forms.CharField(max_length=80, required=False, widget=forms.HiddenInput)
    answer = forms.CharField(max_length=80, required=False)
    restart = forms.BooleanField(required=False)


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class TreeForm(forms.Form):
    text = forms.CharField(
        label=_("The decision tree (YAML)"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
    )


class DiscoveryForm(forms.Form):
    task = forms.TypedChoiceField(label=_("Task"), coerce=int, required=False, empty_value=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    at = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    minutes = forms.IntegerField(label=_("Minutes per session"), min_value=15, max_value=480)
    count = forms.IntegerField(label=_("Sessions"), min_value=1, max_value=10)
    include_informed = forms.BooleanField(
        label=_("Invite the Informed (optional attendees) too"), required=False
    )
    send = forms.BooleanField(label=_("E-mail the invitations now"), required=False)

    def __init__(self, *args: Any, tasks: Sequence[ProjectTask], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["task"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *((task.pk, task.name) for task in tasks)]


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Review"), choices=DesignReview.Kind.choices)
    held_on = forms.DateField(
        label=_("Held on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    internal_note = forms.CharField(
        label=_("Internal note (vendor staff only)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["internal_note"]


def parse_mappings(text: str) -> tuple[design_domain.FieldMapping, ...]:
    """One mapping per line: ``source -> target`` or ``source -> target | rule``."""
    mappings = []
    for line in text.splitlines():
        if not line.strip():
            continue
        pair, _bar, rule = line.partition("|")
        match = _ARROW.search(pair)
        source, target = (pair[: match.start()], pair[match.end() :]) if match else (pair, "")
        mappings.append(design_domain.FieldMapping(source.strip(), target.strip(), rule.strip()))
    return tuple(mappings)


class FlowForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    source_system = forms.CharField(label=_("Source system"), max_length=200)
    target_system = forms.CharField(label=_("Target system"), max_length=200)
    trigger = forms.CharField(label=_("Trigger"), max_length=300, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=FlowMode.choices, initial=FlowMode.REALTIME)
    format = forms.CharField(label=_("Format"), max_length=100, required=False, help_text=_("e.g. JSON, CSV"))
    security = forms.CharField(
        label=_("Security protocol"), max_length=200, required=False, help_text=_("e.g. OAuth 2, SFTP")
    )
    mappings = forms.CharField(
        label=_("Field mappings"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: source field -> target field | rule"),
    )

    def flow(self) -> design_domain.DataFlow:
        data = self.cleaned_data
        return design_domain.DataFlow(
            name=data["name"],
            source_system=data["source_system"],
            target_system=data["target_system"],
            trigger=data["trigger"],
            mode=design_domain.FlowMode(data["mode"]),
            format=data["format"],
            security=data["security"],
            mappings=parse_mappings(data["mappings"]),
        )


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DesignItem.Kind.choices)
    text = forms.CharField(label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    detail = forms.CharField(
        label=_("Detail"),
        max_length=500,
        required=False,
        help_text=_("The rule's flow, the requirement's reference or the decision's rationale"),
    )
    owner = IdField(label=_("Owner (open questions)"), required=False, widget=forms.Select)
    due = forms.DateField(
        label=_("Due (open questions)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, people: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        widget = self.fields["owner"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [
            ("", "—"),
            *((person.pk, person.get_full_name() or person.email) for person in people),
        ]

    def clean_owner(self) -> User | None:
        value = self.cleaned_data.get("owner")
        if value is None:
            return None
        if value not in self.people:
            raise forms.ValidationError(_("Choose someone who sees the project."))
        return self.people[value]


class QuestionAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
