"""Planning: working calendars, the scheduler and the go-live forecast.

``plan_playbook(playbook, start=..., calendar=WorkingCalendar.create("FR"))`` gives a
:class:`~accord.domain.planning.model.Plan`; docs/planning.md explains the conventions.
"""

from accord.domain.planning.network import Network, PlanningError, compile_network
from accord.domain.planning.portfolio import PortfolioSchedule, schedule_portfolio
from accord.domain.planning.scheduler import (
    Progress,
    Schedule,
    constraints_from_progress,
    forecast,
    plan_from_schedule,
    plan_playbook,
    schedule,
)

__all__ = [
    "Network",
    "PlanningError",
    "PortfolioSchedule",
    "Progress",
    "Schedule",
    "compile_network",
    "constraints_from_progress",
    "forecast",
    "plan_from_schedule",
    "plan_playbook",
    "schedule",
    "schedule_portfolio",
]
