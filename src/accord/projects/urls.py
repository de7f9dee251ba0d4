"""Addresses of the projects pages (filled in by the pages capability)."""

from django.urls import URLPattern, URLResolver

app_name = "projects"

urlpatterns: list[URLPattern | URLResolver] = []
