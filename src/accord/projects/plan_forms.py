"""Forms of the plan page: they parse what people type; accord.projects.plan_services decides."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accord.base.ids import IdField
from accord.domain.raci import Raci
from accord.projects.plan_services import TASK_NAME_MAX_LENGTH, Dependency

_DEPENDENCY = re.compile(r"^\s*([a-z0-9][a-z0-9-]*)\s*(?:\+\s*(\d+)\s*(?:d|bd|days?)?)?\s*$")


class _Versioned(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanTaskAddForm(_Versioned):
    name = forms.CharField(label=_("Name"), max_length=TASK_NAME_MAX_LENGTH)
    phase = forms.ChoiceField(label=_("Phase"))
    duration = forms.CharField(
        label=_("Duration"),
        required=False,
        help_text=_("Business days (10), a range (4-6 weeks) or min/likely/max (3/5/8 days)."),
    )
    milestone = forms.BooleanField(label=_("Milestone"), required=False)
    responsible = forms.ChoiceField(label=_("Responsible (R)"), required=False)
    accountable = forms.ChoiceField(label=_("Accountable (A)"), required=False)

    def __init__(
        self, *args: Any, phases: Sequence[tuple[str, str]], roles: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = list(phases)  # type: ignore[attr-defined]
        for name in ("responsible", "accountable"):
            self.fields[name].choices = [("", "—"), *roles]  # type: ignore[attr-defined]

    def raci(self) -> dict[str, Raci]:
        """The letters chosen: R and A on the chosen roles (both on one role makes RA)."""
        cells: dict[str, Raci] = {}
        for name, letter in (("responsible", Raci.R), ("accountable", Raci.A)):
            role = self.cleaned_data.get(name)
            if role:
                cells[role] = cells.get(role, Raci(0)) | letter
        return cells


class PlanTaskRenameForm(_Versioned):
    name = forms.CharField(label=_("Name"), max_length=TASK_NAME_MAX_LENGTH)


def dependencies_read(text: str) -> list[Dependency]:
    """ "kick-off, design +2" → [kick-off, design with a lag of 2 business days]."""
    found = []
    for item in filter(None, (part.strip() for part in re.split(r"[,\n]", text))):
        match = _DEPENDENCY.match(item.lower())
        if match is None:
            raise ValidationError(
                _("“%(item)s” is not a task key with an optional lag."),
                params={"item": item},
                code="dependency-invalid",
            )
        found.append(Dependency(task=match[1], lag=int(match[2] or 0)))
    return found


class PlanTaskTimingForm(_Versioned):
    duration = forms.CharField(
        label=_("Duration"),
        required=False,
        help_text=_("Business days (10), a range (4-6 weeks) or min/likely/max (3/5/8 days)."),
    )
    after = forms.CharField(
        label=_("Starts after"),
        required=False,
        help_text=_(
            "Task keys separated by commas, each with an optional lag in business days: design, kick-off +2"
        ),
    )
    before = forms.CharField(
        label=_("Finishes before"),
        required=False,
        help_text=_("Task keys separated by commas: these tasks wait for this one."),
    )
    milestone = forms.BooleanField(label=_("Milestone"), required=False)

    def clean_after(self) -> list[Dependency]:
        return dependencies_read(self.cleaned_data.get("after", ""))

    def clean_before(self) -> list[str]:
        return [item.task for item in dependencies_read(self.cleaned_data.get("before", ""))]


class PlanTaskMoveForm(_Versioned):
    phase = forms.ChoiceField(label=_("Phase"))
    before = forms.ChoiceField(label=_("Place before"), required=False)

    def __init__(
        self, *args: Any, phases: Sequence[tuple[str, str]], tasks: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = list(phases)  # type: ignore[attr-defined]
        self.fields["before"].choices = [("", _("the end of the phase")), *tasks]  # type: ignore[attr-defined]


class PlanVersionedForm(_Versioned):
    """A confirmation that carries only the version seen (remove, go-live, put back)."""


class PlanPutBackForm(_Versioned):
    removal = IdField(widget=forms.HiddenInput)


class PlanPlaybookSaveForm(forms.Form):
    key = forms.CharField(label=_("Playbook key"), max_length=80)
    name = forms.CharField(label=_("Playbook name"), max_length=200)
    version = forms.CharField(label=_("Version"), max_length=40)
