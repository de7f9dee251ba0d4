"""Structured timeframes: when a task starts and how long it lasts.

The source's own words stay in ``Task.timeframe``; this is the structured reading of them
that the planner uses. (Fleshed out by the planning capability.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from accord.domain.errors import AccordError


class TimingError(AccordError):
    """A structured timeframe is malformed. ``path`` locates it inside the task's ``timing``."""

    code = "timing-invalid"

    def __init__(self, message: str, *, hint: str = "", path: tuple[str | int, ...] = ()) -> None:
        super().__init__(message, hint=hint)
        self.path = path


@dataclass(frozen=True, slots=True)
class Timing:
    data: Mapping[str, Any]


def timing_from_data(data: Mapping[str, Any]) -> Timing:
    return Timing(data=dict(data))


def timing_to_data(timing: Timing) -> dict[str, Any]:
    return dict(timing.data)
