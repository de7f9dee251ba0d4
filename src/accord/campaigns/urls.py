"""Addresses of the test campaigns pages."""

from django.urls import URLPattern, URLResolver, path

from accord.campaigns import views

app_name = "campaigns"
_PROJECT = "projects/<id:project_id>/tests/"
_CAMPAIGN = f"{_PROJECT}<id:campaign_id>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_PROJECT, views.campaign_list, name="list"),
    path(f"{_PROJECT}new/", views.campaign_create, name="create"),
    path(_CAMPAIGN, views.campaign_detail, name="detail"),
    path(f"{_CAMPAIGN}start/", views.campaign_start, name="start"),
    path(f"{_CAMPAIGN}sign-off/", views.campaign_sign_off, name="sign-off"),
    path(f"{_CAMPAIGN}generate/", views.cases_generate, name="generate"),
    path(f"{_CAMPAIGN}cases/", views.case_create, name="case-create"),
    path(f"{_CAMPAIGN}cases/<id:case_id>/", views.case_edit, name="case"),
    path(f"{_CAMPAIGN}cases/<id:case_id>/runs/", views.run_create, name="run-create"),
    path(f"{_CAMPAIGN}defects/", views.defect_create, name="defect-create"),
    path(f"{_CAMPAIGN}defects/<id:defect_id>/", views.defect_update, name="defect-update"),
    path(f"{_CAMPAIGN}evidence/<id:evidence_id>/", views.evidence_download, name="evidence"),
]
