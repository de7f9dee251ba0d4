"""Forms of the test campaign pages: they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.base.ids import IdField
from accord.campaigns.models import CampaignKind, DefectSeverity, DefectStatus, RunResult


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CampaignKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    integration_case = forms.ChoiceField(label=_("Integration case (E2E)"), required=False)

    def __init__(self, *args: Any, variants: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["integration_case"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *variants.items()]


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    steps = forms.CharField(label=_("Steps"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    expected = forms.CharField(
        label=_("Expected result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = IdField(required=False, widget=forms.HiddenInput)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once (evidence), each checked by the service."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class RunForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=RunResult.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = MultipleFileField(label=_("Evidence files"), required=False)


class DefectForm(forms.Form):
    title = forms.CharField(label=_("Defect"), max_length=300)
    severity = forms.ChoiceField(label=_("Severity"), choices=DefectSeverity.choices)
    case = IdField(label=_("Found by the case"), required=False)
    owner = IdField(label=_("Owner"), required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DefectUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DefectStatus.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=DefectSeverity.choices)
    owner = IdField(label=_("Owner"), required=False)
    version = IdField(required=False, widget=forms.HiddenInput)
