"""Forms of the project settings page and of a task's actual dates: they only parse; the
services decide (accord.projects.settings_services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.domain.places import country_label
from accord.projects.models import Project


class VersionForm(forms.Form):
    """Every settings write carries the project version the person saw."""

    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ProjectSettingsForm(VersionForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.CharField(
        label=_("Country"),
        max_length=100,
        help_text=_("Type to search: a name or a code (France, FR, USA). Public holidays follow it."),
        widget=forms.TextInput(attrs={"list": "country-names", "autocomplete": "off"}),
    )
    subdivision = forms.CharField(
        label=_("Region"),
        max_length=40,
        required=False,
        help_text=_("Where regional holidays differ (e.g. ENG, CA, BY); leave empty otherwise."),
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        help_text=_("Decides what “today” is for the project, e.g. Europe/Paris."),
        widget=forms.TextInput(attrs={"list": "zone-names", "autocomplete": "off"}),
    )

    @classmethod
    def for_project(cls, project: Project) -> ProjectSettingsForm:
        return cls(
            initial={
                "expected_version": project.version,
                "name": project.name,
                "country": country_label(project.calendar_country),
                "subdivision": project.calendar_subdivision,
                "time_zone": project.time_zone,
            }
        )


class ClosureAddForm(VersionForm):
    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=_("Last day"),
        help_text=_("Both days are included."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    label = forms.CharField(label=_("Label"), max_length=200, required=False)


class ClosureRemoveForm(VersionForm):
    index = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class GoLiveResetForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown in the activity log, e.g. “the customer's IT freeze moved the launch”."),
    )


class CloseForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class ActualDatesForm(forms.Form):
    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    actual_start = forms.DateField(
        label=_("Actual start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actual_finish = forms.DateField(
        label=_("Actual finish"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
