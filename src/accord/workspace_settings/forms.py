"""Forms of the settings pages: they parse and check input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accord.catalog.uploads import ACCEPTED_SUFFIXES, MAX_UPLOAD_BYTES, human_size
from accord.workspaces.models import Customer, Partner


class PlaybookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Playbook file"),
        # Lazy: written in the page's language ("1 MB", "1 Mo"), not the language at import.
        help_text=format_lazy(
            _("A playbook YAML file (.yaml), or a RACI matrix saved as .xlsx or .csv; up to {size}."),
            size=lazy(human_size, str)(MAX_UPLOAD_BYTES),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )


class PlaybookSaveForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    expected_key = forms.CharField(widget=forms.HiddenInput, max_length=80)


class CustomerCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Customer name"),
        max_length=Customer._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


class PartnerCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Partner name"),
        max_length=Partner._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(label=_("Kind of partner"), choices=Partner.Kind.choices)
