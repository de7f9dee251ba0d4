"""Addresses of the project pages: the portfolio, a new project, and each project's overview,
staffing and upgrade. The board and task pages of a project live in accord.work.urls."""

from django.urls import URLPattern, URLResolver, path

from accord.projects import plan_views, settings_views, views

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
    path("<id:project_id>/plan/", plan_views.plan_page, name="plan"),
    path("<id:project_id>/plan/add/", plan_views.plan_task_add, name="plan-add"),
    path("<id:project_id>/plan/save/", plan_views.plan_playbook_save, name="plan-save"),
    path("<id:project_id>/plan/put-back/", plan_views.plan_task_put_back, name="plan-put-back"),
    path("<id:project_id>/plan/tasks/<slug:task_key>/", plan_views.plan_task, name="plan-task"),
    path(
        "<id:project_id>/plan/tasks/<slug:task_key>/rename/", plan_views.plan_task_rename, name="plan-rename"
    ),
    path(
        "<id:project_id>/plan/tasks/<slug:task_key>/timing/", plan_views.plan_task_timing, name="plan-timing"
    ),
    path("<id:project_id>/plan/tasks/<slug:task_key>/move/", plan_views.plan_task_move, name="plan-move"),
    path(
        "<id:project_id>/plan/tasks/<slug:task_key>/remove/", plan_views.plan_task_remove, name="plan-remove"
    ),
    path("<id:project_id>/plan/tasks/<slug:task_key>/go-live/", plan_views.plan_go_live, name="plan-go-live"),
    path("<id:project_id>/settings/", settings_views.project_settings, name="settings"),
    path("<id:project_id>/settings/closures/", settings_views.closure_add, name="closure-add"),
    path("<id:project_id>/settings/closures/remove/", settings_views.closure_remove, name="closure-remove"),
    path("<id:project_id>/settings/go-live/", settings_views.go_live_reset, name="go-live-reset"),
    path("<id:project_id>/settings/close/", settings_views.project_close, name="close"),
    path("<id:project_id>/settings/reopen/", settings_views.project_reopen, name="reopen"),
    path(
        "<id:project_id>/tasks/<id:task_id>/actual-dates/",
        settings_views.task_actual_dates,
        name="task-actual-dates",
    ),
]
