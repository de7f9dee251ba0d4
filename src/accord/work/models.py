"""The work of a project: its tasks, the RACI letters each role holds on them, and comments.

Task rows carry the workflow state and the planned dates; names are copied from the project's
playbook copy so that lists across projects (My work) need no playbook parsing.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.projects.models import Project


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
    DONE = "done", _("done")
    BLOCKED = "blocked", _("blocked")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class ProjectTask(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    key = models.CharField(max_length=80)
    name = models.CharField(_("name"), max_length=300)
    phase_key = models.CharField(max_length=80)
    phase_name = models.CharField(_("phase"), max_length=300)
    position = models.PositiveIntegerField()
    milestone = models.BooleanField(default=False)

    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    status_reason = models.TextField(_("reason"), blank=True)  # why it is blocked or was sent back
    # While blocked, the status it was blocked from (where unblocking returns to); empty otherwise.
    status_before_block = models.CharField(max_length=20, choices=TaskStatus.choices, blank=True)

    # The plan (from the planning engine) and what really happened.
    planned_start = models.DateField(null=True, blank=True)
    planned_finish = models.DateField(null=True, blank=True)
    finish_earliest = models.DateField(null=True, blank=True)
    finish_latest = models.DateField(null=True, blank=True)
    critical = models.BooleanField(default=False)
    slack_days = models.IntegerField(default=0)
    actual_start = models.DateField(null=True, blank=True)
    actual_finish = models.DateField(null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("project", "position")
        indexes: ClassVar = [
            models.Index(fields=["project", "position"], name="task_project_position"),
            models.Index(fields=["status", "planned_finish"], name="task_status_due"),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["project", "key"], name="task_key_unique_in_project"),
            models.CheckConstraint(condition=Q(version__gte=1), name="task_version_positive"),
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in TaskStatus]), name="task_status_known"
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
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at",)

    def __str__(self) -> str:
        return self.body[:60]
