"""Addresses of the project pages: the portfolio, a new project, and each project's overview,
staffing and upgrade. The board and task pages of a project live in accord.work.urls."""

from django.urls import URLPattern, URLResolver, path

from accord.projects import views

app_name = "projects"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.portfolio, name="portfolio"),
    path("new/", views.project_new, name="new"),
    path("new/options/", views.project_new_options, name="new-options"),
    path("gantt.css", views.gantt_style, name="gantt-style"),
    path("<id:project_id>/", views.project_overview, name="overview"),
    path("<id:project_id>/people/", views.project_staffing, name="staffing"),
    path("<id:project_id>/people/assign/", views.role_assign, name="role-assign"),
    path("<id:project_id>/people/unassign/", views.role_unassign, name="role-unassign"),
    path("<id:project_id>/people/lead/", views.role_lead, name="role-lead"),
    path("<id:project_id>/people/participants/", views.participant_add, name="participant-add"),
    path("<id:project_id>/people/partners/", views.partner_add, name="partner-add"),
    path("<id:project_id>/people/invite/", views.project_invite, name="invite"),
    path("<id:project_id>/upgrade/", views.project_upgrade, name="upgrade"),
]
