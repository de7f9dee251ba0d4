"""Forms of the inbox page: they parse and check input; the services decide."""

from __future__ import annotations

from django import forms

from accord.base.ids import IdField


class MarkReadForm(forms.Form):
    """Mark one notification read, or all of them (``all``)."""

    notification = IdField(required=False)
    all = forms.BooleanField(required=False)
