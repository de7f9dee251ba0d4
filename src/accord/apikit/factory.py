"""The NinjaAPI every router is mounted on, and its URL patterns.

:func:`api_build` makes the API (title, version, token authentication by default, the error
handlers, operation ids ``<Entity><Action>``); :func:`api_urlpatterns` gives its URL patterns,
each view wrapped so that the API needs no login session and no CSRF token (tokens authenticate
it; it reads no cookie), answers every response ``Cache-Control: private, no-store``, replays
POSTs that carry an ``Idempotency-Key``, and answers unknown addresses and methods with the one
error body.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Router
from ninja.openapi.docs import Swagger
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from accord.apikit.auth import token_auth
from accord.apikit.errors import (
    ErrorBody,
    error_response,
    install_error_handlers,
    internal_error_response,
    method_not_allowed_response,
    not_found_response,
)
from accord.apikit.idempotency import idempotent

TITLE = "Accord API"
VERSION = "v1"
PRIVATE_NO_STORE = "private, no-store"
DESCRIPTION = """\
The HTTP API of Accord. Authenticate with `Authorization: Bearer <token>`: make a token on your
**API tokens** page (or `accord token create`). A token acts as its person and never beyond its
scope: `read` for GET, `write` for changes, `admin` for administration.

Errors always have the body `{"code", "message", "details"}`. Changes to a versioned resource
need `If-Match` with its `ETag` (428 without, 412 when stale). A POST may carry an
`Idempotency-Key`: a retry with the same key and body gets the first answer (24 hours).
Lists are paged with `?cursor=` and `?limit=` (at most 200) and answer `{"items", "next_cursor"}`.
"""

#: Errors every operation may answer, added to each in the schema so routers declare only their
#: success and their own errors (404, 409, 412, 428…): 422 for any request off the schema, 401 and
#: 403 for those that need a token.
ALWAYS = {"422": "The request does not match the schema, or its input is refused."}
WITH_TOKEN = {
    "401": "No usable token: missing, unknown, expired, revoked, or its person deactivated.",
    "403": "The token's scope does not allow this operation.",
}


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


class AccordApi(NinjaAPI):
    """A NinjaAPI whose operation ids are ``<Entity><Action>``, from the views' names."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return _camel(operation.view_func.__name__)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault(
            "ErrorBody", ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        for path in schema["paths"].values():
            for operation in path.values():
                # Routers declare statuses as ints and ninja keeps them; the ones added here are
                # strings. Both would become the same JSON key twice, which JSON parsers take
                # (last wins) but Swagger UI's YAML parser refuses ("duplicated mapping key").
                responses = {str(status): answer for status, answer in operation.get("responses", {}).items()}
                operation["responses"] = responses
                common = ALWAYS | (WITH_TOKEN if operation.get("security") else {})
                for status, description in common.items():
                    responses.setdefault(status, {"description": description, "content": error})
        return schema


def api_build(
    routers: Iterable[tuple[str, Router]] = (),
    *,
    urls_namespace: str = "api",
    docs_url: str = "/docs",
) -> AccordApi:
    """The Accord API with ``routers`` mounted (prefix, router); every operation needs a token
    unless it says ``auth=None``. Docs come from ninja's own static files, never a CDN."""
    api = AccordApi(
        title=TITLE,
        version=VERSION,
        description=DESCRIPTION,
        urls_namespace=urls_namespace,
        auth=token_auth,
        docs=Swagger(settings={"persistAuthorization": False}),
        docs_url=docs_url,
        openapi_url="/openapi.json",
    )
    install_error_handlers(api)
    for prefix, router in routers:
        api.add_router(prefix, router)
    return api


def _api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = _null_character_refusal(request) or view(request, *args, **kwargs)
        except Http404:
            response = not_found_response()
        except Exception:
            logging.getLogger("accord.api").exception("API error on %s %s", request.method, request.path)
            response = internal_error_response()
        if isinstance(response, HttpResponseNotAllowed):
            allowed = [method.strip() for method in response.get("Allow", "").split(",") if method.strip()]
            response = method_not_allowed_response(allowed)
        response["Cache-Control"] = PRIVATE_NO_STORE
        response["Expires"] = "0"
        return response

    return cast("Callable[..., HttpResponse]", login_not_required(csrf_exempt(wrapped)))


def _null_character_refusal(request: HttpRequest) -> HttpResponse | None:
    """Refuse a NUL character anywhere in the request: PostgreSQL cannot store one in text (a
    DataError, so a 500), and no text of Accord needs one. Pages get the same from Django's form
    fields (ProhibitNullCharactersValidator); the API checks it once, here."""
    # Files (multipart) are binary and read by their own checks; JSON bodies are text.
    is_json = "json" in (request.content_type or "")
    raw_body = request.body if is_json and request.method in ("POST", "PUT", "PATCH") else b""
    query = request.META.get("QUERY_STRING", "").lower()
    if b"\\u0000" in raw_body or b"\x00" in raw_body or "%00" in query or "\x00" in request.path:
        return error_response(
            422,
            "invalid-input",
            _("The request holds a NUL character; nothing was changed."),
            [{"field": "body", "hint": _("Remove the character (\\u0000) from the text and send again.")}],
        )
    return None


def _unknown_address(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return not_found_response()


def api_urlpatterns(api: NinjaAPI) -> tuple[list[URLPattern | URLResolver], str, str]:
    """``include()``-able URL patterns of ``api``, ending with a catch-all that answers 404."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _api_view(idempotent(pattern.callback))
    patterns.append(re_path(r"^.*$", _api_view(_unknown_address), name="unknown-address"))
    return patterns, app_name, namespace
