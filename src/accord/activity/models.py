"""The activity log: every change to a project — who, what, when, before and after.

``before`` and ``after`` are for people to read (and for undoing a RACI change): state that a
service needs lives in its own columns, never read back from the log.

Later consumers (notifications, outgoing webhooks) read the same entries, queued after commit.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class ActivityEntry(models.Model):
    # Referenced by name: the activity app imports no other app of Accord.
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="activity")
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="activity"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # e.g. "task.approved", "raci.changed". A member of Verb: activity_record refuses any other.
    # No `choices` here on purpose: with them every new verb made a migration of this table.
    verb = models.CharField(max_length=60)
    target_type = models.CharField(max_length=40, blank=True)  # e.g. "task", "raci", "project"
    target_key = models.CharField(max_length=200, blank=True)  # e.g. a task key, "task-key/role-key"
    summary = models.CharField(max_length=500, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["project", "-created_at"], name="activity_project_recent")]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_key}".strip()
