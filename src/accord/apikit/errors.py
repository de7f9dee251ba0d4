"""The one error body of the API, ``{"code", "message", "details"}``, and the one map to statuses.

Every failure an operation can meet — the domain's typed errors, a request that does not match
the schema, a missing or bad token, an unknown address, a bug — is answered here, once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from accord.domain.errors import AccordError, InvalidInput, NotFound, StaleWrite

logger = logging.getLogger("accord.api")


class ErrorBody(Schema):
    """What every error answer holds."""

    code: str
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class PreconditionRequired(AccordError):
    """A change was sent without the version it is based on (``If-Match``); nothing was changed."""

    code = "version-required"


class Conflict(AccordError):
    """The change is refused by the state of things (a closed gate, a key in use); nothing changed."""

    code = "conflict"


#: Statuses of the domain's error classes (the first class an error is an instance of wins).
STATUS_BY_CLASS: tuple[tuple[type[AccordError], int], ...] = (
    (NotFound, 404),
    (StaleWrite, 412),
    (PreconditionRequired, 428),
    (Conflict, 409),
    (InvalidInput, 422),
)
#: Statuses of error codes raised by classes this package cannot import (they live in the apps
#: above); an app adds its own with :func:`error_status_register`.
STATUS_BY_CODE: dict[str, int] = {
    "not-found": 404,
    "not-allowed": 403,
    "raci-not-allowed": 403,
    "workflow-refused": 409,
    "workflow-wrong-status": 409,
    "workflow-not-allowed": 403,
    "workflow-reason-required": 422,
    "undo-impossible": 409,
    "stale-write": 412,
}
#: Any other refusal of the domain: the request cannot be carried out as sent.
DEFAULT_DOMAIN_STATUS = 422


def error_status_register(code: str, status: int) -> None:
    """Answer the domain errors of ``code`` with ``status`` (call it at import of an ``apis.py``)."""
    STATUS_BY_CODE[code] = status


def status_of(error: AccordError) -> int:
    """The HTTP status of a domain error."""
    for error_class, status in STATUS_BY_CLASS:
        if isinstance(error, error_class) and error.code == error_class.code:
            return status
    if error.code in STATUS_BY_CODE:
        return STATUS_BY_CODE[error.code]
    for error_class, status in STATUS_BY_CLASS:
        if isinstance(error, error_class):
            return status
    return DEFAULT_DOMAIN_STATUS


def error_response(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> HttpResponse:
    """An error answer in the API's one shape."""
    response = JsonResponse({"code": code, "message": str(message), "details": details or []}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="accord"'
    return response


def domain_error_details(error: AccordError) -> list[dict[str, Any]]:
    """The problems of an InvalidInput, one per field; the hint of any other error."""
    if isinstance(error, InvalidInput):
        return [
            {
                "field": problem.where,
                "code": problem.code,
                "message": problem.message,
                "hint": problem.hint,
                **({"line": problem.line} if problem.line is not None else {}),
                **({"column": problem.column} if problem.column is not None else {}),
            }
            for problem in error.problems
        ]
    return [{"hint": error.hint}] if error.hint else []


def _field_of(location: Any) -> str:
    parts = [str(part) for part in location]
    # ninja puts the request part first ("body", "query", "path", "header") and then the parameter
    # of the view that holds the schema; the field the client sent is what follows.
    return ".".join(parts)


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ninja's schema errors as the body's details: the field, a code and a message each."""
    return [
        {
            "field": _field_of(error.get("loc", ())),
            "code": str(error.get("type", "invalid")),
            "message": str(error.get("msg", "")),
        }
        for error in errors
    ]


def _on_domain_error(request: HttpRequest, error: AccordError) -> HttpResponse:
    return error_response(status_of(error), error.code, error.message, domain_error_details(error))


def _on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    details = validation_details(error.errors)
    return error_response(
        422, "invalid-input", _("The request does not match the schema; nothing was changed."), details
    )


def _on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if isinstance(error, AuthenticationError):
        return not_authenticated_response()
    if isinstance(error, AuthorizationError):
        return error_response(403, "insufficient-scope", str(error.message))
    if error.status_code == 400:  # ninja could not parse the body: bad input, like any other
        return error_response(
            422,
            "invalid-input",
            _("The request body is not valid JSON; nothing was changed."),
            [{"field": "body", "code": "invalid-json", "message": str(error.message)}],
        )
    return error_response(error.status_code, f"http-{error.status_code}", str(error.message))


def not_authenticated_response() -> HttpResponse:
    return error_response(
        401,
        "not-authenticated",
        _("A valid API token is required."),
        [{"hint": _("Send “Authorization: Bearer <token>”; make a token on your API tokens page.")}],
    )


def not_found_response() -> HttpResponse:
    return error_response(404, "not-found", _("Nothing here."), [{"hint": _("See /api/v1/docs.")}])


def method_not_allowed_response(allowed: list[str]) -> HttpResponse:
    response = error_response(
        405,
        "method-not-allowed",
        _("This address does not answer this method."),
        [{"allowed": sorted(allowed)}],
    )
    response["Allow"] = ", ".join(sorted(allowed))
    return response


def internal_error_response() -> HttpResponse:
    return error_response(
        500,
        "internal-error",
        _("Something went wrong on our side; nothing is known to have changed."),
        [{"hint": _("Try again later; if it persists, tell the operator the time of the request.")}],
    )


def _on_http404(request: HttpRequest, error: Exception) -> HttpResponse:
    return not_found_response()


def _on_permission_denied(request: HttpRequest, error: Exception) -> HttpResponse:
    return error_response(403, "not-allowed", _("You may not do this."))


def _on_unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
    # The traceback goes to the log, never to the client.
    logger.error("API error on %s %s", request.method, request.path, exc_info=error)
    return internal_error_response()


HANDLERS: tuple[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]], ...] = (
    (Exception, _on_unexpected),
    (AccordError, _on_domain_error),
    (ValidationError, _on_validation_error),
    (HttpError, _on_http_error),
    (Http404, _on_http404),
    (PermissionDenied, _on_permission_denied),
)


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every exception an operation raises with the one error body."""
    for exception_class, handler in HANDLERS:
        api.add_exception_handler(exception_class, handler)
