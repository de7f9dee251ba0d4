"""Addresses of the automations: the settings pages (/workspaces/<id>/settings/automations/...)
and each trigger's address, where its platform sends events (/hooks/<public id>/)."""

from django.urls import URLPattern, URLResolver, path

from accord.automations import views

app_name = "automations"

_BASE = "workspaces/<id:workspace_id>/settings/automations/"
_TRIGGER = _BASE + "triggers/<id:trigger_id>/"
_RULE = _BASE + "rules/<id:rule_id>/"
_RUN = _BASE + "runs/<id:run_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    # Signed by the platform, not logged in: no CSRF token, no session (see views.hook).
    path("hooks/<slug:public_id>/", views.hook, name="hook"),
    path(_BASE, views.automations_home, name="home"),
    path(_BASE + "triggers/new/", views.trigger_create, name="trigger_create"),
    path(_TRIGGER, views.trigger_detail, name="trigger_detail"),
    path(_TRIGGER + "rotate/", views.trigger_rotate, name="trigger_rotate"),
    path(_TRIGGER + "delete/", views.trigger_delete, name="trigger_delete"),
    path(_BASE + "rules/new/", views.rule_create, name="rule_create"),
    path(_RULE, views.rule_detail, name="rule_detail"),
    path(_RULE + "edit/", views.rule_update, name="rule_update"),
    path(_RULE + "go-live/", views.rule_go_live, name="rule_go_live"),
    path(_RULE + "test-mode/", views.rule_test_mode, name="rule_test_mode"),
    path(_RULE + "delete/", views.rule_delete, name="rule_delete"),
    path(_BASE + "runs/", views.run_list, name="run_list"),
    path(_RUN, views.run_detail, name="run_detail"),
    path(_RUN + "replay/", views.run_replay, name="run_replay"),
]
