"""Forms of the API token pages: they parse the input; accord.apikit's services decide."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.apikit.models import Scope
from accord.base.ids import IdModelChoiceField
from accord.workspaces.models import Membership

EXPIRY_CHOICES = [
    ("30", _("in 30 days")),
    ("90", _("in 90 days")),
    ("365", _("in a year")),
    ("never", _("never")),
]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What will use it, e.g. “Payroll sync”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=Scope.choices,
        initial=Scope.READ,
        help_text=_("Read only, or read and write, or also administer. Never more than the person may do."),
    )
    expires = forms.ChoiceField(label=_("Expires"), choices=EXPIRY_CHOICES, initial="90")

    def expires_at(self) -> datetime | None:
        """The expiry chosen, from now; None for never."""
        days = self.cleaned_data["expires"]
        return None if days == "never" else timezone.now() + timedelta(days=int(days))


class HolderField(IdModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        membership: Membership = obj
        organisation = membership.customer or membership.partner
        label = (
            f"{membership.user.get_full_name()} <{membership.user.email}> · {membership.get_kind_display()}"
        )
        return f"{label} · {organisation}" if organisation else label


class TokenIssueForm(TokenCreateForm):
    """A token issued by a manager to a person of the workspace."""

    field_order = ("holder", "name", "scope", "expires")

    holder = HolderField(
        label=_("Person"),
        queryset=Membership.objects.none(),
        help_text=_("The token acts as this person: it opens what their membership opens, no more."),
    )

    def __init__(self, *args: Any, holders: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["holder"]
        assert isinstance(field, HolderField)
        field.queryset = holders
