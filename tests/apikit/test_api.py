"""A small API built by the factory, to test the machinery every router shares."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from accord.accounts.models import User
from accord.apikit.auth import acting_user, admin_auth
from accord.apikit.errors import Conflict, ErrorBody
from accord.apikit.factory import api_build, api_urlpatterns
from accord.apikit.pagination import CursorPagination
from accord.apikit.versions import etag_set, version_required
from accord.domain.errors import InvalidInput, NotFound, Problem, StaleWrite

router = Router(tags=["widgets"])

#: id -> {"name", "version"}; reset by the tests.
WIDGETS: dict[int, dict[str, Any]] = {}
CALLS: list[str] = []


class WidgetIn(Schema):
    name: str


class WidgetOut(Schema):
    id: int
    name: str
    version: int


class PersonOut(Schema):
    id: int
    email: str


def _widget(widget_id: int) -> dict[str, Any]:
    if widget_id not in WIDGETS:
        raise NotFound("No such widget.", hint="List the widgets.")
    return {"id": widget_id, **WIDGETS[widget_id]}


@router.get("/widgets/{widget_id}", response={200: WidgetOut, 404: ErrorBody})
def widget_read(request: HttpRequest, widget_id: int, response: HttpResponse) -> Any:
    widget = _widget(widget_id)
    etag_set(response, widget_id, widget["version"])
    return widget


@router.patch(
    "/widgets/{widget_id}", response={200: WidgetOut, 404: ErrorBody, 412: ErrorBody, 428: ErrorBody}
)
def widget_update(request: HttpRequest, widget_id: int, payload: WidgetIn, response: HttpResponse) -> Any:
    widget = _widget(widget_id)
    expected = version_required(request, widget_id)
    if expected != widget["version"]:
        raise StaleWrite("Someone changed this widget meanwhile.", hint="Read it again.")
    WIDGETS[widget_id] = {"name": payload.name, "version": widget["version"] + 1}
    etag_set(response, widget_id, widget["version"] + 1)
    return _widget(widget_id)


@router.post("/widgets", response={201: WidgetOut, 422: ErrorBody})
def widget_create(request: HttpRequest, payload: WidgetIn) -> Any:
    CALLS.append(payload.name)
    if payload.name == "bad":
        raise InvalidInput(
            [Problem("bad-name", "That name is not allowed.", hint="Pick another.", where="name")]
        )
    widget_id = len(WIDGETS) + 1
    WIDGETS[widget_id] = {"name": payload.name, "version": 1}
    return Status(201, _widget(widget_id))


@router.post("/gates", response={409: ErrorBody})
def gate_pass(request: HttpRequest) -> Any:
    raise Conflict("The gate is closed.", hint="Finish the previous phase.")


@router.get("/boom")
def boom_read(request: HttpRequest) -> Any:
    raise RuntimeError("secret internal detail")


@router.post("/settings", auth=admin_auth, response={200: dict[str, str]})
def settings_change(request: HttpRequest) -> Any:
    return {"changed_by": acting_user(request).email}


@router.get("/people", response=list[PersonOut])
@paginate(CursorPagination, sort_key="email")
def person_list(request: HttpRequest) -> Any:
    return User.objects.all()


test_api = api_build([("", router)], urls_namespace="test-api")
urlpatterns = [path("api/v1/", api_urlpatterns(test_api))]
