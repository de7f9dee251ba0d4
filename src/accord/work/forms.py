"""Forms of the work pages: they parse and check the shape of input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.base.ids import IdField
from accord.domain.raci import Raci
from accord.domain.workflow import Action
from accord.projects.models import TaskComment

#: The letters a cell editor offers, in the order the matrix spells them.
LETTER_CHOICES = (
    ("R", _("R — Responsible")),
    ("A", _("A — Accountable")),
    ("C", _("C — Consulted")),
    ("I", _("I — Informed")),
    ("NA", _("N/A — Not applicable")),
)


class CellForm(forms.Form):
    """One RACI cell as the board posts it: which task, which role, the letters, and the version
    of the task the person saw."""

    task = IdField(widget=forms.HiddenInput)
    role = forms.CharField(max_length=80, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    letters = forms.MultipleChoiceField(
        label=_("Letters"), choices=LETTER_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def letters_value(self) -> Raci:
        """The checked letters as one value (the service refuses N/A mixed with letters)."""
        value = Raci(0)
        for name in self.cleaned_data["letters"]:
            value |= Raci[name]
        return value


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(action.value, action.value) for action in Action])
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea)


class CommentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (TaskComment.Kind.COMMENT.value, _("Comment")),
            (TaskComment.Kind.ANSWER.value, _("Input asked for (answers the open requests)")),
        ],
        initial=TaskComment.Kind.COMMENT.value,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    internal = forms.BooleanField(
        label=_("Internal — vendor staff only"),
        required=False,
        help_text=_("Customers' and partners' contacts never see an internal comment."),
    )


class InputRequestForm(forms.Form):
    question = forms.CharField(
        label=_("Your question to the Consulted"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CellsField(forms.MultipleChoiceField):
    """Ticked cells, each "<task id>:<role key>:<task version>" (the version the person saw)."""

    def valid_value(self, value: str) -> bool:
        task, _sep, rest = value.partition(":")
        role, _sep2, version = rest.rpartition(":")
        return task.isdigit() and version.isdigit() and bool(role) and len(role) <= 80

    def parsed(self, values: list[str]) -> list[tuple[int, str, int]]:
        cells = []
        for value in values:
            task, _sep, rest = value.partition(":")
            role, _sep2, version = rest.rpartition(":")
            cells.append((int(task), role, int(version)))
        return cells


class BulkCellsForm(forms.Form):
    """Several cells of the board (a row's or a column's) and the letters they all get."""

    cell = CellsField(label=_("Cells"), required=True)
    set_letters = forms.MultipleChoiceField(
        label=_("Letters"), choices=LETTER_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def cells(self) -> list[tuple[int, str, int]]:
        field = self.fields["cell"]
        assert isinstance(field, CellsField)
        return field.parsed(self.cleaned_data["cell"])

    def letters_value(self) -> Raci:
        value = Raci(0)
        for name in self.cleaned_data["set_letters"]:
            value |= Raci[name]
        return value


class FixForm(forms.Form):
    """The safe fix of one finding: the task, the rule's code, the task's version seen."""

    task = IdField(widget=forms.HiddenInput)
    code = forms.CharField(max_length=20, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
