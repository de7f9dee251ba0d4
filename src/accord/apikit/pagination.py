"""Cursor pagination for every list: ``?cursor=&limit=`` in, ``{"items", "next_cursor"}`` out.

Keyset pagination over (a sort key, id): each page is one query (the page plus one row, to know
whether another follows), whatever the page's depth, and a row added or removed meanwhile never
makes another appear twice or go missing. The cursor is opaque (signed), so clients cannot
build one and we may change its inside.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from accord.domain.errors import InvalidInput, Problem

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_SALT = "accord.apikit.pagination"


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def cursor_encode(sort_key: str, values: tuple[Any, Any]) -> str:
    """An opaque cursor pointing after the row whose (sort key, id) are ``values``."""
    return signing.dumps([sort_key, _encode(values[0]), values[1]], salt=_SALT, compress=True)


def cursor_decode(sort_key: str, cursor: str) -> tuple[Any, Any]:
    """The (sort value, id) a cursor points after; InvalidInput for a cursor we did not make."""
    try:
        key, value, row_id = signing.loads(cursor, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise _bad_cursor() from error
    if key != sort_key:
        raise _bad_cursor()
    return value, row_id


def _bad_cursor() -> InvalidInput:
    return InvalidInput(
        [
            Problem(
                "invalid-cursor",
                _("This cursor is not one this list gave."),
                hint=_("Start again without a cursor, then follow next_cursor."),
                where="cursor",
            )
        ]
    )


def after(sort_key: str, value: Any, row_id: Any) -> Q:
    """The rows after (value, id) in the order (sort key, id), both ascending or both descending."""
    descending = sort_key.startswith("-")
    field = sort_key.lstrip("-")
    beyond = "lt" if descending else "gt"
    return Q(**{f"{field}__{beyond}": value}) | Q(**{field: value, f"pk__{beyond}": row_id})


def page_of(
    queryset: QuerySet[Any], *, sort_key: str, limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    """One page of ``queryset`` in the order (sort key, id) and the cursor of the next one (or None).

    The sort key must be a non-null field; ``-name`` sorts descending (ids then too).
    """
    field = sort_key.lstrip("-")
    id_order = "-pk" if sort_key.startswith("-") else "pk"
    rows = queryset.order_by(sort_key, id_order)
    if cursor:
        rows = rows.filter(after(sort_key, *cursor_decode(sort_key, cursor)))
    items = list(rows[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    last = items[-1]
    return items, cursor_encode(sort_key, (_attribute(last, field), last.pk))


def _attribute(row: Any, path: str) -> Any:
    value = row
    for part in path.split("__"):
        value = getattr(value, part)
    return value


class CursorPagination(PaginationBase):
    """``@paginate(CursorPagination, sort_key="-created_at")`` on an operation returning a queryset."""

    class Input(Schema):
        cursor: str | None = Field(None, description="next_cursor of the previous page; none for the first")
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="items per page")

    class Output(Schema):
        items: list[Any]
        next_cursor: str | None = Field(None, description="the cursor of the next page; null on the last")

    items_attribute: str = "items"

    def __init__(self, *, sort_key: str = "-created_at", **kwargs: Any) -> None:
        self.sort_key = sort_key
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        items, next_cursor = page_of(
            queryset, sort_key=self.sort_key, limit=pagination.limit, cursor=pagination.cursor
        )
        return {"items": items, "next_cursor": next_cursor}
