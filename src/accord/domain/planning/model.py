"""The result of planning a playbook: what the exporters (JSON, ICS, SVG, text) consume.

Conventions (see docs/planning.md):
- a task of N business days that starts on day D finishes on the N-th business day, counting D;
- a successor starts on the first business day after its predecessor's finish;
- a milestone falls on the first business day after its predecessor's finish;
- a project whose start date is not a business day starts on the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class CalendarInfo:
    country: str
    subdivision: str | None
    timezone: str


@dataclass(frozen=True, slots=True)
class Session:
    """One timed meeting of a meeting series (e.g. one of three 90-minute discovery sessions)."""

    start: datetime  # timezone-aware, in the project's time zone
    end: datetime


@dataclass(frozen=True, slots=True)
class PlannedTask:
    key: str
    name: str
    phase: str  # phase key
    phase_name: str
    start: date
    finish: date  # deterministic plan (most likely, or range midpoint rounded up)
    finish_earliest: date
    finish_latest: date
    critical: bool
    slack_days: int  # business days of total float
    milestone: bool
    sessions: tuple[Session, ...] = ()
    done: bool = False  # finished on its actual date (re-forecast from actuals)


@dataclass(frozen=True, slots=True)
class GoLive:
    planned: date
    earliest: date
    latest: date
    p50: date
    p80: date
    p95: date


@dataclass(frozen=True, slots=True)
class Plan:
    playbook: str  # playbook key
    playbook_name: str
    variant: str | None
    start: date  # first business day on or after the requested start
    calendar: CalendarInfo
    go_live: GoLive
    tasks: tuple[PlannedTask, ...]

    @property
    def critical_path(self) -> tuple[PlannedTask, ...]:
        return tuple(task for task in self.tasks if task.critical)
