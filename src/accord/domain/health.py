"""A project's health at a glance: on track, at risk or late.

The forecast (P50, P80 from today) is compared with the go-live committed to (the baseline), and
the plan's late tasks (due date passed, not done) are counted; docs/projects.md explains it:

- **late** — a task on the critical path is late, or the P50 forecast is after the committed
  go-live (going live on time is now less likely than not);
- **at risk** — some other task is late, or the P80 forecast is after the committed go-live;
- **on track** — otherwise, including a project with no forecast or no commitment yet.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Health(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    LATE = "late"


def project_health(
    *,
    baseline: dt.date | None,
    p50: dt.date | None,
    p80: dt.date | None,
    late_tasks: int,
    late_critical_tasks: int,
) -> Health:
    """The health of one project from its committed go-live, its forecast and its late tasks."""
    if late_critical_tasks > 0 or (baseline is not None and p50 is not None and p50 > baseline):
        return Health.LATE
    if late_tasks > 0 or (baseline is not None and p80 is not None and p80 > baseline):
        return Health.AT_RISK
    return Health.ON_TRACK
