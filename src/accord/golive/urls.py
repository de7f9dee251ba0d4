"""Addresses of the go-live pages."""

from django.urls import URLPattern, URLResolver, path

from accord.golive import views

app_name = "golive"
_GATE = "projects/<id:project_id>/go-live/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_GATE, views.gate_page, name="gate"),
    path(f"{_GATE}contact/", views.contact_set, name="contact"),
    path(f"{_GATE}handover/", views.handover_record, name="handover"),
    path(f"{_GATE}communication/", views.communication_set, name="communication"),
    path(f"{_GATE}go/", views.go_live, name="go-live"),
]
