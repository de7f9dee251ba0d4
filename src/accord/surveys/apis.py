"""The surveys operations of the HTTP API (mounted by accord.api; see docs/api.md).

Survey results are internal to the vendor's staff: contacts get 404.
"""

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody
from accord.apikit.schemas import RowId
from accord.domain.errors import NotFound
from accord.surveys import selectors

router = Router(tags=["Surveys"])


class ScoreCount(Schema):
    score: int
    count: int


class CommentOut(Schema):
    project_id: int
    score: int
    comment: str
    answered_at: datetime


class SurveyResultsOut(Schema):
    invited: int
    answered: int
    average: float | None
    distribution: list[ScoreCount]
    comments: list[CommentOut]


def _out(results: selectors.Results) -> SurveyResultsOut:
    return SurveyResultsOut(
        invited=results.invited,
        answered=results.answered,
        average=results.average,
        distribution=[ScoreCount(score=score, count=count) for score, count in results.distribution.items()],
        comments=[
            CommentOut(
                project_id=item.project_id,
                score=item.score,
                comment=item.comment,
                answered_at=item.answered_at,
            )
            for item in results.comments
        ],
    )


@router.get("/projects/{project_id}/survey-results", response={200: SurveyResultsOut, 404: ErrorBody})
def survey_results_read(request: HttpRequest, project_id: RowId) -> SurveyResultsOut:
    """A project's post-onboarding survey: asked, answered, average, distribution, comments."""
    _access, results = selectors.project_results(acting_user(request), project_id)
    return _out(results)


@router.get("/survey-results", response={200: SurveyResultsOut, 404: ErrorBody})
def survey_portfolio_read(request: HttpRequest) -> SurveyResultsOut:
    """The survey across every project you see as the vendor's staff."""
    user = acting_user(request)
    if not selectors.sees_portfolio_results(user):
        raise NotFound(_("No survey results for you."))
    return _out(selectors.portfolio_results(user))
