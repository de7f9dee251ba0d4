"""Addresses of the go-live pages."""

from django.urls import URLPattern, URLResolver

app_name = "golive"
urlpatterns: list[URLPattern | URLResolver] = []
