"""Addresses of the surveys pages."""

from django.urls import URLPattern, URLResolver

app_name = "surveys"
urlpatterns: list[URLPattern | URLResolver] = []
