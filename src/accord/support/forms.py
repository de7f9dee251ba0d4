"""Forms of the support pages: they only parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.base.ids import IdField
from accord.support.models import FirstLevel, TicketPriority, TicketStatus


class TicketForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    priority = forms.ChoiceField(
        label=_("Priority"), choices=TicketPriority.choices, initial=TicketPriority.NORMAL
    )


class TicketChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TicketStatus.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=TicketPriority.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class AgreementForm(forms.Form):
    first_level = forms.ChoiceField(label=_("First level of support"), choices=FirstLevel.choices)
    partner = IdField(label=_("Partner"), required=False)


class EscalationForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))
    recipients = forms.CharField(
        label=_("Other recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address a line. The vendor's support address is always included."),
    )


class SupportAddressForm(forms.Form):
    support_address = forms.CharField(label=_("Vendor's support address"), required=False, max_length=254)
