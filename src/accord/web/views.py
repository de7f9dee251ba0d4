"""Pages: parse the request, call a selector or a service, render. No rules here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.accounts.models import User
from accord.base.forms import problems_to_form
from accord.domain.errors import AccordError, InvalidInput
from accord.projects.people import invited_role_take
from accord.web.forms import InvitationAcceptForm, InvitationCreateForm
from accord.web.home_selectors import contact_projects
from accord.workspaces import selectors, services
from accord.workspaces.access import WorkspaceAction, memberships_of, require_membership
from accord.workspaces.models import Invitation, MembershipKind


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where each person's day starts: vendor staff on the portfolio (which projects are late, and
    on whom), customer and partner contacts on their project's home (or the list of their projects,
    or My work when they take part in none yet).
    Someone who belongs nowhere yet is told how to get in."""
    memberships = list(memberships_of(request.user))
    if any(membership.is_vendor_staff for membership in memberships):
        return redirect("projects:portfolio")
    if memberships:
        # A contact lands on their project's home, or chooses among several (accord.web.home_views).
        projects = list(contact_projects(request.user).values_list("pk", flat=True)[:2])
        if len(projects) == 1:
            return redirect("project-home", project_id=projects[0])
        if projects:
            return redirect("customer-projects")
        return redirect("work:my-work")
    return render(request, "web/home.html")


@login_not_required
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and `accord serve`'s own start-up check."""
    return HttpResponse("ok", content_type="text/plain")


@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Invite someone into the workspace, and list the invitations still pending."""
    membership = require_membership(request.user, WorkspaceAction.MANAGE, workspace_id)
    workspace = membership.workspace
    form = InvitationCreateForm(request.POST or None, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=acting_user(request),
                workspace=workspace,
                email=form.cleaned_data["email"],
                kind=MembershipKind(form.cleaned_data["kind"]),
                customer=form.cleaned_data["customer"],
                partner=form.cleaned_data["partner"],
                language=get_language() or "en",
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("invitation-create", workspace_id=workspace.pk)
    pending = selectors.pending_invitations(request.user, workspace_id=workspace.pk)
    return render(
        request,
        "web/invitation_create.html",
        {"workspace": workspace, "form": form, "pending": pending},
        status=422 if form.errors else 200,
    )


@require_POST
def invitation_revoke(request: HttpRequest, workspace_id: int, invitation_id: int) -> HttpResponse:
    """Withdraw a pending invitation."""
    require_membership(request.user, WorkspaceAction.MANAGE, workspace_id)
    invitation = selectors.pending_invitation(
        request.user, workspace_id=workspace_id, invitation_id=invitation_id
    )
    services.invitation_revoke(actor=acting_user(request), invitation=invitation)
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("invitation-create", workspace_id=workspace_id)


def _take_invited_role(invitation: Invitation, user: User) -> None:
    """Staff the project role an invitation offered, in the name of whoever invited. Nothing
    happens when that is no longer possible (the inviter lost the right, the role left the plan,
    the person cannot see the project yet or is of another side): the people page still can."""
    offer, inviter = services.invitation_offer(invitation), invitation.invited_by
    if offer is None or inviter is None:
        return
    try:
        invited_role_take(inviter=inviter, user=user, offer=offer)
    except AccordError:
        return


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open an invitation link: show what it offers; on POST, join.

    A new address chooses its password here and is then logged in. An address that already has an
    account must be logged in as that account to join: the link leads to the login page and back,
    so it never logs anyone in by itself. Someone logged in as another person is told so.
    """
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationUnusable as error:
        return _invitation_unusable(request, error)
    account = services.invitation_account(invitation)
    viewer = request.user if isinstance(request.user, User) else None
    other_account = viewer is not None and viewer.email != invitation.email
    needs_login = account is not None and viewer is None
    form = (
        InvitationAcceptForm(request.POST or None, email=invitation.email)
        if account is None and not other_account
        else None
    )
    status = 200
    if request.method == "POST" and needs_login:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST" and other_account:
        status = 403  # nothing changes: the person must log out first
    elif request.method == "POST" and (form is None or form.is_valid()):
        try:
            membership = services.invitation_accept(
                token=token,
                actor=request.user,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password1"] if form else None,
                language=get_language(),
            )
        except services.InvitationUnusable as error:
            return _invitation_unusable(request, error)
        except services.InvitationNeedsLogin:
            return redirect_to_login(request.get_full_path())
        except InvalidInput as error:
            if form is None:
                raise
            problems_to_form(form, error)
        else:
            _take_invited_role(invitation, membership.user)
            if viewer is None:
                # A new account, whose password was just chosen on this page.
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome to %(workspace)s.") % {"workspace": membership.workspace.name}
            )
            return redirect("home")
    return render(
        request,
        "web/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "has_account": account is not None,
            "needs_login": needs_login,
            "other_account": other_account,
            "login_url": f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}",
        },
        status=422 if form is not None and form.errors else status,
    )


def _invitation_unusable(request: HttpRequest, error: services.InvitationUnusable) -> HttpResponse:
    return render(
        request,
        "web/invitation_unusable.html",
        {"error": error},
        status=404 if error.code == "invitation-invalid" else 410,
    )
