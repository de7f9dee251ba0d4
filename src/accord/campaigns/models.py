"""Test campaigns of a project: SIT, UAT and E2E (per integration case), their cases, runs,
evidence and defects.

A campaign is tied to the project's validation task (whose Accountable signs it off) and, for
E2E, to the session task of its integration case: which tasks is data
(:mod:`accord.campaigns.validation`), copied onto the campaign when it is created.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any, ClassVar

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from accord.projects.models import Project


class CampaignKind(models.TextChoices):
    SIT = "sit", _("SIT")
    UAT = "uat", _("UAT")
    E2E = "e2e", _("E2E")


class CampaignStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    RUNNING = "running", _("running")
    SIGNED_OFF = "signed_off", _("signed off")


class Campaign(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="campaigns")
    kind = models.CharField(_("kind"), max_length=3, choices=CampaignKind.choices)
    name = models.CharField(_("name"), max_length=200)
    # The variant key of the playbook (the integration case) an E2E campaign tests.
    integration_case = models.CharField(_("integration case"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.NOT_STARTED
    )
    # The task whose Accountable signs the campaign off, and the task of the test session itself
    # (the same task for SIT and UAT; the case's session for E2E). Keys of the project's tasks.
    validation_task_key = models.CharField(max_length=80, blank=True)
    session_task_key = models.CharField(max_length=80, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("project", "created_at", "pk")
        indexes: ClassVar = [models.Index(fields=["project", "kind"], name="campaign_project_kind")]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=["sit", "uat", "e2e"]), name="campaign_kind_known"),
            models.CheckConstraint(
                condition=Q(status__in=["not_started", "running", "signed_off"]), name="campaign_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(status="signed_off") | Q(signed_off_at__isnull=False),
                name="campaign_signed_off_has_date",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="campaign_version_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class CaseSource(models.TextChoices):
    FLOW = "flow", _("data flow")
    MAPPING = "mapping", _("field mapping")
    MANUAL = "manual", _("added by hand")


class TestCase(models.Model):
    __test__ = False  # not a pytest class

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="cases")
    title = models.CharField(_("title"), max_length=300)
    steps = models.TextField(_("steps"), blank=True)
    expected = models.TextField(_("expected result"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=CaseSource.choices, default=CaseSource.MANUAL
    )
    # What a generated case comes from ("Daily bill file", "Daily bill file: account → AccountNumber"),
    # so that generating again adds only what is new.
    source_ref = models.CharField(max_length=400, blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("campaign", "position", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["campaign", "source", "source_ref"],
                condition=~Q(source="manual"),
                name="case_generated_once",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="case_version_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class RunResult(models.TextChoices):
    PASS = "pass", _("pass")
    FAIL = "fail", _("fail")
    BLOCKED = "blocked", _("blocked")


class TestRun(models.Model):
    """One execution of a case. The latest run of a case is its result."""

    __test__ = False

    case = models.ForeignKey(TestCase, on_delete=models.CASCADE, related_name="runs")
    result = models.CharField(_("result"), max_length=10, choices=RunResult.choices)
    notes = models.TextField(_("notes"), blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    run_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("case", "-run_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["case", "-run_at"], name="run_case_latest")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(result__in=["pass", "fail", "blocked"]), name="run_result_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.result}"


class EvidenceStorage(FileSystemStorage):
    """Evidence files live under ACCORD_EVIDENCE_DIR, outside any public folder: they have no URL and
    are served only by the access-checked download view. Reads the setting when used (tests move it)."""

    @property
    def base_location(self) -> Any:
        return settings.ACCORD_EVIDENCE_DIR

    @property
    def location(self) -> str:
        return str(PurePath(settings.ACCORD_EVIDENCE_DIR))


evidence_storage = EvidenceStorage()


def evidence_path(instance: Evidence, filename: str) -> str:
    """A path nobody chooses: the campaign, a random folder, and a safe version of the file's name."""
    safe = get_valid_filename(PurePath(filename.replace("\\", "/")).name)[-100:] or "evidence"
    return f"campaign-{instance.run.case.campaign_id}/{uuid.uuid4().hex}/{safe}"


class Evidence(models.Model):
    run = models.ForeignKey(TestRun, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("run", "pk")

    def __str__(self) -> str:
        return self.original_name


class DefectSeverity(models.TextChoices):
    CRITICAL = "critical", _("critical")
    MAJOR = "major", _("major")
    MINOR = "minor", _("minor")
    TRIVIAL = "trivial", _("trivial")


class DefectStatus(models.TextChoices):
    OPEN = "open", _("open")
    FIXED = "fixed", _("fixed")
    CLOSED = "closed", _("closed")


class Defect(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="defects")
    # The case (and run) that found it.
    case = models.ForeignKey(
        TestCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="defects"
    )
    run = models.ForeignKey(TestRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="defects")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=DefectSeverity.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DefectStatus.choices, default=DefectStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("campaign", "-created_at", "-pk")
        indexes: ClassVar = [
            models.Index(fields=["campaign", "status", "severity"], name="defect_open_severity")
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(severity__in=["critical", "major", "minor", "trivial"]),
                name="defect_severity_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "fixed", "closed"]), name="defect_status_known"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="defect_version_positive"),
        ]

    def __str__(self) -> str:
        return self.title
