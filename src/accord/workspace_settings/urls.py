"""Addresses of the settings pages, all under a workspace: /workspaces/<id>/settings/..."""

from django.urls import URLPattern, path

from accord.workspace_settings import role_views, views

urlpatterns: list[URLPattern] = [
    path("settings/", views.settings_home, name="settings-home"),
    path("workspaces/<id:workspace_id>/settings/playbooks/", views.playbook_list, name="settings-playbooks"),
    path(
        "workspaces/<id:workspace_id>/settings/playbook-upload/",
        views.playbook_upload,
        name="settings-playbook-upload",
    ),
    path(
        "workspaces/<id:workspace_id>/settings/playbook-preview/",
        views.playbook_redetect,
        name="settings-playbook-redetect",
    ),
    path(
        "workspaces/<id:workspace_id>/settings/playbook-save/",
        views.playbook_save,
        name="settings-playbook-save",
    ),
    path(
        "workspaces/<id:workspace_id>/settings/playbooks/<slug:key>/",
        views.playbook_detail,
        name="settings-playbook-detail",
    ),
    path(
        "workspaces/<id:workspace_id>/settings/playbooks/<slug:key>/download/<slug:file_format>/",
        views.playbook_download,
        name="settings-playbook-download",
    ),
    path(
        "workspaces/<id:workspace_id>/settings/playbooks/<slug:key>/roles/",
        role_views.playbook_roles,
        name="settings-playbook-roles",
    ),
    path("workspaces/<id:workspace_id>/settings/people/", views.people, name="settings-people"),
    path("workspaces/<id:workspace_id>/settings/customers/", views.customers, name="settings-customers"),
    path("workspaces/<id:workspace_id>/settings/partners/", views.partners, name="settings-partners"),
    path("workspaces/<id:workspace_id>/settings/branding/", views.branding, name="settings-branding"),
]
