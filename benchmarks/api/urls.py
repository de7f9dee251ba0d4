"""The site's own addresses plus the API baseline under /bench/raw/api/."""

from django.urls import URLPattern, URLResolver, path

from accord.config.urls import urlpatterns as site_urlpatterns
from benchmarks.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    *site_urlpatterns,
    path("bench/raw/api/projects/<int:project_id>", views.raw_project),
]
