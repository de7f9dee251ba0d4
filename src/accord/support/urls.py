"""Addresses of the support pages."""

from django.urls import URLPattern, URLResolver, path

from accord.support import views

app_name = "support"
_TICKET = "projects/<id:project_id>/support/tickets/<id:ticket_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("projects/<id:project_id>/support/", views.project_support, name="project"),
    path("projects/<id:project_id>/support/tickets/", views.ticket_create, name="ticket-create"),
    path("projects/<id:project_id>/support/owner/", views.agreement_set, name="owner"),
    path(_TICKET, views.ticket_detail, name="ticket"),
    path(f"{_TICKET}change/", views.ticket_update, name="ticket-update"),
    path(f"{_TICKET}comment/", views.ticket_comment, name="ticket-comment"),
    path(f"{_TICKET}escalate/", views.escalation_compose, name="escalate"),
    path(f"{_TICKET}escalate/redact/", views.escalation_redact, name="escalate-redact"),
    path("workspaces/<id:workspace_id>/support/", views.support_settings, name="settings"),
]
