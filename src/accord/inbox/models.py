"""The in-app inbox: what a person was told (task done, input asked, approval awaited)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.activity.models import ActivityEntry
from accord.projects.models import Project, ProjectTask


class Notification(models.Model):
    class Kind(models.TextChoices):
        TASK_DONE = "task_done"
        APPROVAL_REQUESTED = "approval_requested"
        APPROVED = "approved"
        SENT_BACK = "sent_back"
        INPUT_REQUESTED = "input_requested"
        INPUT_GIVEN = "input_given"
        ASSIGNED = "assigned"
        OTHER = "other"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(ProjectTask, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    activity = models.ForeignKey(
        ActivityEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [
            models.Index(fields=["user", "read_at", "-created_at"], name="notification_user_unread")
        ]

    def __str__(self) -> str:
        return self.message
