"""Addresses of the surveys pages: results, the close of onboarding, and the answer link."""

from django.urls import URLPattern, URLResolver, path

from accord.surveys import views

app_name = "surveys"
urlpatterns: list[URLPattern | URLResolver] = [
    path("projects/<id:project_id>/survey/", views.project_results, name="project"),
    path("projects/<id:project_id>/survey/send/", views.survey_send, name="send"),
    path("projects/<id:project_id>/close/", views.onboarding_close, name="close"),
    path("surveys/", views.portfolio_results, name="portfolio"),
    path("survey/<str:token>/", views.survey_answer, name="answer"),
]
