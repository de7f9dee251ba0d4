"""Addresses of the webhook settings pages: /workspaces/<id>/settings/webhooks/..."""

from django.urls import URLPattern, path

from accord.webhooks import views

app_name = "webhooks"

_BASE = "workspaces/<id:workspace_id>/settings/webhooks/"
_ENDPOINT = _BASE + "<id:endpoint_id>/"

urlpatterns: list[URLPattern] = [
    path(_BASE, views.endpoint_list, name="list"),
    path(_BASE + "new/", views.endpoint_create, name="create"),
    path(_ENDPOINT, views.endpoint_detail, name="detail"),
    path(_ENDPOINT + "edit/", views.endpoint_update, name="update"),
    path(_ENDPOINT + "rotate/", views.endpoint_rotate, name="rotate"),
    path(_ENDPOINT + "disable/", views.endpoint_disable, name="disable"),
    path(_ENDPOINT + "enable/", views.endpoint_enable, name="enable"),
    path(_ENDPOINT + "delete/", views.endpoint_delete, name="delete"),
    path(_ENDPOINT + "replay/", views.endpoint_replay, name="replay"),
    path(_ENDPOINT + "deliveries/<id:delivery_id>/", views.delivery_detail, name="delivery"),
]
