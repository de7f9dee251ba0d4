"""Forms of the project pages: they parse and check the shape of input; the services decide."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.accounts.models import User
from accord.base.ids import IdModelChoiceField
from accord.catalog.selectors import CatalogEntry
from accord.domain.alternatives import Choice
from accord.domain.health import Health
from accord.domain.playbook import Playbook, Task
from accord.projects.models import Project
from accord.projects.selectors import Person
from accord.projects.services import NAME_MAX_LENGTH, ProjectCreation
from accord.workspaces.models import Customer, Partner, Workspace

#: Countries offered first in the country field; any other code the holidays library knows works.
COMMON_COUNTRIES = (
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("US", _("United States")),
    ("DE", _("Germany")),
    ("ES", _("Spain")),
    ("IT", _("Italy")),
    ("NL", _("Netherlands")),
    ("BE", _("Belgium")),
    ("CH", _("Switzerland")),
    ("IE", _("Ireland")),
    ("CA", _("Canada")),
    ("AU", _("Australia")),
)

ALTERNATIVE_PREFIX = "alternative"


def entry_value(entry: CatalogEntry) -> str:
    """How a catalogue entry travels in a form: ``key@version``."""
    return f"{entry.key}@{entry.version}"


def split_entry_value(value: str) -> tuple[str, str]:
    key, _separator, version = value.partition("@")
    return key, version


def _entry_label(entry: CatalogEntry) -> str:
    return f"{entry.name} {entry.version} ({entry.source_label})"


class ProjectCreateForm(forms.Form):
    """A new project. The variant and owner-choice fields follow the chosen ``playbook``.

    The form only parses: ids into this workspace's customers and partners, text into a date.
    Whether the name, the path, the calendar and the owners make a project is for
    ``project_create`` to decide, and the view puts its problems on these fields. The name
    and the path are still marked required and bounded in the page, for people and their
    assistive technology; the service is what enforces it.
    """

    name = forms.CharField(
        label=_("Project name"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": NAME_MAX_LENGTH, "required": True}),
    )
    customer = IdModelChoiceField(label=_("Customer"), queryset=Customer.objects.none())
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners on the project"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Third parties working on it: a software provider, a TPA…"),
    )
    playbook = forms.ChoiceField(label=_("Playbook"))
    variant = forms.CharField(
        label=_("Path (variant)"), required=False, widget=forms.Select(attrs={"required": True})
    )
    start_date = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("On a weekend or a holiday, the work starts on the next business day."),
    )
    country = forms.CharField(
        label=_("Country of the customer's calendar"),
        max_length=10,
        widget=forms.TextInput(attrs={"list": "country-list", "autocomplete": "off", "size": 6}),
        help_text=_("Two-letter code whose public holidays count: FR, GB, US…"),
    )
    subdivision = forms.CharField(
        label=_("Region (optional)"),
        max_length=10,
        required=False,
        help_text=_("e.g. England for GB, CA for US; leave empty for the national holidays."),
    )
    time_zone = forms.CharField(
        label=_("Time zone (optional)"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"list": "time-zone-list", "autocomplete": "off"}),
        help_text=_("Defaults to the country's, e.g. Europe/Paris for FR."),
    )

    def __init__(
        self,
        *args: Any,
        workspace: Workspace,
        entries: Sequence[CatalogEntry],
        playbook: Playbook,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.playbook_object = playbook
        customer_field = self.fields["customer"]
        partner_field = self.fields["partners"]
        assert isinstance(customer_field, IdModelChoiceField)
        assert isinstance(partner_field, forms.ModelMultipleChoiceField)
        customer_field.queryset = workspace.customers.order_by("name")
        partner_field.queryset = workspace.partners.order_by("name")
        playbook_field = self.fields["playbook"]
        assert isinstance(playbook_field, forms.ChoiceField)
        playbook_field.choices = [(entry_value(entry), _entry_label(entry)) for entry in entries]
        playbook_field.widget.attrs["aria-controls"] = "playbook-options"
        variant_widget = self.fields["variant"].widget
        assert isinstance(variant_widget, forms.Select)
        if playbook.variants:
            variant_widget.choices = [("", _("Choose a path")), *((v.key, v.name) for v in playbook.variants)]
        else:
            del self.fields["variant"]
        #: (field name, task, group index) of every owner alternative of the playbook.
        self.alternatives: list[tuple[str, Task, int]] = []
        names = {role.key: role.name for role in playbook.roles}
        for task in playbook.tasks:
            for index, group in enumerate(task.alternatives):
                name = f"{ALTERNATIVE_PREFIX}__{task.key}__{index}"
                self.fields[name] = forms.ChoiceField(
                    label=task.name,
                    choices=[(role, names.get(role, role)) for role in group],
                    initial=group[0],
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.alternatives.append((name, task, index))

    @property
    def alternative_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _task, _index in self.alternatives]

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).strip().upper()

    def alternative_choices(self, variant: str | None) -> dict[str, Choice]:
        """The owner chosen per task of ``variant`` (tasks of other paths are left out)."""
        playbook = self.playbook_object
        # An unknown path is for project_create to refuse; meanwhile, every task's owner is read.
        if variant in {item.key for item in playbook.variants}:
            playbook = playbook.for_variant(variant)
        tasks = {task.key for task in playbook.tasks}
        chosen: dict[str, list[str]] = {}
        for name, task, _index in self.alternatives:
            if task.key in tasks:
                value = self.cleaned_data.get(name) or task.alternatives[_index][0]
                chosen.setdefault(task.key, []).append(value)
        return {key: roles[0] if len(roles) == 1 else roles for key, roles in chosen.items()}

    def creation(self, *, playbook_source: str) -> ProjectCreation:
        """What the valid form asks for, as ``project_create`` takes it (nothing checked yet)."""
        data = self.cleaned_data
        variant = data.get("variant") or None
        return ProjectCreation(
            workspace=self.workspace,
            customer=data["customer"],
            name=data["name"],
            playbook=self.playbook_object,
            playbook_source=playbook_source,
            variant=variant,
            start_date=data["start_date"],
            country=data["country"],
            subdivision=data["subdivision"],
            time_zone=data["time_zone"] or None,
            partners=list(data["partners"]),
            alternative_choices=self.alternative_choices(variant),
        )

    def field_for(self, where: str) -> str | None:
        """The field a service problem is about (``alternative_choices.<task>`` included)."""
        if where in self.fields:
            return where
        if where.startswith("alternative_choices."):
            task = where.removeprefix("alternative_choices.")
            return next((name for name, item, _index in self.alternatives if item.key == task), None)
        if where.startswith("playbook"):
            return "playbook"
        return None


#: The portfolio's status filter value that shows closed projects with the active ones.
ALL_STATUSES = "all"


class PortfolioFilterForm(forms.Form):
    """The portfolio's filters, read from the address (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    customer = IdModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        # Closed projects leave the default list: "" means active, "all" shows every status. The
        # labels name the projects ("Projets clos"), so they read well in every language.
        choices=[
            ("", _("Active projects")),
            (Project.Status.CLOSED.value, _("Closed projects")),
            (ALL_STATUSES, _("All projects")),
        ],
    )
    health = forms.ChoiceField(
        label=_("Health"),
        required=False,
        choices=[
            ("", pgettext_lazy("any health", "All")),
            (Health.ON_TRACK.value, _("On track")),
            (Health.AT_RISK.value, _("At risk")),
            (Health.LATE.value, _("Late")),
        ],
    )
    late = forms.BooleanField(label=_("Only projects with late tasks"), required=False)

    def __init__(self, *args: Any, customers: Iterable[Customer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        customer_field = self.fields["customer"]
        assert isinstance(customer_field, IdModelChoiceField)
        customer_field.queryset = customers  # type: ignore[assignment]


class RolePersonForm(forms.Form):
    """One person on one role: assign them, take them off, or make them the lead."""

    role = forms.ChoiceField(label=_("Role"))
    user = forms.TypedChoiceField(label=_("Person"), coerce=int)

    def __init__(self, *args: Any, role_keys: Iterable[str], users: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        user_field = self.fields["user"]
        assert isinstance(role_field, forms.ChoiceField)
        assert isinstance(user_field, forms.TypedChoiceField)
        role_field.choices = [(key, key) for key in role_keys]
        user_field.choices = [(str(user.pk), user.email) for user in users]


class RoleAssignForm(RolePersonForm):
    lead = forms.BooleanField(label=_("Make them the lead"), required=False)
    confirm_cross_side = forms.BooleanField(
        label=_("I confirm: they may take a role of another side"), required=False
    )


class ParticipantAddForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Partner contact"), coerce=int)

    def __init__(self, *args: Any, people: Iterable[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.TypedChoiceField)
        user_field.choices = [(str(p.user.pk), p.user.email) for p in people]


class PartnerAddForm(forms.Form):
    partner = IdModelChoiceField(label=_("Partner"), queryset=Partner.objects.none())

    def __init__(self, *args: Any, partners: Iterable[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partner_field = self.fields["partner"]
        assert isinstance(partner_field, IdModelChoiceField)
        partner_field.queryset = Partner.objects.filter(pk__in=[partner.pk for partner in partners])


CUSTOMER_ORGANISATION = "customer"


class ProjectInviteForm(forms.Form):
    """Invite a contact of the project's customer or of one of its partners into the workspace."""

    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    organisation = forms.ChoiceField(label=_("Contact of"))
    role_key = forms.ChoiceField(
        label=_("Project role"),
        required=False,
        help_text=_("Optional: the invitation explains this role, and they take it when they accept."),
    )

    def __init__(
        self,
        *args: Any,
        customer: Customer,
        partners: Iterable[Partner],
        roles: Iterable[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role_key"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [("", _("No role yet")), *roles]
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (CUSTOMER_ORGANISATION, _("%(name)s (customer)") % {"name": customer.name}),
            *(
                (f"partner-{partner.pk}", _("%(name)s (partner)") % {"name": partner.name})
                for partner in partners
            ),
        ]


class ProjectUpgradeForm(forms.Form):
    version = forms.ChoiceField(label=_("New version"))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, versions: Iterable[CatalogEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(entry.version, _entry_label(entry)) for entry in versions]
