"""The site's own addresses plus the baseline views under /bench/raw/."""

from django.urls import URLPattern, URLResolver, path

from accord.config.urls import urlpatterns as site_urlpatterns
from benchmarks.pages import views

urlpatterns: list[URLPattern | URLResolver] = [
    *site_urlpatterns,
    path("bench/raw/portfolio/", views.raw_portfolio),
    path("bench/raw/board/<int:project_id>/", views.raw_board),
    path("bench/raw/my-work/", views.raw_my_work),
]
