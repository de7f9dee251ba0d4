"""Addresses of the automations pages."""

from django.urls import URLPattern, URLResolver

app_name = "automations"
urlpatterns: list[URLPattern | URLResolver] = []
