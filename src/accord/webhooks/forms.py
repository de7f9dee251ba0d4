"""Forms of the webhook pages: they parse input; the services check it and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.webhooks.models import EventType


class EndpointForm(forms.Form):
    url = forms.CharField(
        label=_("URL"),
        max_length=2000,
        help_text=_("The HTTPS address that receives the events, e.g. https://hooks.example.com/accord."),
        widget=forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    event_types = forms.MultipleChoiceField(
        label=_("Events"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event to send.")},
    )


class EndpointEditForm(EndpointForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReplayForm(forms.Form):
    """Either one message (its ``msg_…`` id) or every message from a moment on."""

    message_id = forms.CharField(label=_("Message id"), max_length=40, required=False)
    since = forms.DateTimeField(
        label=_("Every message since"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("message_id") and not cleaned.get("since"):
            raise forms.ValidationError(
                _("Give a message id, or the moment from which to send every message again.")
            )
        return cleaned
