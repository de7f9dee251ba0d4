"""Addresses of the status report pages."""

from django.urls import URLPattern, URLResolver, path

from accord.reports import views

app_name = "reports"
_R = "projects/<id:project_id>/report/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_R, views.report_now, name="now"),
    path(f"{_R}pdf/", views.report_now_pdf, name="now-pdf"),
    path(f"{_R}publish/", views.report_publish, name="publish"),
    path(f"{_R}digest/", views.digest_choose, name="digest"),
    path(f"{_R}<id:report_id>/", views.report_detail, name="detail"),
    path(f"{_R}<id:report_id>/pdf/", views.report_pdf, name="pdf"),
    path(f"{_R}unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
