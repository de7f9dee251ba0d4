"""The inbox operations of the HTTP API (mounted by accord.api; see docs/api.md): your
notifications, newest first, and marking them read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from accord.accounts.models import supported_language, user_language
from accord.apikit.auth import acting_user
from accord.apikit.pagination import CursorPagination, page_of
from accord.apikit.schemas import RowId
from accord.domain.errors import InvalidInput, Problem
from accord.inbox.selectors import inbox_for
from accord.inbox.services import notification_mark_read, notification_path, notification_text

router = Router(tags=["Inbox"])


class NotificationOut(Schema):
    id: int
    kind: str
    text: str = Field(description="what happened, in the caller's language")
    project_id: int
    project_name: str
    task_id: int | None
    link: str = Field(description="the page it leads to")
    created_at: dt.datetime
    read_at: dt.datetime | None
    unread: bool


class InboxPage(Schema):
    items: list[NotificationOut]
    next_cursor: str | None


class InboxQuery(Schema):
    unread: bool = False


class ReadIn(Schema):
    ids: list[RowId] = Field(
        default_factory=list, max_length=500, description="your notifications to mark read"
    )
    all: bool = Field(False, description="mark every unread notification read")


class ReadOut(Schema):
    marked: int = Field(description="how many were unread and are read now")


@router.get("/inbox", response=InboxPage)
def notification_list(
    request: HttpRequest, query: Query[InboxQuery], pagination: Query[CursorPagination.Input]
) -> Any:
    """Your notifications, newest first (``unread=true``: only unread ones), each in your
    language (Accept-Language, else your own). One query per page."""
    user = acting_user(request)
    rows, next_cursor = page_of(
        inbox_for(user, unread_only=query.unread),
        sort_key="-created_at",
        limit=pagination.limit,
        cursor=pagination.cursor,
    )
    if request.headers.get("Accept-Language"):
        language = supported_language(translation.get_language_from_request(request))
    else:
        language = user_language(user)
    with translation.override(language):
        items = [
            {
                "id": row.pk,
                "kind": row.kind,
                "text": notification_text(row),
                "project_id": row.project_id,
                "project_name": row.project.name,
                "task_id": row.task_id,
                "link": notification_path(row),
                "created_at": row.created_at,
                "read_at": row.read_at,
                "unread": row.read_at is None,
            }
            for row in rows
        ]
    return {"items": items, "next_cursor": next_cursor}


@router.post("/inbox/read", response=ReadOut)
def notification_read(request: HttpRequest, payload: ReadIn) -> Any:
    """Mark notifications read: the ``ids`` given (only yours count), or ``all`` unread ones."""
    user = acting_user(request)
    if payload.all == bool(payload.ids):
        raise InvalidInput(
            [
                Problem(
                    "read-what",
                    _("Say which notifications to mark read."),
                    hint=_("Send either ids (a list) or all: true."),
                    where="ids",
                )
            ]
        )
    ids = list(inbox_for(user, unread_only=True).values_list("pk", flat=True)) if payload.all else payload.ids
    return {"marked": notification_mark_read(actor=user, notification_ids=ids)}
