"""Typed errors of the pure core.

Every error a user can meet carries a stable code, a message and a hint. The shells (the CLI,
the web application) map them to exit codes, HTTP responses and page messages in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    ``where`` names the file (or sheet), and ``line``/``column`` are 1-based when known.
    For spreadsheets, ``line`` is the row and ``column`` the column letter or header.
    """

    code: str
    message: str
    hint: str = ""
    where: str = ""
    line: int | None = None
    column: int | str | None = None

    def location(self) -> str:
        parts = [self.where] if self.where else []
        if self.line is not None:
            parts.append(f"line {self.line}" if isinstance(self.column, int | None) else f"row {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    @property
    def located_message(self) -> str:
        """The message prefixed with its location, without the hint."""
        location = self.location()
        return f"{location}: {self.message}" if location else self.message

    def __str__(self) -> str:
        text = self.located_message
        return f"{text} (hint: {self.hint})" if self.hint else text


class AccordError(Exception):
    """Base of every error the core raises on purpose."""

    code = "accord-error"

    def __init__(self, message: str, *, hint: str = "", code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


class InvalidInput(AccordError):
    """An input (a file, a form, an argument) has one or more problems; nothing was changed."""

    code = "invalid-input"

    def __init__(self, problems: Iterable[Problem], *, message: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        first = self.problems[0] if self.problems else None
        summary = message or (
            first.located_message if count == 1 and first else f"{count} problems found; nothing was changed"
        )
        super().__init__(summary, hint=first.hint if count == 1 and first else "")

    def __str__(self) -> str:
        if len(self.problems) <= 1:
            return super().__str__()
        return "\n".join([self.message, *(f"  - {problem}" for problem in self.problems)])


class NotFound(AccordError):
    """A named thing (a playbook, a variant, a task) does not exist."""

    code = "not-found"


class StaleWrite(AccordError):
    """A change was based on an older version of the object than the stored one; nothing was changed."""

    code = "stale-write"
