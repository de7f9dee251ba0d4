"""Forms of the report pages: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DigestForm(forms.Form):
    enabled = forms.BooleanField(label=_("Send me the weekly digest of this project"), required=False)
    no_change_note = forms.BooleanField(
        label=_("Also when nothing changed (a short “no change this week” note)"), required=False
    )
