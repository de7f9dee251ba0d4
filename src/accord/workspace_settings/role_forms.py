"""The form of a playbook's Roles page: each role's description and responsibilities (one per
line). It only parses; accord.catalog.role_edits checks and saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.catalog.role_edits import RoleText
from accord.domain.playbook import Playbook


class PlaybookRolesForm(forms.Form):
    def __init__(self, data: Any = None, *, playbook: Playbook) -> None:
        initial = {}
        for role in playbook.roles:
            initial[f"description_{role.key}"] = role.description
            initial[f"responsibilities_{role.key}"] = "\n".join(role.responsibilities)
        super().__init__(data, initial=initial)
        self.playbook = playbook
        for role in playbook.roles:
            self.fields[f"description_{role.key}"] = forms.CharField(
                label=_("What the role is for"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"responsibilities_{role.key}"] = forms.CharField(
                label=_("Responsibilities"),
                required=False,
                help_text=_("One per line."),
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def sections(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        """(role, its description field, its responsibilities field), in the playbook's order."""
        return [
            (role, self[f"description_{role.key}"], self[f"responsibilities_{role.key}"])
            for role in self.playbook.roles
        ]

    def role_texts(self) -> dict[str, RoleText]:
        return {
            role.key: RoleText(
                description=self.cleaned_data[f"description_{role.key}"],
                responsibilities=tuple(self.cleaned_data[f"responsibilities_{role.key}"].splitlines()),
            )
            for role in self.playbook.roles
        }
