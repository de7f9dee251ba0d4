"""Survey pages: results (vendor staff), the close of onboarding (managers), and the answer page
a contact reaches from their e-mailed link without logging in. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.accounts.models import user_language
from accord.base.forms import error_lines, problems_to_form
from accord.domain.errors import InvalidInput, NotFound
from accord.projects.access import NotAllowed, ProjectAction, project_access
from accord.surveys import selectors, services
from accord.surveys.forms import AnswerForm, CloseForm


def _results_page(request: HttpRequest, project_id: int, *, status: int = 200, **values: Any) -> HttpResponse:
    access, results = selectors.project_results(request.user, project_id)
    project = access.project
    context = {
        "project": project,
        "results": results,
        "invitations": list(selectors.project_invitations(project)),
        "may_manage": access.allows(ProjectAction.MANAGE),
        "section": "survey",
        **values,
    }
    return render(request, "surveys/project_results.html", context, status=status)


@require_GET
def project_results(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's survey: who was asked, who answered, the scores and comments (vendor staff)."""
    return _results_page(request, project_id)


@require_POST
def survey_send(request: HttpRequest, project_id: int) -> HttpResponse:
    """Send the survey now to the customer's contacts who have not answered (managers)."""
    access, _results = selectors.project_results(request.user, project_id)
    try:
        sent = services.survey_send(actor=acting_user(request), project=access.project)
    except NotAllowed as error:
        return _results_page(request, project_id, errors=error_lines(error), status=403)
    messages.success(request, _("The survey was sent to %(count)s contacts.") % {"count": len(sent)})
    return redirect("surveys:project", project_id=project_id)


@require_http_methods(["GET", "POST"])
def onboarding_close(request: HttpRequest, project_id: int) -> HttpResponse:
    """Close the onboarding: name the main point of contact, hand the roles over, send the survey."""
    access = project_access(request.user, project_id)
    if not access.allows(ProjectAction.MANAGE):
        raise NotFound(_("No such project."))
    project = access.project
    default = services.default_main_contact(project)
    form = CloseForm(
        request.POST if request.method == "POST" else None,
        initial={"main_contact": default.pk if default else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            closed = services.onboarding_close(
                actor=acting_user(request), project=project, main_contact=form.cleaned_data["main_contact"]
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "Onboarding closed: %(person)s is the main point of contact; "
                    "the survey went to %(count)s contacts."
                )
                % {"person": closed.close.main_contact.get_full_name(), "count": closed.surveyed},
            )
            return redirect("projects:overview", project_id=project_id)
    context = {
        "project": project,
        "form": form,
        "people": list(selectors.vendor_people(project)),
        "default": default,
        "summary": selectors.close_summary(request.user, project, may_manage=True),
        "may_manage": True,
        "section": "close",
    }
    return render(request, "surveys/close.html", context, status=422 if form.errors else 200)


@require_GET
def portfolio_results(request: HttpRequest) -> HttpResponse:
    """The survey across the projects the person sees as vendor staff (404 for contacts)."""
    if not selectors.sees_portfolio_results(request.user):
        raise NotFound(_("No such page."))
    return render(
        request, "surveys/portfolio_results.html", {"results": selectors.portfolio_results(request.user)}
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey a contact opens from their link: one answer, no login."""
    try:
        response = services.response_for_token(token)
    except NotFound as error:
        return render(request, "surveys/link_invalid.html", {"error": error}, status=404)
    with translation.override(user_language(response.contact)):
        form = AnswerForm(request.POST if request.method == "POST" else None)
        status = 200
        context: dict[str, Any] = {"project": response.project, "form": form, "token": token}
        if response.answered_at is not None:
            context["already"] = True
            status = 409 if request.method == "POST" else 200
        elif request.method == "POST" and form.is_valid():
            try:
                services.survey_answer(
                    token=token, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"]
                )
            except services.AlreadyAnswered:
                context["already"] = True
                status = 409
            except InvalidInput as error:
                problems_to_form(form, error)
                status = 422
            else:
                context["thanks"] = True
        elif request.method == "POST":
            status = 422
        return render(request, "surveys/answer.html", context, status=status)
