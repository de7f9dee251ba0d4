"""Forms of the go-live page: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.base.ids import IdField


class ContactForm(forms.Form):
    integration_contact = IdField(label=_("Integration contact"), required=False)
    version = IdField(required=False, widget=forms.HiddenInput)


class HandoverForm(forms.Form):
    recipient = forms.CharField(label=_("Recipient"), max_length=200)
    handed_over_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("How (never the secret itself)"), max_length=300, required=False)


class CommunicationForm(forms.Form):
    ready = forms.BooleanField(label=_("The go-live communication to end users is ready"), required=False)
    communication_note = forms.CharField(
        label=_("What was sent, or where it is"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = IdField(required=False, widget=forms.HiddenInput)


class GoLiveForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reason for going live although the gate is closed (vendor admins)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
