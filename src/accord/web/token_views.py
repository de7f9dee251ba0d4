"""API token pages: your own tokens (under your preferences), and the tokens a workspace's
managers issue to its people. A token's text is shown once, on the page that answers its creation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accord.accounts.models import User
from accord.apikit import selectors, services
from accord.apikit.models import ApiToken
from accord.base.words import of_name
from accord.domain.errors import InvalidInput, NotFound
from accord.web.token_forms import TokenCreateForm, TokenIssueForm
from accord.workspaces import api_tokens
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.models import Membership


def _person(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware lets no one else in
    return user


def _problems_to_form(form: TokenCreateForm, error: InvalidInput) -> None:
    for problem in error.problems:
        field = "expires" if problem.where == "expires_at" else problem.where
        form.add_error(field if field in form.fields else None, problem.message)


@require_http_methods(["GET", "POST"])
def account_tokens(request: HttpRequest) -> HttpResponse:
    """Your API tokens, and a new one (its text shown on the next page, once)."""
    user = _person(request)
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.token_create(
                user=user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.expires_at(),
            )
        except InvalidInput as error:
            _problems_to_form(form, error)
        else:
            return render(
                request, "web/token_created.html", {"created": created, "holder": user, "issued": False}
            )
    return render(
        request,
        "web/account_tokens.html",
        {"form": form, "tokens": selectors.tokens_of(user)},
        status=422 if form.errors else 200,
    )


@require_POST
def account_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of your tokens."""
    user = _person(request)
    try:
        token = services.token_revoke(actor=user, token=selectors.token_of(user, token_id=token_id))
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("account-tokens")


def _managing_membership_or_404(request: HttpRequest, workspace_id: int) -> Membership:
    try:
        return require_membership(request.user, WorkspaceAction.MANAGE, workspace_id)
    except NotFound:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def workspace_tokens(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Tokens issued to the workspace's people (an integration contact, say), and a new one."""
    membership = _managing_membership_or_404(request, workspace_id)
    actor = _person(request)
    form = TokenIssueForm(
        request.POST or None, holders=api_tokens.token_holders(actor, workspace_id=workspace_id)
    )
    if request.method == "POST" and form.is_valid():
        holder = form.cleaned_data["holder"].user
        try:
            created = api_tokens.token_issue(
                actor=actor,
                workspace=membership.workspace,
                holder=holder,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.expires_at(),
            )
        except InvalidInput as error:
            _problems_to_form(form, error)
        else:
            return render(
                request,
                "web/token_created.html",
                {"created": created, "holder": holder, "issued": True, "workspace": membership.workspace},
            )
    return render(
        request,
        "web/workspace_tokens.html",
        {
            "workspace": membership.workspace,
            "may_manage": True,
            "section": "tokens",
            "form": form,
            "tokens": api_tokens.issued_tokens(actor, workspace_id=workspace_id),
        },
        status=422 if form.errors else 200,
    )


@require_POST
def workspace_token_revoke(request: HttpRequest, workspace_id: int, token_id: int) -> HttpResponse:
    """Revoke a token issued in the workspace."""
    membership = _managing_membership_or_404(request, workspace_id)
    try:
        token = api_tokens.issued_token_revoke(
            actor=_person(request), workspace=membership.workspace, token_id=token_id
        )
    except NotFound:
        raise Http404 from None
    messages.success(
        request,
        _("The token “%(name)s” %(of_person)s is revoked.")
        % {"name": token.name, "of_person": of_name(token.user.get_full_name())},
    )
    return redirect("settings-tokens", workspace_id=workspace_id)
