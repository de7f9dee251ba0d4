"""Forms of the settings pages: they parse and check input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.catalog.models import VERSION_MAX_LENGTH
from accord.catalog.uploads import ACCEPTED_SUFFIXES, MAX_UPLOAD_BYTES, human_size, letter_meaning
from accord.domain.playbook import Side
from accord.domain.raci import Raci
from accord.formats.matrix import DetectionOptions
from accord.workspace_settings.preview import SIDE_FROM_WORDS, SIDE_WORDS, CorrectionChoices
from accord.workspaces.models import Customer, Partner


class PlaybookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Playbook file"),
        # Lazy: written in the page's language ("1 MB", "1 Mo"), not the language at import.
        help_text=format_lazy(
            _(
                "A playbook YAML file (.yaml), or a RACI matrix saved as .xlsx, .csv or .md "
                "(any layout); up to {size}."
            ),
            size=lazy(human_size, str)(MAX_UPLOAD_BYTES),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )


class PlaybookSaveForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    expected_key = forms.CharField(widget=forms.HiddenInput, max_length=80)
    #: Sent by the "Save as version N" button: an existing version uploaded again as the next one.
    as_version = forms.CharField(required=False, max_length=VERSION_MAX_LENGTH)


LETTER_CHOICES = (
    ("R", _("R — Responsible")),
    ("A", _("A — Accountable")),
    ("C", _("C — Consulted")),
    ("I", _("I — Informed")),
    ("R/A", _("R/A — Responsible and accountable")),
    ("N/A", _("N/A — Not applicable")),
    ("-", _("Nothing: leave these cells empty")),
)
USE_ROLE, USE_NOT_ROLE = "role", "not-role"


class DetectionCorrectionForm(forms.Form):
    """Corrections to what the detector read, each field one of its options (DetectionOptions).

    The fields depend on the detection being corrected (its rows, columns, roles and unknown
    letters): ``choices`` describes it. An empty choice keeps what was detected.
    """

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self, data: Any = None, *, choices: CorrectionChoices, options: DetectionOptions, token: str = ""
    ) -> None:
        super().__init__(data, initial={"token": token})
        self.choices = choices
        if choices.header_rows and not choices.turned:
            detected = gettext("as detected (row %(row)s)") % {"row": choices.detected_header or "?"}
            self.fields["header_row"] = forms.ChoiceField(
                label=_("Header row (the role names)"),
                choices=[("", detected), *((line.value, line.label) for line in choices.header_rows)],
                required=False,
                initial=str(options.header_row) if options.header_row is not None else "",
            )
        if choices.lines:
            line_word = _("Task row") if choices.turned else _("Task column")
            self.fields["task_column"] = forms.ChoiceField(
                label=line_word,
                choices=[
                    ("", gettext("as detected (%(line)s)") % {"line": choices.detected_task or "?"}),
                    *((line.value, line.label) for line in choices.lines),
                ],
                required=False,
                initial=options.task_column or "",
            )
        for line in choices.lines:
            detected = gettext("as detected: %(read)s") % {"read": line.mark or gettext("not used")}
            initial = (
                USE_ROLE
                if line.value in options.roles
                else USE_NOT_ROLE
                if line.value in options.not_roles
                else ""
            )
            self.fields[f"use_{line.value}"] = forms.ChoiceField(
                label=line.label,
                choices=[("", detected), (USE_ROLE, _("a role")), (USE_NOT_ROLE, _("not a role"))],
                required=False,
                initial=initial,
            )
        chosen_sides = {name.lower(): side for name, side in options.sides.items()}
        for index, role in enumerate(choices.roles):
            detected_side = str(SIDE_WORDS.get(role.detected_side, role.detected_side))
            source = str(SIDE_FROM_WORDS.get(role.side_from, role.side_from))
            side = chosen_sides.get(role.name.lower())
            self.fields[f"side_{index}"] = forms.ChoiceField(
                label=role.label,
                choices=[
                    ("", f"{detected_side} ({source})" if side is None else _("as detected")),
                    *((side.value, SIDE_WORDS[side.value]) for side in Side),
                ],
                required=False,
                initial=side.value if side is not None else "",
            )
        for letter in choices.letters:
            self.fields[f"letter_{letter}"] = forms.ChoiceField(
                label=format_lazy(_("What does {letter} mean?"), letter=letter),
                choices=[("", _("not answered yet")), *LETTER_CHOICES],
                required=False,
                initial=_letter_value(options.letters[letter]) if letter in options.letters else "",
            )

    def line_rows(self) -> list[dict[str, Any]]:
        """One row per column (or row) of the table: what was read, its use and, for a role, its side."""
        sides = {role.line: f"side_{index}" for index, role in enumerate(self.choices.roles)}
        rows = [
            {
                "line": line,
                "use": self[f"use_{line.value}"],
                "side": self[sides[line.value]] if line.value in sides else None,
            }
            for line in self.choices.lines
        ]
        shown = {line.value for line in self.choices.lines}
        rows.extend(
            {"line": None, "use": None, "side": self[name]}
            for value, name in sides.items()
            if value not in shown
        )
        return rows

    def letter_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("letter_")]

    def use_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("use_")]

    def options(self, previous: DetectionOptions) -> DetectionOptions:
        """The corrections as the detector's options (call once the form is valid)."""
        data = self.cleaned_data
        header = data.get("header_row") or ""
        roles = {
            name.removeprefix("use_")
            for name, value in data.items()
            if name.startswith("use_") and value == USE_ROLE
        }
        not_roles = {
            name.removeprefix("use_")
            for name, value in data.items()
            if name.startswith("use_") and value == USE_NOT_ROLE
        }
        sides = {
            role.name: Side(data[f"side_{index}"])
            for index, role in enumerate(self.choices.roles)
            if data.get(f"side_{index}")
        }
        letters = {
            letter: letter_meaning(data[f"letter_{letter}"])
            for letter in self.choices.letters
            if data.get(f"letter_{letter}")
        }
        return DetectionOptions(
            sheet=previous.sheet,
            header_row=int(header) if header else None,
            task_column=data.get("task_column") or None,
            roles=frozenset(roles),
            not_roles=frozenset(not_roles),
            sides=sides,
            letters=letters,
        )


def _letter_value(meaning: Raci | None) -> str:
    return "-" if meaning is None else meaning.canonical


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


class BrandingForm(forms.Form):
    """The workspace's accent and logo; the service checks the contrast and the file."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    accent_colour = forms.CharField(
        label=_("Accent colour"),
        required=False,
        max_length=7,
        help_text=_(
            "A hex colour such as #1d4ed8, for the band and links on your customers' pages and e-mails. "
            "It must reach a contrast of 4.5:1 with white (WCAG AA); leave it empty for Accord's blue."
        ),
        widget=forms.TextInput(
            attrs={"placeholder": "#1d4ed8", "spellcheck": "false", "autocomplete": "off"}
        ),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG or SVG file of up to 200 KB; scripts and links to other files are not accepted."),
        widget=forms.FileInput(attrs={"accept": ".png,.svg,image/png,image/svg+xml"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
