"""Addresses of the pages. English pages have no prefix; French ones live under /fr/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from accord.accounts import views as account_views
from accord.accounts.forms import LoginForm, QueuedPasswordResetForm
from accord.web import home_views, token_views, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", views.health, name="health"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # The HTTP API: tokens authenticate it, in no language prefix (docs/api.md).
    path("api/v1/", include("accord.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(
        "login/",
        account_views.PersonalLoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("account/preferences/", account_views.preferences, name="account-preferences"),
    path("account/tokens/", token_views.account_tokens, name="account-tokens"),
    path(
        "account/tokens/<id:token_id>/revoke/", token_views.account_token_revoke, name="account-token-revoke"
    ),
    path(
        "workspaces/<id:workspace_id>/settings/tokens/", token_views.workspace_tokens, name="settings-tokens"
    ),
    path(
        "workspaces/<id:workspace_id>/settings/tokens/<id:token_id>/revoke/",
        token_views.workspace_token_revoke,
        name="settings-token-revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("workspaces/<id:workspace_id>/invitations/", views.invitation_create, name="invitation-create"),
    path(
        "workspaces/<id:workspace_id>/invitations/<id:invitation_id>/withdraw/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("", include("accord.workspace_settings.urls")),
    # The contacts' side (accord.web.home_views): their projects and each project's home.
    path("my-projects/", home_views.customer_projects, name="customer-projects"),
    path("projects/<id:project_id>/home/", home_views.project_home_page, name="project-home"),
    path(
        "projects/<id:project_id>/home/milestones/<slug:task_key>.ics",
        home_views.project_home_milestone_ics,
        name="project-home-ics",
    ),
    path("projects/", include("accord.projects.urls")),
    path("", include("accord.work.urls")),
    path("", include("accord.inbox.urls")),
    path("", include("accord.webhooks.urls")),
    path("", include("accord.design.urls")),
    path("", include("accord.automations.urls")),
    path("", include("accord.campaigns.urls")),
    path("", include("accord.golive.urls")),
    path("", include("accord.reports.urls")),
    path("", include("accord.support.urls")),
    path("", include("accord.surveys.urls")),
    prefix_default_language=False,
)
