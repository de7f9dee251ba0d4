"""Addresses of the need and design pages."""

from django.urls import URLPattern, URLResolver

app_name = "design"
urlpatterns: list[URLPattern | URLResolver] = []
