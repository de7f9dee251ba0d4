"""Addresses of the work pages (filled in by the pages capability)."""

from django.urls import URLPattern, URLResolver

app_name = "work"

urlpatterns: list[URLPattern | URLResolver] = []
