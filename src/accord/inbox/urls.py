"""Addresses of the inbox: the person's notifications, and marking them read."""

from django.urls import URLPattern, URLResolver, path

from accord.inbox import views

app_name = "inbox"
urlpatterns: list[URLPattern | URLResolver] = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="read"),
]
