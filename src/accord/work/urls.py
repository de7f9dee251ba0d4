"""Addresses of the work pages: a project's board and tasks, and My work."""

from django.urls import URLPattern, URLResolver, path

from accord.work import views

app_name = "work"

urlpatterns: list[URLPattern | URLResolver] = [
    path("projects/<id:project_id>/board/", views.board_page, name="board"),
    path("projects/<id:project_id>/board/cell/", views.board_cell, name="board-cell"),
    path(
        "projects/<id:project_id>/board/cell/<id:task_id>/<slug:role_key>/",
        views.board_cell_editor,
        name="board-cell-editor",
    ),
    path("projects/<id:project_id>/board/undo/<id:entry_id>/", views.board_undo, name="board-undo"),
    path("projects/<id:project_id>/board/bulk/", views.board_bulk, name="board-bulk"),
    path("projects/<id:project_id>/board/fix/", views.board_fix, name="board-fix"),
    path("projects/<id:project_id>/board/export.<str:file_format>", views.board_export, name="board-export"),
    path("projects/<id:project_id>/tasks/<id:task_id>/", views.task_detail, name="task"),
    path(
        "projects/<id:project_id>/tasks/<id:task_id>/transition/",
        views.task_transition,
        name="task-transition",
    ),
    path("projects/<id:project_id>/tasks/<id:task_id>/comment/", views.task_comment, name="task-comment"),
    path("projects/<id:project_id>/tasks/<id:task_id>/ask/", views.task_ask, name="task-ask"),
    path("my-work/", views.my_work, name="my-work"),
]
