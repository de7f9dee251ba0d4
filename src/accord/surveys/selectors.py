"""Reads of the survey and the close: results are internal to the vendor's staff.

Contacts (of the customer or a partner) get NotFound for every result, as if none existed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Avg, Count, Q, QuerySet

from accord.accounts.models import User
from accord.domain.errors import NotFound
from accord.projects.access import Audience, ProjectAccess, ProjectAction, audience, project_access, restrict
from accord.projects.handover import handovers_of
from accord.projects.models import Project, RoleHandover
from accord.projects.playbook_copy import project_playbook
from accord.surveys.models import OnboardingClose, SurveyResponse
from accord.workspaces.access import Requester

SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class Comment:
    project_id: int
    project_name: str
    score: int
    comment: str
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class Results:
    """Answers of the survey: how many were asked and answered, the average, the distribution."""

    invited: int
    answered: int
    average: float | None
    distribution: dict[int, int]
    comments: list[Comment] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[int, int, int]]:
        """(score, count, percent of answers) for a bar chart."""
        return [
            (score, count, round(100 * count / self.answered) if self.answered else 0)
            for score, count in self.distribution.items()
        ]


def _results(responses: QuerySet[SurveyResponse], *, comments_limit: int = 50) -> Results:
    answered = responses.filter(answered_at__isnull=False)
    totals = responses.aggregate(invited=Count("pk"))
    summary = answered.aggregate(answered=Count("pk"), average=Avg("score"))
    by_score = dict(answered.values_list("score").annotate(count=Count("pk")).values_list("score", "count"))
    comments = [
        Comment(row.project_id, row.project.name, int(row.score or 0), row.comment, row.answered_at)
        for row in answered.exclude(comment="")
        .select_related("project")
        .order_by("-answered_at", "-pk")[:comments_limit]
        if row.answered_at is not None
    ]
    average = summary["average"]
    return Results(
        invited=totals["invited"] or 0,
        answered=summary["answered"] or 0,
        average=round(float(average), 2) if average is not None else None,
        distribution={score: by_score.get(score, 0) for score in SCORES},
        comments=comments,
    )


def _internal(user: Requester, project_id: int) -> ProjectAccess:
    access = project_access(user, project_id)
    if not access.allows(ProjectAction.SEE_INTERNAL):
        raise NotFound("No such project.")
    return access


def project_results(user: Requester, project_id: int) -> tuple[ProjectAccess, Results]:
    """A project's survey results, for its vendor's staff only (NotFound for anyone else)."""
    access = _internal(user, project_id)
    return access, _results(SurveyResponse.objects.filter(project_id=access.project.pk))


def portfolio_results(user: Requester) -> Results:
    """The survey results of every project the requester sees as vendor staff."""
    projects = restrict(user, ProjectAction.SEE_INTERNAL)
    return _results(SurveyResponse.objects.filter(project__in=projects))


def project_invitations(project: Project) -> QuerySet[SurveyResponse]:
    return (
        SurveyResponse.objects.filter(project_id=project.pk)
        .select_related("contact")
        .order_by("contact__email")
    )


@dataclass(frozen=True, slots=True)
class CloseSummary:
    """What the project overview shows of the close: who is the main point of contact now, the
    hand-overs done and due, and (for the vendor's staff) the survey's answers."""

    close: OnboardingClose | None
    handovers: list[tuple[str, str, bool]]
    results: Results | None
    may_close: bool


def close_summary(user: Requester, project: Project, *, may_manage: bool = False) -> CloseSummary:
    """The close of a project the requester sees (the overview checked it), as they may see it:
    the survey's score only for the vendor's staff. Three or four queries."""
    close = OnboardingClose.objects.select_related("main_contact").filter(project_id=project.pk).first()
    done = set(RoleHandover.objects.filter(project_id=project.pk).values_list("role_key", "to_role_key"))
    names = {role.key: role.name or role.key for role in project_playbook(project).roles}
    handovers = [
        (names.get(item.role, item.role), names.get(item.to, item.to), (item.role, item.to) in done)
        for item in handovers_of(project)
    ]
    results = None
    if audience(user, project) is Audience.INTERNAL:
        summary = SurveyResponse.objects.filter(project_id=project.pk).aggregate(
            invited=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            average=Avg("score", filter=Q(answered_at__isnull=False)),
        )
        average = summary["average"]
        results = Results(
            invited=summary["invited"] or 0,
            answered=summary["answered"] or 0,
            average=round(float(average), 2) if average is not None else None,
            distribution={},
        )
    return CloseSummary(close=close, handovers=handovers, results=results, may_close=may_manage)


def vendor_people(project: Project) -> QuerySet[User]:
    """Who may be named main point of contact: the vendor's people of the project's workspace."""
    from accord.workspaces.models import VENDOR_KINDS

    return User.objects.filter(
        memberships__workspace_id=project.workspace_id,
        memberships__kind__in=sorted(VENDOR_KINDS),
        is_active=True,
    ).order_by("full_name", "email")


def sees_portfolio_results(user: Requester) -> bool:
    """Whether the requester is vendor staff of some workspace (who may see survey results)."""
    from accord.workspaces.access import access_scopes

    return any(scope.is_vendor_staff for scope in access_scopes(user))
