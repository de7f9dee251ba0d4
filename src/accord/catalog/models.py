"""Playbooks a workspace uploaded: one row per key and version, stored as canonical YAML.

A row never changes once saved: a new version of a playbook is a new row, so projects created
from an older version keep pointing at exactly what they were created from.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.workspaces.models import Workspace

KEY_MAX_LENGTH = 80
VERSION_MAX_LENGTH = 40
NAME_MAX_LENGTH = 200


class WorkspacePlaybook(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="playbooks")
    key = models.CharField(_("key"), max_length=KEY_MAX_LENGTH)
    version = models.CharField(_("version"), max_length=VERSION_MAX_LENGTH)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    #: The playbook as :func:`accord.formats.playbook_yaml.dump_playbook` writes it.
    content = models.TextField(_("content"))
    source_filename = models.CharField(_("uploaded file"), max_length=255)
    source_vendor = models.CharField(_("source vendor"), max_length=200, blank=True)
    # Counts taken when the file was saved, so the catalogue lists without parsing every playbook.
    role_count = models.PositiveIntegerField(default=0)
    task_count = models.PositiveIntegerField(default=0)
    lint_errors = models.PositiveIntegerField(default=0)
    lint_warnings = models.PositiveIntegerField(default=0)
    lint_infos = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("key", "-created_at")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["workspace", "key", "version"], name="workspace_playbook_key_version_unique"
            ),
            models.CheckConstraint(
                condition=~Q(key="") & ~Q(version="") & ~Q(name=""),
                name="workspace_playbook_identity_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.version}"
