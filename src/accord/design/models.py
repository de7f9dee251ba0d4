"""From need to design: the need statements of a project, the workspace's decision tree, the
discovery sessions, the design reviews (BDR, TDR) with their data flows and field mappings, and
the rules, requirements, decisions and open questions they settle.

Audience (docs/design.md): everything here is written with the customer and shown to everyone
who sees the project, except the ``internal_note`` fields, which only the vendor's staff read
and write.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.projects.models import Project
from accord.workspaces.models import Workspace

#: The parts of a need, as stored on the need and in each of its versions.
NEED_PARTS = (
    "action",
    "target_platform",
    "trigger",
    "trigger_platform",
    "trigger_field",
    "trigger_from",
    "trigger_to",
    "fields",
    "goal",
    "check_unique",
    "check_identifiable",
    "check_no_special_cases",
    "internal_note",
)


class Need(models.Model):
    """An automation need of a project, in its latest version (earlier ones: :class:`NeedVersion`).

    ``tree_*``, ``leaf_key``, ``way`` and ``case`` record where the decision tree led from the
    need's answers; ``case_outcome`` says whether the project was switched to the matching variant
    or the case only recorded.
    """

    class Outcome(models.TextChoices):
        NONE = "", _("not chosen yet")
        RECORDED = "recorded", _("recorded on the need")
        SWITCHED = "switched", _("project switched to the matching variant")
        ALREADY = "already", _("the project already follows this case")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="needs")
    version = models.PositiveIntegerField(default=1)

    action = models.CharField(_("action"), max_length=300)
    target_platform = models.CharField(_("target platform"), max_length=200)
    trigger = models.CharField(_("trigger"), max_length=300, blank=True)
    trigger_platform = models.CharField(_("trigger platform"), max_length=200)
    trigger_field = models.CharField(_("trigger field"), max_length=200, blank=True)
    trigger_from = models.CharField(_("from value"), max_length=200, blank=True)
    trigger_to = models.CharField(_("to value"), max_length=200, blank=True)
    fields = models.JSONField(_("data exchanged"), default=list, blank=True)
    goal = models.TextField(_("final goal"), blank=True)
    check_unique = models.BooleanField(_("the trigger is unique"), default=False)
    check_identifiable = models.BooleanField(_("the trigger is identifiable"), default=False)
    check_no_special_cases = models.BooleanField(_("the trigger has no special cases"), default=False)
    internal_note = models.TextField(_("internal note"), blank=True)

    tree_answers = models.JSONField(default=dict, blank=True)
    tree_path = models.CharField(max_length=500, blank=True)
    leaf_key = models.CharField(max_length=80, blank=True)
    way = models.CharField(_("integration way"), max_length=80, blank=True)
    case = models.CharField(_("integration case"), max_length=80, blank=True)
    case_outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True, default="")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("project", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(version__gte=1), name="need_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.version})"


class NeedVersion(models.Model):
    """One version of a need as it was written: ``data`` holds every part (NEED_PARTS)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("need", "-version")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["need", "version"], name="need_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.need_id} v{self.version}"


class WorkspaceDecisionTree(models.Model):
    """A workspace's own decision tree (the plain-data form of
    :func:`accord.formats.design.decision_tree_yaml.decision_tree_to_data`); without one, the
    built-in tree applies."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="decision_tree")
    data = models.JSONField()
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"decision tree of {self.workspace_id}"


class DiscoverySeries(models.Model):
    """The discovery sessions of a project: ``count`` meetings of ``minutes`` at ``at`` (the
    project's time zone) on the consecutive business days ``days`` (ISO dates)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="discovery_series")
    task_key = models.CharField(_("task"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=200)
    first_day = models.DateField(_("first day"))
    at = models.TimeField(_("time"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=90)
    count = models.PositiveSmallIntegerField(_("sessions"), default=3)
    days = models.JSONField(default=list)
    include_informed = models.BooleanField(_("invite the Informed too"), default=False)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("project", "-created_at", "-pk")

    def __str__(self) -> str:
        return self.title


class DesignReview(models.Model):
    """A business (BDR) or technical (TDR) design review of a project."""

    class Kind(models.TextChoices):
        BDR = "bdr", _("Business Design Review (BDR)")
        TDR = "tdr", _("Technical Design Review (TDR)")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="design_reviews")
    kind = models.CharField(_("review"), max_length=3, choices=Kind.choices)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("project", "created_at", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=["bdr", "tdr"]), name="design_review_kind_known"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class FlowMode(models.TextChoices):
    REALTIME = "realtime", _("real time")
    BATCH = "batch", _("batch")


class DataFlowRecord(models.Model):
    """A data flow of the project, in the order of ``position`` (the sequence diagram's order)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="data_flows")
    review = models.ForeignKey(
        DesignReview, on_delete=models.SET_NULL, null=True, blank=True, related_name="flows"
    )
    position = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=200)
    source_system = models.CharField(_("source system"), max_length=200)
    target_system = models.CharField(_("target system"), max_length=200)
    trigger = models.CharField(_("trigger"), max_length=300, blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=FlowMode.choices, default=FlowMode.REALTIME)
    format = models.CharField(_("format"), max_length=100, blank=True)
    security = models.CharField(_("security protocol"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("project", "position", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["project", "name"], name="data_flow_name_once"),
            models.CheckConstraint(condition=Q(mode__in=["realtime", "batch"]), name="data_flow_mode_known"),
        ]

    def __str__(self) -> str:
        return self.name


class FieldMappingRecord(models.Model):
    """One field a flow carries: source field → target field, with the rule applied."""

    flow = models.ForeignKey(DataFlowRecord, on_delete=models.CASCADE, related_name="mappings")
    position = models.PositiveIntegerField()
    source = models.CharField(_("source field"), max_length=200)
    target = models.CharField(_("target field"), max_length=200)
    rule = models.CharField(_("rule"), max_length=500, blank=True)

    class Meta:
        ordering = ("flow", "position", "pk")

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class DesignItem(models.Model):
    """A business rule, a compliance requirement, a decision or an open question of a review.

    ``detail`` is the rule's flow, the requirement's reference or the decision's rationale. An
    open question has an ``owner`` (shown in their My work) and a ``due`` date until it is
    answered (``answer``, ``answered_at``).
    """

    class Kind(models.TextChoices):
        RULE = "rule", _("business rule")
        COMPLIANCE = "compliance", _("compliance requirement")
        DECISION = "decision", _("decision")
        QUESTION = "question", _("open question")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="design_items")
    review = models.ForeignKey(
        DesignReview, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("text"))
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="design_questions",
        verbose_name=_("owner"),
    )
    due = models.DateField(_("due"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("project", "kind", "created_at", "pk")
        indexes: ClassVar = [
            models.Index(fields=["owner", "answered_at"], name="design_question_owner_open"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(kind__in=["rule", "compliance", "decision", "question"]),
                name="design_item_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
