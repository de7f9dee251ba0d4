"""Forms of the survey pages: they only parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.base.ids import IdField

SCORE_CHOICES = [
    (5, _("5 — very satisfied")),
    (4, _("4 — satisfied")),
    (3, _("3 — neither satisfied nor dissatisfied")),
    (2, _("2 — dissatisfied")),
    (1, _("1 — very dissatisfied")),
]


class AnswerForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with your onboarding?"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything you would like to tell us?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CloseForm(forms.Form):
    main_contact = IdField(label=_("Main point of contact going forward"), required=False)
