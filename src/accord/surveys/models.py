"""The post-onboarding survey and the close of onboarding (seed 002).

One :class:`SurveyResponse` per customer contact of a project: invited with a signed link (its
``token_nonce``), answered once (CSAT 1–5 and a comment), expiring at ``expires_at``. Results are
internal to the vendor's staff. :class:`OnboardingClose` names the main point of contact going
forward.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.projects.models import Project


class SurveyResponse(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="survey_responses")
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_nonce = models.CharField(max_length=64)
    invited_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ("-answered_at", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["project", "contact"], name="survey_once_per_contact"),
            models.UniqueConstraint(fields=["token_nonce"], name="survey_token_unique"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="survey_score_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, score__isnull=True)
                | Q(answered_at__isnull=False, score__isnull=False),
                name="survey_score_iff_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_id} on {self.project_id}"


class OnboardingClose(models.Model):
    """The close of a project's onboarding: the main point of contact going forward."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="onboarding_close")
    main_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("main point of contact"),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"close of {self.project_id}"
