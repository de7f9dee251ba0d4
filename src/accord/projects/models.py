"""Projects: a playbook instantiated for a customer, with its partners, people and calendar, and
the work of a project: its tasks, the RACI letters each role holds on them, and comments.

A project keeps its own copy of the playbook (``playbook_data``, the canonical form written by
:func:`accord.formats.playbook_yaml.playbook_to_data`), so a later playbook version changes no
running project until someone upgrades it explicitly.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.domain.workflow import Status
from accord.workspaces.models import Customer, Partner, Workspace


class Project(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="projects")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)

    # The project's own copy of its playbook, and where it came from.
    playbook_key = models.CharField(_("playbook"), max_length=80)
    playbook_version = models.CharField(_("playbook version"), max_length=40)
    playbook_name = models.CharField(_("playbook name"), max_length=200)
    playbook_data = models.JSONField(_("playbook copy"))
    # Where the copy came from: "builtin", "catalogue", a file name... (shown, never resolved).
    playbook_source = models.CharField(_("playbook source"), max_length=200, blank=True)
    variant = models.CharField(_("variant"), max_length=80, blank=True)
    # Owner alternatives resolved at set-up ("CIT or TPA"): {task key: chosen role key}.
    alternative_choices = models.JSONField(default=dict, blank=True)

    # The customer's working calendar.
    start_date = models.DateField(_("start date"))
    calendar_country = models.CharField(_("country"), max_length=2)
    calendar_subdivision = models.CharField(_("subdivision"), max_length=10, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    # Company shutdowns and freeze periods: [{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "label": ""}].
    closures = models.JSONField(default=list, blank=True)

    # The latest forecast (written by the planning service whenever a task moves).
    go_live_planned = models.DateField(null=True, blank=True)
    go_live_earliest = models.DateField(null=True, blank=True)
    go_live_latest = models.DateField(null=True, blank=True)
    go_live_p50 = models.DateField(null=True, blank=True)
    go_live_p80 = models.DateField(null=True, blank=True)
    go_live_p95 = models.DateField(null=True, blank=True)
    forecast_at = models.DateTimeField(null=True, blank=True)
    # The go-live committed to: the P80 forecast at creation, until someone sets it again. Health
    # compares the latest forecast with it (docs/projects.md).
    go_live_baseline = models.DateField(_("committed go-live"), null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)
        indexes: ClassVar = [
            models.Index(fields=["workspace", "customer"], name="project_workspace_customer")
        ]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(version__gte=1), name="project_version_positive"),
            models.CheckConstraint(condition=Q(status__in=["active", "closed"]), name="project_status_known"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectPartner(models.Model):
    """A third party working on this project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_partners")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="project_partners")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["project", "partner"], name="project_partner_once"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} on {self.project_id}"


class ProjectParticipant(models.Model):
    """A person invited to one project. Partner contacts see only the projects they take part in."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["project", "user"], name="project_participant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.project_id}"


class RoleAssignment(models.Model):
    """A person staffing a role of the project's playbook. One of a role's people is its lead, so
    that "a single Responsible" resolves to one person."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="assignments")
    role_key = models.CharField(_("role"), max_length=80)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    is_lead = models.BooleanField(_("lead"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes: ClassVar = [models.Index(fields=["user", "project"], name="assignment_user_project")]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["project", "role_key", "user"], name="assignment_once_per_role"),
            models.UniqueConstraint(
                fields=["project", "role_key"], condition=Q(is_lead=True), name="assignment_one_lead_per_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_key}: {self.user_id}{' (lead)' if self.is_lead else ''}"


class RoleHandover(models.Model):
    """A hand-over of the project's playbook ("``role_key`` to ``to_role_key`` after a
    milestone") that happened: recorded once, when its milestone was first reached. Who holds a
    role is always computed live from the tasks; this row only says the hand-over took place."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="handovers_done")
    role_key = models.CharField(_("role"), max_length=80)
    to_role_key = models.CharField(_("handed over to"), max_length=80)
    handed_over_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["project", "role_key", "to_role_key"], name="handover_once")
        ]

    def __str__(self) -> str:
        return f"{self.role_key} > {self.to_role_key} in {self.project_id}"


# -- The work of a project ------------------------------------------------------------------------
# Task rows carry the workflow state and the planned dates; names are copied from the project's
# playbook copy so that lists across projects (My work) need no playbook parsing.


#: The task status type is the workflow's own (accord.domain.workflow.Status): one list of
#: statuses, so adding one there is the only edit. Kept under this name for the shell's callers.
TaskStatus = Status
#: The statuses as Django choices: the domain's values, its labels translated here.
TASK_STATUS_CHOICES = [(status.value, _(status.label)) for status in Status]


class ProjectTask(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    key = models.CharField(max_length=80)
    name = models.CharField(_("name"), max_length=300)
    phase_key = models.CharField(max_length=80)
    phase_name = models.CharField(_("phase"), max_length=300)
    position = models.PositiveIntegerField()
    milestone = models.BooleanField(default=False)

    status = models.CharField(
        _("status"), max_length=20, choices=TASK_STATUS_CHOICES, default=Status.NOT_STARTED
    )
    status_reason = models.TextField(_("reason"), blank=True)  # why it is blocked or was sent back
    # While blocked, the status it was blocked from (where unblocking returns to); empty otherwise.
    status_before_block = models.CharField(max_length=20, choices=TASK_STATUS_CHOICES, blank=True)

    # The plan (from the planning engine) and what really happened.
    planned_start = models.DateField(null=True, blank=True)
    planned_finish = models.DateField(null=True, blank=True)
    finish_earliest = models.DateField(null=True, blank=True)
    finish_latest = models.DateField(null=True, blank=True)
    critical = models.BooleanField(default=False)
    slack_days = models.IntegerField(default=0)
    actual_start = models.DateField(null=True, blank=True)
    actual_finish = models.DateField(null=True, blank=True)
    # The planned dates when the go-live was last committed (the Gantt draws them under the plan).
    baseline_start = models.DateField(null=True, blank=True)
    baseline_finish = models.DateField(null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "work_projecttask"  # moved from the work app; the table keeps its name
        ordering = ("project", "position")
        indexes: ClassVar = [
            models.Index(fields=["project", "position"], name="task_project_position"),
            models.Index(fields=["status", "planned_finish"], name="task_status_due"),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["project", "key"], name="task_key_unique_in_project"),
            models.CheckConstraint(condition=Q(version__gte=1), name="task_version_positive"),
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in Status]), name="task_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def due_date(self) -> date | None:
        """Due dates come from the plan."""
        return self.planned_finish


class RaciCell(models.Model):
    """The letters one role holds on one task, as the bits of :class:`accord.domain.raci.Raci`
    (R=1, A=2, C=4, I=8, N/A=16). Empty cells are not stored."""

    task = models.ForeignKey(ProjectTask, on_delete=models.CASCADE, related_name="cells")
    role_key = models.CharField(max_length=80)
    letters = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "work_racicell"
        indexes: ClassVar = [models.Index(fields=["role_key", "letters"], name="raci_role_letters")]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["task", "role_key"], name="raci_cell_once_per_role"),
            models.CheckConstraint(
                condition=Q(letters__gte=1, letters__lte=15) | Q(letters=16), name="raci_letters_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_key}={self.letters}"


class TaskComment(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", _("comment")
        QUESTION = "question", _("request for input")  # asked of the Consulted
        ANSWER = "answer", _("input")

    task = models.ForeignKey(ProjectTask, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(_("comment"))
    # Internal: written by vendor staff for vendor staff only; never shown to contacts.
    internal = models.BooleanField(_("internal"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "work_taskcomment"
        ordering = ("created_at",)

    def __str__(self) -> str:
        return self.body[:60]


# The portfolio's per-project summary lives in its own module (accord.projects.summary).
from accord.projects.summary import ProjectSummary as ProjectSummary  # noqa: E402
