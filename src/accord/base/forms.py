"""Typed errors shown to people: on a form's fields, or as lines of a page message.

The one place where the domain's errors (:class:`~accord.domain.errors.InvalidInput` and its
problems, any :class:`~accord.domain.errors.AccordError`) become what a page says.
"""

from __future__ import annotations

from typing import Any

from accord.domain.errors import AccordError, InvalidInput


def problems_to_form(form: Any, error: InvalidInput, *, default_field: str | None = None) -> None:
    """Put each problem of ``error`` on the form field it names (``problem.where``); a problem that
    names no field of the form goes to ``default_field`` (None: the form as a whole)."""
    for problem in error.problems:
        field = problem.where if problem.where in form.fields else default_field
        form.add_error(field, problem.message)


def error_lines(error: AccordError) -> list[str]:
    """What a typed error says to a person, one line per problem, each with its hint."""
    if isinstance(error, InvalidInput) and error.problems:
        return [" ".join(filter(None, [problem.message, problem.hint])) for problem in error.problems]
    return [" ".join(filter(None, [error.message, error.hint]))]


def error_text(error: AccordError) -> str:
    """:func:`error_lines` as one sentence, for a message shown in place."""
    return " ".join(error_lines(error))
