"""Addresses of the need and design pages: under a project (/projects/<id>/design/...) and the
workspace's decision tree in its settings (/workspaces/<id>/settings/decision-tree/)."""

from django.urls import URLPattern, URLResolver, path

from accord.design import views

app_name = "design"

_PROJECT = "projects/<id:project_id>/design/"
_NEED = _PROJECT + "needs/<id:need_id>/"
_TREE = "workspaces/<id:workspace_id>/settings/decision-tree/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(_PROJECT, views.design_home, name="home"),
    path(_PROJECT + "needs/new/", views.need_new, name="need-new"),
    path(_NEED, views.need_detail, name="need"),
    path(_NEED + "edit/", views.need_edit, name="need-edit"),
    path(_NEED + "versions/<int:version>/", views.need_version, name="need-version"),
    path(_NEED + "walk/", views.need_walk, name="need-walk"),
    path(_NEED + "switch/", views.need_switch, name="need-switch"),
    path(_PROJECT + "discovery/", views.discovery, name="discovery"),
    path(_PROJECT + "discovery/<id:series_id>.ics", views.discovery_ics, name="discovery-ics"),
    path(_PROJECT + "reviews/", views.review_new, name="review-new"),
    path(_PROJECT + "reviews/<id:review_id>/", views.review_detail, name="review"),
    path(_PROJECT + "reviews/<id:review_id>/flows/", views.flow_add, name="flow-add"),
    path(_PROJECT + "reviews/<id:review_id>/records/", views.item_add, name="item-add"),
    path(_PROJECT + "questions/<id:item_id>/answer/", views.question_answer, name="question-answer"),
    path(_PROJECT + "sequence/", views.sequence, name="sequence"),
    path(_PROJECT + "sequence.svg", views.sequence_svg, name="sequence-svg"),
    path(_PROJECT + "sequence.mmd", views.sequence_mermaid, name="sequence-mermaid"),
    path(_PROJECT + "overview.pptx", views.overview_pptx, name="overview-pptx"),
    path("design/sequence.css", views.sequence_style, name="sequence-style"),
    path(_TREE, views.tree_settings, name="tree-settings"),
    path(_TREE + "reset/", views.tree_reset, name="tree-reset"),
]
